"""The knowledge commands: ``ingest``, ``consultations``, ``pending``, ``show``, ``ask`` and ``eval``.

``register(app, engine_factory=...)`` adds them; ``ask`` and ``eval`` build the search engine once per process
through ``engine_factory`` (default: the engine over the configured database). Tests pass their own factory.
The services, the engine and the database are imported inside the commands (``shingikai --help`` stays fast).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bot.cli.common import err, say, settings_or_exit

if TYPE_CHECKING:
    from bot.services.answers import AnswerService
    from bot.services.ingest import FileResult
    from bot.settings import Settings
    from knowledge.engine import Engine
    from knowledge.model import ConsultationRecord

EngineFactory = Callable[[], "Engine"]
SUMMARY_OVER = 10  # more warnings (or skipped files) than this: a summary per kind instead of one line each
EXAMPLES = 3


def default_engine() -> Engine:
    from bot.services.answers import AnswerService

    return AnswerService.open(settings_or_exit()).engine()


def warning_kind(text: str) -> str:
    """What a warning is about, without the file's particulars: "諮問第7号 の結論…" and "案件(2) の結論…" are one kind."""
    text = re.sub(r"^\S+ の結論", "（諮問）の結論", text.strip())
    return re.sub(r"[0-9０-９]+", "N", text)


def summarize(results: list[FileResult], *, verbose: bool) -> dict[str, Any]:
    """What the ingest summary shows: every warning and skip when ``verbose`` or few, else counts per kind with
    the first few files as examples."""
    from templates.files import doc_warning, file_problem

    skipped = [{"source": r.source, "reason": file_problem(r.problem or "", r.params)}
               for r in results if r.status == "skipped"]
    worded = [{"source": r.source, "warnings": [doc_warning(w) for w in r.warnings]} for r in results if r.warnings]
    warned = [(f["source"], w) for f in worded for w in f["warnings"]]
    detail = verbose or (len(warned) <= SUMMARY_OVER and len(skipped) <= SUMMARY_OVER)
    kinds: dict[str, list[str]] = defaultdict(list)
    for source, w in warned:
        kinds[warning_kind(w)].append(source)
    reasons: dict[str, list[str]] = defaultdict(list)
    for s in skipped:
        reasons[warning_kind(s["reason"])].append(s["source"])
    counts = Counter(r.status for r in results)
    return {
        "detail": detail, "skipped": skipped, "warned": worded,
        "warning_kinds": sorted(((k, v[:EXAMPLES], len(v)) for k, v in kinds.items()), key=lambda t: -t[2]),
        "skip_kinds": sorted(((k, v[:EXAMPLES], len(v)) for k, v in reasons.items()), key=lambda t: -t[2]),
        "n_warnings": len(warned), "n_warned_files": len({s for s, _ in warned}),
        "counts": {k: counts.get(k, 0) for k in ("added", "updated", "unchanged", "skipped")},
        "consultations": sum(r.consultations for r in results),
    }


