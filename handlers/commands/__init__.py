"""Slash commands: ``/shingikai`` and its subcommands (``registry`` + ``shingikai``)."""

from __future__ import annotations

from slack_bolt import App

from handlers.commands.registry import COMMAND
from handlers.commands.shingikai import handle_command


def register(app: App, *, command: str = COMMAND) -> None:
    app.command(command)(handle_command)
