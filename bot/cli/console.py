"""The one error console of the ``shingikai`` command (stderr), for every module of ``bot.cli``."""

from __future__ import annotations

from rich.console import Console

err = Console(stderr=True)


def say(text: str, *, style: str | None = None, soft_wrap: bool = True) -> None:
    """Text on stderr, printed as is (no rich markup: texts carry brackets and backticks) and not wrapped by
    rich (the terminal wraps long lines, never mid-word by us)."""
    err.print(text, style=style, markup=False, highlight=False, soft_wrap=soft_wrap)
