"""Interactive components: the 👍/👎 buttons under an answer."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions.feedback import FEEDBACK_ACTIONS, handle_feedback


def register(app: App) -> None:
    app.action(FEEDBACK_ACTIONS)(handle_feedback)
