"""Leader election and the APScheduler instance of the leader.

``SchedulerRunner.start()`` runs a small thread: try to lead (``LeaderLock.try_acquire``) every ``retry``
seconds; once leading, start a ``BackgroundScheduler`` whose job store is the project database, with one
interval job (``meetings:tick``) and one date job per planned send (``reminder:{meeting}:{offset}``,
``quorum:{meeting}:{offset}``; replace_existing, coalesce, misfire grace = app.yaml's grace window). A leader
that loses its lock stops scheduling; a follower takes over within ``retry`` seconds of the leader's death.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from bot.clock import Clock
from bot.ports import Digest
from bot.scheduling import jobs
from bot.services.reminders import ReminderService
from bot.storage.db import Database
from bot.storage.leader import LeaderLock, leader_lock
from bot.storage.tables import SCHEDULER_JOBS

log = logging.getLogger("shingikai.scheduler")
TICK_JOB = "meetings:tick"
SEND_PREFIXES = ("reminder:", "quorum:")
JOB_TABLE = SCHEDULER_JOBS  # made by migration 0009 (bot.storage.tables.SchedulerJobRow): the job store creates nothing


def identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class SchedulerRunner:
    def __init__(self, reminders: ReminderService, db: Database, clock: Clock, *, interval: float, retry: float,
                 lock: LeaderLock | None = None, name: str | None = None, digest: Digest | None = None,
                 digest_at: time | None = None, tz: tzinfo | None = None) -> None:
        self.reminders = reminders
        self.digest = digest  # posted once a day at ``digest_at`` (council time); the ledger keeps it once
        self.digest_at = digest_at
        self.tz = tz
        self._digest_day: date | None = None
        self.db = db
        self.clock = clock
        self.interval = interval
        self.retry = retry
        self.name = name or identity()
        self.lock = lock or leader_lock(db, self.name)
        self.scheduler: BackgroundScheduler | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="shingikai-leader", daemon=True)
        self._tick_lock = threading.Lock()

    @property
    def leading(self) -> bool:
        return self.scheduler is not None

    # -- leader election --------------------------------------------------------------------------------------
    def start(self) -> SchedulerRunner:
        self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if not self.leading:
                    if self.lock.try_acquire():
                        self._lead()
                elif not self.lock.still_held():
                    log.warning("scheduler lock lost: %s stops scheduling", self.name)
                    self._step_down()
            except Exception as exc:  # the database may be briefly away: try again later
                log.error("leader election failed: %s", type(exc).__name__, exc_info=exc)
            self._stop.wait(self.retry)

    def _lead(self) -> None:
        log.info("%s leads the scheduler", self.name)
        grace = int(self.reminders.grace.total_seconds())
        scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=self.db, tablename=JOB_TABLE)},
            executors={"default": ThreadPoolExecutor(4)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace},
            timezone=UTC,
        )
        jobs.install(self)
        scheduler.start()
        self.scheduler = scheduler
        scheduler.add_job(jobs.tick, "interval", seconds=self.interval, id=TICK_JOB, replace_existing=True,
                          next_run_time=self.clock.now())

    def _step_down(self) -> None:
        scheduler, self.scheduler = self.scheduler, None
        jobs.install(None)
        if scheduler is not None:
            scheduler.shutdown(wait=False)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._step_down()
        self.lock.release()

    # -- what the jobs do -------------------------------------------------------------------------------------
    def on_tick(self) -> None:
        with self._tick_lock:
            now = self.clock.now()
            self.reminders.tick(now)
            self.daily_digest(now)
            self.sync_jobs()

    def daily_digest(self, now: datetime) -> str | None:
        """The digest, once its time of day has come and not yet tried today by this process (the service
        decides weekends, holidays and empty days; its ledger claim keeps it to one post across processes)."""
        if self.digest is None or self.digest_at is None:
            return None
        local = now.astimezone(self.tz) if self.tz else now
        if local.time() < self.digest_at or self._digest_day == local.date():
            return None
        self._digest_day = local.date()
        return self.digest.digest_job(now)

    def on_send(self, meeting_id: int, kind: str, offset_seconds: int) -> None:
        with self._tick_lock:
            self.reminders.send(meeting_id, kind, offset_seconds, self.clock.now())

    def sync_jobs(self) -> None:
        """One date job per future send (moved with its meeting); jobs of withdrawn sends removed."""
        scheduler = self.scheduler
        if scheduler is None:
            return
        wanted = {}
        for m, s in self.reminders.upcoming(self.clock.now()):
            wanted[f"{s.kind}:{m.id}:{int(s.offset.total_seconds())}"] = s
        existing = {j.id: j for j in scheduler.get_jobs() if j.id.startswith(SEND_PREFIXES)}
        for job_id in existing.keys() - wanted.keys():
            scheduler.remove_job(job_id)
        for job_id, s in wanted.items():
            job = existing.get(job_id)
            if job is not None and abs(job.next_run_time - s.due_at) < timedelta(seconds=1):
                continue
            scheduler.add_job(jobs.send, "date", run_date=s.due_at, id=job_id, replace_existing=True,
                              args=[s.meeting_id, s.kind, int(s.offset.total_seconds())])
