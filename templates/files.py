"""What ingest tells the operator about a file, in words: why it was not ingested (``templates/cli/unreadable.j2``;
the readers raise a problem with its values, ``knowledge.unreadable.UnreadableFile``, the ingest service reports it
in ``FileResult``) and what to check in a document read (``templates/cli/doc_warnings.j2``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from templates.render import render


class DocWarningLike(Protocol):
    """``knowledge.doc_warnings.DocWarning``: its kind, what the document wrote, the items it names."""

    def as_json(self) -> dict[str, object]: ...


def doc_warning(w: DocWarningLike) -> str:
    """Something to check about a document read (「日付「令和5年14月24日」は存在しない日付です」)."""
    return render("cli/doc_warnings.j2", **w.as_json())


def file_problem(problem: str, params: Mapping[str, object]) -> str:
    """What is wrong with the file and what to do (「空のファイルです」, 「.xlsx は対応していない形式です。…」)."""
    return render("cli/unreadable.j2", problem=problem, **params)
