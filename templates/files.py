"""Why a file was not ingested, in words (``templates/cli/unreadable.j2``): the readers raise a problem with its
values (``knowledge.unreadable.UnreadableFile``), the ingest service reports it (``FileResult``), the CLI says it."""

from __future__ import annotations

from collections.abc import Mapping

from templates.render import render


def file_problem(problem: str, params: Mapping[str, object]) -> str:
    """What is wrong with the file and what to do (「空のファイルです」, 「.xlsx は対応していない形式です。…」)."""
    return render("cli/unreadable.j2", problem=problem, **params)
