"""What the meetings services ask Slack to show: data only, one frozen dataclass per message.

Texts are raw (titles, places and reasons as typed, names from app.yaml); dates come already formatted by
``display`` (the 和暦 date line, '7日', '1月14日(水) 15:00'). The services hand these to the ``Notifier`` port;
``bot.notifier`` words them and builds their Block Kit with ``templates/blocks/meetings.py`` (escaping there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.meetings.model import AgendaItem
from bot.meetings.quorum import Forecast, Tally


@dataclass(frozen=True)
class Announcement:
    """The members' channel post: meeting, agenda, tally, and the RSVP buttons or the closed line."""

    meeting_id: int
    title: str
    when: str
    place: str | None
    agenda: tuple[AgendaItem, ...] = ()
    tally: Tally | None = None
    closed: bool = False
    cancelled: bool = False


@dataclass(frozen=True)
class Cancellation:
    title: str
    when: str
    reason: str | None


@dataclass(frozen=True)
class MoveNotice:
    title: str
    old_when: str
    new_when: str


@dataclass(frozen=True)
class ChannelReminder:
    """The reminder in the members' channel (``before``: '7日')."""

    title: str
    when: str
    place: str | None
    before: str
    tally: Tally | None


@dataclass(frozen=True)
class MemberReminder:
    """The DM to a member who has not answered (``answer`` None) or answered 未定."""

    meeting_id: int
    name: str
    title: str
    when: str
    place: str | None
    answer: str | None


@dataclass(frozen=True)
class QuorumOutlook:
    """The quorum forecast for the secretariat (``quorum_text``: app.yaml's rule as written)."""

    forecast: Forecast
    title: str
    when: str
    quorum_text: str


@dataclass(frozen=True)
class MissedSend:
    title: str
    when: str  # the meeting's date line
    kind: Literal["reminder", "quorum"]
    before: str  # e.g. "7日"
    due: str  # e.g. "1月14日(水) 15:00"


@dataclass(frozen=True)
class MissedReport:
    """Sends that were due while the bot was down (never sent afterwards)."""

    items: tuple[MissedSend, ...]


@dataclass(frozen=True)
class UnconfirmedSend:
    kind: str  # the ledger kind: reminder, quorum, meeting_announce, meeting_notice, meeting_ics
    recipient: str  # a channel id, or a member's id for a DM
    title: str
    claimed: str  # e.g. "1月14日(水) 15:00"


@dataclass(frozen=True)
class UnconfirmedReport:
    """Sends claimed but never confirmed (the bot stopped in between): reported, never repeated."""

    items: tuple[UnconfirmedSend, ...]


@dataclass(frozen=True)
class CalendarFile:
    """A meeting's .ics, offered in its announcement's thread."""

    filename: str
    content: bytes


Notice = (Announcement | Cancellation | MoveNotice | ChannelReminder | MemberReminder | QuorumOutlook | MissedReport
          | UnconfirmedReport)
