"""Reminder planning: which sends a meeting has, when each is due, and what to do with it now.

The scheduler calls ``plan`` on every wake-up (and at start-up, to catch up after downtime) with the clock's
``now``; it sends the ``due`` ones (claiming ``key`` in the ledger first, so nothing is sent twice), reports the
``missed`` ones to the secretariat (never to members), and ignores ``future`` and ``skipped`` ones.

Creation time: the planner reads ``meeting.scheduled_since`` (``rescheduled_at`` if the meeting was moved,
else ``created_at``). A send due before that moment is ``skipped``: it could never have been sent (a meeting
added 2 days ahead has no 7-day reminder), so it is not reported as missed either.

Keys: ``reminder:{meeting_id}:{offset_seconds}:{starts_at UTC}`` and ``quorum:...`` in the same shape. The start
time is part of the key so that a moved meeting gets its reminders again for the new date, while edits that
do not move it (place, agenda) keep the keys and never cause a second send.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.meetings.model import MeetingInfo, require_aware
from bot.meetings.quorum import MemberLike, MemberRef, voting_members
from bot.meetings.when import normalize_offsets

Kind = Literal["reminder", "quorum"]
State = Literal["future", "due", "missed", "skipped"]


@dataclass(frozen=True)
class PlannedSend:
    key: str
    kind: Kind
    meeting_id: int
    offset: timedelta  # before the meeting starts
    due_at: datetime
    state: State


def send_key(kind: Kind, meeting_id: int, offset: timedelta, starts_at: datetime) -> str:
    """The ledger key of one planned send (stable for a given meeting, offset and start time)."""
    start = starts_at.astimezone(UTC).strftime("%Y%m%dT%H%MZ")
    return f"{kind}:{meeting_id}:{int(offset.total_seconds())}:{start}"


def classify(
    due_at: datetime, *, starts_at: datetime, scheduled_since: datetime, now: datetime, grace: timedelta
) -> State:
    """future (not yet), due (send now), missed (too late: report it), skipped (due before it was scheduled)."""
    if due_at < scheduled_since:
        return "skipped"
    if now < due_at:
        return "future"
    if now >= starts_at or now >= due_at + grace:
        return "missed"
    return "due"


def plan(
    meeting: MeetingInfo,
    *,
    default_offsets: Iterable[timedelta],
    quorum_offsets: Iterable[timedelta],
    now: datetime,
    grace: timedelta,
) -> list[PlannedSend]:
    """Every send of ``meeting`` classified at ``now``, earliest first; a cancelled meeting plans nothing.

    Reminders use ``meeting.reminder_offsets`` when set, else ``default_offsets`` (app.yaml offsets_hours).
    """
    require_aware("now", now)
    if grace <= timedelta():
        raise ValueError("grace must be positive")
    if meeting.cancelled:
        return []
    reminder = meeting.reminder_offsets if meeting.reminder_offsets is not None else tuple(default_offsets)
    wanted: list[tuple[Kind, timedelta]] = [("reminder", o) for o in normalize_offsets(reminder)]
    wanted += [("quorum", o) for o in normalize_offsets(quorum_offsets)]
    sends: list[PlannedSend] = []
    for kind, offset in wanted:
        if offset <= timedelta():
            raise ValueError(f"offsets must be positive, got {offset}")
        due_at = meeting.starts_at - offset
        state = classify(
            due_at, starts_at=meeting.starts_at, scheduled_since=meeting.scheduled_since, now=now, grace=grace
        )
        sends.append(
            PlannedSend(send_key(kind, meeting.id, offset, meeting.starts_at), kind, meeting.id, offset, due_at, state)
        )
    return sorted(sends, key=lambda s: (s.due_at, s.kind))


def with_state(sends: Iterable[PlannedSend], state: State) -> list[PlannedSend]:
    return [s for s in sends if s.state == state]


def next_due_at(sends: Iterable[PlannedSend]) -> datetime | None:
    """When the scheduler should wake up next for these sends (the earliest future one), or None."""
    return min((s.due_at for s in sends if s.state == "future"), default=None)


def reminder_recipients(members: Sequence[MemberLike], answers: Mapping[str, str]) -> list[MemberRef]:
    """Voting members who get a reminder DM: those who have not answered, or answered 未定."""
    return [MemberRef(m.slack_id, m.name) for m in voting_members(members) if answers.get(m.slack_id) in (None, "未定")]
