"""Meeting messages: Block Kit structure, wording from templates/meetings, escaping of every outside text."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.meetings.display import date_line, offset_label, short_datetime
from bot.meetings.model import AgendaItem
from bot.meetings.notices import MissedSend
from bot.meetings.quorum import Tally, forecast
from bot.settings import Member, Quorum
from templates.blocks import meetings as mb
from templates.blocks.messages import Message

TZ = ZoneInfo("Asia/Tokyo")
START = datetime(2026, 1, 21, 15, 0, tzinfo=TZ)
WHEN = date_line(START, START + timedelta(hours=2), tz=TZ)
AGENDA = [
    AgendaItem(4, "諮問第12号", "窓口の決済機能の導入について", pending=True),
    AgendaItem(5, "諮問第13号", "防犯カメラの設置について"),
]
TALLY = Tally(attending=3, absent=1, undecided=2, unanswered=2)
HOSTILE = "<!channel> A&B <https://evil.example|ここ>"
MEMBERS = [Member(slack_id=f"U0M{i}", name=f"委員{i}", role="委員") for i in range(8)]


def dump(msg: Message) -> str:
    return json.dumps(msg.as_kwargs(), ensure_ascii=False)


def blocks(msg: Message) -> list[dict]:
    return msg.as_kwargs()["blocks"]


def test_announcement_with_buttons() -> None:
    msg = mb.announcement(
        meeting_id=12, title="第80回 審議会", when=WHEN, place="本庁舎 3階", agenda=AGENDA, tally=TALLY
    )
    body = blocks(msg)[0]["text"]["text"]
    assert "*第80回 審議会*" in body
    assert "令和8年1月21日(水) 15:00–17:00" in body and "場所: 本庁舎 3階" in body
    assert "• 諮問第12号 窓口の決済機能の導入について（継続審議）" in body
    assert "• 諮問第13号 防犯カメラの設置について\n" in body  # not pending: no mark
    tally = next(b for b in blocks(msg) if b.get("block_id") == mb.TALLY_BLOCK_ID)
    assert tally["elements"][0]["text"] == "出席 3・欠席 1・未定 2・未回答 2"
    actions = blocks(msg)[-1]
    assert actions["type"] == "actions" and actions["block_id"] == mb.RSVP_BLOCK_ID
    got = [(e["action_id"], e["text"]["text"], e["value"]) for e in actions["elements"]]
    assert got == [("rsvp_attend", "出席", "12"), ("rsvp_absent", "欠席", "12"), ("rsvp_undecided", "未定", "12")]
    assert msg.text.startswith("*第80回 審議会*")


def test_announcement_without_place_agenda_or_tally() -> None:
    msg = mb.announcement(meeting_id=3, title="臨時会", when=date_line(START, None, tz=TZ), place=None)
    body = blocks(msg)[0]["text"]["text"]
    assert "15:00〜" in body and "場所" not in body and "議題" not in body
    assert [b["type"] for b in blocks(msg)] == ["section", "actions"]


def test_closed_announcement_has_no_buttons() -> None:
    msg = mb.announcement(meeting_id=12, title="第80回", when=WHEN, place=None, agenda=AGENDA, tally=TALLY, closed=True)
    assert all(b["type"] != "actions" for b in blocks(msg))
    assert "rsvp_attend" not in dump(msg)
    last = blocks(msg)[-1]["elements"][0]["text"]
    assert last.startswith("受付は終了しました") and "出席 3・欠席 1・未定 2・未回答 2" in last
    assert "ボタン" not in blocks(msg)[0]["text"]["text"]


def test_outside_text_is_escaped_everywhere() -> None:
    agenda = [AgendaItem(1, HOSTILE, HOSTILE, pending=True)]
    f = forecast([Member(slack_id="U0EVIL", name=HOSTILE, role="委員")], {}, quorum=Quorum())
    messages = [
        mb.announcement(meeting_id=1, title=HOSTILE, when=WHEN, place=HOSTILE, agenda=agenda, tally=TALLY),
        mb.announcement(meeting_id=1, title=HOSTILE, when=WHEN, place=HOSTILE, agenda=agenda, closed=True),
        mb.reminder_channel(title=HOSTILE, when=WHEN, place=HOSTILE, before="1日"),
        mb.reminder_dm(meeting_id=1, name=HOSTILE, title=HOSTILE, when=WHEN, place=HOSTILE, answer=None),
        mb.quorum_forecast(forecast=f, title=HOSTILE, when=WHEN, quorum_text=HOSTILE),
        mb.cancellation(title=HOSTILE, when=WHEN, reason=HOSTILE),
        mb.move_notice(title=HOSTILE, old_when=WHEN, new_when=WHEN, old_place=HOSTILE, new_place="別館"),
        mb.missed_report([MissedSend(HOSTILE, WHEN, "reminder", "7日", "1月14日(水) 15:00")]),
    ]
    for msg in messages:
        texts = [msg.text] + [b["text"]["text"] for b in blocks(msg) if b["type"] == "section"]
        for text in texts:
            assert "<" not in text and ">" not in text, text
            assert "&lt;!channel&gt; A&amp;B" in text, text


def test_long_agenda_is_split_under_the_section_limit() -> None:
    agenda = [AgendaItem(i, f"諮問第{i}号", "個人情報の取扱いについて" * 8) for i in range(60)]
    msg = mb.announcement(meeting_id=1, title="第80回", when=WHEN, place=None, agenda=agenda)
    sections = [b["text"]["text"] for b in blocks(msg) if b["type"] == "section"]
    assert len(sections) > 1 and all(len(s) <= 3000 for s in sections)
    assert sum(s.count("• 諮問第") for s in sections) == 60
    assert len(msg.text) <= 3000


def test_reminder_in_channel() -> None:
    msg = mb.reminder_channel(
        title="第80回", when=WHEN, place="本庁舎", before=offset_label(timedelta(days=7)), tally=TALLY
    )
    assert "*第80回* は 令和8年1月21日(水) 15:00–17:00 に開催します（7日前のお知らせです）" in msg.text
    assert "現在の回答: 出席 3・欠席 1・未定 2・未回答 2" in msg.text
    assert all(b["type"] == "section" for b in blocks(msg))


def test_reminder_dm_wording_depends_on_answer_and_has_buttons() -> None:
    unanswered = mb.reminder_dm(meeting_id=12, name="青木 里子", title="第80回", when=WHEN, place=None, answer=None)
    undecided = mb.reminder_dm(meeting_id=12, name="青木 里子", title="第80回", when=WHEN, place=None, answer="未定")
    assert unanswered.text.startswith("青木 里子 様")
    assert "まだご回答をいただいていません" in unanswered.text
    assert "「未定」" in undecided.text and "まだご回答" not in undecided.text
    assert [e["action_id"] for e in blocks(undecided)[-1]["elements"]] == [
        "rsvp_attend",
        "rsvp_absent",
        "rsvp_undecided",
    ]


def test_forecast_for_each_status_names_people() -> None:
    ids = [m.slack_id for m in MEMBERS]
    decides = {ids[0]: "出席", ids[1]: "出席", ids[2]: "出席", ids[3]: "欠席", ids[4]: "欠席", ids[5]: "未定"}
    text = mb.quorum_forecast(
        forecast=forecast(MEMBERS, decides, quorum=Quorum()), title="第80回", when=WHEN, quorum_text="委員の半数以上"
    ).text
    assert "あと 1名" in text and "未定・未回答: 委員5、委員6、委員7" in text and "欠席: 委員3、委員4" in text

    quorate = {**decides, ids[5]: "出席"}
    text = mb.quorum_forecast(
        forecast=forecast(MEMBERS, quorate, quorum=Quorum()), title="第80回", when=WHEN, quorum_text="委員の半数以上"
    ).text
    assert "達する見込みです" in text and "未定・未回答: 委員6、委員7" in text

    absent = {i: "欠席" for i in ids[:5]}
    text = mb.quorum_forecast(
        forecast=forecast(MEMBERS, absent, quorum=Quorum()), title="第80回", when=WHEN, quorum_text="委員の半数以上"
    ).text
    assert "届きません" in text and "全員出席しても 3名" in text
    assert "欠席: 委員0、委員1、委員2、委員3、委員4" in text


def test_cancellation_and_move() -> None:
    text = mb.cancellation(title="第80回", when=WHEN, reason="定足数に満たないため").text
    assert "【中止】第80回" in text and "中止となりました" in text and "理由: 定足数に満たないため" in text
    assert "理由" not in mb.cancellation(title="第80回", when=WHEN, reason=None).text

    new_when = date_line(START + timedelta(days=7), None, tz=TZ)
    text = mb.move_notice(title="第80回", old_when=WHEN, new_when=new_when, old_place="本庁舎", new_place="別館").text
    assert f"変更前: ~{WHEN}~" in text and "変更後: *令和8年1月28日(水) 15:00〜*" in text
    assert "場所: 別館（変更前: 本庁舎）" in text and "引き継ぎます" in text
    same_place = mb.move_notice(
        title="第80回", old_when=WHEN, new_when=new_when, old_place="本庁舎", new_place="本庁舎"
    )
    assert "場所" not in same_place.text
    assert "あらためて" in mb.move_notice(title="第80回", old_when=WHEN, new_when=new_when, answers_reset=True).text


def test_missed_report() -> None:
    items = [
        MissedSend(
            "第80回",
            WHEN,
            "reminder",
            offset_label(timedelta(days=7)),
            short_datetime(START - timedelta(days=7), tz=TZ),
        ),
        MissedSend(
            "第80回", WHEN, "quorum", offset_label(timedelta(days=3)), short_datetime(START - timedelta(days=3), tz=TZ)
        ),
    ]
    text = mb.missed_report(items).text
    assert "（2件）" in text and "委員には送りません" in text
    assert "• 第80回（令和8年1月21日(水) 15:00–17:00）: 出欠の催促（7日前、1月14日(水) 15:00 の予定）" in text
    assert "定足数の確認（3日前、1月18日(日) 15:00 の予定）" in text
