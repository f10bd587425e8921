"""Events API: questions (an @mention, a DM, a follow-up in the bot's thread), deduplicated by the ledger."""

from __future__ import annotations

from slack_bolt import App

from handlers.events.dedupe import dedupe_events
from handlers.events.questions import handle_app_mention, handle_message


def register(app: App) -> None:
    """``dedupe_events`` first (a global middleware: it also sees commands and actions and lets them pass)."""
    app.middleware(dedupe_events)
    app.event("app_mention")(handle_app_mention)
    app.event("message")(handle_message)
