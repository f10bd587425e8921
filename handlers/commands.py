"""``/shingikai``: ask, pending, show ID, meetings, help (Japanese aliases accepted).

Static replies (help, usage hints) go in the ack itself, which Slack shows only to the user. Anything
that needs the Core runs after ``ack()``: listings come back through ``respond`` (ephemeral), and
``ask`` posts the answer in the channel (its thread keeps the context), or privately when the app
cannot post there.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Core
from handlers.common import COMMAND, core_of, council_of, mention_of, post_messages, report_failure, timezone_of
from handlers.views import consultation_text, meetings_text, not_found_text, pending_text
from templates.blocks.messages import Message, answer_messages, escape, text_message
from templates.render import render

log = logging.getLogger("shingikai.slack")

SUBCOMMANDS = {
    "ask": "ask", "質問": "ask", "q": "ask",
    "pending": "pending", "継続": "pending", "審議中": "pending", "継続審議": "pending",
    "show": "show", "表示": "show", "詳細": "show",
    "meetings": "meetings", "meeting": "meetings", "会議": "meetings", "日程": "meetings", "予定": "meetings",
    "help": "help", "ヘルプ": "help", "使い方": "help", "?": "help",
}
FORMS = {"ask": "ask 質問文", "show": "show 番号", "pending": "pending", "meetings": "meetings", "help": "help"}
NOT_POSTABLE = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action", "cannot_dm_bot"}


@dataclass
class Request:
    """A parsed ``/shingikai`` text: the subcommand, its argument, or the problem with them."""

    kind: str | None  # ask / pending / show / meetings / help; None when the text is wrong
    arg: str = ""
    consultation_id: int | None = None
    problem: str | None = None  # unknown / ask_empty / show_id / extra
    word: str = ""  # the subcommand as typed


def parse(text: str) -> Request:
    parts = text.strip().split(maxsplit=1)  # str.split() also splits on the full-width space
    if not parts:
        return Request("help")
    word = parts[0]
    arg = parts[1].strip() if len(parts) > 1 else ""
    kind = SUBCOMMANDS.get(unicodedata.normalize("NFKC", word).lower())
    if kind is None:
        return Request(None, arg, problem="unknown", word=word)
    if kind == "ask" and not arg:
        return Request(None, problem="ask_empty", word=word)
    if kind in ("pending", "meetings") and arg:
        return Request(None, arg, problem="extra", word=word)
    if kind == "show":
        number = parse_id(arg)
        if number is None:
            return Request(None, arg, problem="show_id", word=word)
        return Request("show", arg, consultation_id=number, word=word)
    return Request(kind, arg, word=word)


def parse_id(arg: str) -> int | None:
    """``12``, ``１２``, ``#12``, ``ID 12``, ``第12号`` → 12; anything else → None."""
    text = unicodedata.normalize("NFKC", arg).strip().lower()
    for prefix in ("id", "#", "no.", "第"):
        text = text.removeprefix(prefix).strip()
    text = text.removesuffix("号").strip()
    return int(text) if text.isdigit() and 0 < int(text) < 2**31 else None


def hint_message(req: Request) -> Message:
    kind = SUBCOMMANDS.get(unicodedata.normalize("NFKC", req.word).lower(), "")
    form = FORMS.get(kind) if req.problem != "unknown" else None
    text = render("slack/usage_hint.j2", problem=req.problem, sub=escape(req.word), arg=escape(req.arg),
                  form=form, command=COMMAND)
    return text_message(text)


def help_message(context: Mapping[str, Any]) -> Message:
    return text_message(render("slack/help.j2", council=council_of(context), mention=mention_of(context), command=COMMAND))


def handle_command(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient,
                   context: Mapping[str, Any]) -> None:
    """The ``/shingikai`` listener: ack within Slack's 3 s, then do the work; never raise."""
    req = parse(str(command.get("text") or ""))
    if req.kind is None:
        ack(response_type="ephemeral", **hint_message(req).as_kwargs())
        return
    if req.kind == "help":
        ack(response_type="ephemeral", **help_message(context).as_kwargs())
        return
    if req.kind == "ask":
        ack(response_type="ephemeral", text=render("slack/ask_received.j2", question=escape(req.arg)))
    else:
        ack()
    ref = f"command:{command.get('trigger_id') or command.get('user_id')}"
    try:
        core = core_of(context)
        if req.kind == "ask":
            ask(core, client, respond, command, req.arg)
        elif req.kind == "pending":
            _respond(respond, text_message(pending_text(core)))
        elif req.kind == "meetings":
            _respond(respond, text_message(meetings_text(core, timezone_of(context))))
        elif req.kind == "show" and req.consultation_id is not None:
            record = core.consultation(req.consultation_id)
            text = consultation_text(record) if record else not_found_text(req.consultation_id)
            _respond(respond, text_message(text))
    except Exception as exc:  # no silent failure: log with the id, tell the user privately
        _report(client, respond, exc, ref=ref, command=command)


def ask(core: Core, client: WebClient, respond: Respond, command: Mapping[str, Any], question: str) -> None:
    """Answer in the channel (a new thread that keeps the context); privately if the app cannot post there."""
    channel = str(command.get("channel_id", ""))
    answer = core.ask(question)
    header = render("slack/ask_header.j2", user=command.get("user_id", ""), question=escape(question))
    messages = answer_messages(answer, header=header)
    try:
        thread_ts = post_messages(client, channel=channel, thread_ts=None, messages=messages)
    except SlackApiError as exc:
        if exc.response.get("error") not in NOT_POSTABLE:
            raise
        for message in messages:
            _respond(respond, message)
        respond(text=render("slack/ask_private_note.j2"), response_type="ephemeral")
        return
    core.remember_thread(channel, thread_ts, answer.consultation_id)


def _respond(respond: Respond, message: Message) -> None:
    respond(response_type="ephemeral", **message.as_kwargs())


def _report(client: WebClient, respond: Respond, exc: BaseException, *, ref: str, command: Mapping[str, Any]) -> None:
    try:
        log.error("failed to handle /shingikai ref=%s: %s", ref, type(exc).__name__, exc_info=exc)
        respond(text=render("slack/error.j2", ref=ref), response_type="ephemeral")
    except Exception:  # the response_url failed too: fall back to an ephemeral message via the Web API
        report_failure(client, exc, ref=ref, channel=command.get("channel_id"), user=command.get("user_id"))


def register(app: App, *, command: str = COMMAND) -> None:
    listener: Callable[..., None] = handle_command
    app.command(command)(listener)
