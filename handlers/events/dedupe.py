"""Repeated deliveries (Slack's retries, a redelivery after a restart) are dropped, after the ack.

The ledger keeps every ``event_id`` claimed (``claim("slack_event", id)``) in the database, so a retry after
a restart, or one that reaches another instance, is not answered twice. The claim is made by the listener that
handles the event, on a worker thread after Bolt has acknowledged it: the database is never touched before the
ack, and an event type the bot does not handle is never recorded as processed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from bot.ports import SLACK_EVENT
from handlers.context import ports_of

log = logging.getLogger("shingikai.slack")


def first_delivery(body: Mapping[str, Any], context: Mapping[str, Any]) -> bool:
    """Claim the event's id; False when it was handled before (a retry, a redelivery). An event without an id,
    or a store that fails, counts as a first delivery (answering twice beats not answering)."""
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    if not event_id:
        return True
    try:
        first = ports_of(context).ledger.claim(SLACK_EVENT, str(event_id))
    except Exception:  # a broken store must not stop answering; log and go on
        log.exception("claim failed for event_id=%s; handling it anyway", event_id)
        return True
    if not first:
        log.info("duplicate delivery ignored: event_id=%s", event_id)
    return first


def ignore_event(body: Mapping[str, Any]) -> None:
    """Any event type no other listener handles: acknowledged (200), not claimed, nothing done."""
    event = body.get("event")
    kind = event.get("type") if isinstance(event, Mapping) else None
    log.debug("event type not handled: %s", kind)
