"""``shingikai migrate``: brings a database to this version once (a deployment runs it before its instances
start), says so in Japanese, and ``--check`` tells whether it is needed (exit 1) without changing anything."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from bot.storage.db import make_engine, schema_versions


def run(*args: str, url: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"SHINGIKAI_DATABASE_URL": url}, prog_name="shingikai")
    return result.exit_code, result.output


def test_migrate_creates_then_keeps_and_check_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    code, out = run("migrate", "--check", url=url)
    assert code == 1 and "まだ空です" in out and "shingikai migrate" in out
    engine = make_engine(url)
    assert schema_versions(engine)[0] == []  # --check made no table
    code, out = run("migrate", url=url)
    current, head = schema_versions(engine)
    assert code == 0 and current == [head] and f"最新の版（{head}）の表を作りました" in out
    code, out = run("migrate", url=url)
    assert code == 0 and "何も変更していません" in out
    code, out = run("migrate", "--check", url=url)
    assert code == 0 and "更新は要りません" in out
    engine.dispose()


def test_migrate_on_an_unreachable_database_says_what_to_check() -> None:
    code, out = run("migrate", url="postgresql://nobody@127.0.0.1:1/x")
    assert code == 2 and "接続できません" in out and "SHINGIKAI_DATABASE_URL" in out
