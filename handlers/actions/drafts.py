"""承認 / 修正依頼 under a draft 答申 in the secretariat channel (事務局 and 会長 only).

承認 stores who approved and when, then replaces the buttons with 「承認済み（誰・いつ）」; 修正依頼 opens a modal
for the comment (``handlers.views.drafts`` takes its submission). Anyone else gets a private refusal and
nothing is stored.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.commands.desk import approved_message
from handlers.context import ports_of
from handlers.replies import report_failure
from templates.blocks.drafts import DRAFT_APPROVE, DRAFT_CHANGES, changes_modal
from templates.desk import message

log = logging.getLogger("shingikai.slack")
DRAFT_ACTIONS = re.compile(rf"^(?:{DRAFT_APPROVE}|{DRAFT_CHANGES})$")


def draft_id_of(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def handle_draft_review(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                        context: Mapping[str, Any]) -> None:
    ack()
    user = str((body.get("user") or {}).get("id", ""))
    container = body.get("container") or {}
    channel = str((body.get("channel") or {}).get("id") or container.get("channel_id") or "")
    message_ts = str(container.get("message_ts") or (body.get("message") or {}).get("ts") or "")
    ref = f"action:{body.get('trigger_id') or message_ts}"

    def tell(text: str) -> None:
        client.chat_postEphemeral(channel=channel, user=user, text=text)

    try:
        ports = ports_of(context)
        drafts = ports.drafts
        draft_id = draft_id_of(action.get("value"))
        if not drafts.can_review(user):
            log.info("draft review refused: user=%s action=%s", user, action.get("action_id"))
            tell(message("review_refused"))
            return
        if draft_id is None or drafts.draft(draft_id) is None:
            tell(message("draft_gone"))
            return
        if action.get("action_id") == DRAFT_CHANGES:
            client.views_open(trigger_id=str(body.get("trigger_id", "")), view=changes_modal(draft_id))
            return
        review = drafts.approve(draft_id, user)
        d = review.draft
        if review.outcome == "done" and d is not None:
            updated = approved_message(ports, d)
            client.chat_update(channel=d.channel or channel, ts=d.ts or message_ts, **updated.as_kwargs())
            log.info("draft %s approved by %s", draft_id, user)
        elif review.outcome == "already" and d is not None:
            at = d.approved_at.strftime("%Y-%m-%d %H:%M") if d.approved_at else ""
            tell(message("already_approved", who=drafts.member_name(d.approved_by or "") or f"<@{d.approved_by}>",
                         at=at))
        else:
            tell(message("draft_gone"))
    except Exception as exc:  # no silent failure
        report_failure(client, exc, ref=ref, channel=channel or None, user=user or None)
