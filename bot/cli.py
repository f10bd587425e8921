"""The ``shingikai`` command: a thin layer over functions that take explicit arguments.

Settings are read once per command (``load_settings``); nothing connects at import time.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bot import repository
from bot.cli_knowledge import register as register_knowledge
from bot.cli_slack import register as register_slack
from bot.ingest import FileResult, collect_files, ingest_paths
from bot.settings import ConfigError, Settings, load_settings
from bot.storage import open_database
from knowledge.lineage import still_pending
from knowledge.model import ConsultationRecord
from templates.render import render

app = typer.Typer(help="個人情報保護審議会の議事録・答申を Slack で引けるようにするボット", no_args_is_help=True,
                  add_completion=False)
err = Console(stderr=True)
DEMO_CORPUS = Path(__file__).resolve().parent.parent / "demo_corpus"


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc


def run_ingest(settings: Settings, paths: list[Path], *, show_progress: bool, workers: int | None = None) -> int:
    """Ingest and print the summary; returns the exit code (1 when nothing could be ingested)."""
    engine = open_database(settings.database_url)
    files, problems = collect_files(paths)
    results: list[FileResult]
    if show_progress and len(files) > 1:
        columns = (TextColumn("取り込み中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("ingest", total=len(files) + len(problems))
            results = ingest_paths(engine, paths, workers=workers, on_file=lambda _r: progress.advance(task))
    else:
        results = ingest_paths(engine, paths, workers=workers)
    counts = Counter(r.status for r in results)
    summary = render(
        "cli/ingest_summary.j2",
        skipped=[r for r in results if r.status == "skipped"],
        warned=[r for r in results if r.warnings],
        counts={k: counts.get(k, 0) for k in ("added", "updated", "unchanged", "skipped")},
        consultations=sum(r.consultations for r in results),
    )
    err.print(summary, markup=False, highlight=False, soft_wrap=True)
    ok = any(r.status != "skipped" for r in results)
    return 0 if ok else 1


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="議事録・答申のファイルまたはフォルダ（.txt / .md / .html）")],
    workers: Annotated[int | None, typer.Option(help="並列に解析するプロセス数（既定: CPU 数 + 1、最大 8）")] = None,
) -> None:
    """議事録・答申を取り込む（同じファイルの再取り込みでは何も変わらず、変更されたファイルは置き換えます）。"""
    raise typer.Exit(run_ingest(settings_or_exit(), paths, show_progress=sys.stderr.isatty(), workers=workers))


def consultation_json(c: ConsultationRecord) -> dict[str, object]:
    data = asdict(c)
    data["qa"] = len(c.qa)
    return data


def print_consultations(items: list[ConsultationRecord], as_json: bool, heading: str, empty: str) -> None:
    if as_json:
        typer.echo(json.dumps([consultation_json(c) for c in items], ensure_ascii=False, indent=2))
    else:
        typer.echo(render("cli/consultations.j2", items=items, heading=heading, empty=empty))


@app.command()
def consultations(as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False) -> None:
    """取り込んだ諮問の一覧（結論済み・継続中とも）。"""
    engine = open_database(settings_or_exit().database_url)
    print_consultations(repository.consultations(engine), as_json, "諮問の一覧",
                        "諮問はまだありません。`shingikai ingest フォルダ` で議事録を取り込んでください。")


@app.command()
def pending(as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False) -> None:
    """結論が出ていない諮問（継続審議・再審議・次回審議のうち、後の会議や答申で結論が出ていないもの）の一覧。"""
    engine = open_database(settings_or_exit().database_url)
    print_consultations(still_pending(repository.consultations(engine)), as_json, "結論が出ていない諮問",
                        "結論が出ていない諮問はありません。")


@app.command()
def show(consultation_id: Annotated[int, typer.Argument(metavar="ID", help="諮問の ID（consultations の [ ] 内の数字）")]) -> None:
    """諮問を一件、質疑も含めて表示する。"""
    engine = open_database(settings_or_exit().database_url)
    record = repository.consultation(engine, consultation_id)
    if record is None:
        err.print(f"ID {consultation_id} の諮問は見つかりません。`shingikai consultations` で ID を確認してください。")
        raise typer.Exit(1)
    typer.echo(render("cli/show.j2", c=record))


@app.command()
def demo() -> None:
    """架空の審議会の議事録を使い捨てのデータベースに取り込み、ボットの働きを端末で見せる（Slack 不要）。"""
    from bot.demo import run_demo

    with tempfile.TemporaryDirectory(prefix="shingikai-demo-") as tmp:
        base = settings_or_exit()
        settings = Settings(database_url=f"sqlite:///{Path(tmp) / 'demo.db'}", config=base.config,
                            config_path=base.config_path)
        raise typer.Exit(run_demo(settings, DEMO_CORPUS))


register_knowledge(app)
register_slack(app)


def main() -> None:
    app()
