"""👍/👎 on answers (``bot.ports.Feedback``) over the database."""

from __future__ import annotations

from typing import Any

from bot.clock import Clock
from bot.ports import FeedbackRecord, VoteTally
from bot.storage import feedback as store
from bot.storage.db import Database


class FeedbackService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def save_feedback(
        self, user: str, channel: str, message_ts: str, question: str, answer: str, rating: int,
        hits: list[dict[str, Any]],
    ) -> VoteTally:
        return store.save_feedback(self.db, user, channel, message_ts, question, answer, rating, hits, now=self.clock.now())

    def feedback(self) -> list[FeedbackRecord]:
        return store.feedback(self.db)
