"""Events API: questions (an @mention, a DM, a follow-up in the bot's thread), deduplicated by the ledger."""

from __future__ import annotations

import re

from slack_bolt import App

from handlers.events.dedupe import ignore_event
from handlers.events.questions import handle_app_mention, handle_message

ANY_EVENT = re.compile(r".*")


def register(app: App) -> None:
    """The question listeners (each claims its event id after the ack: ``dedupe.first_delivery``)."""
    app.event("app_mention")(handle_app_mention)
    app.event("message")(handle_message)


def register_fallback(app: App) -> None:
    """Last of all listeners: any other event type gets 200 (Bolt's default is 404) and is not recorded."""
    app.event(ANY_EVENT)(ignore_event)
