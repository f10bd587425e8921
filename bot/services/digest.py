"""The daily digest: data first (``DigestData``), words in ``templates/digest``, Block Kit in
``templates/blocks/digest.py``; posted by a ``DigestPoster`` (the Slack adapter is ``bot.notify``).

Contents: consultations still open (how many days since the meeting that carried them over, their state and what
they wait for), items whose outcome is not recorded (for checking), meetings in the next 14 days with the answers
so far and the quorum outlook (``UpcomingMeetings``, wired by the integrator; none by default), and documents
ingested since the last digest.

``digest_job(now)`` is the scheduler's hook: on weekdays that are not national holidays (app.yaml
``digest.skip_holidays``) it posts at most once per day — ``ledger.claim("digest", "YYYY-MM-DD")`` (the date in
the council's zone) before posting, ``confirm`` after — across restarts and several processes. A day with nothing
to report posts one short line or nothing (``digest.when_empty``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Protocol

import jpholiday

from bot.clock import Clock, SystemClock
from bot.settings import Settings
from bot.storage import knowledge as store
from bot.storage.db import Database
from bot.storage.ledger import Ledger
from knowledge.drafts import is_material_request, outcome_state
from knowledge.lineage import still_pending, superseded
from knowledge.model import ConsultationRecord

log = logging.getLogger("shingikai.digest")
DIGEST = "digest"  # ledger kind; key = the day (YYYY-MM-DD, council's zone)
MEETING_DAYS = 14
FIRST_DIGEST_LOOKBACK = timedelta(days=1)  # documents listed by the very first digest: the last day's


# -- the data --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeetingDigestItem:
    """A meeting of the next days as the digest shows it (the meetings service provides these)."""

    title: str
    starts_at: datetime  # aware
    attending: int
    absent: int
    undecided: int
    unanswered: int
    quorum: str  # the forecast's status (quorate, undecided_decides, cannot_reach), worded by digest/digest.j2


class UpcomingMeetings(Protocol):
    def upcoming(self, now: datetime, days: int) -> list[MeetingDigestItem]: ...


class ScheduleForDigest:
    """``UpcomingMeetings`` over the meetings service: the meetings starting within ``days``, not cancelled, with
    the answers so far and the quorum outlook (``quorum``: the forecast's status code, worded by the template)."""

    def __init__(self, meetings: Any) -> None:  # bot.services.meetings.MeetingService (listing, quorum)
        self.meetings = meetings

    def upcoming(self, now: datetime, days: int) -> list[MeetingDigestItem]:
        until = now + timedelta(days=days)
        items = []
        for m in self.meetings.listing():
            if m.cancelled or not now <= m.starts_at <= until:
                continue
            t = m.tally
            items.append(MeetingDigestItem(m.title, m.starts_at, t.attending, t.absent, t.undecided, t.unanswered,
                                           self.meetings.quorum(m.id).status))
        return items


class NoMeetings:
    """No meetings service wired: the digest lists no meetings."""

    def upcoming(self, now: datetime, days: int) -> list[MeetingDigestItem]:
        return []


@dataclass(frozen=True)
class Awaited:
    """What an open item waits for, in the record's words (worded by ``templates/digest/digest.j2``): ``what`` the
    material or the point, ``asked`` what was asked of it (提出, 追加資料, 資料, 説明, 報告), or "" when ``what`` is a
    member's request in the Q&A, quoted as asked."""

    what: str
    asked: str


@dataclass(frozen=True)
class OpenItem:
    """A consultation still open."""

    consultation_id: int
    place: str | None
    label: str
    title: str
    state: str  # 継続審議 | 再審議 | 次回審議
    since: str | None  # the date of the meeting that carried it over (ISO)
    days_open: int | None
    waits_for: Awaited | None  # the material or explanation it waits for, from the record
    cause: str | None  # the outcome's own note, e.g. 予定時間超過
    reason: str | None
    source: str


@dataclass(frozen=True)
class UncheckedItem:
    """A consultation whose outcome is not recorded: the secretariat should check the minutes."""

    consultation_id: int
    place: str | None
    label: str
    title: str
    meeting_date: str | None
    source: str


@dataclass(frozen=True)
class NewDocument:
    source: str
    place: str | None
    session: str | None
    meeting_date: str | None
    ingested_at: datetime  # in the council's zone


@dataclass
class DigestData:
    day: date
    council: str
    open_items: list[OpenItem] = field(default_factory=list)
    unchecked: list[UncheckedItem] = field(default_factory=list)
    meetings: list[MeetingDigestItem] = field(default_factory=list)
    documents: list[NewDocument] = field(default_factory=list)
    documents_since: datetime | None = None  # the previous digest (council's zone); None: the first digest

    def is_empty(self) -> bool:
        return not (self.open_items or self.unchecked or self.meetings or self.documents)

    def to_dict(self) -> dict[str, Any]:
        return json_ready(asdict(self))


def json_ready(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    return value


# -- reading the record -----------------------------------------------------------------------------------------
_STATES = ("再審議", "次回審議", "継続審議")
_NOTE = re.compile(r"[（(]([^（）()]+)[）)]")
_ASKED = re.compile(
    r"^(?:実施機関に対し、?|事務局に対し、?)?(?P<what>.+?)(?:について、?(?:改めて)?(?P<obj>追加資料|資料|説明|報告)|の提出)を求め")


def state_of(c: ConsultationRecord) -> str:
    """継続審議 / 再審議 / 次回審議, as the outcome says (継続審議 when it says none of them)."""
    return next((s for s in _STATES if s in c.outcome), "継続審議")


def cause_of(c: ConsultationRecord) -> str | None:
    """The outcome's note in brackets: 継続審議（追加資料の提出待ち） -> 追加資料の提出待ち."""
    m = _NOTE.search(c.outcome)
    return m.group(1).strip() if m else None


def waits_for(c: ConsultationRecord) -> Awaited | None:
    """What the item waits for, from the record: the material the council asked for (its reason), else a
    member's request for material in the Q&A; None when the record names nothing."""
    if c.reason:
        m = _ASKED.search(c.reason.strip())
        if m:
            what = m.group("what").strip("、 ")
            return Awaited(what, m.group("obj") or "提出")
    asked = [q.question for q in c.qa if is_material_request(q.question)]
    return Awaited(asked[0].strip(), "") if asked else None


def days_between(since: str | None, day: date) -> int | None:
    if not since:
        return None
    try:
        return (day - date.fromisoformat(since)).days
    except ValueError:
        return None


def open_items(records: list[ConsultationRecord], day: date) -> list[OpenItem]:
    """Consultations still open (no later record settled them), longest open first."""
    items = [
        OpenItem(c.id, c.municipality or c.council, c.label, c.title, state_of(c), c.meeting_date,
                 days_between(c.meeting_date, day), waits_for(c), cause_of(c), c.reason, c.source)
        for c in still_pending(records)
    ]
    return sorted(items, key=lambda i: (-(i.days_open if i.days_open is not None else -1), i.consultation_id))


def unchecked_items(records: list[ConsultationRecord]) -> list[UncheckedItem]:
    """Records whose outcome is not recorded (status neither decided nor pending, or no outcome) and that no
    later record of the same matter followed up."""
    followed = superseded(records)
    return [
        UncheckedItem(c.id, c.municipality or c.council, c.label, c.title, c.meeting_date, c.source)
        for c in records
        if outcome_state(c) == "unknown" and c.id not in followed
    ]


# -- posting ----------------------------------------------------------------------------------------------------
class DigestPoster(Protocol):
    """Posts the digest (words and blocks from the templates) to a channel; returns the message's ts."""

    def post_digest(self, channel: str, data: DigestData) -> str: ...


def is_day_off(day: date) -> str | None:
    """"weekend", "holiday" (a national holiday) or None for a working day."""
    if day.weekday() >= 5:
        return "weekend"
    if jpholiday.is_holiday(day):
        return "holiday"
    return None


class DigestService:
    """``bot.ports.Digest`` over one database."""

    def __init__(self, db: Database, settings: Settings, clock: Clock | None = None, *,
                 poster: DigestPoster | None = None, meetings: UpcomingMeetings | None = None,
                 ledger: Ledger | None = None) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()
        self.poster = poster
        self.meetings = meetings or NoMeetings()
        self.ledger = ledger or Ledger(db, self.clock)

    @property
    def tz(self) -> tzinfo:
        return self.settings.config.tz

    def channel(self) -> str:
        return self.settings.config.channels.members

    def day(self, now: datetime) -> date:
        return now.astimezone(self.tz).date()

    def data(self, now: datetime) -> DigestData:
        """What today's digest says (nothing is posted or claimed)."""
        day = self.day(now)
        records = store.consultations(self.db)
        previous = self.ledger.last_confirmed(DIGEST, before_key=day.isoformat())
        since = previous if previous is not None else now - FIRST_DIGEST_LOOKBACK
        documents = [
            NewDocument(d.source, d.municipality or d.council, d.session, d.meeting_date,
                        d.ingested_at.astimezone(self.tz))
            for d in store.documents_ingested_since(self.db, since)
        ]
        meetings = sorted(self.meetings.upcoming(now, MEETING_DAYS), key=lambda m: m.starts_at)
        return DigestData(
            day=day, council=self.settings.config.name, open_items=open_items(records, day),
            unchecked=unchecked_items(records),
            meetings=[_local_meeting(m, self.tz) for m in meetings], documents=documents,
            documents_since=previous.astimezone(self.tz) if previous is not None else None,
        )

    def skip_reason(self, now: datetime, data: DigestData) -> str | None:
        """Why nothing is posted today ("weekend", "holiday", "empty"), or None."""
        if self.settings.config.digest.skip_holidays:
            off = is_day_off(self.day(now))
            if off is not None:
                return off
        if data.is_empty() and self.settings.config.digest.when_empty == "skip":
            return "empty"
        return None

    def digest_job(self, now: datetime) -> str:
        """Post today's digest unless it is a day off, empty (when_empty: skip) or posted already.

        Returns "posted", "already", "weekend", "holiday", "empty" or "failed" (the claim then stays unconfirmed:
        ``ledger.unconfirmed("digest")`` shows it; no second post is tried that day)."""
        if self.poster is None:
            raise RuntimeError("DigestService needs a poster to post")
        data = self.data(now)
        skip = self.skip_reason(now, data)
        if skip is not None:
            log.info("digest for %s not posted: %s", data.day, skip)
            return skip
        key = data.day.isoformat()
        if not self.ledger.claim(DIGEST, key):
            log.info("digest for %s already posted", key)
            return "already"
        try:
            ts = self.poster.post_digest(self.channel(), data)
        except Exception as exc:  # logged with the day; the claim stays unconfirmed
            log.error("digest for %s could not be posted: %s", key, type(exc).__name__, exc_info=exc)
            return "failed"
        self.ledger.confirm(DIGEST, key)
        log.info("digest for %s posted: ts=%s", key, ts)
        return "posted"


def _local_meeting(m: MeetingDigestItem, tz: tzinfo) -> MeetingDigestItem:
    return MeetingDigestItem(m.title, m.starts_at.astimezone(tz), m.attending, m.absent, m.undecided, m.unanswered,
                             m.quorum)
