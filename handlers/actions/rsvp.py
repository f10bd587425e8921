"""出席 / 欠席 / 未定 clicks (the announcement, a reminder DM, ``/shingikai meetings``, App Home).

Only app.yaml's members answer; anyone else is told privately and nothing is recorded. After an answer the
announcement's tally is updated (``publish``); on App Home the tab is published again with the new answer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from handlers.context import ports_of
from handlers.replies import report_failure
from handlers.views.home import publish_home
from templates.blocks import meetings as mb

log = logging.getLogger("shingikai.slack")
RSVP_ACTIONS = re.compile(r"^rsvp_(attend|absent|undecided)$")
ANSWER_OF = {action_id: answer for answer, action_id in mb.RSVP_ACTIONS.items()}


def handle_rsvp(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond,
                context: Mapping[str, Any]) -> None:
    ack()
    user = str((body.get("user") or {}).get("id", ""))
    container = body.get("container") or {}
    channel = str((body.get("channel") or {}).get("id") or container.get("channel_id") or "")
    ref = f"action:{body.get('trigger_id') or container.get('message_ts')}"
    try:
        ports = ports_of(context)
        value = str(action.get("value") or "")
        answer = ANSWER_OF.get(str(action.get("action_id")))
        if not value.isdigit() or answer is None:
            result_status, title, given = "not_found", None, None
        else:
            result = ports.meetings.rsvp(int(value), user, answer, by=user)
            result_status, given = result.status, result.answer
            title = result.meeting.title if result.meeting else None
        log.info("rsvp: meeting=%s user=%s status=%s", value, user, result_status)
        text = mb.rsvp_reply(result_status, answer=given, title=title)
        if container.get("type") == "view":  # App Home: show the new answer there
            publish_home(client, ports, context, user)
            if result_status != "recorded":
                client.chat_postMessage(channel=user, text=text)
        else:
            respond(text=text, response_type="ephemeral", replace_original=False)
        if result_status in ("recorded", "closed"):
            ports.meetings.publish()  # the tally (or the closed line) on the announcement
    except Exception as exc:  # no silent failure
        report_failure(client, exc, ref=ref, channel=channel or None, user=user or None)
