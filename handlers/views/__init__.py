"""Views: App Home (modals come with the later issues)."""

from __future__ import annotations

from slack_bolt import App

from handlers.views.home import handle_home_opened


def register(app: App) -> None:
    app.event("app_home_opened")(handle_home_opened)
