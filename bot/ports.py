"""What the Slack surfaces (``handlers/``) may ask of the rest: one small Protocol per capability.

Handlers receive a ``Ports`` bundle in the request context; ``bot.services`` implements each port over the
database, and ``tests/support/fakes.py`` has a fake per port. A new capability (meetings, drafts, the digest)
adds its own port and a field here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from bot.meetings.model import AgendaItem
from bot.meetings.notices import CalendarFile, Notice
from bot.meetings.quorum import Tally
from bot.meetings.when import DateWarning
from knowledge.model import Answer, ConsultationRecord


@dataclass
class FeedbackRecord:
    """A 👍/👎 click on an answer, kept for quality review."""

    id: int
    created_at: str  # ISO datetime with offset (UTC)
    user: str
    channel: str
    message_ts: str
    question: str
    answer: str
    rating: int  # +1 or -1
    hits: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class VoteTally:
    """The votes on one answer after a click; ``changed``: the click changed the person's vote."""

    up: int
    down: int
    changed: bool = True


class Answers(Protocol):
    """Questions and listings over the ingested minutes and 答申."""

    def ask(self, question: str, context_consultation_id: int | None = None) -> Answer: ...

    def consultations(self) -> list[ConsultationRecord]: ...

    def consultation(self, consultation_id: int) -> ConsultationRecord | None: ...

    def pending(self) -> list[ConsultationRecord]: ...


class Conversations(Protocol):
    """Thread memory: which consultation a Slack thread is about."""

    def remember_thread(self, channel: str, thread_ts: str, consultation_id: int | None) -> None: ...

    def thread_consultation(self, channel: str, thread_ts: str) -> int | None: ...


class Feedback(Protocol):
    """One vote per person per answer: a second click changes it; the answer's tally comes back."""

    def save_feedback(
        self, user: str, channel: str, message_ts: str, question: str, answer: str, rating: int,
        hits: list[dict[str, Any]],
    ) -> VoteTally: ...

    def feedback(self) -> list[FeedbackRecord]: ...


SLACK_EVENT = "slack_event"  # ledger kind: an Events API event_id
SLACK_MESSAGE = "slack_message"  # ledger kind: "channel:ts" of a message (it may come as app_mention and message.im)


class Ledger(Protocol):
    """At most once: ``claim`` is True only for the first caller of (kind, key), even across restarts."""

    def claim(self, kind: str, key: str, detail: str | None = None) -> bool: ...

    def confirm(self, kind: str, key: str) -> bool: ...


DRAFT_STATUSES = ("draft", "changes_requested", "approved")
REVIEWER_ROLES = ("事務局", "会長")  # who may ask for a draft 答申 and approve it or request changes


@dataclass
class StoredDraft:
    """A draft 答申 as stored: its text and JSON (``knowledge.drafts.Draft.to_dict()``), where it was posted
    and its review. Times are aware (UTC from storage; the ``Drafts`` port gives them in the council's zone)."""

    id: int
    consultation_id: int
    text: str
    data: dict[str, Any]
    status: str  # one of DRAFT_STATUSES
    requested_by: str
    created_at: datetime
    channel: str | None = None
    ts: str | None = None
    approved_by: str | None = None
    approved_at: datetime | None = None
    comments: list[dict[str, Any]] = field(default_factory=list)  # {"user", "at" (ISO), "text"}


@dataclass
class Review:
    """What an approval or a change request did: ``done``, ``already`` (approved before: nothing changed),
    ``not_found`` or ``forbidden`` (not 事務局 or 会長: nothing stored)."""

    outcome: Literal["done", "already", "not_found", "forbidden"]
    draft: StoredDraft | None = None


class Drafts(Protocol):
    """Draft 答申 for the secretariat and their review (``bot.services.desk``)."""

    def secretariat_channel(self) -> str: ...

    def can_review(self, user: str) -> bool: ...

    def member_name(self, user: str) -> str | None: ...

    def create(self, consultation_id: int, requested_by: str) -> StoredDraft | None: ...

    def posted(self, draft_id: int, channel: str, ts: str) -> None: ...

    def draft(self, draft_id: int) -> StoredDraft | None: ...

    def current(self, consultation_id: int) -> StoredDraft | None: ...

    def approve(self, draft_id: int, user: str) -> Review: ...

    def request_changes(self, draft_id: int, user: str, comment: str) -> Review: ...


