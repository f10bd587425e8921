"""The meetings services hand data to the notifier (``bot.meetings.notices``) and refuse input with a reason
(``MeetingInputError``); ``bot.notifier`` and the handlers word them with ``templates/blocks/meetings.py``: the
same messages as before, escaped there, fingerprinted as posted."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock
from bot.meetings import notices
from bot.meetings.display import date_line
from bot.meetings.model import AgendaItem
from bot.meetings.notices import MissedSend
from bot.meetings.quorum import Tally, forecast
from bot.notifier import fingerprint, message_of
from bot.ports import MeetingForm, MeetingInputError
from bot.services.meetings import MeetingService
from bot.settings import Channels, CouncilConfig, Member, Quorum
from bot.storage.db import open_database, sqlite_url
from bot.storage.ledger import Ledger
from templates.blocks import meetings as mb
from tests.support.fakes import RecordingNotifier

TZ = ZoneInfo("Asia/Tokyo")
START = datetime(2026, 1, 21, 15, 0, tzinfo=TZ)
WHEN = date_line(START, START + timedelta(hours=2), tz=TZ)
TALLY = Tally(attending=3, absent=1, undecided=2, unanswered=2)
AGENDA = (AgendaItem(4, "諮問第12号", "窓口の決済機能の導入について", pending=True),)
HOSTILE = "<!channel> A&B <https://evil.example|ここ>"
MEMBERS = [Member(slack_id=f"U0M{i}", name=f"委員{i}", role="委員") for i in range(8)]


def test_each_notice_is_the_builders_message() -> None:
    f = forecast(MEMBERS, {"U0M0": "出席"}, quorum=Quorum(), meeting_id=1)
    pairs = [
        (notices.Announcement(1, "第80回", WHEN, "本庁舎", AGENDA, TALLY),
         mb.announcement(meeting_id=1, title="第80回", when=WHEN, place="本庁舎", agenda=AGENDA, tally=TALLY)),
        (notices.Announcement(1, "第80回", WHEN, None, cancelled=True),
         mb.announcement(meeting_id=1, title="第80回", when=WHEN, place=None, cancelled=True)),
        (notices.Cancellation("第80回", WHEN, "台風"), mb.cancellation(title="第80回", when=WHEN, reason="台風")),
        (notices.MoveNotice("第80回", WHEN, "1月28日"), mb.move_notice(title="第80回", old_when=WHEN, new_when="1月28日")),
        (notices.ChannelReminder("第80回", WHEN, None, "7日", TALLY),
         mb.reminder_channel(title="第80回", when=WHEN, place=None, before="7日", tally=TALLY)),
        (notices.MemberReminder(1, "委員1", "第80回", WHEN, "本庁舎", "未定"),
         mb.reminder_dm(meeting_id=1, name="委員1", title="第80回", when=WHEN, place="本庁舎", answer="未定")),
        (notices.QuorumOutlook(f, "第80回", WHEN, "委員の半数以上"),
         mb.quorum_forecast(forecast=f, title="第80回", when=WHEN, quorum_text="委員の半数以上")),
        (notices.MissedReport((notices.MissedSend("第80回", WHEN, "reminder", "7日", "1月14日(水) 15:00"),)),
         mb.missed_report([MissedSend("第80回", WHEN, "reminder", "7日", "1月14日(水) 15:00")])),
    ]
    for notice, built in pairs:
        assert message_of(notice).as_kwargs() == built.as_kwargs(), type(notice).__name__


def test_notices_are_data_only() -> None:
    """No notice carries Block Kit or rendered words: raw texts, formatted dates, counts and ids."""
    for cls in (notices.Announcement, notices.Cancellation, notices.MoveNotice, notices.ChannelReminder,
                notices.MemberReminder, notices.QuorumOutlook, notices.MissedReport, notices.UnconfirmedReport):
        assert not any("block" in f.name or f.name == "text" for f in fields(cls)), cls.__name__


def test_the_unconfirmed_report_says_what_and_to_whom_escaped() -> None:
    report = notices.UnconfirmedReport((
        notices.UnconfirmedSend("reminder", "C0MEMBERS", HOSTILE, "1月14日(水) 15:00"),
        notices.UnconfirmedSend("quorum", "U0SEC01", "第80回", "1月18日(日) 15:00"),
        notices.UnconfirmedSend("meeting_ics", "C0MEMBERS", "第80回", "1月5日(月) 09:00"),
    ))
    text = message_of(report).text
    assert "出欠の催促（チャンネル C0MEMBERS）" in text
    assert "定足数の見込み（U0SEC01 さんへの DM）" in text
    assert "カレンダー（.ics）（チャンネル C0MEMBERS）" in text
    assert "<!channel>" not in text and "&lt;!channel&gt; A&amp;B" in text


def test_fingerprint_is_the_hash_of_the_message_as_posted() -> None:
    """The hash stored as ``meetings.announce_digest`` before notices existed: announcements posted by an older
    version are not updated again for nothing."""
    notice = notices.Announcement(1, "第80回", WHEN, "本庁舎", AGENDA, TALLY)
    posted = json.dumps(message_of(notice).as_kwargs(), ensure_ascii=False, sort_keys=True)
    assert fingerprint(notice) == hashlib.sha256(posted.encode("utf-8")).hexdigest()
    assert fingerprint(notice) != fingerprint(notices.Announcement(1, "第80回", WHEN, "本庁舎", AGENDA, TALLY,
                                                                   closed=True))


def test_the_service_hands_the_notifier_data(tmp_path: Path) -> None:
    """An announcement, then its cancellation: the notifier gets the raw texts; the words are its own."""
    db = open_database(sqlite_url(tmp_path / "kb.db"))
    clock = FixedClock(datetime(2026, 1, 5, 0, 0, tzinfo=UTC))
    notifier = RecordingNotifier()
    config = CouncilConfig(name="みどり野市個人情報保護審議会", municipality="みどり野市", members=MEMBERS,
                           channels=Channels(members="C0MEMBERS", secretariat="C0SECRET"))
    meetings = MeetingService(db, config, clock, Ledger(db, clock), notifier)
    mid = meetings.schedule(MeetingForm(title="第80回 <審議会>", at="令和8年1月21日(水) 15:00", place="A&B"),
                            by="cli").meeting.id
    meetings.publish()
    meetings.cancel(mid, reason="台風")
    meetings.publish()
    (first, announced), (second, told) = notifier.notices
    assert first == second == "C0MEMBERS"
    assert isinstance(announced, notices.Announcement) and isinstance(told, notices.Cancellation)
    assert (announced.meeting_id, announced.title, announced.place) == (mid, "第80回 <審議会>", "A&B")
    assert (told.title, told.reason) == ("第80回 <審議会>", "台風")
    assert "第80回 &lt;審議会&gt;" in notifier.posts[0].text and "A&amp;B" in notifier.posts[0].text
    db.dispose()


@pytest.mark.parametrize(("error", "words"), [
    (MeetingInputError("agenda", "agenda_unknown", ids=["998", "999"]),
     "議題の ID 998、999 の諮問はありません。`shingikai consultations` または `shingikai pending` で ID を確かめてください。"),
    (MeetingInputError("at", "when", problem="no_such_day", written="令和8年2月30日"),
     "「令和8年2月30日」は存在しない日付です。月と日を確かめてください。例: 令和8年1月21日(水) 15:00、令和8年1月21日 午後3時、R8.1.21 15:00、2026-01-21T15:00"),
    (MeetingInputError("title", "title_missing"), "会議名を入力してください（例: 第80回 個人情報保護審議会）。"),
    (MeetingInputError("title", "title_too_long", limit=200), "会議名は 200 文字以内にしてください。"),
    (MeetingInputError("id", "cancelled", meeting_id=3), "会議 3 は中止されています。"),
    (MeetingInputError("id", "already_cancelled", meeting_id=3), "会議 3 は既に中止されています。"),
    (MeetingInputError("answer", "answer", answers=["出席", "欠席", "未定"], value="たぶん"),
     "回答は 出席 / 欠席 / 未定 のいずれかにしてください（値: たぶん）。"),
    (MeetingInputError("present", "present_unknown", ids=["U0X", "U0Y"]), "app.yaml の委員にいない Slack ID です: U0X、U0Y"),
    (MeetingInputError("--agenda", "ids", option="--agenda", values=["a", "b"]),
     "--agenda の ID は数字をカンマ区切りで指定してください（例: 12,15）。読めない値: a、b"),
])
def test_input_errors_are_worded_by_the_template(error: MeetingInputError, words: str) -> None:
    """The service says why (a reason and its values); the template words it as the service used to."""
    assert mb.input_error(error) == words
    assert error.reason in str(error)  # str() is for logs


def test_the_service_refuses_with_a_reason_and_its_values(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "kb.db"))
    clock = FixedClock(datetime(2026, 1, 5, 0, 0, tzinfo=UTC))
    config = CouncilConfig(name="審議会", municipality="みどり野市", members=MEMBERS,
                           channels=Channels(members="C0MEMBERS", secretariat="C0SECRET"))
    meetings = MeetingService(db, config, clock, Ledger(db, clock))
    with pytest.raises(MeetingInputError) as refused:
        meetings.schedule(MeetingForm(title="第80回", at="令和8年1月21日 15:00", agenda=(999,)), by="cli")
    assert (refused.value.field, refused.value.reason, refused.value.params) == ("agenda", "agenda_unknown",
                                                                                 {"ids": ["999"]})
    with pytest.raises(MeetingInputError) as typed:
        meetings.rsvp(1, "U0M1", "たぶん", by="cli")
    assert mb.input_error(typed.value) == "回答は 出席 / 欠席 / 未定 のいずれかにしてください（値: たぶん）。"
    db.dispose()
