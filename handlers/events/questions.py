"""Questions: an @mention in a channel, or any DM, answered in the thread of the question.

Events are acknowledged by Bolt before these functions run (``process_before_response=False``: the work
happens on the app's worker threads); only then is the database touched (the event id claimed, the thread
looked up).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_sdk import WebClient

from bot.ports import SLACK_MESSAGE
from handlers.context import followups_of, mention_of, ports_of
from handlers.events.dedupe import first_delivery
from handlers.replies import answer_in_thread, question_text, report_failure
from templates import texts

log = logging.getLogger("shingikai.slack")
# message subtypes that are still a person writing to us; everything else (edits, joins, bots) is ignored
_USER_SUBTYPES = {None, "file_share", "thread_broadcast"}


def is_from_bot(event: Mapping[str, Any], bot_user_id: str | None) -> bool:
    return bool(event.get("bot_id") or event.get("bot_profile") or event.get("subtype") == "bot_message"
                or (bot_user_id and event.get("user") == bot_user_id))


def handle_question_event(event: dict[str, Any], body: dict[str, Any], client: WebClient,
                          context: Mapping[str, Any]) -> None:
    """Answer ``event`` (an app_mention or a DM) in its thread; never raise."""
    bot_user_id = context.get("bot_user_id")
    if is_from_bot(event, bot_user_id) or event.get("subtype") not in _USER_SUBTYPES or not event.get("user"):
        return
    channel = str(event.get("channel", ""))
    ts = str(event.get("ts", ""))
    thread_ts = str(event.get("thread_ts") or ts)
    ref = str(body.get("event_id") or f"{channel}:{ts}")
    try:
        if not first_delivery(body, context):  # a retry or a redelivery (claimed after the ack)
            return
        ports = ports_of(context)
        # one message can arrive both as app_mention and as message.im: answer it once
        if not ports.ledger.claim(SLACK_MESSAGE, f"{channel}:{ts}"):
            log.info("message already answered: event_id=%s", ref)
            return
        question = question_text(str(event.get("text") or ""), bot_user_id)
        if not question:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts,
                                    text=texts.text("empty_question", mention=mention_of(context)))
            return
        log.info("question received: event_id=%s channel=%s", ref, channel)
        answer_in_thread(client, ports, channel=channel, thread_ts=thread_ts, question=question)
    except Exception as exc:  # no silent failure: log with the event id, tell the user
        report_failure(client, exc, ref=ref, channel=channel, thread_ts=thread_ts)


def handle_app_mention(event: dict[str, Any], body: dict[str, Any], client: WebClient,
                       context: Mapping[str, Any]) -> None:
    handle_question_event(event, body, client, context)


def is_thread_follow_up(event: Mapping[str, Any], context: Mapping[str, Any]) -> bool:
    """A reply, without a mention, in a channel thread where the bot is discussing a consultation."""
    thread_ts = event.get("thread_ts")
    if not thread_ts or thread_ts == event.get("ts"):
        return False
    bot_user_id = context.get("bot_user_id")
    if bot_user_id and f"<@{bot_user_id}" in str(event.get("text") or ""):
        return False  # the app_mention event answers it
    try:
        channel = str(event.get("channel", ""))
        return ports_of(context).conversations.thread_consultation(channel, str(thread_ts)) is not None
    except Exception:
        log.exception("thread lookup failed; the reply is not treated as a question")
        return False


def handle_message(event: dict[str, Any], body: dict[str, Any], client: WebClient,
                   context: Mapping[str, Any]) -> None:
    """Direct messages are questions; in channels, only follow-ups in a thread the bot is answering, and only
    when app.yaml turns those on (``slack.thread_followups_without_mention``); otherwise channel messages are
    ignored (the manifest does not even subscribe to them)."""
    if event.get("channel_type") != "im" and not (followups_of(context) and is_thread_follow_up(event, context)):
        return
    handle_question_event(event, body, client, context)
