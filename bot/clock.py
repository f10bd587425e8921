"""Time as a dependency: everything that reads the time takes a ``Clock``.

``SystemClock`` is the real one; ``FixedClock`` stands still until a test sets or advances it. Both return
aware datetimes (UTC unless a zone is given), so nothing compares naive and aware times.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to (tests, replays)."""

    def __init__(self, start: datetime | None = None) -> None:
        start = start or datetime(2025, 1, 20, 1, 0, tzinfo=UTC)
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        with self._lock:
            self._now = moment

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            self._now += delta
            return self._now


def local_now(clock: Clock, tz: tzinfo) -> datetime:
    """``clock.now()`` in the council's time zone."""
    return clock.now().astimezone(tz)
