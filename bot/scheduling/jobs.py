"""Top-level job functions (APScheduler stores them by reference, with their arguments: ids only).

The running ``SchedulerRunner`` installs itself here when it becomes the leader; a job that fires with no
runner installed (it cannot, but a job store is data) does nothing.
"""

from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger("shingikai.scheduler")


class Runtime(Protocol):
    def on_tick(self) -> None: ...

    def on_send(self, meeting_id: int, kind: str, offset_seconds: int) -> None: ...


_runtime: Runtime | None = None


def install(runtime: Runtime | None) -> None:
    global _runtime
    _runtime = runtime


def tick() -> None:
    """Every few seconds: announcements, due sends, missed and unconfirmed reports, and the date jobs synced."""
    if _runtime is not None:
        _runtime.on_tick()


def send(meeting_id: int, kind: str, offset_seconds: int) -> None:
    """One planned send at its time (``reminder:{meeting}:{offset}`` / ``quorum:{meeting}:{offset}``)."""
    if _runtime is not None:
        _runtime.on_send(meeting_id, kind, offset_seconds)
    else:
        log.warning("job %s:%s:%s fired without a scheduler runtime", kind, meeting_id, offset_seconds)
