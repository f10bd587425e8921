"""Slack messages for meetings: the announcement with 出席/欠席/未定 buttons (and its closed version), reminders
in the channel and by DM, the quorum outlook, cancellation and move notices, and the missed-sends report.

Builders take RAW text (titles, places, agenda titles from documents, names from app.yaml, reasons typed by
people) and escape it here, once, with the one mrkdwn ``escape`` (``templates.mrkdwn``). Dates come in already
formatted (``bot.meetings.display``): ``templates`` does not import ``bot``. Wording lives in
``templates/meetings/*.j2``; every builder returns the common ``Message``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from templates.blocks.messages import Message
from templates.mrkdwn import escape, escape_all
from templates.render import render

RSVP_BLOCK_ID = "rsvp"
TALLY_BLOCK_ID = "rsvp_tally"
RSVP_ACTIONS = {"出席": "rsvp_attend", "欠席": "rsvp_absent", "未定": "rsvp_undecided"}
_LABEL_KEYS = {"出席": "attend", "欠席": "absent", "未定": "undecided"}
SECTION_CHUNK = 2800  # under Slack's 3,000 characters per section text
FALLBACK_CHARS = 3000


class AgendaLike(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def pending(self) -> bool: ...


class TallyLike(Protocol):
    @property
    def attending(self) -> int: ...
    @property
    def absent(self) -> int: ...
    @property
    def undecided(self) -> int: ...
    @property
    def unanswered(self) -> int: ...


class NamedLike(Protocol):
    @property
    def name(self) -> str: ...


class ForecastLike(Protocol):
    @property
    def status(self) -> str: ...
    @property
    def members(self) -> int: ...
    @property
    def needed(self) -> int: ...
    @property
    def attending(self) -> int: ...
    @property
    def absent(self) -> int: ...
    @property
    def undecided(self) -> int: ...
    @property
    def undecided_members(self) -> Sequence[NamedLike]: ...
    @property
    def absent_members(self) -> Sequence[NamedLike]: ...


class MissedLike(Protocol):
    """One line of the missed-sends report (all fields already formatted, raw text)."""

    @property
    def title(self) -> str: ...
    @property
    def when(self) -> str: ...
    @property
    def kind(self) -> str: ...  # reminder | quorum
    @property
    def before(self) -> str: ...
    @property
    def due(self) -> str: ...


class UnconfirmedLike(Protocol):
    """A send that was claimed but never confirmed (the bot stopped between the two): raw text."""

    @property
    def kind(self) -> str: ...  # the ledger kind: reminder, quorum, meeting_announce, meeting_notice, meeting_ics
    @property
    def recipient(self) -> str: ...  # a channel id, or a member's id (a DM)
    @property
    def title(self) -> str: ...
    @property
    def claimed(self) -> str: ...  # e.g. "1月14日(水) 15:00"


def _opt(text: str | None) -> str | None:
    return escape(text) if text else None


def label(key: str, **ctx: object) -> str:
    return render("meetings/labels.j2", key=key, **ctx)


def reply(key: str, **ctx: object) -> str:
    """``label`` for a Slack text (a command's ephemeral reply): every value escaped (a meeting's title, a date or
    a reason as the secretariat typed them)."""
    return label(key, **escape_all(ctx))


def tally_line(tally: TallyLike) -> str:
    """'出席 3・欠席 1・未定 2・未回答 2'."""
    return render("meetings/tally.j2", t=tally)


def _sections(text: str) -> list[Block]:
    """Section blocks cut at line ends so that none exceeds Slack's limit."""
    chunks: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while len(line) > SECTION_CHUNK:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:SECTION_CHUNK])
            line = line[SECTION_CHUNK:]
        if len(current) + len(line) > SECTION_CHUNK:
            chunks.append(current)
            current = ""
        current += line
    if current.strip():
        chunks.append(current)
    return [SectionBlock(text=MarkdownTextObject(text=c.strip("\n"))) for c in chunks if c.strip()]


def _message(text: str, extra: Sequence[Block] = ()) -> Message:
    fallback = text if len(text) <= FALLBACK_CHARS else text[: FALLBACK_CHARS - 1] + "…"
    return Message(text=fallback, blocks=[*_sections(text), *extra])


def rsvp_buttons(meeting_id: int) -> ActionsBlock:
    """出席 / 欠席 / 未定, each carrying the meeting id as its value."""
    return ActionsBlock(
        block_id=RSVP_BLOCK_ID,
        elements=[
            ButtonElement(
                text=PlainTextObject(text=label(_LABEL_KEYS[answer])),
                action_id=action_id,
                value=str(meeting_id),
                style="primary" if answer == "出席" else None,
            )
            for answer, action_id in RSVP_ACTIONS.items()
        ],
    )


