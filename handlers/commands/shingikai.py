"""``/shingikai``: ask, pending, show ID, draft ID, help (Japanese aliases accepted), driven by ``SUBCOMMANDS``.

Static replies (help, usage hints) go in the ack itself, which Slack shows only to the user. Anything
that needs the knowledge base runs after ``ack()``: listings come back through ``respond`` (ephemeral), and
``ask`` posts the answer in the channel (its thread keeps the context), or privately when the app
cannot post there.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.ports import MeetingInputError, Ports
from handlers.commands.desk import run_draft, show_draft
from handlers.commands.registry import COMMAND, Registry, Request, Subcommand, parse_id
from handlers.context import council_of, followups_of, mention_of, ports_of
from handlers.replies import meetings_blocks, post_messages, report_failure
from templates import texts
from templates.blocks import meetings as mb
from templates.blocks.messages import Message, answer_messages, pending_message, text_message

log = logging.getLogger("shingikai.slack")
NOT_POSTABLE = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action", "cannot_dm_bot"}


@dataclass
class Invocation:
    """One ``/shingikai`` call as a subcommand handler sees it."""

    ack: Ack
    respond: Respond
    client: WebClient
    command: Mapping[str, Any]
    context: Mapping[str, Any]
    request: Request
    acked: bool = field(default=False)

    def acknowledge(self, **kwargs: Any) -> None:
        self.ack(**kwargs)
        self.acked = True

    @property
    def ports(self) -> Ports:
        return ports_of(self.context)

    def reply(self, message: Message) -> None:
        self.respond(response_type="ephemeral", **message.as_kwargs())


def help_message(context: Mapping[str, Any]) -> Message:
    return text_message(texts.help_text(council=council_of(context), mention=mention_of(context), command=COMMAND,
                                        subcommands=SUBCOMMANDS.help_lines(), followups=followups_of(context)))


def hint_message(req: Request) -> Message:
    return text_message(SUBCOMMANDS.hint(req))


def run_help(inv: Invocation) -> None:
    inv.acknowledge(response_type="ephemeral", **help_message(inv.context).as_kwargs())


def run_pending(inv: Invocation) -> None:
    inv.acknowledge()
    inv.reply(pending_message(inv.ports.answers.pending(), command=COMMAND))


def run_show(inv: Invocation) -> None:
    inv.acknowledge()
    number = inv.request.consultation_id
    record = inv.ports.answers.consultation(number) if number is not None else None
    text = texts.consultation_text(record) if record else texts.not_found_text(number or 0, command=COMMAND)
    inv.reply(text_message(text))
    if record is not None:
        show_draft(inv, record.id)


def run_ask(inv: Invocation) -> None:
    """Answer in the channel (a new thread that keeps the context); privately if the app cannot post there."""
    question = inv.request.arg
    inv.acknowledge(response_type="ephemeral", text=texts.ask_received(question))
    ports = inv.ports
    channel = str(inv.command.get("channel_id", ""))
    answer = ports.answers.ask(question)
    header = texts.ask_header(str(inv.command.get("user_id", "")), question)
    messages = answer_messages(answer, header=header)
    try:
        thread_ts = post_messages(inv.client, channel=channel, thread_ts=None, messages=messages)
    except SlackApiError as exc:
        if exc.response.get("error") not in NOT_POSTABLE:
            raise
        for message in messages:
            inv.reply(message)
        inv.respond(text=texts.text("ask_private_note"), response_type="ephemeral")
        return
    ports.conversations.remember_thread(channel, thread_ts, answer.consultation_id)


def run_schedule(inv: Invocation) -> None:
    """Open the schedule modal (``handle_command`` already checked that the user is 事務局)."""
    inv.acknowledge()
    ports = inv.ports
    remind, day = ports.meetings.form_defaults()
    view = mb.schedule_modal(ports.meetings.agenda_choices(), default_remind=remind, initial_date=day)
    inv.client.views_open(trigger_id=str(inv.command.get("trigger_id", "")), view=view)


def _meeting_and_rest(inv: Invocation) -> tuple[int | None, str]:
    """``move 3 令和8年1月22日 15時`` / ``cancel 3 理由``: the meeting's ID and the rest of the text."""
    first, _, rest = inv.request.arg.partition(" ")
    return parse_id(first), rest.strip()


