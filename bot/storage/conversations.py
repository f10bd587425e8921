"""Slack thread memory: the consultation a thread is about (for follow-ups such as 「その件の委託先は?」)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.storage.db import upsert
from bot.storage.tables import ThreadContext


def remember_thread(engine: Engine, channel: str, thread_ts: str, consultation_id: int | None, *,
                    now: datetime) -> None:
    with Session(engine) as s:  # one statement: two first replies in one thread cannot both insert
        upsert(s, ThreadContext, {"channel": channel, "thread_ts": thread_ts, "consultation_id": consultation_id,
                                  "updated_at": now}, keys=("channel", "thread_ts"))
        s.commit()


def thread_consultation(engine: Engine, channel: str, thread_ts: str) -> int | None:
    with Session(engine) as s:
        row = s.get(ThreadContext, (channel, thread_ts))
        return row.consultation_id if row else None
