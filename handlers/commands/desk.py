"""``/shingikai draft ID`` (事務局 and 会長 only) and the draft part of ``/shingikai show ID``.

The draft goes to the secretariat channel (app.yaml ``channels.secretariat``; never the members' channel) with
承認 / 修正依頼 buttons; the requester is told privately where it went. Anyone else gets a polite refusal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any, Protocol

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.ports import Ports, StoredDraft
from handlers.commands.registry import COMMAND, Request
from handlers.replies import post_messages
from templates.blocks.drafts import draft_messages
from templates.blocks.messages import Message, text_message
from templates.desk import draft_status_text, message
from templates.mrkdwn import escape


class Invocation(Protocol):
    """What these handlers use of ``handlers.commands.shingikai.Invocation``."""

    respond: Respond
    client: WebClient
    command: Mapping[str, Any]
    request: Request

    @property
    def ports(self) -> Ports: ...

    def acknowledge(self, **kwargs: Any) -> None: ...

    def reply(self, message: Message) -> None: ...


def who(ports: Ports, user: str) -> str:
    """A reviewer as mrkdwn: their name from app.yaml, else their mention."""
    name = ports.drafts.member_name(user)
    return escape(name) if name else f"<@{user}>"


def run_draft(inv: Invocation) -> None:
    user = str(inv.command.get("user_id", ""))
    drafts = inv.ports.drafts
    if not drafts.can_review(user):
        inv.acknowledge(response_type="ephemeral", **text_message(message("draft_refused")).as_kwargs())
        return
    inv.acknowledge()
    number = inv.request.consultation_id or 0
    record = inv.ports.answers.consultation(number)
    stored = drafts.create(number, user) if record is not None else None
    if record is None or stored is None:
        inv.reply(text_message(message("draft_not_found", id=number, command=COMMAND)))
        return
    channel = drafts.secretariat_channel()
    messages = draft_messages(draft_id=stored.id, consultation_id=number, label=record.label, title=record.title,
                              text=stored.text, requested_by=user)
    ts = post_messages(inv.client, channel=channel, thread_ts=None, messages=messages)
    drafts.posted(stored.id, channel, ts)
    inv.reply(text_message(message("draft_posted", id=number, channel=channel)))


def approved_message(ports: Ports, d: StoredDraft) -> Message:
    """The draft's first message with the approved line in place of the buttons (for ``chat.update``)."""
    record = ports.answers.consultation(d.consultation_id)
    at = d.approved_at.strftime("%Y-%m-%d %H:%M") if d.approved_at else ""
    return draft_messages(draft_id=d.id, consultation_id=d.consultation_id, label=record.label if record else "",
                          title=record.title if record else "", text=d.text, requested_by=d.requested_by,
                          approved=(who(ports, d.approved_by or ""), at))[0]


def show_draft(inv: Invocation, consultation_id: int) -> None:
    """After ``show``: the approved draft 答申 with who and when, or that a draft awaits review."""
    d = inv.ports.drafts.current(consultation_id)
    if d is None:
        return
    approver = who(inv.ports, d.approved_by) if d.approved_by else None
    inv.reply(text_message(draft_status_text(asdict(d), approver=approver, slack=True)))
