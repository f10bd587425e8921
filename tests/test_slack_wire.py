"""The app in HTTP mode over a real socket: signed requests built as Slack builds them, a local Web API stand-in."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from tests.support.fakes import Fakes, SharedStore
from tests.support.slack_stub import BOT_ID, BOT_USER_ID, Harness, direct_message, make_settings, mention

pytestmark = pytest.mark.wire


def block_types(call_body: dict) -> list[str]:
    return [b["type"] for b in call_body.get("blocks") or []]


def all_text(call_body: dict) -> str:
    return json.dumps(call_body.get("blocks") or [], ensure_ascii=False) + call_body.get("text", "")


def test_url_verification_answers_the_challenge(h: Harness) -> None:
    body = json.dumps({"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"})
    response = h.post(body, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_healthz(h: Harness) -> None:
    response = httpx.get(h.server.url + "/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize("how", ["wrong_secret", "stale", "future", "unsigned", "tampered"])
def test_unverified_requests_get_401_and_nothing_happens(h: Harness, how: str) -> None:
    event = mention(f"<@{BOT_USER_ID}> 納税の件は？", ts="1700000001.000100")
    kwargs: dict = {}
    if how == "wrong_secret":
        kwargs["secret"] = "not-the-secret"
    elif how == "stale":
        kwargs["timestamp"] = int(time.time()) - 301
    elif how == "future":
        kwargs["timestamp"] = int(time.time()) + 310
    elif how == "unsigned":
        kwargs["signed"] = False
    if how == "tampered":
        from tests.support.slack_stub import SIGNING_SECRET, event_body, sign

        signed_for = event_body(event, event_id="Ev401")
        headers = sign(SIGNING_SECRET, signed_for)
        response = h.post(signed_for.replace("納税", "防犯"), content_type="application/json", signed=False,
                          headers=headers)
    else:
        response = h.event(event, event_id="Ev401", **kwargs)
    assert response.status_code == 401
    h.drain()
    assert h.fakes.answers.asked == []
    assert h.fakes.ledger.store.claimed == set()
    assert [c.method for c in h.stub.calls] == ["auth.test"]  # only the start-up check


def test_app_mention_is_acknowledged_fast_and_answered_in_its_thread(h: Harness) -> None:
    h.fakes.answers.delay = 1.3  # a slow search (longer than the 1 s limit below) must not delay the ack
    started = time.monotonic()
    response = h.event(mention(f"<@{BOT_USER_ID}> 納税通知書の外部委託はどうなりましたか", ts="1700000100.000200"),
                       event_id="Ev0001")
    ack_time = time.monotonic() - started
    assert response.status_code == 200
    assert ack_time < 1.0, f"ack took {ack_time:.2f}s"
    [post] = h.stub.wait_for("chat.postMessage")
    assert post.body["channel"] == "C0COUNCIL"
    assert post.body["thread_ts"] == "1700000100.000200"
    assert "継続審議" in post.body["text"]  # the plain-text fallback is always set
    assert block_types(post.body) == ["section", "divider", "context", "context", "actions"]
    assert "出典" in post.body["blocks"][2]["elements"][0]["text"]
    assert "令和4年度第2回" in post.body["blocks"][3]["elements"][0]["text"]
    assert "出典:" not in post.body["blocks"][0]["text"]["text"]  # sources are context blocks, not body text
    assert h.fakes.answers.asked == [("納税通知書の外部委託はどうなりましたか", None)]
    assert post.headers.get("Authorization") == f"Bearer {h.settings.slack_bot_token}"


def test_direct_message_is_answered_in_its_thread(h: Harness) -> None:
    response = h.event(direct_message("納税通知書の委託はどうなった？", ts="1700000200.000300"), event_id="Ev0002")
    assert response.status_code == 200
    [post] = h.stub.wait_for("chat.postMessage")
    assert (post.body["channel"], post.body["thread_ts"]) == ("D0MEMBER1", "1700000200.000300")
    assert "継続審議" in all_text(post.body)


def test_thread_follow_up_keeps_the_consultation(h: Harness) -> None:
    h.event(mention(f"<@{BOT_USER_ID}> 納税通知書の外部委託はどうなりましたか", ts="1700000300.000100"), event_id="EvA")
    h.stub.wait_for("chat.postMessage")
    h.drain()
    h.event(mention(f"<@{BOT_USER_ID}> その件の委託先は?", ts="1700000310.000100", thread_ts="1700000300.000100"),
            event_id="EvB")
    posts = h.stub.wait_for("chat.postMessage", 2)
    assert h.fakes.answers.asked[1] == ("その件の委託先は?", 12)
    assert posts[1].body["thread_ts"] == "1700000300.000100"
    assert "株式会社サンプル情報サービス" in all_text(posts[1].body)


def test_dm_thread_follow_up_without_mention(h: Harness) -> None:
    h.event(direct_message("納税通知書の委託は？", ts="1700000400.000100"), event_id="EvC")
    h.stub.wait_for("chat.postMessage")
    h.drain()
    h.event(direct_message("その件の委託先は?", ts="1700000401.000100", thread_ts="1700000400.000100"), event_id="EvD")
    posts = h.stub.wait_for("chat.postMessage", 2)
    assert h.fakes.answers.asked[1] == ("その件の委託先は?", 12)
    assert posts[1].body["thread_ts"] == "1700000400.000100"


def channel_reply(text: str, *, ts: str, thread_ts: str, channel: str = "C0COUNCIL") -> dict:
    return {"type": "message", "channel_type": "channel", "user": "U0MEMBER1", "text": text, "ts": ts,
            "channel": channel, "event_ts": ts, "thread_ts": thread_ts}


def test_channel_thread_follow_up_without_mention(h: Harness) -> None:
    """With app.yaml's slack.thread_followups_without_mention on (off, the reply is ignored)."""
    on = Harness(Fakes(), stub=h.stub, settings=make_settings(h.stub.api_url, thread_followups=True))
    try:
        on.event(mention(f"<@{BOT_USER_ID}> 納税通知書の外部委託はどうなりましたか", ts="1700000600.000100"),
                 event_id="EvE")
        on.stub.wait_for("chat.postMessage")
        on.drain()
        on.event(channel_reply("その件の委託先は?", ts="1700000601.000100", thread_ts="1700000600.000100"),
                 event_id="EvF")
        posts = on.stub.wait_for("chat.postMessage", 2)
        assert on.fakes is not None and on.fakes.answers.asked[1] == ("その件の委託先は?", 12)
        assert posts[1].body["thread_ts"] == "1700000600.000100"
    finally:
        on.close(stop_stub=False)


