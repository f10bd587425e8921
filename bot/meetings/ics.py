"""iCalendar (RFC 5545) for one meeting, built with the icalendar library.

The UID is stable for the life of a meeting (``meeting-{id}-{council slug}@shingikai-bot``), so calendar apps
update the same event when it moves (with a higher SEQUENCE) or is cancelled (METHOD:CANCEL, STATUS:CANCELLED).
The council slug is a short hash of the council name: names are Japanese, and two councils sharing a calendar
must not collide on meeting ids. Times carry TZID of the council's zone with a matching VTIMEZONE.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from bot.meetings.model import AgendaItem, MeetingInfo, require_aware

PRODID = "-//shingikai-bot//meetings//JA"
UID_DOMAIN = "shingikai-bot"
DEFAULT_DURATION = timedelta(hours=2)  # DTEND when no end time was given
PENDING_NOTE = "（継続審議）"


def council_slug(council_name: str) -> str:
    return "c" + hashlib.sha256(council_name.encode("utf-8")).hexdigest()[:10]


def meeting_uid(meeting_id: int, council_name: str) -> str:
    return f"meeting-{meeting_id}-{council_slug(council_name)}@{UID_DOMAIN}"


def description(agenda: Sequence[AgendaItem], *, cancel_reason: str | None = None) -> str:
    """Agenda lines ("諮問第12号 件名（継続審議）"), then the reason of a cancellation."""
    lines = [f"{a.label} {a.title}{PENDING_NOTE if a.pending else ''}".strip() for a in agenda]
    if cancel_reason:
        lines.append(f"中止の理由: {cancel_reason}")
    return "\n".join(lines)


def to_ics(
    meeting: MeetingInfo,
    *,
    council_name: str,
    tz: ZoneInfo,
    stamp: datetime,
    sequence: int | None = None,
    cancelled: bool | None = None,
    agenda: Sequence[AgendaItem] = (),
) -> bytes:
    """The meeting as an .ics file. ``stamp`` (aware) is DTSTAMP: when this version was issued.

    ``sequence`` and ``cancelled`` default to the meeting's own ``sequence`` and ``status``.
    """
    require_aware("stamp", stamp)
    seq = meeting.sequence if sequence is None else sequence
    is_cancelled = meeting.cancelled if cancelled is None else cancelled
    start = meeting.starts_at.astimezone(tz)
    end = (meeting.ends_at or meeting.starts_at + DEFAULT_DURATION).astimezone(tz)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "CANCEL" if is_cancelled else "PUBLISH")

    event = Event()
    event.add("uid", meeting_uid(meeting.id, council_name))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    text = description(agenda, cancel_reason=meeting.cancel_reason if is_cancelled else None)
    if text:
        event.add("description", text)
    event.add("sequence", seq)
    event.add("status", "CANCELLED" if is_cancelled else "CONFIRMED")
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
