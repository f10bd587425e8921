"""Start-up failures through the CLI (issue 8, item 11): one Japanese line saying what is wrong and what to do,
exit 1 or 2; the traceback only with ``shingikai --debug``."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.storage.db import UnknownSchemaRevision, open_database, sqlite_url

runner = CliRunner()


def newer_database(path: Path) -> str:
    url = sqlite_url(path)
    open_database(url).dispose()
    with sqlite3.connect(path) as conn:  # as a later shingikai would leave it
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    return url


def unmanaged_database(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, source TEXT)")
        conn.execute("INSERT INTO documents (source) VALUES ('x.txt')")
    return sqlite_url(path)


def one_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


@pytest.mark.parametrize("command", [["consultations"], ["pending"], ["show", "1"], ["ingest", "."]])
def test_a_database_at_a_newer_revision_is_one_line(tmp_path: Path, command: list[str]) -> None:
    env = {"SHINGIKAI_DATABASE_URL": newer_database(tmp_path / "kb.db"), "SHINGIKAI_INDEX_CACHE": "off"}
    result = runner.invoke(app, command, env=env)
    assert result.exit_code == 2
    line = one_line(result.output)
    assert "新しい版（0099_from_the_future）" in line and "shingikai を最新版に更新する" in line


def test_a_database_with_tables_but_no_migration_record_is_one_line_and_left_alone(tmp_path: Path) -> None:
    env = {"SHINGIKAI_DATABASE_URL": unmanaged_database(tmp_path / "kb.db")}
    result = runner.invoke(app, ["consultations"], env=env)
    assert result.exit_code == 2
    line = one_line(result.output)
    assert "更新記録（alembic_version）がありません" in line and "空のデータベース" in line
    with sqlite3.connect(tmp_path / "kb.db") as conn:  # nothing was changed
        assert conn.execute("SELECT source FROM documents").fetchall() == [("x.txt",)]
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["documents"]


def test_an_unreachable_database_server_is_one_line() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"SHINGIKAI_DATABASE_URL": f"postgresql://postgres@127.0.0.1:{port}/none"}
    result = runner.invoke(app, ["pending"], env=env)
    assert result.exit_code == 2
    assert "に接続できません" in one_line(result.output)


def test_debug_keeps_the_traceback(tmp_path: Path) -> None:
    env = {"SHINGIKAI_DATABASE_URL": newer_database(tmp_path / "kb.db")}
    result = runner.invoke(app, ["--debug", "pending"], env=env)
    assert result.exit_code == 1
    assert isinstance(result.exception, UnknownSchemaRevision)  # raised: Python prints the whole traceback


def test_an_unreachable_slack_api_is_one_line_for_serve(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"SHINGIKAI_DATABASE_URL": sqlite_url(tmp_path / "kb.db"), "SLACK_BOT_TOKEN": "xoxb-1-2-abc",
           "SLACK_SIGNING_SECRET": "0123456789abcdef", "SLACK_API_URL": f"http://127.0.0.1:{port}/api/",
           "SLACK_APP_TOKEN": "", "SHINGIKAI_INDEX_CACHE": "off"}
    result = runner.invoke(app, ["serve", "--http", "--port", "0", "--log-level", "CRITICAL"], env=env)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if "Slack の API" in line]
    assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0] and "SLACK_API_URL を確認" in lines[0]
    debug = runner.invoke(app, ["--debug", "serve", "--http", "--port", "0", "--log-level", "CRITICAL"], env=env)
    assert debug.exit_code == 1 and isinstance(debug.exception.__cause__, OSError)  # type: ignore[union-attr]
