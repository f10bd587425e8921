"""The CLI speaks Japanese (typer's and Click's own messages too), starts without loading the heavy modules,
summarises a folder's warnings, and says what to do on an empty database or an empty question."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.cli.japanese import translate

ENGLISH = ["Usage:", "Show this message", "No such command", "Missing argument", "Input should", "Try '",
           "Options", "Commands", "Arguments", "Error", "is not a valid", "No such option"]
HEAVY = ["sudachipy", "numpy", "slack_bolt", "slack_sdk", "sqlalchemy", "sqlmodel", "alembic", "pydantic", "uvicorn",
         "knowledge", "bot.services", "bot.storage", "bot.settings"]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=env, prog_name="shingikai")
    return result.exit_code, result.output


def assert_japanese(text: str) -> None:
    for word in ENGLISH:
        assert word not in text, f"{word!r} in:\n{text}"


def test_help_is_japanese_and_not_cut() -> None:
    code, out = run("--help")
    assert code == 0
    assert_japanese(out)
    assert "使い方: shingikai [オプション] コマンド [引数]..." in out and "この説明を表示して終了する" in out
    commands = out[out.index("コマンド ─"):]
    assert "…" not in commands  # every help line whole
    for name in ("ingest", "pending", "show", "ask", "serve", "manifest", "feedback"):
        code, sub = run(name, "--help")
        assert code == 0 and "使い方: shingikai " + name in sub
        assert_japanese(sub)


@pytest.mark.parametrize(("args", "expected"), [
    (["foo"], "エラー: 「foo」というコマンドはありません。"),
    (["show", "abc"], "エラー: ID の値が正しくありません: 整数を指定してください。"),
    (["ingest"], "エラー: 引数 paths を指定してください。"),
    (["pending", "--nope"], "エラー: --nope というオプションはありません。"),
    (["show", "1", "2"], "エラー: 余分な引数があります（2）。"),
])
def test_usage_errors_are_japanese_on_one_line(args: list[str], expected: str) -> None:
    code, out = run(*args)
    assert code == 2
    assert_japanese(out)
    assert expected in out.splitlines()  # one whole line: not wrapped mid-sentence
    assert out.splitlines()[0].startswith("使い方: shingikai")


def test_an_unknown_message_keeps_a_japanese_lead() -> None:
    assert translate("Something new happened.") == "指定が正しくありません: Something new happened."


def test_an_empty_question_is_refused(tmp_path: Path) -> None:
    code, out = run("ask", "  ", env={"SHINGIKAI_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.db'}"})
    assert code == 2 and "質問が空です" in out


def test_pending_on_an_empty_database_says_to_ingest(tmp_path: Path) -> None:
    env = {"SHINGIKAI_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.db'}"}
    for command in ("pending", "consultations"):
        code, out = run(command, env=env)
        assert code == 0
        assert "まだ議事録・答申が取り込まれていません" in out and "shingikai ingest" in out
        assert "ありません。" not in out.replace("取り込まれていません", "")


def test_help_does_not_load_the_heavy_modules() -> None:
    code = (f"import sys, bot.cli; heavy = {HEAVY!r}; "
            "print(sorted({m for m in sys.modules for h in heavy if m == h or m.startswith(h + '.')}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_a_folder_of_200_files_with_warnings_is_summarised(tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    for i in range(200):  # no date, no heading: each file warns
        (folder / f"memo_{i:03d}.txt").write_text(f"メモ {i}\n委員：資料{i}について確認した。\n", encoding="utf-8")
    env = {"SHINGIKAI_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.db'}"}
    code, out = run("ingest", str(folder), "--workers", "1", env=env)
    assert code == 0, out
    lines = out.strip().splitlines()
    assert len(lines) <= 12, out
    assert "⚠ 警告" in out and "（200 ファイル）" in out and "memo_000.txt" in out
    assert "shingikai ingest --verbose" in out
    env = {"SHINGIKAI_DATABASE_URL": f"sqlite:///{tmp_path / 'kb2.db'}"}
    code, verbose = run("ingest", str(folder), "--workers", "1", "--verbose", env=env)
    assert code == 0
    assert sum(1 for line in verbose.splitlines() if line.startswith("⚠ memo_")) >= 200
