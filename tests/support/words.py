"""What a person reads of a problem the code reports as data (a skipped file's reason), worded by the templates."""

from __future__ import annotations

from typing import Any

from templates.files import file_problem


def said(x: Any) -> str:
    """``x`` (an ``UnreadableFile`` or a ``FileResult``) as the operator reads it; "" when it has no problem."""
    return file_problem(x.problem, x.params) if x.problem else ""


def worded(warnings: Any) -> list[str]:
    """A document's warnings (``knowledge.doc_warnings.DocWarning``) as the operator reads them."""
    from templates.files import doc_warning

    return [doc_warning(w) for w in warnings]