class Digest(Protocol):
    """The daily digest (``bot.services.digest``), for the scheduler: ``digest_job`` posts it at most once per
    day and says what happened ("posted", "already", "holiday", "empty", "failed"). Not in ``Ports``: no Slack
    surface uses it."""

    def digest_job(self, now: datetime) -> str: ...
class Members(Protocol):
    """Who is who: app.yaml's members and their roles (会長/副会長/委員/事務局)."""

    def role_of(self, slack_id: str) -> str | None: ...


@dataclass(frozen=True)
class MeetingView:
    """A meeting as the Slack surfaces show it (``when``: the 和暦 date line; ``closed``: answers no longer taken)."""

    id: int
    title: str
    when: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    agenda: tuple[AgendaItem, ...]
    cancelled: bool
    closed: bool
    tally: Tally
    reminders: tuple[timedelta, ...]


class MeetingInputError(ValueError):
    """Input that cannot make a meeting. ``field`` names the form field; ``reason`` says why, with ``params``: data,
    worded by ``templates.blocks.meetings.input_error`` (``templates/meetings/input_errors.j2``) where a person
    reads it (the handlers, the CLI). Reason ``when`` carries the pure core's ``WhenError`` (``problem`` and its params).
    ``str(err)`` is for logs: the field, the reason and the params."""

    def __init__(self, field: str, reason: str, **params: Any) -> None:
        super().__init__(" ".join([f"{field}: {reason}", *(f"{k}={v!r}" for k, v in params.items())]))
        self.field = field
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class MeetingForm:
    """What the schedule modal (or the CLI) gives to add a meeting; texts as typed."""

    title: str
    at: str  # WHEN: ISO 8601 or 和暦
    end: str | None = None  # HH:MM
    place: str | None = None
    agenda: tuple[int, ...] = ()
    remind: str | None = None  # e.g. "7d,1d,2h"; None: app.yaml's default


@dataclass(frozen=True)
class Scheduled:
    meeting: MeetingView
    warnings: list[DateWarning]  # worded by templates.blocks.meetings.date_warning


RsvpStatus = Literal["recorded", "not_member", "closed", "not_found"]


@dataclass(frozen=True)
class RsvpResult:
    status: RsvpStatus
    meeting: MeetingView | None = None
    answer: str | None = None


class Meetings(Protocol):
    """The schedule: meetings, members' answers, and the announcements in Slack."""

    def upcoming(self) -> list[MeetingView]: ...

    def meeting(self, meeting_id: int) -> MeetingView | None: ...

    def answers_of(self, slack_id: str) -> dict[int, str]: ...

    def agenda_choices(self) -> list[AgendaItem]: ...

    def form_defaults(self) -> tuple[str, str]:
        """The schedule modal's defaults: reminder offsets as typed ("7d,1d") and a date (YYYY-MM-DD)."""
        ...

    def schedule(self, form: MeetingForm, *, by: str) -> Scheduled: ...

    def rsvp(self, meeting_id: int, slack_id: str, answer: str, *, by: str) -> RsvpResult: ...

    def move(self, meeting_id: int, *, at: str, end: str | None = None) -> Scheduled: ...

    def cancel(self, meeting_id: int, *, reason: str | None = None) -> MeetingView: ...

    def publish(self) -> None:
        """Announce new meetings, notify moves and cancellations, refresh announcements (no-op without Slack)."""
        ...


class Notifier(Protocol):
    """Posting to Slack for the services (the scheduler, announcements): a channel id or a member's id (DM).

    The services hand over data (``bot.meetings.notices``); the notifier words it and builds the Block Kit
    (``bot.notifier`` with ``templates/blocks/meetings.py``)."""

    def post(self, channel: str, notice: Notice, *, thread_ts: str | None = None) -> str:
        """Post ``notice``; returns the message's ts."""
        ...

    def update(self, channel: str, ts: str, notice: Notice) -> None: ...

    def upload(self, channel: str, file: CalendarFile, *, thread_ts: str | None) -> None: ...

    def fingerprint(self, notice: Notice) -> str:
        """A hash of ``notice`` as Slack would show it (text and blocks): an announcement is updated only when
        this changes (a tally, a date, or the templates' wording)."""
        ...


@dataclass
class Ports:
    """Everything a handler may use, put into every Bolt request's context by ``bot.app.create_app``."""

    answers: Answers
    conversations: Conversations
    feedback: Feedback
    ledger: Ledger
    drafts: Drafts
    meetings: Meetings
    members: Members
