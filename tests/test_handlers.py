"""The Slack handlers called directly: plain callbacks, ``Mock`` ack/respond, the recording client, fake ports.

No server, no socket: these run in milliseconds. A reply sent twice fails (``RecordingClient``).
"""

from __future__ import annotations

from typing import Any
from unittest.mock import Mock

import pytest

from handlers.actions.feedback import handle_feedback
from handlers.commands.shingikai import SUBCOMMANDS, handle_command
from handlers.context import COUNCIL_KEY, FOLLOWUPS_KEY, PORTS_KEY
from handlers.events.dedupe import first_delivery
from handlers.events.questions import handle_app_mention, handle_message
from handlers.views.home import handle_home_opened
from tests.support.fakes import Fakes, SharedStore
from tests.support.recording import Bolt, DuplicateReply, RecordingClient

BOT = "UBOT0001"


def context(fakes: Fakes) -> dict[str, Any]:
    return {PORTS_KEY: fakes.ports, COUNCIL_KEY: "市川市個人情報保護審議会", "bot_user_id": BOT}


def mention(text: str, ts: str, **extra: Any) -> dict[str, Any]:
    return {"type": "app_mention", "user": "U0MEMBER1", "text": f"<@{BOT}> {text}", "ts": ts, "channel": "C0COUNCIL",
            **extra}


def command(text: str) -> dict[str, Any]:
    return {"text": text, "channel_id": "C0COUNCIL", "user_id": "U0MEMBER1", "trigger_id": "trigger.1",
            "command": "/shingikai"}


def test_a_mention_is_answered_once_in_its_thread(fakes: Fakes, recording: RecordingClient) -> None:
    handle_app_mention(mention("納税通知書の外部委託はどうなりましたか", "1.1"), {"event_id": "Ev1"}, recording,
                       context(fakes))
    reply = recording.one("chat_postMessage")
    assert (reply["channel"], reply["thread_ts"]) == ("C0COUNCIL", "1.1")
    assert "継続審議" in reply["text"] and "出典" in reply.all_text
    assert fakes.answers.asked == [("納税通知書の外部委託はどうなりましたか", None)]
    assert fakes.conversations.threads == {("C0COUNCIL", "1.1"): 12}


def test_the_same_message_as_mention_and_dm_is_answered_once(fakes: Fakes, recording: RecordingClient) -> None:
    event = mention("納税の件は？", "2.1", channel="D0MEMBER1")
    handle_app_mention(event, {"event_id": "EvA"}, recording, context(fakes))
    handle_message({**event, "type": "message", "channel_type": "im"}, {"event_id": "EvB"}, recording, context(fakes))
    recording.one("chat_postMessage")
    assert len(fakes.answers.asked) == 1


def test_the_recording_client_fails_on_a_reply_sent_twice(recording: RecordingClient) -> None:
    recording.chat_postMessage(channel="C1", thread_ts="1.1", text="同じ回答")
    with pytest.raises(DuplicateReply):
        recording.chat_postMessage(channel="C1", thread_ts="1.1", text="同じ回答")
    with pytest.raises(AssertionError, match="exactly one"):
        recording.one("chat_postEphemeral")  # zero replies where one is expected fails too
    recording.violations.clear()  # this test provoked the violation on purpose


def test_a_follow_up_in_the_thread_keeps_the_consultation(fakes: Fakes, recording: RecordingClient) -> None:
    ctx = {**context(fakes), FOLLOWUPS_KEY: True}  # app.yaml: slack.thread_followups_without_mention
    handle_app_mention(mention("納税通知書の外部委託は？", "3.1"), {"event_id": "Ev3"}, recording, ctx)
    reply = {"type": "message", "channel_type": "channel", "user": "U0MEMBER1", "text": "その件の委託先は?",
             "ts": "3.2", "thread_ts": "3.1", "channel": "C0COUNCIL"}
    handle_message(reply, {"event_id": "Ev4"}, recording, ctx)
    assert fakes.answers.asked[1] == ("その件の委託先は?", 12)
    follow = recording.of("chat_postMessage")[1]
    assert follow["thread_ts"] == "3.1" and "株式会社サンプル情報サービス" in follow.all_text


def test_a_repeated_event_id_is_dropped_after_the_ack(fakes: Fakes) -> None:
    body = {"type": "event_callback", "event_id": "EvDup"}
    assert first_delivery(body, context(fakes)) is True
    assert first_delivery(body, context(fakes)) is False
    restarted = Fakes.sharing(fakes.ledger.store)  # the database outlives the process
    assert first_delivery(body, context(restarted)) is False


def test_a_retried_mention_is_answered_once(fakes: Fakes, recording: RecordingClient) -> None:
    body = {"type": "event_callback", "event_id": "EvTwice"}
    handle_app_mention(mention("納税の件は？", "5.1"), body, recording, context(fakes))
    handle_app_mention(mention("納税の件は？", "5.1"), body, recording, context(fakes))
    recording.one("chat_postMessage")
    assert fakes.ledger.store.claimed == {"slack_event:EvTwice", "slack_message:C0COUNCIL:5.1"}