def run_ingest(settings: Settings, paths: list[Path], *, show_progress: bool, workers: int | None = None,
               verbose: bool = False) -> int:
    """Ingest and print the summary; returns the exit code (1 when nothing could be ingested)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from bot.services.ingest import collect_files, ingest_paths
    from bot.storage.db import open_database
    from templates.render import render

    db = open_database(settings.database_url)
    files, problems = collect_files(paths)
    results: list[FileResult]
    if show_progress and len(files) > 1:
        columns = (TextColumn("取り込み中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("ingest", total=len(files) + len(problems))
            results = ingest_paths(db, paths, workers=workers, on_file=lambda _r: progress.advance(task))
    else:
        results = ingest_paths(db, paths, workers=workers)
    say(render("cli/ingest_summary.j2", **summarize(results, verbose=verbose)))
    ok = any(r.status != "skipped" for r in results)
    return 0 if ok else 1


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="議事録・答申のファイルまたはフォルダ（PDF・Word・テキスト・Markdown・HTML）")],
    workers: Annotated[int | None, typer.Option(help="並列に解析するプロセス数（既定: 使える CPU の数、最大 8）")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="警告をファイルごとにすべて表示する")] = False,
) -> None:
    """議事録・答申を取り込む

    同じファイルの再取り込みでは何も変わらず、内容が変わったファイルは古い版を置き換えます。
    """
    raise typer.Exit(run_ingest(settings_or_exit(), paths, show_progress=sys.stderr.isatty(), workers=workers,
                                verbose=verbose))


def consultation_json(c: ConsultationRecord) -> dict[str, object]:
    data = asdict(c)
    data["qa"] = len(c.qa)
    return data


def _answers() -> AnswerService:
    from bot.services.answers import AnswerService

    return AnswerService.open(settings_or_exit())


def _nothing_ingested() -> None:
    from templates.render import render

    typer.echo(render("cli_knowledge.j2", part="nothing_ingested"))


def consultations(as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False) -> None:
    """取り込んだ諮問の一覧

    結論済み・継続中とも。後の会議や答申で結論が出た諮問には、その結論を添えます。
    """
    from templates.render import render

    items = _answers().consultations()
    if as_json:
        typer.echo(json.dumps([consultation_json(c) for c in items], ensure_ascii=False, indent=2))
    elif not items:
        _nothing_ingested()
    else:
        typer.echo(render("cli/consultations.j2", items=items, heading="諮問の一覧", empty=""))


def pending(as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False) -> None:
    """結論が出ていない諮問の一覧

    継続審議・再審議・次回審議で、後の会議や答申で結論が出ていないもの（古い会議から順）と、結論の記載が見つからない諮問。
    """
    from templates.listing import pending_list

    answers = _answers()
    items = answers.pending()
    if as_json:
        typer.echo(json.dumps([consultation_json(c) for c in items], ensure_ascii=False, indent=2))
    elif not items and not answers.consultations():
        _nothing_ingested()
    else:
        typer.echo(pending_list(items, mrkdwn=False))


def show(
    consultation_id: Annotated[int, typer.Argument(metavar="ID", help="諮問の ID（consultations の [ ] 内の数字）")],
    full: Annotated[bool, typer.Option("--full", help="答申の各部分（趣旨・実施機関の説明・申立人の意見・判断）を全文で表示する")] = False,
) -> None:
    """諮問を一件、質疑も含めて表示する

    答申なら、結論・趣旨・判断（冒頭）と審査会の経過も表示します（--full で各部分の全文）。
    """
    from bot.services.desk import DeskService
    from templates.desk import draft_status_text
    from templates.render import render
    from templates.toshin import toshin_view

    answers = _answers()
    record = answers.consultation(consultation_id)
    if record is None:
        say(f"ID {consultation_id} の諮問は見つかりません。`shingikai consultations` で ID を確認してください。")
        raise typer.Exit(1)
    view = toshin_view(record.toshin, full=full) if record.toshin is not None else None
    typer.echo(render("cli/show.j2", c=record, toshin=view))
    desk = DeskService(answers.db, settings_or_exit())
    draft = desk.current(consultation_id)
    if draft is not None:  # the approved draft 答申, or that one awaits review
        approver = desk.member_name(draft.approved_by) if draft.approved_by else None
        typer.echo("\n" + draft_status_text(asdict(draft), approver=approver, slack=False))


def _print_answer(engine: Engine, question: str, as_json: bool) -> None:
    from knowledge.evaluate import answer_json
    from templates.answer import answer_text

    answer = engine.ask(question)
    text = answer_text(answer)
    if as_json:
        typer.echo(json.dumps(answer_json(answer, text), ensure_ascii=False))
    else:
        typer.echo(text)


def register(app: typer.Typer, *, engine_factory: EngineFactory = default_engine) -> None:
    register_listings(app)
    register_questions(app, engine_factory=engine_factory)


def register_listings(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("consultations")(consultations)
    app.command("pending")(pending)
    app.command("show")(show)


def register_questions(app: typer.Typer, *, engine_factory: EngineFactory = default_engine) -> None:
    @app.command("ask")
    def ask(
        question: Annotated[str | None, typer.Argument(help="質問（例: 「継続審議になっている案件は?」）")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する（回答・根拠の候補・スコア）")] = False,
        batch: Annotated[Path | None, typer.Option("--batch", help="1行1問の質問ファイル（1行1個の JSON を同じ順で出力）")] = None,
    ) -> None:
        """議事録・答申に質問する

        Slack で投稿されるのと同じ回答を表示します。
        """
        from templates.render import render

        if (question is None) == (batch is None):
            say(render("cli_knowledge.j2", part="ask_usage"))
            raise typer.Exit(2)
        if batch is None and not (question or "").strip():
            say(render("cli_knowledge.j2", part="ask_empty"))
            raise typer.Exit(2)
        engine = engine_factory()
        if batch is None:
            _print_answer(engine, (question or "").strip(), as_json)
            return
        for line in batch.read_text(encoding="utf-8").splitlines():
            if line.strip():
                _print_answer(engine, line.strip(), as_json)

    @app.command("eval")
    def evaluate(
        paths: Annotated[list[Path], typer.Argument(metavar="FILE.jsonl|FOLDER ...", help='質問集（複数可。フォルダは中の *.jsonl。{"q", "source", "keys"} または {"q", "unanswerable": true}）')],
        as_json: Annotated[bool, typer.Option("--json", help="集計を JSON で出力する")] = False,
        misses: Annotated[bool, typer.Option("--misses", help="不正解の問を表示する（*_test.jsonl は表示しない）")] = False,
    ) -> None:
        """質問集で検索と回答の質を測る

        key@1・回答・MRR・見つからない判定・応答時間を集計します。調整用（*_tune）と検証用（*_test）の
        質問集を渡すと、それぞれの合計と差も表示します（検証用の不正解は表示しません）。
        """
        from knowledge.evaluate import expand, load_items, report, report_json, run, split_of, summary_json
        from templates.answer import answer_text
        from templates.render import render

        files = expand(paths)
        engine = engine_factory()
        if len(files) == 1 and split_of(files[0]) != "test":  # one development set: its misses, then its summary
            s = run(load_items(files[0]), engine.ask, answer_text, warm_up=True)
            if as_json:
                typer.echo(json.dumps(summary_json(s, misses=True), ensure_ascii=False))
                return
            typer.echo(render("cli_knowledge.j2", part="eval", s=s, path=files[0].name))
            return
        r = report(files, engine.ask, answer_text)
        if as_json:
            typer.echo(json.dumps(report_json(r), ensure_ascii=False))
            return
        typer.echo(render("cli_knowledge.j2", part="eval_report", r=r, misses=misses))