def run_move(inv: Invocation) -> None:
    """Move a meeting (``handle_command`` checked 事務局); the announcement, the channel and the reminders follow."""
    inv.acknowledge()
    meeting_id, at = _meeting_and_rest(inv)
    meetings = inv.ports.meetings
    if meeting_id is None or not at or meetings.meeting(meeting_id) is None:
        inv.respond(response_type="ephemeral", text=mb.reply("move_usage", command=COMMAND))
        return
    try:
        moved = meetings.move(meeting_id, at=at)
    except MeetingInputError as exc:
        inv.respond(response_type="ephemeral", text=mb.reply("input_error", reason=mb.input_error(exc)))
        return
    meetings.publish()  # the announcement updated and the channel told now, not at the scheduler's next tick
    inv.respond(response_type="ephemeral", text=mb.reply("moved_ok", title=moved.meeting.title,
                                                         when=moved.meeting.when,
                                                         warnings=[mb.date_warning(w) for w in moved.warnings]))


def run_cancel(inv: Invocation) -> None:
    """Cancel a meeting (``handle_command`` checked 事務局): reminders withdrawn, the announcement and channel told."""
    inv.acknowledge()
    meeting_id, reason = _meeting_and_rest(inv)
    meetings = inv.ports.meetings
    if meeting_id is None or meetings.meeting(meeting_id) is None:
        inv.respond(response_type="ephemeral", text=mb.reply("cancel_usage", command=COMMAND))
        return
    try:
        cancelled = meetings.cancel(meeting_id, reason=reason or None)
    except MeetingInputError as exc:
        inv.respond(response_type="ephemeral", text=mb.reply("input_error", reason=mb.input_error(exc)))
        return
    meetings.publish()
    inv.respond(response_type="ephemeral", text=mb.reply("cancelled_ok", title=cancelled.title, when=cancelled.when))


def run_meetings(inv: Invocation) -> None:
    inv.acknowledge()
    blocks = meetings_blocks(inv.ports, str(inv.command.get("user_id", "")))
    inv.respond(response_type="ephemeral", text=mb.label("meetings_heading"), blocks=[b.to_dict() for b in blocks])


SUBCOMMANDS = Registry([
    Subcommand("ask", ("質問", "q"), "text", run_ask),
    Subcommand("pending", ("継続", "審議中", "継続審議"), "none", run_pending),
    Subcommand("show", ("表示", "詳細"), "id", run_show),
    Subcommand("meetings", ("会議", "予定", "日程"), "none", run_meetings),
    Subcommand("schedule", ("会議登録", "日程登録"), "none", run_schedule, role="事務局"),
    Subcommand("move", ("日程変更", "変更"), "text", run_move, role="事務局"),
    Subcommand("cancel", ("中止",), "text", run_cancel, role="事務局"),
    # 事務局 and 会長 only: checked by run_draft (the registry's ``role`` is not enforced yet)
    Subcommand("draft", ("答申案", "下書き"), "id", run_draft),
    Subcommand("help", ("ヘルプ", "使い方", "?"), "any", run_help),
], default="help")


def handle_command(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient,
                   context: Mapping[str, Any]) -> None:
    """The ``/shingikai`` listener: ack within Slack's 3 s, then do the work; never raise."""
    req = SUBCOMMANDS.parse(str(command.get("text") or ""))
    if req.kind is None:
        ack(response_type="ephemeral", **hint_message(req).as_kwargs())
        return
    sub = SUBCOMMANDS.get(req.kind)
    if sub.role is not None and ports_of(context).members.role_of(str(command.get("user_id", ""))) != sub.role:
        ack(response_type="ephemeral", text=mb.refusal(role=sub.role))
        return
    inv = Invocation(ack, respond, client, command, context, req)
    ref = f"command:{command.get('trigger_id') or command.get('user_id')}"
    try:
        SUBCOMMANDS.get(req.kind).handler(inv)
    except Exception as exc:  # no silent failure: log with the id, tell the user privately
        if not inv.acked:
            inv.acknowledge()
        _report(client, respond, exc, ref=ref, command=command)


def _report(client: WebClient, respond: Respond, exc: BaseException, *, ref: str, command: Mapping[str, Any]) -> None:
    try:
        log.error("failed to handle /shingikai ref=%s: %s", ref, type(exc).__name__, exc_info=exc)
        respond(text=texts.text("error", ref=ref), response_type="ephemeral")
    except Exception:  # the response_url failed too: fall back to an ephemeral message via the Web API
        report_failure(client, exc, ref=ref, channel=command.get("channel_id"), user=command.get("user_id"))