def test_a_broken_ledger_does_not_stop_answering(fakes: Fakes) -> None:
    fakes.ledger.claim = Mock(side_effect=RuntimeError("db down"))  # type: ignore[method-assign]
    assert first_delivery({"type": "event_callback", "event_id": "Ev"}, context(fakes)) is True


def test_an_exception_while_answering_is_told_in_the_thread(fakes: Fakes, recording: RecordingClient) -> None:
    fakes.answers.fail_ask = RuntimeError("index is broken")
    handle_app_mention(mention("納税の件は？", "4.1"), {"event_id": "EvBoom"}, recording, context(fakes))
    reply = recording.one("chat_postMessage")
    assert "申し訳ありません" in reply["text"] and "EvBoom" in reply["text"] and "index is broken" not in reply["text"]


@pytest.mark.parametrize("text", ["", "help", "ヘルプ", "ＨＥＬＰ"])
def test_help_is_in_the_ack_and_lists_every_subcommand(fakes: Fakes, recording: RecordingClient, bolt: Bolt,
                                                       text: str) -> None:
    handle_command(bolt.ack, command(text), bolt.respond, recording, context(fakes))
    acked = bolt.acked()
    assert acked["response_type"] == "ephemeral"
    for form in SUBCOMMANDS.forms():
        assert f"/shingikai {form}" in acked["text"]
    assert bolt.responses() == [] and recording.sent == []


@pytest.mark.parametrize(("text", "expected"), [
    ("pendin", "`pendin` というサブコマンドはありません"),
    ("show", "諮問の番号がありません"),
    ("ask", "正しい形: `/shingikai ask 質問文`"),
    ("pending now", "正しい形: `/shingikai pending`"),
])
def test_a_malformed_command_gets_a_hint_in_the_ack(fakes: Fakes, recording: RecordingClient, bolt: Bolt, text: str,
                                                    expected: str) -> None:
    handle_command(bolt.ack, command(text), bolt.respond, recording, context(fakes))
    acked = bolt.acked()
    assert expected in acked["text"]
    forms = "・".join(f"`{form}`" for form in SUBCOMMANDS.forms())
    assert forms.startswith("`ask 質問文`・`pending`・`show 番号`") and forms.endswith("`help`")
    assert f"使えるサブコマンド: {forms}" in acked["text"]  # from the registry
    assert bolt.responses() == [] and fakes.answers.asked == []


# characters for which str.isdigit() is true but that are no decimal digits (int() refuses most of them)
ODD_DIGITS = ["❶", "①", "²", "⑳", "⓿", "₃", "1²", "᧚", "⁹⁹", "十二"]


@pytest.mark.parametrize("arg", ODD_DIGITS)
def test_show_with_an_odd_digit_gets_the_usage_hint(fakes: Fakes, recording: RecordingClient, bolt: Bolt,
                                                   arg: str) -> None:
    """Issue 8 item 10: ``/shingikai show ❶`` raised ValueError (a 500, no reply)."""
    handle_command(bolt.ack, command(f"show {arg}"), bolt.respond, recording, context(fakes))
    acked = bolt.acked()
    assert f"`{arg}` は諮問の番号として読めません" in acked["text"]
    assert "正しい形: `/shingikai show 番号`" in acked["text"]
    assert bolt.responses() == [] and recording.sent == []


def test_every_odd_digit_in_unicode_is_refused_without_an_exception() -> None:
    from handlers.commands.registry import parse_id

    odd = [chr(c) for c in range(0x110000) if chr(c).isnumeric() and not chr(c).isdecimal()]
    assert len([ch for ch in odd if ch.isdigit()]) > 60  # the issue counted 69 that int() refuses
    for ch in odd:
        for text in (ch, f"第{ch}号", f"1{ch}", f"#{ch}"):
            assert parse_id(text) is None, text
    assert [parse_id(t) for t in ("12", "１２", "#12", "ID 12", "第12号", "0", "-3")] == [12, 12, 12, 12, 12, None, None]


def test_pending_and_show_reply_privately_after_the_ack(fakes: Fakes, recording: RecordingClient, bolt: Bolt) -> None:
    handle_command(bolt.ack, command("pending"), bolt.respond, recording, context(fakes))
    assert bolt.acked() == {}
    [listing] = bolt.responses()
    assert listing["response_type"] == "ephemeral" and "ID 12" in listing["text"] and "ID 7" not in listing["text"]
    again = Bolt()
    handle_command(again.ack, command("show 第12号"), again.respond, recording, context(fakes))
    [shown] = again.responses()
    assert "市税の納税通知書" in str(shown["blocks"]) and "株式会社サンプル情報サービスです" in str(shown["blocks"])


def test_slash_ask_posts_a_new_thread_and_remembers_it(fakes: Fakes, recording: RecordingClient, bolt: Bolt) -> None:
    handle_command(bolt.ack, command("ask 納税通知書の委託はどうなりましたか"), bolt.respond, recording, context(fakes))
    assert "調べています" in bolt.acked()["text"]
    post = recording.one("chat_postMessage")
    assert post["channel"] == "C0COUNCIL" and post["thread_ts"] is None
    assert "<@U0MEMBER1> さんの質問" in post.all_text
    assert list(fakes.conversations.threads.values()) == [12]


