"""Reminders and quorum forecasts, decided from the clock: ``tick(now)`` and ``send(...)`` never sleep.

The scheduler (``bot.scheduling``) calls ``tick`` on every wake-up and ``send`` when a planned send's job fires;
both decide with ``bot.meetings.plan`` at the given ``now``:

* ``due`` (within app.yaml's grace window after its time): sent. Each message is claimed in the ledger first
  (kind ``reminder``/``quorum``; key = the plan's send key + the recipient), and confirmed once Slack took it:
  a second process, a retry or a restart finds the claim and sends nothing.
* ``missed`` (beyond the grace window, or the meeting started): the secretariat is told, once; members get nothing.
* A claim never confirmed (the bot stopped between claiming and posting) is reported to the secretariat, once,
  instead of being sent again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.meetings.display import date_line, offset_label, short_datetime
from bot.meetings.notices import (
    ChannelReminder,
    MemberReminder,
    MissedReport,
    MissedSend,
    QuorumOutlook,
    UnconfirmedReport,
    UnconfirmedSend,
)
from bot.meetings.plan import PlannedSend, plan, reminder_recipients
from bot.meetings.quorum import forecast
from bot.meetings.when import offsets_from_hours
from bot.ports import Notifier
from bot.services.meetings import ANNOUNCE, ICS, NOTICE, MeetingService
from bot.storage import meetings as store
from bot.storage.ledger import Claim
from bot.storage.meetings import StoredMeeting

log = logging.getLogger("shingikai.reminders")

REMINDER = "reminder"
QUORUM = "quorum"
REPORTED = "send_report"  # ledger kind: a missed or unconfirmed send reported to the secretariat
WATCHED = (REMINDER, QUORUM, ANNOUNCE, NOTICE, ICS)
STALE = timedelta(seconds=60)  # a claim unconfirmed for this long is taken as lost (a send takes seconds)
LOOK_BACK = timedelta(days=1)  # meetings that started up to this long ago are still checked for missed sends


@dataclass(frozen=True)
class TickResult:
    sent: list[str]  # ledger keys sent now
    missed: list[str]  # send keys reported as missed
    unconfirmed: list[str]  # claims reported as unconfirmed


class ReminderService:
    def __init__(self, meetings: MeetingService, notifier: Notifier, *, stale: timedelta = STALE) -> None:
        self.meetings = meetings
        self.notifier = notifier
        self.stale = stale
        cfg = meetings.config
        self.config = cfg
        self.grace = timedelta(hours=cfg.reminders.grace_hours)
        self.quorum_offsets = offsets_from_hours([cfg.reminders.quorum_check_hours])

    # -- planning ---------------------------------------------------------------------------------------------
    def plans(self, now: datetime) -> list[tuple[StoredMeeting, PlannedSend]]:
        """Every send of the meetings not long past, classified at ``now``."""
        found = []
        for m in store.meetings(self.meetings.db, starting_after=now - LOOK_BACK, include_cancelled=False):
            for s in plan(m.info, default_offsets=self.meetings.default_offsets, quorum_offsets=self.quorum_offsets,
                          now=now, grace=self.grace):
                found.append((m, s))
        return found

    def upcoming(self, now: datetime) -> list[tuple[StoredMeeting, PlannedSend]]:
        """The sends still to come, earliest first (``scheduler status``, the scheduler's jobs)."""
        return sorted(((m, s) for m, s in self.plans(now) if s.state == "future"), key=lambda p: p[1].due_at)

    # -- the decisions ----------------------------------------------------------------------------------------
    def tick(self, now: datetime) -> TickResult:
        """Publish announcements, send what is due, report what was missed or never confirmed."""
        self.meetings.publish()
        sent: list[str] = []
        missed: list[tuple[StoredMeeting, PlannedSend]] = []
        for m, s in self.plans(now):
            if s.state == "due":
                sent += self._send(m, s)
            elif s.state == "missed":
                missed.append((m, s))
        reported = self._report_missed(missed, now)
        unconfirmed = self.report_unconfirmed(now)
        return TickResult(sent, reported, unconfirmed)

    def send(self, meeting_id: int, kind: str, offset_seconds: int, now: datetime) -> list[str]:
        """One planned send (its job fired): sent if due, reported if missed, else nothing."""
        m = store.get(self.meetings.db, meeting_id)
        if m is None:
            return []
        offset = timedelta(seconds=offset_seconds)
        for stored, s in self.plans(now):
            if stored.id == meeting_id and s.kind == kind and s.offset == offset:
                if s.state == "due":
                    return self._send(stored, s)
                if s.state == "missed":
                    self._report_missed([(stored, s)], now)
        return []

    # -- sending ----------------------------------------------------------------------------------------------
    def _claim(self, s: PlannedSend, m: StoredMeeting, recipient: str) -> bool:
        detail = json.dumps({"meeting": m.id, "title": m.info.title, "kind": s.kind, "recipient": recipient,
                             "offset": int(s.offset.total_seconds()), "due": s.due_at.isoformat()},
                            ensure_ascii=False)
        return self.meetings.ledger.claim(s.kind, f"{s.key}:{recipient}", detail)

    def _send(self, m: StoredMeeting, s: PlannedSend) -> list[str]:
        tz = self.meetings.tz
        when = date_line(m.info.starts_at, m.info.ends_at, tz=tz)
        answers = self.meetings.answers(m.id)
        ledger = self.meetings.ledger
        sent: list[str] = []
        if s.kind == QUORUM:
            channel = self.config.channels.secretariat
            if self._claim(s, m, channel):
                f = forecast(self.config.members, answers, quorum=self.config.quorum, meeting_id=m.id)
                self.notifier.post(channel, QuorumOutlook(forecast=f, title=m.info.title, when=when,
                                                          quorum_text=self.config.quorum.text))
                ledger.confirm(s.kind, f"{s.key}:{channel}")
                sent.append(f"{s.key}:{channel}")
            return sent
        channel = self.config.channels.members
        if self._claim(s, m, channel):
            view = self.meetings.view(m)
            self.notifier.post(channel, ChannelReminder(title=m.info.title, when=when, place=m.info.place,
                                                        before=offset_label(s.offset), tally=view.tally))
            ledger.confirm(s.kind, f"{s.key}:{channel}")
            sent.append(f"{s.key}:{channel}")
        for member in reminder_recipients(self.config.members, answers):
            if not self._claim(s, m, member.slack_id):
                continue
            dm = MemberReminder(meeting_id=m.id, name=member.name, title=m.info.title, when=when,
                                place=m.info.place, answer=answers.get(member.slack_id))
            try:
                self.notifier.post(member.slack_id, dm)
            except Exception as exc:  # one member's DM failing must not stop the others (left unconfirmed)
                log.error("reminder DM to %s failed: %s", member.slack_id, type(exc).__name__)
                continue
            ledger.confirm(s.kind, f"{s.key}:{member.slack_id}")
            sent.append(f"{s.key}:{member.slack_id}")
        log.info("sent %s for meeting %s (%s before): %d message(s)", s.kind, m.id, offset_label(s.offset), len(sent))
        return sent

    # -- reports to the secretariat ---------------------------------------------------------------------------
    def _report_missed(self, missed: list[tuple[StoredMeeting, PlannedSend]], now: datetime) -> list[str]:
        """Each missed send once (it is claimed as ``missed`` so that it can never be sent afterwards either)."""
        tz = self.meetings.tz
        ledger = self.meetings.ledger
        items: list[MissedSend] = []
        keys: list[tuple[str, str]] = []
        for m, s in missed:
            recipient = self.config.channels.secretariat if s.kind == QUORUM else self.config.channels.members
            if not self._claim(s, m, recipient):
                continue  # it was sent (or is being sent, or already reported)
            keys.append((s.kind, f"{s.key}:{recipient}"))
            items.append(MissedSend(m.info.title, date_line(m.info.starts_at, m.info.ends_at, tz=tz),
                                    s.kind, offset_label(s.offset), short_datetime(s.due_at, tz=tz)))
        if not items:
            return []
        self.notifier.post(self.config.channels.secretariat, MissedReport(tuple(items)))
        for kind, key in keys:
            ledger.confirm(kind, key)  # confirmed: the report went out (nothing else will be sent for it)
        log.warning("reported %d missed send(s) to the secretariat", len(items))
        return [key for _, key in keys]

    def report_unconfirmed(self, now: datetime) -> list[str]:
        """Claims never confirmed (older than ``stale``): reported to the secretariat once, never sent again."""
        ledger = self.meetings.ledger
        lost: list[Claim] = [c for kind in WATCHED for c in ledger.unconfirmed(kind) if c.claimed_at <= now - self.stale]
        items: list[UnconfirmedSend] = []
        reported: list[str] = []
        for c in lost:
            key = f"{c.kind}:{c.key}"
            if not ledger.claim(REPORTED, key):
                continue
            detail = _detail(c.detail)
            recipient = str(detail.get("recipient") or detail.get("channel") or "")
            items.append(UnconfirmedSend(c.kind, recipient, str(detail.get("title") or ""),
                                         short_datetime(c.claimed_at, tz=self.meetings.tz)))
            reported.append(key)
        if items:
            self.notifier.post(self.config.channels.secretariat, UnconfirmedReport(tuple(items)))
            for key in reported:
                ledger.confirm(REPORTED, key)
            log.warning("reported %d unconfirmed send(s) to the secretariat", len(items))
        return reported


def _detail(text: str | None) -> dict[str, object]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
