"""Interactive components: the 👍/👎 buttons under an answer, 「続きを表示」 under the pending list, the 出席/欠席/未定 buttons of meetings, and 承認 / 修正依頼 under a draft 答申."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions.drafts import DRAFT_ACTIONS, handle_draft_review
from handlers.actions.feedback import FEEDBACK_ACTIONS, handle_feedback
from handlers.actions.pending import handle_pending_more
from handlers.actions.rsvp import RSVP_ACTIONS, handle_rsvp
from templates.blocks.messages import PENDING_MORE


def register(app: App) -> None:
    app.action(FEEDBACK_ACTIONS)(handle_feedback)
    app.action(DRAFT_ACTIONS)(handle_draft_review)
    app.action(RSVP_ACTIONS)(handle_rsvp)
    app.action(PENDING_MORE)(handle_pending_more)
