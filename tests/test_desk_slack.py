"""``/shingikai draft``, the 承認 / 修正依頼 buttons and the modal: handlers called directly (fakes, recording
client), then over the wire with signed requests against the local Slack stand-in and the real services.

The draft goes to the secretariat channel only; only 事務局 and 会長 may ask for it, approve it or request changes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.ports import Ports
from bot.services import open_ports
from bot.storage.db import open_database
from handlers.actions.drafts import handle_draft_review
from handlers.commands.shingikai import handle_command
from handlers.context import COUNCIL_KEY, PORTS_KEY
from handlers.views.drafts import handle_changes_submission
from templates.blocks.drafts import CHANGES_MODAL, COMMENT_BLOCK, COMMENT_INPUT, DRAFT_APPROVE, DRAFT_CHANGES
from tests.support.desk import CHAIR, MEMBER, MEMBERS_CHANNEL, SECRETARIAT, SECRETARIAT_CHANNEL, copy_db, desk_settings
from tests.support.fakes import Fakes
from tests.support.recording import Bolt, RecordingClient
from tests.support.slack_stub import (
    BOT_TOKEN,
    SIGNING_SECRET,
    TEAM_ID,
    Harness,
    SlackStub,
    actions_body,
    command_body,
)


def context(fakes: Fakes) -> dict[str, Any]:
    return {PORTS_KEY: fakes.ports, COUNCIL_KEY: "市川市個人情報保護審議会"}


def command(text: str, user: str) -> dict[str, Any]:
    return {"text": text, "channel_id": MEMBERS_CHANNEL, "user_id": user, "trigger_id": "trigger.1",
            "command": "/shingikai"}


def click(action_id: str, user: str, draft_id: int, *, ts: str = "1700000001.000100",
          channel: str = SECRETARIAT_CHANNEL) -> tuple[dict[str, Any], dict[str, Any]]:
    """(body, action) of a button click as Bolt hands them to the listener."""
    action = {"action_id": action_id, "block_id": "draft_review", "type": "button", "value": str(draft_id),
              "action_ts": "1700001000.000001"}
    body = {"type": "block_actions", "user": {"id": user, "team_id": TEAM_ID}, "trigger_id": f"trigger.{user}",
            "container": {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": False},
            "channel": {"id": channel}, "message": {"ts": ts, "text": "答申（案）"}, "team": {"id": TEAM_ID},
            "api_app_id": "A0000001", "token": "legacy", "actions": [action],
            "response_url": "https://hooks.slack.test/actions/unused"}
    return body, action


def submission(user: str, draft_id: int, comment: str) -> dict[str, Any]:
    return {"type": "view_submission", "team": {"id": TEAM_ID}, "user": {"id": user, "team_id": TEAM_ID},
            "api_app_id": "A0000001", "token": "legacy", "trigger_id": "trigger.view",
            "view": {"id": "V0DRAFT01", "type": "modal", "callback_id": CHANGES_MODAL,
                     "private_metadata": str(draft_id), "team_id": TEAM_ID,
                     "state": {"values": {COMMENT_BLOCK: {COMMENT_INPUT: {"type": "plain_text_input",
                                                                          "value": comment}}}}}}


def posted_draft(fakes: Fakes, recording: RecordingClient, bolt: Bolt, user: str = SECRETARIAT) -> int:
    handle_command(bolt.ack, command("draft 12", user), bolt.respond, recording, context(fakes))
    [stored] = fakes.drafts.stored.values()
    return stored.id


# -- handlers called directly ----------------------------------------------------------------------------------
def test_a_member_asking_for_a_draft_is_refused_politely(fakes: Fakes, recording: RecordingClient, bolt: Bolt) -> None:
    handle_command(bolt.ack, command("draft 12", MEMBER), bolt.respond, recording, context(fakes))
    acked = bolt.acked()
    assert acked["response_type"] == "ephemeral" and "事務局と会長に限られています" in acked["text"]
    assert recording.sent == [] and fakes.drafts.stored == {}


@pytest.mark.parametrize("user", [SECRETARIAT, CHAIR])
def test_a_draft_goes_to_the_secretariat_channel_with_review_buttons(fakes: Fakes, recording: RecordingClient,
                                                                     bolt: Bolt, user: str) -> None:
    draft_id = posted_draft(fakes, recording, bolt, user)
    post = recording.one("chat_postMessage")
    assert post["channel"] == SECRETARIAT_CHANNEL  # never the members' channel
    assert all(s["channel"] != MEMBERS_CHANNEL for s in recording.of("chat_postMessage"))
    actions = next(b for b in post["blocks"] if b["type"] == "actions")
    assert [(e["action_id"], e["value"]) for e in actions["elements"]] == [(DRAFT_APPROVE, str(draft_id)),
                                                                          (DRAFT_CHANGES, str(draft_id))]
    assert "市税の納税通知書" in post.all_text and f"<@{user}>" in post.all_text
    stored = fakes.drafts.stored[draft_id]
    assert (stored.channel, stored.ts, stored.requested_by) == (SECRETARIAT_CHANNEL, "1700000001.000100", user)
    [reply] = bolt.responses()
    assert reply["response_type"] == "ephemeral" and f"<#{SECRETARIAT_CHANNEL}>" in reply["text"]


def test_a_draft_of_an_unknown_consultation_is_not_posted(fakes: Fakes, recording: RecordingClient,
                                                          bolt: Bolt) -> None:
    handle_command(bolt.ack, command("draft 999", SECRETARIAT), bolt.respond, recording, context(fakes))
    assert recording.sent == []
    assert "ID 999 の諮問は見つかりませんでした" in bolt.responses()[0]["text"]


def test_a_member_cannot_approve_nor_request_changes(fakes: Fakes, recording: RecordingClient, bolt: Bolt) -> None:
    draft_id = posted_draft(fakes, recording, bolt)
    for action_id in (DRAFT_APPROVE, DRAFT_CHANGES):
        client = RecordingClient()  # one click each (the same refusal twice would be a duplicate reply)
        body, action = click(action_id, MEMBER, draft_id)
        handle_draft_review(Bolt().ack, body, action, client, context(fakes))
        refusal = client.one("chat_postEphemeral")
        assert refusal["user"] == MEMBER and "事務局と会長に限られています" in refusal["text"]
        assert [s.method for s in client.sent] == ["chat_postEphemeral"]  # no chat.update, no views.open
        client.verify()
    assert fakes.drafts.stored[draft_id].status == "draft" and fakes.drafts.stored[draft_id].approved_by is None


def test_approval_replaces_the_buttons_once(fakes: Fakes, recording: RecordingClient, bolt: Bolt) -> None:
    draft_id = posted_draft(fakes, recording, bolt)
    for _ in range(2):  # a double click
        body, action = click(DRAFT_APPROVE, CHAIR, draft_id)
        handle_draft_review(Bolt().ack, body, action, recording, context(fakes))
    update = recording.one("chat_update")
    assert (update["channel"], update["ts"]) == (SECRETARIAT_CHANNEL, "1700000001.000100")
    assert "承認済み（青木 里子・" in update.all_text
    assert not any(b["type"] == "actions" for b in update["blocks"])
    assert "既に承認されています（青木 里子・" in recording.one("chat_postEphemeral")["text"]
    assert (fakes.drafts.stored[draft_id].status, fakes.drafts.stored[draft_id].approved_by) == ("approved", CHAIR)


def test_changes_open_a_modal_and_the_comment_goes_to_the_thread(fakes: Fakes, recording: RecordingClient,
                                                                bolt: Bolt) -> None:
    draft_id = posted_draft(fakes, recording, bolt)
    body, action = click(DRAFT_CHANGES, SECRETARIAT, draft_id)
    handle_draft_review(Bolt().ack, body, action, recording, context(fakes))
    opened = recording.one("views_open")
    assert opened["trigger_id"] == f"trigger.{SECRETARIAT}"
    assert (opened["view"]["callback_id"], opened["view"]["private_metadata"]) == (CHANGES_MODAL, str(draft_id))
    payload = submission(SECRETARIAT, draft_id, "判断理由に <再委託> の条件を加えてください。")
    ack = Bolt().ack
    handle_changes_submission(ack, payload, payload["view"], recording, context(fakes))
    ack.assert_called_once_with()
    thread = [p for p in recording.of("chat_postMessage") if p.get("thread_ts")]
    assert len(thread) == 1 and thread[0]["thread_ts"] == "1700000001.000100"
    assert thread[0]["channel"] == SECRETARIAT_CHANNEL and "&lt;再委託&gt;" in thread[0]["text"]
    stored = fakes.drafts.stored[draft_id]
    assert stored.status == "changes_requested" and stored.comments[0]["text"].startswith("判断理由に <再委託>")


@pytest.mark.parametrize(("user", "comment", "error"), [
    (MEMBER, "直してください", "事務局と会長に限られています"),
    (SECRETARIAT, "   ", "修正してほしい点を書いてください"),
])
def test_a_refused_or_empty_submission_stores_nothing(fakes: Fakes, recording: RecordingClient, bolt: Bolt,
                                                      user: str, comment: str, error: str) -> None:
    draft_id = posted_draft(fakes, recording, bolt)
    payload = submission(user, draft_id, comment)
    ack = Bolt().ack
    handle_changes_submission(ack, payload, payload["view"], recording, context(fakes))
    assert ack.call_args.kwargs["response_action"] == "errors"
    assert error in ack.call_args.kwargs["errors"][COMMENT_BLOCK]
    assert fakes.drafts.stored[draft_id].comments == [] and len(recording.of("chat_postMessage")) == 1


def test_show_says_a_draft_awaits_review_then_shows_the_approved_text(fakes: Fakes, recording: RecordingClient,
                                                                     bolt: Bolt) -> None:
    draft_id = posted_draft(fakes, recording, bolt)
    shown = Bolt()
    handle_command(shown.ack, command("show 12", MEMBER), shown.respond, recording, context(fakes))
    assert "事務局の確認待ち" in shown.responses()[1]["text"]
    fakes.drafts.approve(draft_id, SECRETARIAT)
    shown = Bolt()
    handle_command(shown.ack, command("show 12", MEMBER), shown.respond, recording, context(fakes))
    text = shown.responses()[1]["text"]
    assert "答申（承認済み: 総務課 佐野・" in text and "1 審議会の結論" in text


# -- over the wire, real services --------------------------------------------------------------------------------
@pytest.fixture
def wired(demo_db_template: Path, tmp_path: Path) -> Iterator[Harness]:
    stub = SlackStub().start()
    settings = desk_settings(copy_db(demo_db_template, tmp_path), api_url=stub.api_url, token=BOT_TOKEN,
                             signing_secret=SIGNING_SECRET)
    ports = open_ports(settings, clock=FixedClock(), db=open_database(settings.database_url))  # 2025-01-20 10:00 JST
    harness = Harness(ports, stub=stub, settings=settings)
    yield harness
    harness.close()


def slash(h: Harness, text: str, user: str) -> Any:
    body = command_body(text, response_url=h.stub.response_url(), user=user, channel=MEMBERS_CHANNEL)
    return h.post(body, content_type="application/x-www-form-urlencoded")


def interact(h: Harness, payload: dict[str, Any]) -> Any:
    return h.post(actions_body(payload), content_type="application/x-www-form-urlencoded")


def demo_id(ports: Ports) -> int:
    return next(c.id for c in ports.answers.consultations() if c.source.startswith("2023-05") and
                c.label == "諮問事項イ")


def draft_posted(h: Harness, user: str) -> tuple[int, Any]:
    consultation = demo_id(h.ports)
    assert slash(h, f"draft {consultation}", user).status_code == 200
    [post] = h.stub.wait_for("chat.postMessage")
    h.drain()
    stored = h.ports.drafts.current(consultation)
    assert stored is not None and stored.channel == SECRETARIAT_CHANNEL and stored.ts
    return stored.id, post


def wire_click(h: Harness, action_id: str, user: str, draft_id: int, ts: str) -> Any:
    body, _ = click(action_id, user, draft_id, ts=ts)
    return interact(h, body)


@pytest.mark.wire
def test_wire_draft_review_by_approver_and_non_approver(wired: Harness) -> None:
    h = wired
    draft_id, post = draft_posted(h, SECRETARIAT)
    assert post.body["channel"] == SECRETARIAT_CHANNEL
    assert all(c.body.get("channel") != MEMBERS_CHANNEL for c in h.stub.of("chat.postMessage"))
    [told] = h.stub.wait_for("response_url")
    assert f"<#{SECRETARIAT_CHANNEL}>" in told.body["text"]
    text = json.dumps(post.body["blocks"], ensure_ascii=False)
    assert "1 審議会の結論" in text and "〔出典: 2023-05_第31回_議事録.txt" in text
    stored = h.ports.drafts.draft(draft_id)
    assert stored is not None and stored.channel == SECRETARIAT_CHANNEL
    ts = str(stored.ts)

    assert wire_click(h, DRAFT_APPROVE, MEMBER, draft_id, ts).status_code == 200  # a 委員: refused
    [refusal] = h.stub.wait_for("chat.postEphemeral")
    assert refusal.body["user"] == MEMBER and "事務局と会長に限られています" in refusal.body["text"]
    h.drain()
    assert h.stub.of("chat.update") == [] and h.ports.drafts.draft(draft_id).status == "draft"  # type: ignore[union-attr]

    assert wire_click(h, DRAFT_APPROVE, SECRETARIAT, draft_id, ts).status_code == 200
    [update] = h.stub.wait_for("chat.update")
    assert (update.body["channel"], update.body["ts"]) == (SECRETARIAT_CHANNEL, ts)
    updated = json.dumps(update.body["blocks"], ensure_ascii=False)
    assert "承認済み（総務課 佐野・2025-01-20 10:00）" in updated and DRAFT_APPROVE not in updated
    approved = h.ports.drafts.draft(draft_id)
    assert approved is not None and (approved.status, approved.approved_by) == ("approved", SECRETARIAT)
    assert approved.approved_at is not None and approved.approved_at.isoformat() == "2025-01-20T10:00:00+09:00"

    h.stub.reset()
    slash(h, f"show {demo_id(h.ports)}", MEMBER)
    replies = h.stub.wait_for("response_url", 2)
    shown = json.dumps([r.body for r in replies], ensure_ascii=False)
    assert "答申（承認済み: 総務課 佐野・2025-01-20（月）10:00）" in shown and "1 審議会の結論" in shown


@pytest.mark.wire
def test_wire_changes_modal_and_refusals(wired: Harness) -> None:
    h = wired
    assert slash(h, f"draft {demo_id(h.ports)}", MEMBER).json()["text"].startswith("答申（案）の作成と承認は")
    h.drain()
    assert h.stub.of("chat.postMessage") == []

    draft_id, _post = draft_posted(h, CHAIR)
    ts = str(h.ports.drafts.draft(draft_id).ts)  # type: ignore[union-attr]
    wire_click(h, DRAFT_CHANGES, MEMBER, draft_id, ts)
    h.stub.wait_for("chat.postEphemeral")
    h.drain()
    assert h.stub.of("views.open") == []

    wire_click(h, DRAFT_CHANGES, CHAIR, draft_id, ts)
    [opened] = h.stub.wait_for("views.open")
    view = opened.body["view"]
    assert (view["callback_id"], view["private_metadata"]) == (CHANGES_MODAL, str(draft_id))

    refused = interact(h, submission(MEMBER, draft_id, "結論を変えてください"))
    assert refused.json()["response_action"] == "errors"
    response = interact(h, submission(CHAIR, draft_id, "要望・意見に再委託先の報告を加えてください。"))
    assert response.status_code == 200 and response.text in ("", "null")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(c.body.get("thread_ts") == ts for c in h.stub.of("chat.postMessage")):
        time.sleep(0.02)
    [comment] = [c for c in h.stub.of("chat.postMessage") if c.body.get("thread_ts") == ts]
    assert comment.body["channel"] == SECRETARIAT_CHANNEL and "再委託先の報告" in comment.body["text"]
    h.drain()
    stored = h.ports.drafts.draft(draft_id)
    assert stored is not None and stored.status == "changes_requested"
    assert [(c["user"], c["text"]) for c in stored.comments] == [(CHAIR, "要望・意見に再委託先の報告を加えてください。")]
