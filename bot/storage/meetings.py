"""Meetings, their agenda, members' answers and attendance: the repository over ``meetings`` and its tables.

Rows are mapped to the pure core's dataclasses (``bot.meetings.model``) plus what only storage knows (the
announcement's channel and ts, who added the meeting). Every time is passed in (aware); nothing reads the clock.

Every change that depends on what is stored (a move, a cancellation, an answer, attendance) locks the meeting's
row first (``write_session`` + ``locked``) and decides under that lock: two changes of one meeting run one
after the other, each seeing the other's result, and a change the meeting no longer allows (moving or answering
a cancelled meeting, cancelling it twice) raises ``MeetingCancelled`` / ``MeetingClosed`` instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.meetings.model import AgendaItem, Answer, MeetingInfo, Rsvp
from bot.storage.db import locked, write_session
from bot.storage.tables import AttendanceRow, MeetingAgendaRow, MeetingRow, RsvpRow


class MeetingNotFound(LookupError):
    def __init__(self, meeting_id: int) -> None:
        super().__init__(meeting_id)
        self.meeting_id = meeting_id


@dataclass(frozen=True)
class StoredMeeting:
    """A meeting as stored: the core's ``MeetingInfo``, its agenda, and its announcement in Slack."""

    info: MeetingInfo
    agenda: tuple[AgendaItem, ...]
    created_by: str | None
    source: str
    previous_starts_at: datetime | None
    previous_ends_at: datetime | None
    announce_channel: str | None
    announce_ts: str | None
    announce_digest: str | None

    @property
    def id(self) -> int:
        return self.info.id


@dataclass(frozen=True)
class StoredRsvp:
    rsvp: Rsvp
    recorded_by: str
    source: str


class MeetingCancelled(Exception):
    """The meeting is cancelled (found so under its row's lock): it can be neither moved nor cancelled again."""

    def __init__(self, meeting: StoredMeeting) -> None:
        super().__init__(meeting.id)
        self.meeting = meeting


class MeetingClosed(Exception):
    """The meeting takes no more answers: cancelled, or started (found so under its row's lock)."""

    def __init__(self, meeting: StoredMeeting) -> None:
        super().__init__(meeting.id)
        self.meeting = meeting


def _offsets(seconds: list[int] | None) -> tuple[timedelta, ...] | None:
    return None if seconds is None else tuple(timedelta(seconds=s) for s in seconds)


def _to_stored(row: MeetingRow, agenda: Sequence[MeetingAgendaRow]) -> StoredMeeting:
    assert row.id is not None
    info = MeetingInfo(
        id=row.id, title=row.title, starts_at=row.starts_at, created_at=row.created_at, ends_at=row.ends_at,
        place=row.place, agenda_ids=tuple(a.consultation_id for a in agenda),
        reminder_offsets=_offsets(row.reminder_offsets), status=row.status,  # type: ignore[arg-type]
        sequence=row.sequence, cancel_reason=row.cancel_reason, rescheduled_at=row.rescheduled_at,
    )
    items = tuple(AgendaItem(a.consultation_id, a.label, a.title, a.pending) for a in agenda)
    return StoredMeeting(info, items, row.created_by, row.source, row.previous_starts_at, row.previous_ends_at,
                         row.announce_channel, row.announce_ts, row.announce_digest)


def _agenda_rows(s: Session, meeting_ids: Iterable[int]) -> dict[int, list[MeetingAgendaRow]]:
    ids = list(meeting_ids)
    found: dict[int, list[MeetingAgendaRow]] = {i: [] for i in ids}
    if not ids:
        return found
    stmt = (select(MeetingAgendaRow).where(MeetingAgendaRow.meeting_id.in_(ids))  # type: ignore[attr-defined]
            .order_by(MeetingAgendaRow.meeting_id, MeetingAgendaRow.position))  # type: ignore[arg-type]
    for a in s.execute(stmt).scalars():
        found[a.meeting_id].append(a)
    return found


def add(db: Engine, *, title: str, starts_at: datetime, ends_at: datetime | None, place: str | None,
        agenda: Sequence[AgendaItem], reminder_offsets: Sequence[timedelta] | None, at: datetime,
        created_by: str | None, source: str) -> StoredMeeting:
    with Session(db) as s:
        row = MeetingRow(
            title=title, starts_at=starts_at, ends_at=ends_at, place=place,
            reminder_offsets=None if reminder_offsets is None else [int(o.total_seconds()) for o in reminder_offsets],
            created_at=at, updated_at=at, created_by=created_by, source=source,
        )
        s.add(row)
        s.flush()
        assert row.id is not None
        for i, item in enumerate(agenda):
            s.add(MeetingAgendaRow(meeting_id=row.id, position=i, consultation_id=item.consultation_id,
                                   label=item.label, title=item.title, pending=item.pending))
        s.commit()
        meeting_id = row.id
    found = get(db, meeting_id)
    assert found is not None
    return found


def get(db: Engine, meeting_id: int) -> StoredMeeting | None:
    with Session(db) as s:
        row = s.get(MeetingRow, meeting_id)
        if row is None:
            return None
        return _to_stored(row, _agenda_rows(s, [meeting_id])[meeting_id])


def require(db: Engine, meeting_id: int) -> StoredMeeting:
    found = get(db, meeting_id)
    if found is None:
        raise MeetingNotFound(meeting_id)
    return found