def test_channel_chatter_outside_the_bots_threads_is_ignored(h: Harness) -> None:
    h.event(channel_reply("来週の資料は届きましたか", ts="1700000701.000100", thread_ts="1700000700.000100"),
            event_id="EvG")
    h.event({**channel_reply("おはようございます", ts="1700000702.000100", thread_ts="x"), "thread_ts": None},
            event_id="EvH")
    h.drain()
    time.sleep(0.2)
    assert h.stub.of("chat.postMessage") == []
    assert h.fakes.answers.asked == []


def test_retried_delivery_is_not_answered_twice(h: Harness) -> None:
    event = mention(f"<@{BOT_USER_ID}> 納税の件は？", ts="1700000500.000100")
    first = h.event(event, event_id="EvRetry")
    retry = h.event(event, event_id="EvRetry", headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert first.status_code == retry.status_code == 200
    h.drain()
    time.sleep(0.2)
    assert len(h.stub.of("chat.postMessage")) == 1
    assert len(h.fakes.answers.asked) == 1


def test_retry_after_a_restart_is_not_answered() -> None:
    store = SharedStore()  # what the database keeps between runs
    first = Harness(Fakes.sharing(store))
    event = mention(f"<@{BOT_USER_ID}> 納税の件は？", ts="1700000600.000100")
    try:
        first.event(event, event_id="EvRestart")
        first.stub.wait_for("chat.postMessage")
        first.drain()
    finally:
        first.close(stop_stub=False)
    second = Harness(Fakes.sharing(store), stub=first.stub)
    try:
        response = second.event(event, event_id="EvRestart", headers={"X-Slack-Retry-Num": "2",
                                                                      "X-Slack-Retry-Reason": "http_error"})
        assert response.status_code == 200
        second.drain()
        assert len(second.stub.of("chat.postMessage")) == 1
        assert second.fakes.answers.asked == []
    finally:
        second.close()


def test_same_message_as_mention_and_dm_is_answered_once(h: Harness) -> None:
    ts = "1700000700.000100"
    h.event(direct_message(f"<@{BOT_USER_ID}> 納税の件は？", ts=ts), event_id="EvIm")
    h.event(mention(f"<@{BOT_USER_ID}> 納税の件は？", ts=ts, channel="D0MEMBER1"), event_id="EvMention")
    h.drain()
    assert len(h.stub.of("chat.postMessage")) == 1


@pytest.mark.parametrize("extra", [
    {"user": BOT_USER_ID, "bot_id": BOT_ID},  # our own message
    {"bot_id": "B0OTHER", "subtype": "bot_message"},  # another bot
    {"bot_id": "B0OTHER", "bot_profile": {"id": "B0OTHER"}},  # another app posting as a user-like message
    {"subtype": "message_changed"},  # an edit
])
def test_bot_and_non_question_messages_are_ignored(h: Harness, extra: dict) -> None:
    event = direct_message("納税の件は？", ts="1700000800.000100")
    event.update(extra)
    response = h.event(event, event_id=f"EvBot{len(extra)}{extra.get('subtype', '')}")
    assert response.status_code == 200
    h.drain()
    assert h.stub.of("chat.postMessage") == []
    assert h.fakes.answers.asked == []


def test_mention_without_question_gets_a_hint(h: Harness) -> None:
    h.event(mention(f"<@{BOT_USER_ID}>", ts="1700000900.000100"), event_id="EvEmpty")
    [post] = h.stub.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == "1700000900.000100"
    assert "質問を書いてください" in post.body["text"]
    assert h.fakes.answers.asked == []


def test_a_rejected_request_does_not_log_the_question(h: Harness, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    event = mention(f"<@{BOT_USER_ID}> 秘密の相談内容です", ts="1700000800.000100")
    response = h.event(event, event_id="EvLog", secret="not-the-secret")
    assert response.status_code == 401
    assert "signature" in caplog.text
    assert "秘密の相談内容" not in caplog.text
