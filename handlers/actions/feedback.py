"""👍/👎 under an answer: one vote per person (a second click changes it), stored with the question and the hits
(carried in the button's value) for review; the buttons then show the tally ("👍 2" / "👎 1")."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.context import ports_of
from handlers.replies import report_failure
from templates import texts
from templates.blocks.messages import FEEDBACK_UP, with_tally
from templates.mrkdwn import unescape

log = logging.getLogger("shingikai.slack")
FEEDBACK_ACTIONS = re.compile(r"^feedback_(up|down)$")


def feedback_data(value: str | None) -> tuple[str, list[dict[str, Any]]]:
    """The question and hits a feedback button carries (empty when the value is missing or malformed)."""
    try:
        data = json.loads(value or "{}")
    except ValueError:
        return "", []
    if not isinstance(data, dict):
        return "", []
    hits = [h for h in data.get("h") or [] if isinstance(h, dict)]
    return str(data.get("q") or ""), hits


def handle_feedback(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond,
                    context: Mapping[str, Any]) -> None:
    ack()
    user = str((body.get("user") or {}).get("id", ""))
    container = body.get("container") or {}
    channel = str((body.get("channel") or {}).get("id") or container.get("channel_id") or "")
    message = body.get("message") or {}
    message_ts = str(container.get("message_ts") or message.get("ts") or "")
    thread_ts = message.get("thread_ts")
    ref = f"action:{body.get('trigger_id') or message_ts}"
    try:
        rating = 1 if action.get("action_id") == FEEDBACK_UP else -1
        question, hits = feedback_data(action.get("value"))
        answer = unescape(str(message.get("text") or ""))  # stored as written: escaping is the Slack edge's
        tally = ports_of(context).feedback.save_feedback(user, channel, message_ts, question, answer, rating, hits)
        log.info("feedback stored: rating=%+d channel=%s message_ts=%s", rating, channel, message_ts)
        if not tally.changed:  # the same click again: the vote and the buttons stay as they are
            return
        show_tally(client, respond, channel=channel, message=message, up=tally.up, down=tally.down)
        thanks = texts.text("feedback_thanks", rating=rating)
        try:
            client.chat_postEphemeral(channel=channel, user=user, text=thanks, thread_ts=thread_ts)
        except SlackApiError:  # e.g. an ephemeral answer in a channel the app is not in
            respond(text=thanks, response_type="ephemeral", replace_original=False)
    except Exception as exc:  # no silent failure
        report_failure(client, exc, ref=ref, channel=channel or None, thread_ts=thread_ts, user=user or None)



def show_tally(client: WebClient, respond: Respond, *, channel: str, message: Mapping[str, Any], up: int,
               down: int) -> None:
    """The answer's buttons with the tally: chat.update on a posted message, the response_url on an ephemeral one."""
    blocks = message.get("blocks")
    if not blocks:
        return
    updated = with_tally(list(blocks), up=up, down=down)
    text = str(message.get("text") or "")  # Slack's own text of the message, sent back as it is
    try:
        client.chat_update(channel=channel, ts=str(message.get("ts")), text=text, blocks=updated)
    except SlackApiError:  # an ephemeral answer cannot be updated through the Web API
        respond(replace_original=True, text=text, blocks=updated)
