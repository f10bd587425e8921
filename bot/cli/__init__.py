"""The ``shingikai`` command (entry point ``bot.cli:main``): a thin layer over the services.

Settings are read once per command (``bot.cli.common.settings_or_exit``); nothing connects at import time, and
nothing heavy is imported either: each command imports the services, the search engine, Slack or the database
when it runs, so ``shingikai --help`` starts in a fraction of a second. Typer's own words are Japanese
(``bot.cli.japanese``). Nothing imports ``bot.cli``: it is the outermost layer.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from bot.cli import database, demo, desk, knowledge, meetings, slack
from bot.cli.common import FriendlyGroup
from bot.cli.japanese import JaTyper


def _options(
    debug: Annotated[bool, typer.Option("--debug", help="エラーのとき詳しい情報（トレースバック）を表示する")] = False,
) -> None:
    if debug:
        logging.basicConfig(level=logging.DEBUG)


def build_app() -> typer.Typer:
    app = JaTyper(help="個人情報保護審議会の議事録・答申を Slack で引けるようにするボット", no_args_is_help=True,
                  add_completion=False, cls=FriendlyGroup, pretty_exceptions_enable=False)
    app.callback()(_options)
    knowledge.register_listings(app)
    demo.register(app)
    knowledge.register_questions(app)
    slack.register(app)
    desk.register(app)
    meetings.register(app)
    database.register(app)
    return app


app = build_app()


def main() -> None:
    app()
