"""Thread memory (``bot.ports.Conversations``) over the database."""

from __future__ import annotations

from bot.clock import Clock
from bot.storage import conversations as store
from bot.storage.db import Database


class ConversationService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def remember_thread(self, channel: str, thread_ts: str, consultation_id: int | None) -> None:
        store.remember_thread(self.db, channel, thread_ts, consultation_id, now=self.clock.now())

    def thread_consultation(self, channel: str, thread_ts: str) -> int | None:
        return store.thread_consultation(self.db, channel, thread_ts)
