"""``shingikai demo``: what the bot does, on the project's own fictional council, with no Slack."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from bot.cli import run_ingest
from bot.service import Service
from bot.settings import Settings
from templates.answer import answer_text
from templates.render import render


def demo_questions(corpus: Path) -> list[str]:
    """The sample questions shipped beside the demo corpus (answerable and not)."""
    lines = (corpus / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()]


def run_demo(settings: Settings, corpus: Path) -> int:
    files = sorted(p for p in corpus.iterdir() if p.suffix in {".txt", ".md", ".html"})
    typer.echo(render("cli/demo.j2", section="intro", council=settings.config.name, files=len(files)))
    code = run_ingest(settings, files, show_progress=False, workers=1)
    if code:
        return code
    service = Service(settings)
    typer.echo("")
    typer.echo(render("cli/consultations.j2", items=service.consultations(), heading="取り込んだ諮問", empty=""))
    typer.echo("")
    typer.echo(render("cli/consultations.j2", items=service.pending(),
                      heading="結論が出ていない諮問", empty="結論が出ていない諮問はありません。"))
    typer.echo(render("cli/demo.j2", section="ask"))
    for question in demo_questions(corpus):
        answer = answer_text(service.ask(question))
        typer.echo(render("cli/demo.j2", section="question", question=question, answer=answer))
    typer.echo(render("cli/demo.j2", section="end"))
    return 0
