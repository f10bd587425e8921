"""Views: App Home, the schedule modal, and the 修正依頼 modal of a draft 答申."""

from __future__ import annotations

from slack_bolt import App

from handlers.views.drafts import handle_changes_submission
from handlers.views.home import handle_home_opened
from handlers.views.schedule import handle_schedule_submission
from templates.blocks.drafts import CHANGES_MODAL
from templates.blocks.meetings import SCHEDULE_CALLBACK


def register(app: App) -> None:
    app.event("app_home_opened")(handle_home_opened)
    app.view(CHANGES_MODAL)(handle_changes_submission)
    app.view(SCHEDULE_CALLBACK)(handle_schedule_submission)
