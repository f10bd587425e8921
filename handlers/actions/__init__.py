"""Interactive components: the 👍/👎 buttons under an answer; 承認 / 修正依頼 under a draft 答申."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions.drafts import DRAFT_ACTIONS, handle_draft_review
from handlers.actions.feedback import FEEDBACK_ACTIONS, handle_feedback


def register(app: App) -> None:
    app.action(FEEDBACK_ACTIONS)(handle_feedback)
    app.action(DRAFT_ACTIONS)(handle_draft_review)
