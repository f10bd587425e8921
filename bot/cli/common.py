"""What every command shares: the one error console and the one way to read the settings."""

from __future__ import annotations

import typer
from rich.console import Console

from bot.settings import ConfigError, Settings, load_settings

err = Console(stderr=True)


def say(text: str, *, style: str | None = None, soft_wrap: bool = False) -> None:
    """Text on stderr, printed as is (no rich markup: texts carry brackets and backticks); wrapped to the
    terminal unless ``soft_wrap``."""
    err.print(text, style=style, markup=False, highlight=False, soft_wrap=soft_wrap)


def settings_or_exit() -> Settings:
    """The settings from the environment and app.yaml, or exit 2 with the problems listed in Japanese."""
    try:
        return load_settings()
    except ConfigError as exc:
        say(str(exc), style="red")
        raise typer.Exit(2) from exc
