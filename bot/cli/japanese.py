"""The CLI in Japanese: typer's and its bundled Click's own words (usage lines, the help option, panel titles,
usage errors) replaced, and usage errors printed as one unwrapped line.

``JaTyper`` is a ``typer.Typer`` whose group and commands are ``JaGroup``/``JaCommand``; ``localize()`` sets the
titles of typer's rich help. Error messages are Click's English ones translated by ``translate`` (patterns
below); anything not in the table keeps its text after a Japanese lead.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

HELP_OPTION = "この説明を表示して終了する"
_USAGE = [("Usage:", "使い方:"), ("[OPTIONS]", "[オプション]"), ("COMMAND [ARGS]...", "コマンド [引数]...")]
_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^No such command '(?P<x>.+)'\.$"), "「{x}」というコマンドはありません。"),
    (re.compile(r"^Missing command\.$"), "コマンドを指定してください。"),
    (re.compile(r"^Missing argument '(?P<x>.+)'\.$"), "引数 {x} を指定してください。"),
    (re.compile(r"^Missing option '(?P<x>.+)'\.$"), "オプション {x} を指定してください。"),
    (re.compile(r"^No such option: (?P<x>\S+)(?: Did you mean (?P<y>\S+)\?)?$"), "{x} というオプションはありません。"),
    (re.compile(r"^Option '(?P<x>.+)' requires an argument\.$"), "オプション {x} には値が必要です。"),
    (re.compile(r"^Option '(?P<x>.+)' does not take a value\.$"), "オプション {x} には値を付けません。"),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<x>.+)\)$"), "余分な引数があります（{x}）。"),
    (re.compile(r"^Invalid value for '(?P<x>[^']+)': (?P<y>.+)$"), "{x} の値が正しくありません: {y}"),
]
_VALUES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Input should be a valid integer.*$"), "整数を指定してください。"),
    (re.compile(r"^Input should be a valid number.*$"), "数を指定してください。"),
    (re.compile(r"^Input should be a valid boolean.*$"), "true または false を指定してください。"),
    (re.compile(r"^'?(?P<v>.*?)'? is not a valid integer.*$"), "「{v}」は整数ではありません。"),
    (re.compile(r"^Value '(?P<v>.*)' is not a valid (?P<t>.+)\.$"), "「{v}」は {t} として読めません。"),
    (re.compile(r"^(?:File|Path|Directory) '(?P<v>.+)' does not exist\.$"), "「{v}」が見つかりません。"),
    (re.compile(r"^Input should be (?P<t>.+)$"), "{t} のいずれかを指定してください。"),
]


def _apply(table: list[tuple[re.Pattern[str], str]], text: str) -> str | None:
    for pattern, words in table:
        m = pattern.match(text.strip())
        if m:
            return words.format(**{k: v or "" for k, v in m.groupdict().items()})
    return None


def translate(message: str) -> str:
    """Click's English usage error in Japanese (unknown ones keep their text after a Japanese lead)."""
    found = _apply(_ERRORS, message)
    if found is None:
        return f"指定が正しくありません: {message}"
    m = re.match(r"^(?P<x>.+) の値が正しくありません: (?P<y>.+)$", found)
    if m:
        value = _apply(_VALUES, m.group("y"))
        return f"{m.group('x')} の値が正しくありません: {value or m.group('y')}"
    return found


def usage_ja(text: str) -> str:
    for english, japanese in _USAGE:
        text = text.replace(english, japanese)
    return text


def localize() -> None:
    """Japanese titles and fixed strings in typer's rich help (module constants read when help is printed)."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "引数"
    rich_utils.OPTIONS_PANEL_TITLE = "オプション"
    rich_utils.COMMANDS_PANEL_TITLE = "コマンド"
    rich_utils.ERRORS_PANEL_TITLE = "エラー"
    rich_utils.ABORTED_TEXT = "中断しました。"
    rich_utils.DEFAULT_STRING = "[既定: {}]"
    rich_utils.ENVVAR_STRING = "[環境変数: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[必須]"
    rich_utils.DEPRECATED_STRING = "（廃止予定） "
    rich_utils.RICH_HELP = "詳しくは '{command_path} {help_option}' を実行してください。"


def _error_lines(exc: Any) -> list[str]:
    ctx = getattr(exc, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(f"詳しくは '{ctx.command_path} --help' を実行してください。")
    lines.append(f"エラー: {translate(exc.format_message())}")
    return lines


class _Japanese:
    """What ``JaGroup`` and ``JaCommand`` share."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION
        return option

    def get_usage(self, ctx: Any) -> str:
        return usage_ja(super().get_usage(ctx))  # type: ignore[misc]

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        from typer import Abort
        from typer._click.exceptions import ClickException

        localize()
        try:
            rv = super().main(args=args, prog_name=prog_name, complete_var=complete_var,  # type: ignore[misc]
                              standalone_mode=False, **extra)
        except ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # help was printed already
                if standalone_mode:
                    sys.exit(exc.exit_code)
                raise
            if not standalone_mode:
                exc.message = translate(exc.format_message())
                raise
            from bot.cli.console import say

            for line in _error_lines(exc):
                say(line, soft_wrap=True)
            sys.exit(exc.exit_code)
        except Abort:
            if not standalone_mode:
                raise
            from bot.cli.console import say

            say("中断しました。")
            sys.exit(1)
        if standalone_mode:
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv


class JaCommand(_Japanese, TyperCommand):
    pass


class JaGroup(_Japanese, TyperGroup):
    pass


class JaTyper(typer.Typer):
    """``typer.Typer`` whose commands are ``JaCommand`` (Japanese usage, help option and errors)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", JaGroup)
        super().__init__(**kwargs)

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None,
                **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return super().command(name, cls=cls or JaCommand, **kwargs)
