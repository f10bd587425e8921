"""Helpers shared by the Slack handlers: the Core from the request context, answering into a thread,
and telling the user about a failure without ever failing silently.

``bot.app.create_app`` puts the Core into every request's context (``context["core"]``), so handlers are
plain functions with Bolt's named parameters that tests can call directly.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from datetime import tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.core import Core
from templates.blocks.messages import Message, answer_messages
from templates.render import render

log = logging.getLogger("shingikai.slack")
CORE_KEY = "core"
COMMAND = "/shingikai"
_ANY_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")


def core_of(context: Mapping[str, Any]) -> Core:
    core = context.get(CORE_KEY)
    if core is None:
        raise RuntimeError("no Core in the request context (create_app registers it)")
    return core  # type: ignore[no-any-return]


def timezone_of(context: Mapping[str, Any]) -> tzinfo:
    tz = context.get("timezone")
    return tz if isinstance(tz, tzinfo) else ZoneInfo("Asia/Tokyo")


def mention_of(context: Mapping[str, Any]) -> str:
    """How to write the bot's mention in a message (Slack renders ``<@U…>`` as the bot's name)."""
    bot_user_id = context.get("bot_user_id")
    return f"<@{bot_user_id}>" if bot_user_id else render("slack/labels.j2", key="bot_mention")


def council_of(context: Mapping[str, Any]) -> str:
    return str(context.get("council_name") or render("slack/labels.j2", key="council_fallback"))


def question_text(text: str, bot_user_id: str | None) -> str:
    """The question as the user wrote it: the bot's ``<@BOTID>`` removed, Slack's escapes undone."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    else:
        text = _ANY_MENTION.sub(" ", text, count=1)
    return " ".join(html.unescape(text).split())


def answer_in_thread(
    client: WebClient, core: Core, *, channel: str, thread_ts: str, question: str, header: str | None = None,
) -> None:
    """Ask the Core (with the thread's consultation as context) and post the answer into the thread."""
    context_id = core.thread_consultation(channel, thread_ts)
    answer = core.ask(question, context_consultation_id=context_id)
    keep = answer.consultation_id if answer.consultation_id is not None else context_id
    core.remember_thread(channel, thread_ts, keep)
    post_messages(client, channel=channel, thread_ts=thread_ts, messages=answer_messages(answer, header=header))


def post_messages(client: WebClient, *, channel: str, thread_ts: str | None, messages: list[Message]) -> str:
    """Post ``messages`` in order; without ``thread_ts`` the first starts a thread the rest go into.

    Returns the thread's ts.
    """
    for message in messages:
        response = client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False, **message.as_kwargs(),
        )
        if thread_ts is None:
            thread_ts = str(response["ts"])
    return thread_ts or ""


def report_failure(
    client: WebClient, exc: BaseException, *, ref: str, channel: str | None, thread_ts: str | None = None,
    user: str | None = None,
) -> None:
    """Log ``exc`` with the event id (``ref``) and tell the user briefly in the thread (best effort)."""
    log.error("failed to handle event_id=%s: %s", ref, type(exc).__name__, exc_info=exc)
    if not channel:
        return
    text = render("slack/error.j2", ref=ref)
    try:
        if user:
            client.chat_postEphemeral(channel=channel, user=user, text=text, thread_ts=thread_ts)
        else:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)
    except Exception as again:  # the failure report itself must never raise
        log.error("could not report the failure for event_id=%s to the user: %s", ref, type(again).__name__)
