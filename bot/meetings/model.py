"""Plain dataclasses for meetings; storage maps its rows to these, the pure functions read them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

MeetingStatus = Literal["scheduled", "cancelled"]
Answer = Literal["出席", "欠席", "未定"]
ANSWERS: tuple[Answer, ...] = get_args(Answer)


def require_aware(name: str, value: datetime | None) -> None:
    """Raise ValueError when ``value`` is a naive datetime (the core only works with aware ones)."""
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be an aware datetime, got naive {value!r}")


@dataclass(frozen=True)
class AgendaItem:
    """A consultation on a meeting's agenda (``pending``: no conclusion yet, e.g. 継続審議)."""

    consultation_id: int
    label: str  # e.g. "諮問第12号"
    title: str
    pending: bool = False


@dataclass(frozen=True)
class MeetingInfo:
    """One meeting as the core sees it.

    ``created_at`` is when the meeting was added and ``rescheduled_at`` when ``starts_at`` last changed (None
    if never moved): reminders due before that moment are ``skipped`` by the planner, since they could never
    have been sent. ``reminder_offsets`` None means "the council's default" (app.yaml reminders.offsets_hours).
    ``sequence`` is the iCalendar SEQUENCE, raised by storage on every change people should see.
    """

    id: int
    title: str
    starts_at: datetime
    created_at: datetime
    ends_at: datetime | None = None
    place: str | None = None
    agenda_ids: tuple[int, ...] = ()
    reminder_offsets: tuple[timedelta, ...] | None = None
    status: MeetingStatus = "scheduled"
    sequence: int = 0
    cancel_reason: str | None = None
    rescheduled_at: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("starts_at", "created_at", "ends_at", "rescheduled_at"):
            require_aware(name, getattr(self, name))
        if self.ends_at is not None and self.ends_at <= self.starts_at:
            raise ValueError(f"ends_at {self.ends_at} is not after starts_at {self.starts_at}")
        if self.status not in get_args(MeetingStatus):
            raise ValueError(f"unknown meeting status {self.status!r}")

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def scheduled_since(self) -> datetime:
        """The moment the current ``starts_at`` was set (creation or the last move)."""
        return self.rescheduled_at or self.created_at


@dataclass(frozen=True)
class Rsvp:
    """A member's answer for a meeting; the latest one per member counts."""

    meeting_id: int
    slack_id: str
    answer: Answer
    answered_at: datetime

    def __post_init__(self) -> None:
        if self.answer not in ANSWERS:
            raise ValueError(f"unknown RSVP answer {self.answer!r}")
        require_aware("answered_at", self.answered_at)


def answers_by_member(rsvps: Iterable[Rsvp]) -> dict[str, Answer]:
    """Each member's latest answer (by ``answered_at``), the shape quorum and reminders take."""
    latest: dict[str, Rsvp] = {}
    for r in rsvps:
        seen = latest.get(r.slack_id)
        if seen is None or r.answered_at >= seen.answered_at:
            latest[r.slack_id] = r
    return {sid: r.answer for sid, r in latest.items()}
