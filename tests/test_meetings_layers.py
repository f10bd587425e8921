"""The meetings core stays pure: no storage, Slack, scheduler or templates imports, and no clock reads.

(Data-driven like the coming tests/test_layers.py; the integrator may fold these rows into that table.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "bot/meetings": (
        "bot.storage",
        "bot.settings",
        "sqlalchemy",
        "sqlmodel",
        "slack_",
        "apscheduler",
        "templates",
        "handlers",
    ),
    "templates/blocks/meetings.py": ("bot", "handlers", "sqlalchemy", "sqlmodel"),
}
CLOCK_CALLS = {"now", "utcnow", "today", "time", "monotonic"}


def _files(target: str) -> list[Path]:
    path = ROOT / target
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


def _imports(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize(("target", "forbidden"), sorted(FORBIDDEN.items()))
def test_no_forbidden_imports(target: str, forbidden: tuple[str, ...]) -> None:
    for file in _files(target):
        for name in _imports(ast.parse(file.read_text(encoding="utf-8"))):
            bad = [f for f in forbidden if name == f or name.startswith(f if f.endswith("_") else f + ".")]
            assert not bad, f"{file.relative_to(ROOT)} imports {name}"


def test_meetings_core_never_reads_the_clock() -> None:
    for file in _files("bot/meetings"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr not in CLOCK_CALLS, (
                    f"{file.relative_to(ROOT)}:{node.lineno} calls .{node.func.attr}()"
                )
