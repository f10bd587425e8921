"""Layer boundaries, read from the source with ``ast``: what each package may not import or read.

``FORBIDDEN`` maps a package to the module prefixes it must not import; ``NO_ENV`` lists the packages that must
not read the environment (settings are the only env reader; the clock and folders are passed in).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "knowledge": ("templates", "bot", "handlers", "slack_bolt", "slack_sdk", "sqlalchemy", "sqlmodel", "apscheduler"),
}
NO_ENV: tuple[str, ...] = ("knowledge",)
ENV_READS = ("os.environ", "os.getenv", "os.putenv", "os.unsetenv")


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imported(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, module) of every import (relative ones as written, with their dots); for ``from m import n`` also
    ``m.n``, so that a name such as ``os.getenv`` is caught however it is imported."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                yield node.lineno, "." * node.level + (node.module or "")
            else:
                yield node.lineno, node.module or ""
                for alias in node.names:  # "from os import environ", "from os import getenv"
                    yield node.lineno, f"{node.module}.{alias.name}"


def env_reads(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, name) of every use of os.environ / os.getenv (as attributes or imported names)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            name = f"{node.value.id}.{node.attr}"
            if name in ENV_READS:
                yield node.lineno, name


def matches(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_nothing_forbidden(package: str) -> None:
    assert modules(package), f"no modules found under {package}/"
    bad = []
    for path in modules(package):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in imported(tree):
            if matches(module, FORBIDDEN[package]) or matches(module, ENV_READS):
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("package", NO_ENV)
def test_package_reads_no_environment(package: str) -> None:
    bad = [f"{path.relative_to(ROOT)}:{line} reads {name}"
           for path in modules(package)
           for line, name in env_reads(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))]
    assert not bad, "\n".join(bad)


def test_the_checks_catch_what_they_forbid() -> None:
    tree = ast.parse("import os\nfrom templates.render import render\nimport sqlalchemy.orm\n"
                     "from os import getenv\nx = os.environ.get('X')\n")
    found = [m for _, m in imported(tree) if matches(m, FORBIDDEN["knowledge"]) or matches(m, ENV_READS)]
    assert {"templates.render", "sqlalchemy.orm", "os.getenv"} <= set(found) and "os" not in found
    assert [n for _, n in env_reads(tree)] == ["os.environ"]
