"""Views: App Home and the schedule modal."""

from __future__ import annotations

from slack_bolt import App

from handlers.views.home import handle_home_opened
from handlers.views.schedule import handle_schedule_submission
from templates.blocks.meetings import SCHEDULE_CALLBACK


def register(app: App) -> None:
    app.event("app_home_opened")(handle_home_opened)
    app.view(SCHEDULE_CALLBACK)(handle_schedule_submission)
