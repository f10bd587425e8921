"""/shingikai, button clicks and App Home over the wire (signed requests, Web API stand-in)."""

from __future__ import annotations

import json
import time

import pytest

from tests.support.slack_stub import BOT_ID, BOT_USER_ID, TEAM_ID, Harness, mention

pytestmark = pytest.mark.wire


def blocks_text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


@pytest.mark.parametrize("text", ["", "help", "ヘルプ", "ＨＥＬＰ"])
def test_help_is_ephemeral_and_japanese(h: Harness, text: str) -> None:
    response = h.command(text)
    assert response.status_code == 200
    body = response.json()
    assert body["response_type"] == "ephemeral"
    assert "/shingikai pending" in body["text"] and "/shingikai show 番号" in body["text"]
    assert body["blocks"][0]["type"] == "section"


@pytest.mark.parametrize(("text", "expected"), [
    ("pendin", "`pendin` というサブコマンドはありません"),
    ("show", "諮問の番号がありません"),
    ("show abc", "`abc` は諮問の番号として読めません"),
    ("ask", "正しい形: `/shingikai ask 質問文`"),
    ("pending now", "正しい形: `/shingikai pending`"),
])
def test_unknown_or_malformed_gets_an_ephemeral_hint(h: Harness, text: str, expected: str) -> None:
    response = h.command(text)
    assert response.status_code == 200
    body = response.json()
    assert body["response_type"] == "ephemeral"
    assert expected in body["text"]
    h.drain()
    assert h.stub.of("response_url") == [] and h.stub.of("chat.postMessage") == []


def test_pending_is_listed_after_the_ack(h: Harness) -> None:
    started = time.monotonic()
    response = h.command("pending")
    assert response.status_code == 200 and time.monotonic() - started < 1.0
    [reply] = h.stub.wait_for("response_url")
    assert reply.body["response_type"] == "ephemeral"
    text = blocks_text(reply.body["blocks"])
    assert "ID 12" in text and "追加資料の提出待ち" in text
    assert "ID 7" not in text  # decided, not pending


@pytest.mark.parametrize("arg", ["12", "１２", "#12", "ID 12"])
def test_show_consultation(h: Harness, arg: str) -> None:
    h.command(f"show {arg}")
    [reply] = h.stub.wait_for("response_url")
    text = blocks_text(reply.body["blocks"])
    assert "市税の納税通知書" in text and "株式会社サンプル情報サービスです" in text


def test_show_unknown_id(h: Harness) -> None:
    h.command("show 999")
    [reply] = h.stub.wait_for("response_url")
    assert "ID 999 の諮問は見つかりませんでした" in reply.body["text"]


def test_meetings_lists_upcoming_meetings_with_buttons(h: Harness) -> None:
    assert h.command("meetings").status_code == 200
    h.drain()
    [reply] = h.stub.of("response_url")
    assert reply.body["response_type"] == "ephemeral"
    text = blocks_text(reply.body["blocks"])
    assert "第80回 審議会" in text and "あなたの回答: 未回答" in text and "rsvp_attend" in text


def test_slash_ask_posts_a_thread_in_the_channel(h: Harness) -> None:
    response = h.command("ask 納税通知書の委託はどうなりましたか")
    assert "調べています" in response.json()["text"]
    [post] = h.stub.wait_for("chat.postMessage")
    assert post.body["channel"] == "C0COUNCIL" and "thread_ts" not in post.body
    assert "<@U0MEMBER1> さんの質問" in post.body["blocks"][0]["elements"][0]["text"]
    h.drain()
    # the new thread (the posted message) remembers the consultation for follow-ups
    assert [(channel, cid) for (channel, _ts), cid in h.fakes.conversations.threads.items()] == [("C0COUNCIL", 12)]


def test_slash_ask_where_the_app_is_not_a_member_answers_privately(h: Harness) -> None:
    h.stub.script("chat.postMessage", body={"ok": False, "error": "not_in_channel"})
    h.command("ask 納税通知書の委託はどうなりましたか")
    replies = h.stub.wait_for("response_url", 2)
    assert all(r.body["response_type"] == "ephemeral" for r in replies)
    assert "継続審議" in replies[0].body["text"]
    assert "参加していない" in replies[1].body["text"]


def click_payload(post_body: dict, message_ts: str, action_id: str, *, thread_ts: str) -> dict:
    actions = next(b for b in post_body["blocks"] if b["type"] == "actions")
    button = next(e for e in actions["elements"] if e["action_id"] == action_id)
    return {
        "type": "block_actions", "user": {"id": "U0MEMBER1", "username": "member", "team_id": TEAM_ID},
        "api_app_id": "A0000001", "token": "legacy", "trigger_id": "trigger.1",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": post_body["channel"],
                      "is_ephemeral": False, "thread_ts": thread_ts},
        "team": {"id": TEAM_ID, "domain": "stub"}, "channel": {"id": post_body["channel"], "name": "council"},
        "message": {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": message_ts,
                    "thread_ts": thread_ts, "text": post_body["text"], "blocks": post_body["blocks"]},
        "response_url": "https://hooks.slack.test/actions/unused",
        "actions": [{"action_id": action_id, "block_id": actions["block_id"], "type": "button",
                     "value": button["value"], "text": button["text"], "action_ts": "1700001000.000001"}],
    }


@pytest.mark.parametrize(("action_id", "rating"), [("feedback_up", 1), ("feedback_down", -1)])
def test_feedback_click_is_stored_with_question_and_hits(h: Harness, action_id: str, rating: int) -> None:
    h.event(mention(f"<@{BOT_USER_ID}> 納税通知書の外部委託はどうなりましたか", ts="1700001000.000100"), event_id="EvF")
    [post] = h.stub.wait_for("chat.postMessage")
    h.drain()
    answer_ts = "1700001001.000100"
    response = h.action(click_payload(post.body, answer_ts, action_id, thread_ts="1700001000.000100"))
    assert response.status_code == 200
    [thanks] = h.stub.wait_for("chat.postEphemeral")
    assert thanks.body["user"] == "U0MEMBER1" and thanks.body["thread_ts"] == "1700001000.000100"
    [record] = h.fakes.feedback.saved_feedback
    assert (record.rating, record.channel, record.message_ts) == (rating, "C0COUNCIL", answer_ts)
    assert record.question == "納税通知書の外部委託はどうなりましたか"
    assert "継続審議" in record.answer
    assert [hit["consultation_id"] for hit in record.hits] == [12, 7]
    assert record.hits[0]["source"] == "ichikawa_r4_2.txt"


def test_app_home_shows_pending_and_how_to_ask(h: Harness) -> None:
    event = {"type": "app_home_opened", "user": "U0MEMBER1", "channel": "D0MEMBER1", "tab": "home",
             "event_ts": "1700002000.000100"}
    assert h.event(event, event_id="EvHome").status_code == 200
    [publish] = h.stub.wait_for("views.publish")
    assert publish.body["user_id"] == "U0MEMBER1"
    view = publish.body["view"]
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    text = blocks_text(view["blocks"])
    for expected in ("結論が出ていない諮問", "ID 12", "質問の例", "その件の委託先は", "`/shingikai show 番号`"):
        assert expected in text
    assert "ID 7" not in text  # decided, not pending
