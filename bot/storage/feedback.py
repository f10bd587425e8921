"""👍/👎 on answers, stored for quality review: one vote per person per answer (user, channel, message_ts)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.ports import FeedbackRecord, VoteTally
from bot.storage.db import write_session
from bot.storage.tables import Feedback


def save_feedback(
    engine: Engine, user: str, channel: str, message_ts: str, question: str, answer: str, rating: int,
    hits: list[dict[str, Any]], *, now: datetime,
) -> VoteTally:
    """Record ``user``'s vote on the answer (a second vote replaces the first); the answer's tally after it.

    ``VoteTally.changed`` is False when the vote was already this one (nothing to show anew).
    """
    for _attempt in (0, 1):  # a concurrent first click by the same person: the unique key wins, retry as update
        with write_session(engine) as s:  # the vote read is the vote changed (locked until the commit)
            row = s.execute(select(Feedback).where(
                Feedback.user == user, Feedback.channel == channel, Feedback.message_ts == message_ts,  # type: ignore[arg-type]
            ).with_for_update()).scalars().first()
            changed = row is None or row.rating != rating
            if row is None:
                s.add(Feedback(created_at=now, user=user, channel=channel, message_ts=message_ts, question=question,
                               answer=answer, rating=rating, hits=hits))
            elif changed:
                row.rating, row.created_at = rating, now
                row.question, row.answer, row.hits = question or row.question, answer or row.answer, hits or row.hits
            try:
                s.commit()
            except IntegrityError:
                continue
        return _tally(engine, channel, message_ts, changed)
    return _tally(engine, channel, message_ts, False)


def _tally(engine: Engine, channel: str, message_ts: str, changed: bool) -> VoteTally:
    with Session(engine) as s:
        rows = s.execute(
            select(Feedback.rating, func.count()).where(  # type: ignore[call-overload]
                Feedback.channel == channel, Feedback.message_ts == message_ts,
            ).group_by(Feedback.rating)
        ).all()
    counts = {int(r): int(n) for r, n in rows}
    return VoteTally(up=counts.get(1, 0), down=counts.get(-1, 0), changed=changed)


def feedback(engine: Engine) -> list[FeedbackRecord]:
    with Session(engine) as s:
        rows = s.execute(select(Feedback).order_by(Feedback.id)).scalars().all()  # type: ignore[arg-type]
        return [
            FeedbackRecord(id=f.id or 0, created_at=f.created_at.isoformat(), user=f.user, channel=f.channel,
                           message_ts=f.message_ts, question=f.question, answer=f.answer, rating=f.rating,
                           hits=list(f.hits))
            for f in rows
        ]