def announcement(
    *,
    meeting_id: int,
    title: str,
    when: str,
    place: str | None,
    agenda: Sequence[AgendaLike] = (),
    tally: TallyLike | None = None,
    closed: bool = False,
    cancelled: bool = False,
) -> Message:
    """The members' channel post: meeting, agenda (pending items marked), tally, and buttons or the closed line.

    A cancelled meeting's announcement says so in its title and takes no more answers.
    """
    closed = closed or cancelled
    items = [{"label": escape(a.label), "title": escape(a.title), "pending": a.pending} for a in agenda]
    body = render(
        "meetings/announcement.j2",
        title=escape(title),
        when=escape(when),
        place=_opt(place),
        agenda=items,
        pending_mark=label("pending"),
        closed=closed,
        cancelled=cancelled,
    )
    extra: list[Block] = []
    line = tally_line(tally) if tally is not None else None
    if closed:
        closed_text = render("meetings/closed.j2", closed=label("cancelled" if cancelled else "closed"), tally=line)
        extra.append(ContextBlock(block_id=TALLY_BLOCK_ID, elements=[MarkdownTextObject(text=closed_text)]))
    else:
        if line:
            extra.append(ContextBlock(block_id=TALLY_BLOCK_ID, elements=[MarkdownTextObject(text=line)]))
        extra.append(rsvp_buttons(meeting_id))
    return _message(body, extra)


def reminder_channel(
    *, title: str, when: str, place: str | None, before: str, tally: TallyLike | None = None
) -> Message:
    """The reminder in the members' channel (``before``: '7日', '1日' from ``display.offset_label``)."""
    text = render(
        "meetings/reminder_channel.j2",
        title=escape(title),
        when=escape(when),
        place=_opt(place),
        before=escape(before),
        tally=tally_line(tally) if tally is not None else None,
    )
    return _message(text)


def reminder_dm(
    *, meeting_id: int, name: str, title: str, when: str, place: str | None, answer: str | None
) -> Message:
    """The DM to a member who has not answered (``answer`` None) or answered 未定, with the RSVP buttons."""
    text = render(
        "meetings/reminder_dm.j2",
        member_name=escape(name),
        title=escape(title),
        when=escape(when),
        place=_opt(place),
        answer=answer,
    )
    return _message(text, [rsvp_buttons(meeting_id)])


def quorum_forecast(*, forecast: ForecastLike, title: str, when: str, quorum_text: str) -> Message:
    """The quorum outlook for the secretariat, naming who is undecided and who is absent."""
    text = render(
        "meetings/forecast.j2",
        f=forecast,
        title=escape(title),
        when=escape(when),
        quorum_text=escape(quorum_text),
        undecided_names=[escape(m.name) for m in forecast.undecided_members],
        absent_names=[escape(m.name) for m in forecast.absent_members],
    )
    return _message(text)


def cancellation(*, title: str, when: str, reason: str | None) -> Message:
    text = render("meetings/cancelled.j2", title=escape(title), when=escape(when), reason=_opt(reason))
    return _message(text)


def move_notice(
    *,
    title: str,
    old_when: str,
    new_when: str,
    old_place: str | None = None,
    new_place: str | None = None,
    answers_reset: bool = False,
) -> Message:
    """Date (and place) change; ``answers_reset`` says whether members must answer again."""
    text = render(
        "meetings/moved.j2",
        title=escape(title),
        old_when=escape(old_when),
        new_when=escape(new_when),
        old_place=_opt(old_place),
        new_place=_opt(new_place),
        answers_reset=answers_reset,
    )
    return _message(text)


def missed_report(items: Sequence[MissedLike]) -> Message:
    """The secretariat's report of sends that were due while the bot was down."""
    lines = [
        {
            "title": escape(i.title),
            "when": escape(i.when),
            "kind": label(f"kind_{i.kind}"),
            "before": escape(i.before),
            "due": escape(i.due),
        }
        for i in items
    ]
    return _message(render("meetings/missed.j2", items=lines))


def unconfirmed_report(items: Sequence[UnconfirmedLike]) -> Message:
    """The secretariat's report of sends that may not have gone out (never repeated automatically); each says
    what it was and to whom, e.g. 出欠の催促（チャンネル C0MEMBERS）."""
    lines = [{"what": escape(label(f"sent_{i.kind}", recipient=i.recipient)), "title": escape(i.title),
              "claimed": escape(i.claimed)} for i in items]
    return _message(render("meetings/unconfirmed.j2", items=lines))


def meeting_line(*, title: str, when: str, place: str | None, answer: str | None, cancelled: bool = False) -> str:
    """One meeting in a listing (``/shingikai meetings``, App Home) with the reader's own answer."""
    return render("meetings/listing_item.j2", title=escape(title), when=escape(when), place=_opt(place),
                  answer=answer, cancelled=cancelled)


