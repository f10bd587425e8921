"""Questions: an @mention in a channel, or any DM, answered in the thread of the question.

Events are acknowledged by Bolt before these functions run (``process_before_response=False``: the work
happens on the app's worker threads). Repeated deliveries are dropped by ``dedupe_events`` (a global
middleware) using ``Core.claim_event``, which the real Core keeps in the database across restarts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from handlers.common import answer_in_thread, core_of, mention_of, question_text, report_failure
from templates.render import render

log = logging.getLogger("shingikai.slack")
# message subtypes that are still a person writing to us; everything else (edits, joins, bots) is ignored
_USER_SUBTYPES = {None, "file_share", "thread_broadcast"}


def dedupe_events(body: dict[str, Any], context: Mapping[str, Any], next: Callable[[], None]) -> BoltResponse | None:
    """Global middleware: an event whose id was already handled is acknowledged and dropped."""
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    if event_id:
        try:
            first = core_of(context).claim_event(str(event_id))
        except Exception:  # a broken store must not stop answering; log and go on
            log.exception("claim_event failed for event_id=%s; handling it anyway", event_id)
            first = True
        if not first:
            log.info("duplicate delivery ignored: event_id=%s", event_id)
            return BoltResponse(status=200, body="")
    next()
    return None


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
        core = core_of(context)
        # one message can arrive both as app_mention and as message.im: answer it once
        if not core.claim_event(f"msg:{channel}:{ts}"):
            log.info("message already answered: event_id=%s", ref)
            return
        question = question_text(str(event.get("text") or ""), bot_user_id)
        if not question:
            text = render("slack/empty_question.j2", mention=mention_of(context))
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)
            return
        log.info("question received: event_id=%s channel=%s", ref, channel)
        answer_in_thread(client, core, channel=channel, thread_ts=thread_ts, question=question)
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
        return core_of(context).thread_consultation(str(event.get("channel", "")), str(thread_ts)) is not None
    except Exception:
        log.exception("thread lookup failed; the reply is not treated as a question")
        return False


def handle_message(event: dict[str, Any], body: dict[str, Any], client: WebClient,
                   context: Mapping[str, Any]) -> None:
    """Direct messages are questions; in channels, only follow-ups in a thread the bot is answering."""
    if event.get("channel_type") != "im" and not is_thread_follow_up(event, context):
        return
    handle_question_event(event, body, client, context)


def register(app: App) -> None:
    """The listeners; ``bot.app.create_app`` installs ``dedupe_events`` as a global middleware first."""
    app.event("app_mention")(handle_app_mention)
    app.event("message")(handle_message)
