"""No silent failure: Web API 500/429, exceptions in the Core, and secrets kept out of the logs."""

from __future__ import annotations

import logging
import time

import pytest

from templates.answer import answer_body
from tests.support.fakes import Fakes
from tests.support.slack_stub import APP_TOKEN, BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, Harness, mention

pytestmark = pytest.mark.wire


def ask(h: Harness, ts: str, event_id: str, text: str = "納税通知書の外部委託はどうなりましたか") -> None:
    response = h.event(mention(f"<@{BOT_USER_ID}> {text}", ts=ts), event_id=event_id)
    assert response.status_code == 200


def test_a_500_from_the_web_api_is_retried(h: Harness) -> None:
    h.stub.script("chat.postMessage", status=500)
    ask(h, "1700003000.000100", "Ev500")
    [post] = h.stub.wait_for("chat.postMessage")
    assert [c.status for c in h.stub.of("chat.postMessage")] == [500, 200]
    assert post.body["thread_ts"] == "1700003000.000100"


@pytest.mark.slow  # waits the 1 s Retry-After
def test_a_429_is_retried_after_retry_after(h: Harness) -> None:
    h.stub.script("chat.postMessage", status=429, retry_after=1)
    ask(h, "1700003100.000100", "Ev429")
    h.stub.wait_for("chat.postMessage")
    limited, ok = h.stub.of("chat.postMessage")
    assert (limited.status, ok.status) == (429, 200)
    assert ok.at - limited.at >= 1.0  # waited for Retry-After
    h.drain()
    assert len(h.stub.of("chat.postMessage")) == 2  # one answer, not two


def test_a_web_api_that_keeps_failing_is_logged_and_the_bot_keeps_serving(
    h: Harness, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    h.stub.script("chat.postMessage", status=500, times=100)
    ask(h, "1700003200.000100", "EvDown")
    h.drain()
    assert "EvDown" in caplog.text and "failed to handle" in caplog.text
    h.stub.scripts.clear()
    ask(h, "1700003300.000100", "EvBack")
    h.drain()
    answered = [c for c in h.stub.of("chat.postMessage") if c.ok]
    assert [c.body["thread_ts"] for c in answered] == ["1700003300.000100"]


def test_an_exception_in_the_core_is_told_in_the_thread(h: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    h.fakes.answers.fail_ask = RuntimeError("index is broken")
    ask(h, "1700003400.000100", "EvBoom")
    [post] = h.stub.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == "1700003400.000100"
    assert "申し訳ありません" in post.body["text"] and "EvBoom" in post.body["text"]
    assert "index is broken" not in post.body["text"]  # no internals shown to members
    assert "EvBoom" in caplog.text and "RuntimeError" in caplog.text
    h.fakes.answers.fail_ask = None
    ask(h, "1700003500.000100", "EvAfter")
    posts = h.stub.wait_for("chat.postMessage", 2)
    assert "継続審議" in posts[1].body["text"]


def test_an_exception_in_a_command_is_told_privately(h: Harness) -> None:
    h.fakes.answers.fail_ask = RuntimeError("broken")
    h.command("ask 納税の件")
    [reply] = h.stub.wait_for("response_url")
    assert reply.body["response_type"] == "ephemeral" and "申し訳ありません" in reply.body["text"]


def test_a_long_answer_is_split_within_slack_limits(h: Harness) -> None:
    sentence = "この諮問については、委員から委託先の監督体制について詳細な説明を求める意見が出されました。"
    h.fakes.answers.long_text = sentence * 700  # ~30,000 characters
    ask(h, "1700003600.000100", "EvLong")
    h.drain()
    posts = h.stub.of("chat.postMessage")
    assert len(posts) >= 3
    body_chars = 0
    sent: list[str] = []
    for post in posts:
        blocks = post.body["blocks"]
        assert post.body["thread_ts"] == "1700003600.000100" and post.body["text"]
        assert len(blocks) <= 50
        sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
        assert all(len(s) <= 3000 for s in sections)
        assert all(s.endswith(("。", "より）")) for s in sections)  # cut at a sentence (the last: the citation)
        assert sum(len(s) for s in sections) <= 12000
        body_chars += sum(len(s) for s in sections)
        sent += sections
    body = answer_body(h.fakes.answers.long_answer("q"), mrkdwn=True)
    assert "".join(sent).replace("\n", "") == body.replace("\n", "")  # nothing lost (cuts drop line breaks only)
    assert body_chars >= len(sentence) * 700
    assert [b["type"] for b in posts[-1].body["blocks"]][-1] == "actions"
    assert all("actions" not in [b["type"] for b in p.body["blocks"]] for p in posts[:-1])


def test_tokens_are_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    h = Harness(Fakes())
    try:
        ask(h, "1700003700.000100", "EvLog")
        h.stub.wait_for("chat.postMessage")
        h.command("pending")
        h.stub.wait_for("response_url")
        h.drain()
        time.sleep(0.1)
    finally:
        h.close()
    assert "chat.postMessage" in caplog.text  # debug logging was on
    for secret in (BOT_TOKEN, SIGNING_SECRET, APP_TOKEN):
        assert secret not in caplog.text


def test_redaction_filter_removes_tokens() -> None:
    from bot.serve import RedactTokens

    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token=%s secret=%s", (BOT_TOKEN, "s3cr3t"), None)
    RedactTokens(["s3cr3t"]).filter(record)
    assert record.getMessage() == "token=(redacted) secret=(redacted)"
