"""👍/👎 clicks on answers, stored for quality review."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.ports import FeedbackRecord
from bot.storage.tables import Feedback


def save_feedback(
    engine: Engine, user: str, channel: str, message_ts: str, question: str, answer: str, rating: int,
    hits: list[dict[str, Any]], *, now: datetime,
) -> None:
    with Session(engine) as s:
        s.add(Feedback(created_at=now, user=user, channel=channel, message_ts=message_ts, question=question,
                       answer=answer, rating=rating, hits=hits))
        s.commit()


def feedback(engine: Engine) -> list[FeedbackRecord]:
    with Session(engine) as s:
        rows = s.execute(select(Feedback).order_by(Feedback.id)).scalars().all()  # type: ignore[arg-type]
        return [
            FeedbackRecord(id=f.id or 0, created_at=f.created_at.isoformat(), user=f.user, channel=f.channel,
                           message_ts=f.message_ts, question=f.question, answer=f.answer, rating=f.rating,
                           hits=list(f.hits))
            for f in rows
        ]
