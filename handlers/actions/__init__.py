"""Interactive components: the 👍/👎 buttons under an answer, 「続きを表示」 under the pending list."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions.feedback import FEEDBACK_ACTIONS, handle_feedback
from handlers.actions.pending import handle_pending_more
from templates.blocks.messages import PENDING_MORE


def register(app: App) -> None:
    app.action(FEEDBACK_ACTIONS)(handle_feedback)
    app.action(PENDING_MORE)(handle_pending_more)
