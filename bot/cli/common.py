"""What every command shares: the one error console and the one way to read the settings.

Nothing heavy is imported here (``shingikai --help`` must start fast): the settings module is loaded by
``settings_or_exit``, when a command needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:
    from bot.settings import Settings

err = Console(stderr=True)


def say(text: str, *, style: str | None = None, soft_wrap: bool = True) -> None:
    """Text on stderr, printed as is (no rich markup: texts carry brackets and backticks) and not wrapped by
    rich (the terminal wraps long lines, never mid-word by us)."""
    err.print(text, style=style, markup=False, highlight=False, soft_wrap=soft_wrap)


def settings_or_exit() -> Settings:
    """The settings from the environment and app.yaml, or exit 2 with the problems listed in Japanese."""
    from bot.settings import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as exc:
        say(str(exc), style="red")
        raise typer.Exit(2) from exc