def listing(items: Sequence[tuple[int, str, bool]]) -> list[Block]:
    """Blocks for upcoming meetings: each line (from ``meeting_line``) followed by its RSVP buttons unless closed."""
    out: list[Block] = []
    if not items:
        return [SectionBlock(text=MarkdownTextObject(text=render("meetings/listing_empty.j2")))]
    for meeting_id, line, closed in items:
        out.append(SectionBlock(text=MarkdownTextObject(text=line[:SECTION_CHUNK])))
        if not closed:
            out.append(ActionsBlock(block_id=f"{RSVP_BLOCK_ID}_{meeting_id}", elements=rsvp_buttons(meeting_id).elements))
    return out


SCHEDULE_CALLBACK = "meeting_schedule"
FORM_BLOCKS = ("title", "date", "start", "end", "place", "agenda", "remind")
FORM_ACTION = "value"
OPTION_TEXT = 75  # Slack's limit for an option's text


def _input(block_id: str, element: dict[str, Any], *, optional: bool = False, hint: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "input", "block_id": block_id, "optional": optional, "element": element,
                             "label": {"type": "plain_text", "text": form_label(block_id)}}
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def form_label(key: str, **ctx: object) -> str:
    return render("meetings/form.j2", key=key, **ctx)


def schedule_modal(choices: Sequence[AgendaChoice], *, default_remind: str, initial_date: str) -> dict[str, Any]:
    """The ``/shingikai schedule`` modal (a view payload): title, date, times, place, agenda, reminder offsets."""
    blocks = [
        _input("title", {"type": "plain_text_input", "action_id": FORM_ACTION, "max_length": 200,
                         "placeholder": {"type": "plain_text", "text": form_label("title_placeholder")}}),
        _input("date", {"type": "datepicker", "action_id": FORM_ACTION, "initial_date": initial_date}),
        _input("start", {"type": "timepicker", "action_id": FORM_ACTION, "initial_time": "14:00"}),
        _input("end", {"type": "timepicker", "action_id": FORM_ACTION}, optional=True),
        _input("place", {"type": "plain_text_input", "action_id": FORM_ACTION, "max_length": 200}, optional=True),
    ]
    if choices:
        options = [{"text": {"type": "plain_text", "text": _cut(f"{c.label} {c.title}", OPTION_TEXT)},
                    "value": str(c.consultation_id)} for c in choices[:100]]
        blocks.append(_input("agenda", {"type": "multi_static_select", "action_id": FORM_ACTION, "options": options,
                                        "placeholder": {"type": "plain_text", "text": form_label("agenda_placeholder")}},
                             optional=True))
    blocks.append(_input("remind", {"type": "plain_text_input", "action_id": FORM_ACTION,
                                    "placeholder": {"type": "plain_text", "text": default_remind}},
                         optional=True, hint=form_label("remind_hint", default=default_remind)))
    return {"type": "modal", "callback_id": SCHEDULE_CALLBACK,
            "title": {"type": "plain_text", "text": form_label("modal_title")},
            "submit": {"type": "plain_text", "text": form_label("submit")},
            "close": {"type": "plain_text", "text": form_label("close")},
            "blocks": blocks}


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AgendaChoice(Protocol):
    @property
    def consultation_id(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def title(self) -> str: ...


def rsvp_reply(status: str, *, answer: str | None = None, title: str | None = None) -> str:
    """The private reply to an RSVP click (recorded, not a member, closed, unknown meeting)."""
    return render("meetings/rsvp_reply.j2", status=status, answer=answer, title=escape(title) if title else None)


def scheduled_reply(*, meeting_id: int, title: str, when: str, warnings: Sequence[DateWarningLike]) -> Message:
    """What the secretariat gets after adding a meeting from the modal."""
    return _message(render("meetings/scheduled.j2", meeting_id=meeting_id, title=escape(title), when=escape(when),
                           warnings=[escape(date_warning(w)) for w in warnings]))


class InputErrorLike(Protocol):
    @property
    def reason(self) -> str: ...
    @property
    def params(self) -> Mapping[str, Any]: ...


class DateWarningLike(Protocol):
    """Something to check about a meeting's day or hour (``bot.meetings.when.DateWarning``, a NamedTuple: kind, day,
    weekday, holiday, time)."""

    def _asdict(self) -> dict[str, Any]: ...


def date_warning(w: DateWarningLike) -> str:
    """``w`` in plain text (「2026-01-12 は成人の日（祝日）です」)."""
    return render("meetings/date_warning.j2", **w._asdict())


def when_problem(problem: str, **params: object) -> str:
    """Why a date, an end time or reminder offsets cannot be used (``bot.meetings.when.WhenError``), in plain text."""
    return render("meetings/when.j2", problem=problem, **params)


def input_error(err: InputErrorLike) -> str:
    """Why a meeting could not be added, moved, cancelled or answered (``bot.ports.MeetingInputError``), in plain
    text: the CLI prints it, the modal shows it under its field, ``label("input_error", reason=...)`` replies it."""
    return render("meetings/input_errors.j2", key=err.reason, **err.params)


def refusal(*, role: str) -> str:
    return render("meetings/refused.j2", role=role)
