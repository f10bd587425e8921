"""Architecture rules, read from the source with ``ast`` (no import runs): which package may import what, no
import cycles among first-party modules, one reader of the environment, one reader of the clock.

The tables are data: a new package or rule is one more row. See ARCHITECTURE.md for the why.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = ("bot", "handlers", "knowledge", "templates")
DB_LIBS = ("sqlalchemy", "sqlmodel", "alembic")

# package (module prefix) -> imports it must not make (module prefixes); ``except`` -> sub-packages exempted
FORBIDDEN: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("knowledge", ("templates", "bot", "handlers", "slack_sdk", "slack_bolt", "apscheduler", *DB_LIBS), ()),
    ("bot.meetings", ("bot.storage", "bot.services", "bot.cli", "bot.settings", "handlers", "templates",
                      "slack_sdk", "slack_bolt", "apscheduler", *DB_LIBS), ()),
    ("templates", ("bot", "handlers", *DB_LIBS), ()),
    ("bot.services", ("slack_sdk", "slack_bolt", "handlers"), ()),
    # Block Kit and words are the templates': services hand data to a notifier (bot/notifier.py, bot/notify.py)
    # or a handler that renders it. The desk words the draft 答申 it stores (a document, kept as written).
    ("bot.services", ("templates",), ("bot.services.desk",)),
    ("handlers", (*DB_LIBS, "bot.storage", "bot.services", "bot.cli"), ()),
    ("bot", DB_LIBS, ("bot.storage",)),  # only bot/storage talks to the database
    ("bot.storage", ("slack_sdk", "slack_bolt", "handlers", "bot.services", "bot.cli"), ()),
    ("bot.ports", ("slack_sdk", "slack_bolt", "handlers", *DB_LIBS), ()),
    ("bot.clock", ("bot", "handlers", "knowledge", "templates"), ()),
    ("bot.scheduling", ("slack_bolt", "handlers", "bot.cli", "templates"), ()),
]
# module prefix -> the only modules allowed to import it
ONLY_FROM: list[tuple[str, tuple[str, ...]]] = [
    ("bot.cli", ("bot.cli",)),  # the outermost layer: nothing imports it
]
ENV_READERS = ("bot.settings",)  # the only module reading environment variables (scope: bot, handlers, templates)
CLOCK_READERS = ("bot.clock",)  # the only module reading the wall clock
CHECKED_FOR_ENV_AND_CLOCK = ("bot", "handlers", "templates", "knowledge")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, ast.Module]:
    found: dict[str, ast.Module] = {}
    for package in FIRST_PARTY:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return found


MODULES = modules()


def _is_package(name: str) -> bool:
    return (ROOT / name.replace(".", "/") / "__init__.py").is_file()


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if _is_package(module) else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports(module: str, tree: ast.Module, *, top_level_only: bool = False) -> Iterator[str]:
    """Every module ``module`` imports (``from a import b`` counts ``a.b`` when that is a module)."""
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(module, node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield sub if sub in MODULES else target


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize(("package", "forbidden", "exempt"), FORBIDDEN, ids=[row[0] for row in FORBIDDEN])
def test_package_does_not_import(package: str, forbidden: tuple[str, ...], exempt: tuple[str, ...]) -> None:
    breaks = [
        f"{module} imports {name}"
        for module, tree in MODULES.items()
        if _under(module, package) and not any(_under(module, e) for e in exempt)
        for name in imports(module, tree)
        if any(_under(name, f) for f in forbidden)
    ]
    assert not breaks, "\n".join(breaks)


@pytest.mark.parametrize(("target", "allowed"), ONLY_FROM, ids=[row[0] for row in ONLY_FROM])
def test_only_allowed_importers(target: str, allowed: tuple[str, ...]) -> None:
    breaks = [
        f"{module} imports {name}"
        for module, tree in MODULES.items()
        if not any(_under(module, a) for a in allowed)
        for name in imports(module, tree)
        if _under(name, target)
    ]
    assert not breaks, "\n".join(breaks)


def test_no_import_cycles() -> None:
    """Module-level imports among first-party modules form no cycle (function-level imports hide none either:
    those are checked by the same graph when they are listed here, so keep them rare)."""
    graph = {
        module: sorted({n for n in imports(module, tree, top_level_only=True) if n in MODULES and n != module})
        for module, tree in MODULES.items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_no_function_level_import_closes_a_cycle() -> None:
    """Counting imports inside functions too, there is still no cycle (a lazy import must not hide one)."""
    graph = {
        module: {n for n in imports(module, tree) if n in MODULES and n != module}
        for module, tree in MODULES.items()
    }

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(graph[node])
        return False

    cycles = [f"{a} <-> {b}" for a in graph for b in graph[a] if reaches(b, a)]
    assert not cycles, "\n".join(sorted(cycles))


def _reads_environment(tree: ast.Module) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb") and \
                isinstance(node.value, ast.Name) and node.value.id == "os":
            lines.append(node.lineno)
        if isinstance(node, ast.ImportFrom) and node.module == "os" and \
                any(a.name in ("environ", "getenv") for a in node.names):
            lines.append(node.lineno)
    return lines


def _reads_clock(tree: ast.Module) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if (name, node.func.attr) in {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"),
                                           ("datetime", "today"), ("time", "time")}:
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(("rule", "allowed", "check"), [
    ("environment", ENV_READERS, _reads_environment),
    ("clock", CLOCK_READERS, _reads_clock),
], ids=["environment", "clock"])
def test_one_reader(rule: str, allowed: tuple[str, ...], check: object) -> None:
    breaks = [
        f"{module}:{line} reads the {rule}"
        for module, tree in MODULES.items()
        if any(_under(module, p) for p in CHECKED_FOR_ENV_AND_CLOCK) and module not in allowed
        for line in check(tree)  # type: ignore[operator]
    ]
    assert not breaks, "\n".join(breaks)


def test_the_rules_see_the_code() -> None:
    """The tables name real packages and the scanner finds their imports (a rule over nothing passes vacuously)."""
    for package, _, _ in FORBIDDEN:
        assert any(_under(m, package) for m in MODULES), package
    assert "bot.storage.db" in set(imports("bot.services.answers", MODULES["bot.services.answers"]))
    assert _reads_environment(MODULES["bot.settings"]) and _reads_clock(MODULES["bot.clock"])
