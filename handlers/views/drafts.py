"""The 修正依頼 modal's submission: the comment is stored with the draft and posted in the draft's thread."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.actions.drafts import draft_id_of
from handlers.context import ports_of
from handlers.replies import report_failure
from templates.blocks.drafts import COMMENT_BLOCK, COMMENT_INPUT
from templates.desk import message
from templates.mrkdwn import escape

log = logging.getLogger("shingikai.slack")


def comment_of(view: Mapping[str, Any]) -> str:
    values = ((view.get("state") or {}).get("values") or {}).get(COMMENT_BLOCK) or {}
    return str((values.get(COMMENT_INPUT) or {}).get("value") or "").strip()


def handle_changes_submission(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                              context: Mapping[str, Any]) -> None:
    user = str((body.get("user") or {}).get("id", ""))
    drafts = ports_of(context).drafts
    comment = comment_of(view)
    if not drafts.can_review(user):
        ack(response_action="errors", errors={COMMENT_BLOCK: message("review_refused")})
        return
    if not comment:
        ack(response_action="errors", errors={COMMENT_BLOCK: message("modal_empty")})
        return
    ack()
    draft_id = draft_id_of(view.get("private_metadata"))
    ref = f"view:{view.get('id') or draft_id}"
    try:
        review = drafts.request_changes(draft_id, user, comment) if draft_id is not None else None
        d = review.draft if review is not None else None
        if review is None or d is None or not d.channel:
            log.warning("change request for a missing draft: %s", draft_id)
            return
        if review.outcome == "already":
            at = d.approved_at.strftime("%Y-%m-%d %H:%M") if d.approved_at else ""
            client.chat_postEphemeral(channel=d.channel, user=user, text=message(
                "already_approved", who=drafts.member_name(d.approved_by or "") or f"<@{d.approved_by}>", at=at))
            return
        client.chat_postMessage(channel=d.channel, thread_ts=d.ts,
                                text=message("changes_in_thread", user=user, comment=escape(comment)))
        client.chat_postEphemeral(channel=d.channel, user=user, text=message("changes_saved"))
        log.info("changes requested on draft %s by %s", draft_id, user)
    except Exception as exc:  # no silent failure
        report_failure(client, exc, ref=ref, channel=None, user=user or None)
