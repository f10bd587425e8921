"""Meetings: add, list, move, cancel, answers (RSVP), attendance, quorum and .ics; and the announcements in Slack.

``MeetingService`` implements ``bot.ports.Meetings`` (and the CLI uses it directly). It decides with the pure
core (``bot.meetings``) and the injected clock, and stores through ``bot.storage.meetings``. ``publish`` hands
what to say (``bot.meetings.notices``: data) to the ``Notifier`` port, which words it (absent in the CLI: the running
bot publishes within its next scheduler tick). Every post is claimed in the ledger first (kind, key), and
confirmed after, so it happens once across processes and restarts; a claim never confirmed is reported by
``bot.services.reminders``.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.clock import Clock
from bot.meetings.display import date_line
from bot.meetings.ics import to_ics
from bot.meetings.model import ANSWERS, AgendaItem, Answer, answers_by_member
from bot.meetings.notices import Announcement, CalendarFile, Cancellation, MoveNotice, Notice
from bot.meetings.quorum import Forecast, forecast, tally, voting_members, was_quorate
from bot.meetings.when import WhenError, date_warnings, offsets_from_hours, parse_end, parse_offsets, parse_when
from bot.ports import MeetingForm, MeetingInputError, MeetingView, Notifier, RsvpResult, Scheduled
from bot.settings import CouncilConfig
from bot.storage import knowledge as kb
from bot.storage import meetings as store
from bot.storage.db import Database
from bot.storage.ledger import Ledger
from bot.storage.meetings import MeetingCancelled, MeetingClosed, MeetingNotFound, StoredMeeting
from knowledge.lineage import still_pending

log = logging.getLogger("shingikai.meetings")

ANNOUNCE = "meeting_announce"  # ledger kinds
NOTICE = "meeting_notice"
ICS = "meeting_ics"
KEEP_CLOSING = timedelta(days=2)  # announcements of meetings started up to this long ago are still refreshed
TITLE_MAX = 200
SUGGESTED_AHEAD = timedelta(days=14)  # the schedule modal's initial date


def short_offset(offset: timedelta) -> str:
    """An offset as people type it for --remind: 7d, 2h, 30m, 45s."""
    seconds = int(offset.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@dataclass(frozen=True)
class MeetingDetail:
    """``meeting show``: the view plus the answers, attendance and whether the meeting was quorate."""

    view: MeetingView
    stored: StoredMeeting
    answers: dict[str, str]
    present: list[str]
    quorate: bool | None  # None until attendance is recorded


@dataclass(frozen=True)
class UpcomingForAnswers:
    title: str
    starts_at: str  # the 和暦 date line
    place: str | None
    agenda: list[str]


class MeetingService:
    def __init__(self, db: Database, config: CouncilConfig, clock: Clock, ledger: Ledger,
                 notifier: Notifier | None = None) -> None:
        self.db = db
        self.config = config
        self.clock = clock
        self.ledger = ledger
        self.notifier = notifier
        self.tz = config.tz
        self._publishing = threading.Lock()

    # -- reading ----------------------------------------------------------------------------------------------
    @property
    def default_offsets(self) -> list[timedelta]:
        return offsets_from_hours(self.config.reminders.offsets_hours)

    def answers(self, meeting_id: int) -> dict[str, str]:
        return dict(answers_by_member(r.rsvp for r in store.rsvps(self.db, meeting_id)))

    def view(self, m: StoredMeeting, now: datetime | None = None) -> MeetingView:
        now = now or self.clock.now()
        info = m.info
        return MeetingView(
            id=info.id, title=info.title, when=date_line(info.starts_at, info.ends_at, tz=self.tz),
            starts_at=info.starts_at, ends_at=info.ends_at, place=info.place, agenda=m.agenda,
            cancelled=info.cancelled, closed=info.cancelled or now >= info.starts_at,
            tally=tally(self.config.members, self.answers(info.id)),
            reminders=tuple(info.reminder_offsets if info.reminder_offsets is not None else self.default_offsets),
        )

    def stored(self, meeting_id: int) -> StoredMeeting:
        return store.require(self.db, meeting_id)

    def listing(self, *, include_past: bool = False) -> list[MeetingView]:
        now = self.clock.now()
        found = store.meetings(self.db, starting_after=None if include_past else now,
                               include_cancelled=include_past)
        return [self.view(m, now) for m in found]

    def upcoming(self) -> list[MeetingView]:
        return self.listing()

    def meeting(self, meeting_id: int) -> MeetingView | None:
        m = store.get(self.db, meeting_id)
        return self.view(m) if m else None

    def detail(self, meeting_id: int) -> MeetingDetail:
        m = self.stored(meeting_id)
        present = store.attendance(self.db, meeting_id)
        quorate = was_quorate(present, self.config.members, quorum=self.config.quorum) if present else None
        return MeetingDetail(self.view(m), m, self.answers(meeting_id), present, quorate)

    def answers_of(self, slack_id: str) -> dict[int, str]:
        return {v.id: a for v in self.upcoming() if (a := self.answers(v.id).get(slack_id))}

    def agenda_choices(self) -> list[AgendaItem]:
        """The pending consultations, the agenda the schedule modal offers."""
        return [AgendaItem(c.id, c.label, c.title, True) for c in still_pending(kb.consultations(self.db, with_qa=False))]

    def schedule_for_answers(self, limit: int = 3) -> list[UpcomingForAnswers]:
        """The next meetings as the knowledge engine's 「次の審議会はいつ?」 answer takes them (data, no Slack)."""
        return [UpcomingForAnswers(v.title, v.when, v.place, [f"{a.label} {a.title}".strip() for a in v.agenda])
                for v in self.upcoming()[:limit]]

    def form_defaults(self) -> tuple[str, str]:
        remind = ",".join(short_offset(o) for o in self.default_offsets)
        day = (self.clock.now().astimezone(self.tz) + SUGGESTED_AHEAD).date().isoformat()
        return remind, day

    def quorum(self, meeting_id: int) -> Forecast:
        self.stored(meeting_id)
        return forecast(self.config.members, self.answers(meeting_id), quorum=self.config.quorum,
                        meeting_id=meeting_id)

    def ics(self, meeting_id: int) -> bytes:
        m = self.stored(meeting_id)
        return to_ics(m.info, council_name=self.config.name, tz=self.tz, stamp=self.clock.now(), agenda=m.agenda)

    # -- changing ---------------------------------------------------------------------------------------------
    def _agenda(self, ids: Iterable[int]) -> list[AgendaItem]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        records = {c.id: c for c in kb.consultations(self.db, with_qa=False)}
        unknown = [str(i) for i in wanted if i not in records]
        if unknown:
            raise MeetingInputError("agenda", "agenda_unknown", ids=unknown)
        pending = {c.id for c in still_pending(list(records.values()))}
        return [AgendaItem(i, records[i].label, records[i].title, i in pending) for i in wanted]

    def _times(self, at: str, end: str | None, now: datetime) -> tuple[datetime, datetime | None]:
        try:
            starts_at = parse_when(at, tz=self.tz, now=now)
        except WhenError as exc:
            raise MeetingInputError("at", "when", problem=exc.problem, **exc.params) from None
        try:
            ends_at = parse_end(end, starts_at=starts_at) if end and end.strip() else None
        except WhenError as exc:
            raise MeetingInputError("end", "when", problem=exc.problem, **exc.params) from None
        return starts_at, ends_at

    def schedule(self, form: MeetingForm, *, by: str, source: str = "slack") -> Scheduled:
        """Add a meeting; ``MeetingInputError`` (with the field) for anything that cannot be used."""
        now = self.clock.now()
        title = " ".join(form.title.split())
        if not title:
            raise MeetingInputError("title", "title_missing")
        if len(title) > TITLE_MAX:
            raise MeetingInputError("title", "title_too_long", limit=TITLE_MAX)
        starts_at, ends_at = self._times(form.at, form.end, now)
        offsets = None
        if form.remind is not None and form.remind.strip():
            try:
                offsets = parse_offsets(form.remind)
            except WhenError as exc:
                raise MeetingInputError("remind", "when", problem=exc.problem, **exc.params) from None
        agenda = self._agenda(form.agenda)
        place = " ".join((form.place or "").split()) or None
        m = store.add(self.db, title=title, starts_at=starts_at, ends_at=ends_at, place=place, agenda=agenda,
                      reminder_offsets=offsets, at=now, created_by=by, source=source)
        log.info("meeting %s added by %s (%s)", m.id, by, source)
        return Scheduled(self.view(m, now), date_warnings(starts_at, tz=self.tz))

    def move(self, meeting_id: int, *, at: str, end: str | None = None) -> Scheduled:
        """New start (the end keeps the meeting's length unless given); reminders follow the new time."""
        if self.stored(meeting_id).info.cancelled:  # said before any parse error; decided again under the lock
            raise MeetingInputError("id", "cancelled", meeting_id=meeting_id)
        now = self.clock.now()
        starts_at, ends_at = self._times(at, end, now)
        try:
            moved = store.move(self.db, meeting_id, starts_at=starts_at, ends_at=ends_at, at=now)
        except MeetingCancelled:  # cancelled meanwhile
            raise MeetingInputError("id", "cancelled", meeting_id=meeting_id) from None
        return Scheduled(self.view(moved, now), date_warnings(starts_at, tz=self.tz))

    def cancel(self, meeting_id: int, *, reason: str | None = None) -> MeetingView:
        try:
            cancelled = store.cancel(self.db, meeting_id, reason=(reason or "").strip() or None, at=self.clock.now())
        except MeetingCancelled:
            raise MeetingInputError("id", "already_cancelled", meeting_id=meeting_id) from None
        return self.view(cancelled)

    def rsvp(self, meeting_id: int, slack_id: str, answer: str, *, by: str, source: str = "slack") -> RsvpResult:
        """Record a voting member's answer until the meeting starts; anyone else records nothing."""
        if answer not in ANSWERS:
            raise MeetingInputError("answer", "answer", answers=list(ANSWERS), value=answer)
        if slack_id not in {m.slack_id for m in voting_members(self.config.members)}:
            return RsvpResult("not_member")
        now = self.clock.now()
        typed: Answer = answer  # type: ignore[assignment]
        try:
            m = store.set_rsvp(self.db, meeting_id, slack_id, typed, at=now, recorded_by=by, source=source)
        except MeetingNotFound:
            return RsvpResult("not_found")
        except MeetingClosed as closed:  # cancelled or started (checked under the meeting's lock)
            return RsvpResult("closed", self.view(closed.meeting, now))
        return RsvpResult("recorded", self.view(m, now), answer)

    def record_attendance(self, meeting_id: int, present: Sequence[str], *, by: str) -> MeetingDetail:
        known = {m.slack_id for m in self.config.members}
        unknown = [p for p in present if p not in known]
        if unknown:
            raise MeetingInputError("present", "present_unknown", ids=unknown)
        store.set_attendance(self.db, meeting_id, present, at=self.clock.now(), recorded_by=by)
        return self.detail(meeting_id)

    # -- Slack ------------------------------------------------------------------------------------------------
    def announcement(self, m: StoredMeeting, now: datetime) -> Announcement:
        v = self.view(m, now)
        return Announcement(meeting_id=v.id, title=v.title, when=v.when, place=v.place, agenda=v.agenda,
                            tally=v.tally, closed=v.closed, cancelled=v.cancelled)

    def publish(self) -> None:
        """Announce new meetings, tell the channel of moves and cancellations, refresh the announcements."""
        if self.notifier is None:
            return
        with self._publishing:
            now = self.clock.now()
            for m in store.meetings(self.db, starting_after=now - KEEP_CLOSING):
                try:
                    self._publish_one(m, now)
                except Exception as exc:  # one meeting's failure must not stop the others
                    log.error("could not publish meeting %s: %s", m.id, type(exc).__name__, exc_info=exc)

    def _publish_one(self, m: StoredMeeting, now: datetime) -> None:
        if m.announce_ts is None:
            if not m.info.cancelled and m.info.starts_at > now:
                self._announce(m, now)
            return
        if m.info.sequence > 0:
            self._notice(m, now)
        self.refresh(m.id)

    def _detail(self, m: StoredMeeting, **extra: Any) -> str:
        return json.dumps({"meeting": m.id, "title": m.info.title, **extra}, ensure_ascii=False)

    def _announce(self, m: StoredMeeting, now: datetime) -> None:
        assert self.notifier is not None
        channel = self.config.channels.members
        if not self.ledger.claim(ANNOUNCE, str(m.id), self._detail(m, channel=channel)):
            return
        # the changes made before the announcement are in it: no notices for them
        for seq in range(m.info.sequence + 1):
            if self.ledger.claim(NOTICE, f"{m.id}:{seq}", self._detail(m, channel=channel)):
                self.ledger.confirm(NOTICE, f"{m.id}:{seq}")
        notice = self.announcement(m, now)
        ts = self.notifier.post(channel, notice)
        store.set_announcement(self.db, m.id, channel=channel, ts=ts, digest=self.notifier.fingerprint(notice))
        self.ledger.confirm(ANNOUNCE, str(m.id))
        log.info("meeting %s announced in %s ts=%s", m.id, channel, ts)
        self._offer_ics(m, channel, ts)

    def _offer_ics(self, m: StoredMeeting, channel: str, ts: str) -> None:
        """The .ics in the announcement's thread, once per version (SEQUENCE)."""
        assert self.notifier is not None
        key = f"{m.id}:{m.info.sequence}"
        if not self.ledger.claim(ICS, key, self._detail(m, channel=channel)):
            return
        content = to_ics(m.info, council_name=self.config.name, tz=self.tz, stamp=self.clock.now(), agenda=m.agenda)
        self.notifier.upload(channel, CalendarFile(f"meeting-{m.id}.ics", content), thread_ts=ts)
        self.ledger.confirm(ICS, key)

    def _notice(self, m: StoredMeeting, now: datetime) -> None:
        assert self.notifier is not None and m.announce_channel is not None and m.announce_ts is not None
        key = f"{m.id}:{m.info.sequence}"
        channel = m.announce_channel
        if not self.ledger.claim(NOTICE, key, self._detail(m, channel=channel)):
            return
        when = date_line(m.info.starts_at, m.info.ends_at, tz=self.tz)
        notice: Notice
        if m.info.cancelled:
            notice = Cancellation(title=m.info.title, when=when, reason=m.info.cancel_reason)
        else:
            old = (date_line(m.previous_starts_at, m.previous_ends_at, tz=self.tz)
                   if m.previous_starts_at is not None else when)
            notice = MoveNotice(title=m.info.title, old_when=old, new_when=when)
        self.notifier.post(channel, notice)
        self.ledger.confirm(NOTICE, key)
        self._offer_ics(m, channel, m.announce_ts)

    def refresh(self, meeting_id: int) -> None:
        """Update the announcement when what it should say (tally, closed, date) changed."""
        if self.notifier is None:
            return
        m = store.get(self.db, meeting_id)
        if m is None or m.announce_channel is None or m.announce_ts is None:
            return
        notice = self.announcement(m, self.clock.now())
        digest = self.notifier.fingerprint(notice)
        if digest == m.announce_digest:
            return
        self.notifier.update(m.announce_channel, m.announce_ts, notice)
        store.set_announce_digest(self.db, meeting_id, digest)

    def publish_quietly(self) -> None:
        """``publish`` for callers that must not fail (a Slack handler after its reply)."""
        try:
            self.publish()
        except MeetingNotFound:
            pass
        except Exception as exc:
            log.error("publishing meetings failed: %s", type(exc).__name__, exc_info=exc)