def test_slash_ask_where_the_app_is_not_a_member(fakes: Fakes, recording: RecordingClient, bolt: Bolt) -> None:
    recording.fail("chat_postMessage", "not_in_channel")
    handle_command(bolt.ack, command("ask 納税通知書の委託は？"), bolt.respond, recording, context(fakes))
    answer, note = bolt.responses()
    assert "継続審議" in answer["text"] and "参加していない" in note["text"]
    assert fakes.conversations.threads == {}


def test_a_failing_subcommand_is_acked_and_reported(fakes: Fakes, recording: RecordingClient, bolt: Bolt) -> None:
    fakes.answers.pending = Mock(side_effect=RuntimeError("broken"))  # type: ignore[method-assign]
    handle_command(bolt.ack, command("pending"), bolt.respond, recording, context(fakes))
    assert bolt.acked() == {}
    [report] = bolt.responses()
    assert "申し訳ありません" in report["text"] and report["response_type"] == "ephemeral"


def test_feedback_click_is_stored_and_thanked_once(fakes: Fakes, recording: RecordingClient, bolt: Bolt) -> None:
    value = '{"q":"委託先は？","h":[{"source":"a.txt","consultation_id":12}]}'
    body = {"user": {"id": "U0MEMBER1"}, "channel": {"id": "C0COUNCIL"}, "trigger_id": "t.1",
            "container": {"message_ts": "5.2"}, "message": {"ts": "5.2", "thread_ts": "5.1", "text": "回答です"}}
    handle_feedback(bolt.ack, body, {"action_id": "feedback_down", "value": value}, recording, bolt.respond,
                    context(fakes))
    bolt.acked()
    [record] = fakes.feedback.saved_feedback
    assert (record.rating, record.question, record.answer, record.hits[0]["consultation_id"]) == (
        -1, "委託先は？", "回答です", 12)
    assert record.created_at == "2025-01-20T01:00:00+00:00"  # the injected clock
    thanks = recording.one("chat_postEphemeral")
    assert thanks["thread_ts"] == "5.1" and "ご指摘" in thanks["text"]


def test_app_home_lists_pending_and_the_commands(fakes: Fakes, recording: RecordingClient) -> None:
    handle_home_opened({"type": "app_home_opened", "user": "U0MEMBER1", "tab": "home"}, {"event_id": "EvH"},
                       recording, context(fakes))
    view = recording.one("views_publish")
    assert view["user_id"] == "U0MEMBER1" and view["view"]["type"] == "home"
    for expected in ("市川市個人情報保護審議会 アシスタント", "ID 12", "質問の例", "`/shingikai pending`"):
        assert expected in view.all_text
    assert "今後の会議" in view.all_text and "第80回 審議会" in view.all_text and "あなたの回答: 未回答" in view.all_text
    assert '"action_id": "rsvp_attend"' in view.all_text


def test_a_shared_store_is_one_ledger() -> None:
    store = SharedStore()
    assert Fakes.sharing(store).ledger.claim("k", "1") and not Fakes.sharing(store).ledger.claim("k", "1")


@pytest.mark.parametrize("text", ["move 5 令和8年1月22日 15時", "cancel 5 定足数に届かないため"])
def test_move_and_cancel_are_for_the_secretariat_only(fakes: Fakes, recording: RecordingClient, text: str) -> None:
    bolt = Bolt()
    handle_command(bolt.ack, command(text), bolt.respond, recording, context(fakes))  # a 委員
    assert "事務局の方だけ" in bolt.acked()["text"] and not bolt.responses()
    assert not fakes.meetings.moved and not fakes.meetings.cancelled and fakes.meetings.published == 0


def test_the_secretariat_moves_and_cancels_a_meeting_from_slack(fakes: Fakes, recording: RecordingClient) -> None:
    from tests.support.fakes import SECRETARIAT_ID

    def as_secretariat(text: str) -> str:
        bolt = Bolt()
        handle_command(bolt.ack, {**command(text), "user_id": SECRETARIAT_ID}, bolt.respond, recording,
                       context(fakes))
        [reply] = bolt.responses()
        return str(reply["text"])

    assert "第80回 審議会" in as_secretariat("move 5 令和8年1月22日 15時") and "変更しました" in as_secretariat(
        "日程変更 5 2026-01-22T15:00")
    assert fakes.meetings.moved == [(5, "令和8年1月22日 15時"), (5, "2026-01-22T15:00")]
    assert "読み取れません" in as_secretariat("move 5 あした")  # the reason, and nothing moved
    typed = as_secretariat("move 5 <!channel> あした")  # what the secretariat typed comes back escaped
    assert "読み取れません" in typed and "<!channel>" not in typed
    assert "使い方" in as_secretariat("move 99 令和8年1月22日 15時")  # no such meeting
    assert "中止にしました" in as_secretariat("cancel 5 定足数に届かないため")
    assert fakes.meetings.cancelled == [(5, "定足数に届かないため")]
    assert fakes.meetings.published == 3  # the announcement and the channel told at once, each time it changed
