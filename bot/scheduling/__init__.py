"""The scheduler: APScheduler 3 (``BackgroundScheduler`` + ``SQLAlchemyJobStore`` on the project database), run
by one leader per database (``bot.storage.leader``). Its jobs only wake ``bot.services.reminders`` up; every
decision is made there from the clock (``tick(now)``), so tests call that and never sleep.
"""

from __future__ import annotations

from datetime import time

from slack_sdk import WebClient

from bot.clock import Clock, SystemClock
from bot.notifier import SlackNotifier
from bot.notify import open_digest
from bot.ports import Ports
from bot.scheduling.runner import SchedulerRunner, identity
from bot.services import open_ports
from bot.services.digest import ScheduleForDigest
from bot.services.meetings import MeetingService
from bot.services.reminders import ReminderService
from bot.settings import Settings
from bot.storage.db import open_database

__all__ = ["SchedulerRunner", "identity", "scheduler_for"]


def scheduler_for(settings: Settings, client: WebClient, *, clock: Clock | None = None) -> tuple[Ports, SchedulerRunner]:
    """What ``serve`` runs: the ports (the meetings port posting through ``client``) and the scheduler runner
    (reminders, forecasts, and the daily digest with the coming meetings)."""
    clock = clock or SystemClock()
    db = open_database(settings.database_url)
    notifier = SlackNotifier(client)
    ports = open_ports(settings, clock=clock, db=db, notifier=notifier)
    assert isinstance(ports.meetings, MeetingService)
    reminders = ReminderService(ports.meetings, notifier)
    digest = open_digest(settings, db, clock=clock, meetings=ScheduleForDigest(ports.meetings))
    runner = SchedulerRunner(reminders, db, clock, interval=settings.scheduler_interval, retry=settings.leader_retry,
                             digest=digest, digest_at=time.fromisoformat(settings.config.digest.time),
                             tz=settings.config.tz)
    return ports, runner
