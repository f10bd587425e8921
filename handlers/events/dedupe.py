"""Repeated deliveries (Slack's retries, a redelivery after a restart) are acknowledged and dropped.

The ledger keeps every ``event_id`` claimed (``claim("slack_event", id)``) in the database, so a retry after
a restart, or one that reaches another instance, is not answered twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import BoltResponse

from bot.ports import SLACK_EVENT
from handlers.context import ports_of

log = logging.getLogger("shingikai.slack")


def dedupe_events(body: dict[str, Any], context: Mapping[str, Any], next: Callable[[], None]) -> BoltResponse | None:
    """Global middleware: an event whose id was already handled is acknowledged and dropped."""
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    if event_id:
        try:
            first = ports_of(context).ledger.claim(SLACK_EVENT, str(event_id))
        except Exception:  # a broken store must not stop answering; log and go on
            log.exception("claim failed for event_id=%s; handling it anyway", event_id)
            first = True
        if not first:
            log.info("duplicate delivery ignored: event_id=%s", event_id)
            return BoltResponse(status=200, body="")
    next()
    return None