def meetings(db: Engine, *, starting_after: datetime | None = None, include_cancelled: bool = True) -> list[StoredMeeting]:
    """Meetings by start time (those starting after ``starting_after`` only, when given)."""
    stmt = select(MeetingRow)
    if starting_after is not None:
        stmt = stmt.where(MeetingRow.starts_at > starting_after)  # type: ignore[arg-type,operator]
    if not include_cancelled:
        stmt = stmt.where(MeetingRow.status == "scheduled")  # type: ignore[arg-type]
    with Session(db) as s:
        rows = list(s.execute(stmt.order_by(MeetingRow.starts_at, MeetingRow.id)).scalars())  # type: ignore[arg-type]
        agenda = _agenda_rows(s, [r.id for r in rows if r.id is not None])
        return [_to_stored(r, agenda[r.id]) for r in rows if r.id is not None]


def _locked_meeting(s: Session, meeting_id: int) -> MeetingRow:
    row = locked(s, MeetingRow, meeting_id)
    if row is None:
        raise MeetingNotFound(meeting_id)
    return row


def _stored(s: Session, row: MeetingRow) -> StoredMeeting:
    assert row.id is not None
    s.flush()
    return _to_stored(row, _agenda_rows(s, [row.id])[row.id])


def move(db: Engine, meeting_id: int, *, starts_at: datetime, ends_at: datetime | None, at: datetime) -> StoredMeeting:
    """New times; the old ones are kept for the notice, SEQUENCE goes up, reminders plan from ``at`` again.
    ``ends_at`` None keeps the meeting's length (as stored when the move runs). MeetingCancelled when the
    meeting is cancelled."""
    with write_session(db) as s:
        row = _locked_meeting(s, meeting_id)
        if row.status == "cancelled":
            raise MeetingCancelled(_stored(s, row))
        if ends_at is None and row.ends_at is not None:
            ends_at = starts_at + (row.ends_at - row.starts_at)
        row.previous_starts_at, row.previous_ends_at = row.starts_at, row.ends_at
        row.starts_at, row.ends_at = starts_at, ends_at
        row.rescheduled_at = at
        row.updated_at = at
        row.sequence += 1
        s.add(row)
        moved = _stored(s, row)
        s.commit()
    return moved


def cancel(db: Engine, meeting_id: int, *, reason: str | None, at: datetime) -> StoredMeeting:
    """Cancel the meeting (SEQUENCE goes up); MeetingCancelled when it is cancelled already."""
    with write_session(db) as s:
        row = _locked_meeting(s, meeting_id)
        if row.status == "cancelled":
            raise MeetingCancelled(_stored(s, row))
        row.status = "cancelled"
        row.cancel_reason = reason
        row.updated_at = at
        row.sequence += 1
        s.add(row)
        cancelled = _stored(s, row)
        s.commit()
    return cancelled


def _set(db: Engine, meeting_id: int, **values: object) -> None:
    """One UPDATE of the meeting's row (no read before it)."""
    with Session(db) as s:
        done = s.execute(update(MeetingRow).where(MeetingRow.id == meeting_id).values(**values)).rowcount  # type: ignore[arg-type,attr-defined]
        s.commit()
    if not done:
        raise MeetingNotFound(meeting_id)


def set_announcement(db: Engine, meeting_id: int, *, channel: str, ts: str, digest: str | None = None) -> None:
    extra = {} if digest is None else {"announce_digest": digest}
    _set(db, meeting_id, announce_channel=channel, announce_ts=ts, **extra)


def set_announce_digest(db: Engine, meeting_id: int, digest: str) -> None:
    _set(db, meeting_id, announce_digest=digest)


def set_rsvp(db: Engine, meeting_id: int, slack_id: str, answer: Answer, *, at: datetime, recorded_by: str,
             source: str) -> StoredMeeting:
    """The member's current answer (replacing an earlier one); the meeting as it was when the answer was stored.
    MeetingClosed when the meeting is cancelled or has started by ``at``."""
    with write_session(db) as s:
        row = _locked_meeting(s, meeting_id)  # answers to one meeting, and its moves, one at a time
        if row.status == "cancelled" or at >= row.starts_at:
            raise MeetingClosed(_stored(s, row))
        rsvp = s.get(RsvpRow, (meeting_id, slack_id))
        if rsvp is None:
            rsvp = RsvpRow(meeting_id=meeting_id, slack_id=slack_id, answer=answer, answered_at=at,
                           recorded_by=recorded_by, source=source)
        else:
            rsvp.answer, rsvp.answered_at, rsvp.recorded_by, rsvp.source = answer, at, recorded_by, source
        s.add(rsvp)
        meeting = _stored(s, row)
        s.commit()
    return meeting


def rsvps(db: Engine, meeting_id: int) -> list[StoredRsvp]:
    stmt = select(RsvpRow).where(RsvpRow.meeting_id == meeting_id).order_by(RsvpRow.answered_at)  # type: ignore[arg-type]
    with Session(db) as s:
        return [StoredRsvp(Rsvp(r.meeting_id, r.slack_id, r.answer, r.answered_at), r.recorded_by, r.source)  # type: ignore[arg-type]
                for r in s.execute(stmt).scalars()]


def set_attendance(db: Engine, meeting_id: int, present: Iterable[str], *, at: datetime, recorded_by: str) -> None:
    """Who was present (replaces what was recorded before)."""
    with write_session(db) as s:
        _locked_meeting(s, meeting_id)  # two recordings of one meeting: one after the other, the later one stays
        s.execute(delete(AttendanceRow).where(AttendanceRow.meeting_id == meeting_id))  # type: ignore[arg-type]
        for slack_id in dict.fromkeys(present):
            s.add(AttendanceRow(meeting_id=meeting_id, slack_id=slack_id, recorded_at=at, recorded_by=recorded_by))
        s.commit()


def attendance(db: Engine, meeting_id: int) -> list[str]:
    stmt = select(AttendanceRow.slack_id).where(AttendanceRow.meeting_id == meeting_id)  # type: ignore[arg-type]
    with Session(db) as s:
        return sorted(s.execute(stmt).scalars())
