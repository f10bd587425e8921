"""「続きを表示」 under a page of the pending list: the next page, where the list is (a message or App Home)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from handlers.commands.registry import COMMAND
from handlers.context import ports_of
from handlers.replies import report_failure
from handlers.views.home import home_view
from templates.blocks.messages import pending_message

log = logging.getLogger("shingikai.slack")


def next_start(action: Mapping[str, Any]) -> int:
    try:
        return max(0, int(str(action.get("value") or "0")))
    except ValueError:
        return 0


def handle_pending_more(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond,
                        context: Mapping[str, Any]) -> None:
    ack()
    user = str((body.get("user") or {}).get("id", ""))
    container = body.get("container") or {}
    start = next_start(action)
    ref = f"action:{body.get('trigger_id') or start}"
    try:
        ports = ports_of(context)
        if container.get("type") == "view":  # App Home: publish the page in place
            client.views_publish(user_id=user, view=home_view(ports, context, user, start=start))
            return
        message = pending_message(ports.answers.pending(), command=COMMAND, start=start)
        respond(response_type="ephemeral", replace_original=False, **message.as_kwargs())
    except Exception as exc:  # no silent failure
        report_failure(client, exc, ref=ref, channel=container.get("channel_id"), user=user or None)
