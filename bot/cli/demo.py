"""``shingikai demo``: what the bot does, on the project's own fictional council, with no Slack."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bot.cli.common import settings_or_exit

if TYPE_CHECKING:
    from bot.settings import Settings

DEMO_CORPUS = Path(__file__).resolve().parents[2] / "demo_corpus"


def demo_questions(corpus: Path) -> list[str]:
    """The sample questions shipped beside the demo corpus (answerable and not)."""
    lines = (corpus / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()]


def run_demo(settings: Settings, corpus: Path) -> int:
    from bot.cli.knowledge import run_ingest
    from bot.services.answers import AnswerService
    from templates.answer import answer_text
    from templates.listing import pending_list
    from templates.render import render

    files = sorted(p for p in corpus.iterdir() if p.suffix in {".txt", ".md", ".html"})
    typer.echo(render("cli/demo.j2", section="intro", council=settings.config.name, files=len(files)))
    code = run_ingest(settings, files, show_progress=False, workers=1)
    if code:
        return code
    answers = AnswerService.open(settings)
    typer.echo("")
    typer.echo(render("cli/consultations.j2", items=answers.consultations(), heading="取り込んだ諮問", empty=""))
    typer.echo("")
    typer.echo(pending_list(answers.pending(), mrkdwn=False))
    typer.echo(render("cli/demo.j2", section="ask"))
    for question in demo_questions(corpus):
        answer = answer_text(answers.ask(question))
        typer.echo(render("cli/demo.j2", section="question", question=question, answer=answer))
    typer.echo(render("cli/demo.j2", section="end"))
    return 0


def demo() -> None:
    """架空の審議会で働きを見る（Slack 不要）

    架空の審議会の議事録を使い捨てのデータベースに取り込み、ボットの働きを端末で見せます。何も残しません。
    """
    from bot.settings import Settings
    from bot.storage.db import sqlite_url

    with tempfile.TemporaryDirectory(prefix="shingikai-demo-") as tmp:
        base = settings_or_exit()
        settings = Settings(database_url=sqlite_url(Path(tmp) / "demo.db"), config=base.config,
                            config_path=base.config_path, data_home=base.data_home, cache_home=base.cache_home,
                            index_cache=base.index_cache)
        raise typer.Exit(run_demo(settings, DEMO_CORPUS))


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
