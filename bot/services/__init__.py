"""Services: orchestrate the pure ``knowledge`` code and ``bot.storage``; they never import Slack.

``open_ports`` wires one of each over one database: the bundle the Slack app and the CLI use.
"""

from __future__ import annotations

from datetime import timedelta

from bot.clock import Clock, SystemClock
from bot.ports import SLACK_EVENT, SLACK_MESSAGE, Notifier, Ports
from bot.services.answers import AnswerService
from bot.services.conversations import ConversationService
from bot.services.desk import DeskService
from bot.services.feedback import FeedbackService
from bot.services.meetings import MeetingService
from bot.services.members import MemberDirectory
from bot.settings import Settings
from bot.storage.db import Database, open_database
from bot.storage.ledger import Ledger

EVENT_MEMORY = timedelta(days=7)  # Slack retries within minutes; a week is plenty


def open_ports(settings: Settings, *, clock: Clock | None = None, db: Database | None = None,
               notifier: Notifier | None = None) -> Ports:
    """The real ports over the configured database (opened and upgraded unless ``db`` is given).

    ``notifier`` (Slack) lets the meetings port post announcements itself; without it they wait for the bot.
    """
    clock = clock or SystemClock()
    db = db if db is not None else open_database(settings.database_url)
    ledger = Ledger(db, clock, forget={SLACK_EVENT: EVENT_MEMORY, SLACK_MESSAGE: EVENT_MEMORY})
    meetings = MeetingService(db, settings.config, clock, ledger, notifier)
    return Ports(
        answers=AnswerService.open(settings, db, schedule=meetings.schedule_for_answers),
        conversations=ConversationService(db, clock),
        feedback=FeedbackService(db, clock),
        ledger=ledger,
        meetings=meetings,
        members=MemberDirectory(settings.config),
        drafts=DeskService(db, settings, clock),
    )
