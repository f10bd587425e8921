"""The ``ask`` and ``eval`` commands (knowledge side of the CLI).

``register(app)`` adds them to the ``shingikai`` Typer app. Both build the engine once per process through
``engine_loader`` (default: ``bot.service.load_engine`` over the configured database).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from knowledge.engine import Engine
from knowledge.evaluate import answer_json, load_items, run
from templates.answer import answer_text
from templates.render import render


def _default_loader() -> Engine:
    from bot.cli import settings_or_exit
    from bot.service import load_engine

    return load_engine(settings_or_exit())


engine_loader: Callable[[], Engine] = _default_loader


def _print_answer(engine: Engine, question: str, as_json: bool) -> None:
    answer = engine.ask(question)
    text = answer_text(answer)
    if as_json:
        typer.echo(json.dumps(answer_json(answer, text), ensure_ascii=False))
    else:
        typer.echo(text)


def ask(
    question: Annotated[str | None, typer.Argument(help="質問（例: 「継続審議になっている案件は?」）")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する（回答・根拠の候補・スコア）")] = False,
    batch: Annotated[Path | None, typer.Option("--batch", help="1行1問の質問ファイル（1行1個の JSON を同じ順で出力）")] = None,
) -> None:
    """議事録・答申に質問する（Slack で投稿されるのと同じ回答を表示）。"""
    if (question is None) == (batch is None):
        typer.echo(render("cli_knowledge.j2", part="ask_usage"), err=True)
        raise typer.Exit(2)
    engine = engine_loader()
    if batch is None:
        _print_answer(engine, question or "", as_json)
        return
    for line in batch.read_text(encoding="utf-8").splitlines():
        if line.strip():
            _print_answer(engine, line.strip(), as_json)


def evaluate(
    path: Annotated[Path, typer.Argument(metavar="FILE.jsonl", help='質問集（{"q", "source", "keys"} または {"q", "unanswerable": true}）')],
    as_json: Annotated[bool, typer.Option("--json", help="集計を JSON で出力する")] = False,
) -> None:
    """質問集で検索と回答の質を測る（key@1・回答・MRR・見つからない判定・応答時間）。"""
    items = load_items(path)
    engine = engine_loader()
    s = run(items, engine.ask, answer_text, warm_up=True)
    if as_json:
        data: dict[str, Any] = {k: v for k, v in vars(s).items() if k != "misses"}
        data["misses"] = [r.item.q for r in s.misses]
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    typer.echo(render("cli_knowledge.j2", part="eval", s=s, path=path.name))


def register(app: typer.Typer) -> None:
    app.command("ask")(ask)
    app.command("eval")(evaluate)
