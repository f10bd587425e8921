"""The ledger: things done at most once, across retries, restarts and several instances.

``claim(kind, key)`` records a key and returns True only for the first caller (the unique (kind, key) decides,
so two processes racing on one database cannot both win). ``confirm`` marks the work done; ``unconfirmed``
lists claims whose work may not have happened (a crash between claim and send). Slack event dedupe is
``claim("slack_event", event_id)``; reminders and the digest use their own kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.clock import Clock
from bot.storage.tables import LedgerEntry


@dataclass(frozen=True)
class Claim:
    kind: str
    key: str
    claimed_at: datetime
    confirmed_at: datetime | None
    detail: str | None


class Ledger:
    """``bot.ports.Ledger`` over one database."""

    def __init__(self, engine: Engine, clock: Clock, *, forget: dict[str, timedelta] | None = None) -> None:
        self.engine = engine
        self.clock = clock
        self.forget = dict(forget or {})  # kind -> how long its claims are kept (others: for ever)

    def claim(self, kind: str, key: str, detail: str | None = None) -> bool:
        """Record (kind, key); False when it is already there (a retry, a duplicate, a run before a restart)."""
        now = self.clock.now()
        with Session(self.engine) as s:
            keep = self.forget.get(kind)
            if keep is not None:
                s.execute(delete(LedgerEntry).where(LedgerEntry.kind == kind,  # type: ignore[arg-type]
                                                    LedgerEntry.claimed_at < now - keep))  # type: ignore[arg-type,operator]
                s.commit()
            s.add(LedgerEntry(kind=kind, key=key, claimed_at=now, detail=detail))
            try:
                s.commit()
            except IntegrityError:
                s.rollback()
                return False
        return True

    def confirm(self, kind: str, key: str) -> bool:
        """Mark the claimed work as done; False when there is no such claim."""
        with Session(self.engine) as s:
            stmt = (update(LedgerEntry)
                    .where(LedgerEntry.kind == kind, LedgerEntry.key == key)  # type: ignore[arg-type]
                    .values(confirmed_at=self.clock.now()))
            done = s.execute(stmt).rowcount  # type: ignore[attr-defined]
            s.commit()
        return bool(done)

    def last_confirmed(self, kind: str, *, before_key: str | None = None) -> datetime | None:
        """When the latest confirmed claim of ``kind`` was confirmed (only keys sorting before ``before_key``
        when given, e.g. earlier days); None when there is none."""
        stmt = select(func.max(LedgerEntry.confirmed_at)).where(LedgerEntry.kind == kind)  # type: ignore[arg-type]
        if before_key is not None:
            stmt = stmt.where(LedgerEntry.key < before_key)  # type: ignore[arg-type,operator]
        with Session(self.engine) as s:
            value = s.execute(stmt).scalar_one_or_none()
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def unconfirmed(self, kind: str | None = None) -> list[Claim]:
        """Claims whose work was never confirmed, oldest first (all kinds, or one)."""
        stmt = select(LedgerEntry).where(LedgerEntry.confirmed_at.is_(None))  # type: ignore[union-attr]
        if kind is not None:
            stmt = stmt.where(LedgerEntry.kind == kind)  # type: ignore[arg-type]
        with Session(self.engine) as s:
            rows = s.execute(stmt.order_by(LedgerEntry.claimed_at, LedgerEntry.id)).scalars().all()  # type: ignore[arg-type]
            return [Claim(r.kind, r.key, r.claimed_at, r.confirmed_at, r.detail) for r in rows]
