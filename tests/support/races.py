"""Making two writers meet: run callables at the same moment, and widen the window between a read and the write
that follows it.

``slow_reads(engine, "meetings")`` makes every SELECT from the named tables wait after it ran, so two
transactions that read before they write both read before either writes — unless the storage serialises them
(``write_session``: BEGIN IMMEDIATE on SQLite, SELECT … FOR UPDATE on PostgreSQL), in which case the second
waits for the first to commit and then reads what it wrote.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def at_once(*calls: Callable[[], Any], timeout: float = 60.0) -> list[Outcome]:
    """Run every call on its own thread, all released together; what each returned or raised, in order."""
    barrier = threading.Barrier(len(calls))
    outcomes = [Outcome() for _ in calls]

    def run(i: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            outcomes[i].value = call()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            outcomes[i].error = exc

    threads = [threading.Thread(target=run, args=(i, c), daemon=True) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
        assert not t.is_alive(), "a writer did not finish (deadlock?)"
    return outcomes


@contextmanager
def slow_reads(engine: Engine, *tables: str, seconds: float = 0.3) -> Iterator[None]:
    """Every SELECT reading one of ``tables`` waits ``seconds`` after it ran (on the thread that ran it)."""
    pattern = re.compile(r"\bFROM\s+\"?(?:" + "|".join(map(re.escape, tables)) + r")\"?(?:\s|$)", re.IGNORECASE)

    def after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip()[:6].upper() == "SELECT" and pattern.search(statement):
            time.sleep(seconds)

    event.listen(engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        event.remove(engine, "after_cursor_execute", after)
