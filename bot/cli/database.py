"""``shingikai migrate``: bring the database's schema to this version before the bot starts (every command does it
on its own at start; a deployment with several instances runs this once first), or only check it (``--check``)."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import say, settings_or_exit
from bot.cli.japanese import JaTyper


def migrate(check: Annotated[bool, typer.Option("--check", help="更新せず、必要かどうかだけ表示（必要なら終了コード 1）")] = False) -> None:
    """データベースを最新の版に更新する

    取り込み済みのデータは消えません。どのコマンドも起動時に同じ更新を行いますが、複数のインスタンスで動かすときは、
    起動の前にこのコマンドを 1 回実行してください。
    """
    from bot.storage.db import database_name, make_engine, schema_versions
    from bot.storage.db import migrate as upgrade
    from templates.render import render

    engine = make_engine(settings_or_exit().database_url)
    try:
        before, head = schema_versions(engine)
        name = database_name(engine)
        if check:
            behind = head not in before
            say(render("cli/migrate.j2", kind="check", db=name, current=before, head=head, behind=behind))
            if behind:
                raise typer.Exit(1)
            return
        upgrade(engine)
        say(render("cli/migrate.j2", kind="done", db=name, current=before, head=head, behind=head not in before))
    finally:
        engine.dispose()


def register(app: JaTyper) -> None:
    app.command("migrate")(migrate)
