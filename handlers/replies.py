"""Replies shared by the Slack handlers: the question in a message, answering into a thread, and telling the
user about a failure without ever failing silently."""

from __future__ import annotations

import html
import logging
import re

from slack_sdk import WebClient
from slack_sdk.models.blocks import Block

from bot.ports import Ports
from templates import texts
from templates.blocks import meetings as mb
from templates.blocks.messages import Message, answer_messages

log = logging.getLogger("shingikai.slack")
_ANY_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")


def question_text(text: str, bot_user_id: str | None) -> str:
    """The question as the user wrote it: the bot's ``<@BOTID>`` removed, Slack's escapes undone."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    else:
        text = _ANY_MENTION.sub(" ", text, count=1)
    return " ".join(html.unescape(text).split())


def answer_in_thread(
    client: WebClient, ports: Ports, *, channel: str, thread_ts: str, question: str, header: str | None = None,
) -> None:
    """Ask (with the thread's consultation as context) and post the answer into the thread."""
    context_id = ports.conversations.thread_consultation(channel, thread_ts)
    answer = ports.answers.ask(question, context_consultation_id=context_id)
    keep = answer.consultation_id if answer.consultation_id is not None else context_id
    ports.conversations.remember_thread(channel, thread_ts, keep)
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
    text = texts.text("error", ref=ref)
    try:
        if user:
            client.chat_postEphemeral(channel=channel, user=user, text=text, thread_ts=thread_ts)
        else:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)
    except Exception as again:  # the failure report itself must never raise
        log.error("could not report the failure for event_id=%s to the user: %s", ref, type(again).__name__)


def meetings_blocks(ports: Ports, user: str) -> list[Block]:
    """Upcoming meetings with the reader's own answer and the 出席/欠席/未定 buttons (``/shingikai meetings``, Home)."""
    mine = ports.meetings.answers_of(user)
    items = [(v.id, mb.meeting_line(title=v.title, when=v.when, place=v.place, answer=mine.get(v.id),
                                    cancelled=v.cancelled), v.closed)
             for v in ports.meetings.upcoming()]
    return mb.listing(items)
