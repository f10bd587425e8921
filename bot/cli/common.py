"""What every command shares: the one error console, the one way to read the settings, and start-up failures
told in one Japanese line (the traceback only with ``shingikai --debug``).

Nothing heavy is imported here (``shingikai --help`` must start fast): settings, storage and templates are loaded
when a command needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click
import typer

from bot.cli.console import err, say  # noqa: F401  (err: re-exported for the commands)
from bot.cli.japanese import JaGroup

if TYPE_CHECKING:
    from bot.settings import Settings

class StartupProblem(Exception):
    """Something outside the bot stops a command (``kind`` names the line in ``cli/startup_errors.j2``)."""

    def __init__(self, kind: str, code: int = 1, **ctx: Any) -> None:
        super().__init__(f"{kind}: {ctx}")
        self.kind = kind
        self.code = code
        self.ctx = ctx


def problem_line(exc: BaseException) -> tuple[str, int] | None:
    """The one Japanese line (and exit code) for a known start-up failure; None for anything else."""
    from bot.storage.db import DatabaseProblem
    from templates.render import render

    if isinstance(exc, StartupProblem):
        return render("cli/startup_errors.j2", kind=exc.kind, **exc.ctx), exc.code
    if isinstance(exc, DatabaseProblem):
        return render("cli/startup_errors.j2", kind=exc.kind, url=exc.url, detail=exc.detail), 2
    return None


def debug_enabled() -> bool:
    """``shingikai --debug``: keep tracebacks."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug"))


class FriendlyGroup(JaGroup):
    """The ``shingikai`` group: a known start-up failure becomes one line and exit 1/2 (``--debug``: raised)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            told = problem_line(exc)
            if told is None or ctx.params.get("debug"):
                raise
            say(told[0], style="red", soft_wrap=True)
            raise typer.Exit(told[1]) from None



def settings_or_exit() -> Settings:
    """The settings from the environment and app.yaml, or exit 2 with the problems listed in Japanese."""
    from bot.settings import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as exc:
        say(str(exc), style="red")
        raise typer.Exit(2) from exc
