"""Something to check about a document read, as data: a date or a time that does not exist, a part not found. The
ingest summary words it (``templates/cli/doc_warnings.j2``); the document keeps it. Pure.

Kinds: ``no_such_date`` / ``no_such_time`` (``written``: as the document wrote it), ``no_header``, ``no_date``,
``no_consultation``, ``unread_layout`` (``items``: which of those three were missing: one warning instead of
several), ``no_outcome`` (``items``: the labels of the consultations without a recorded conclusion),
``toshin_parts`` (``items``: date, conclusion, subject), ``empty``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocWarning:
    kind: str
    written: str = ""  # what the document wrote (a date, a time)
    items: tuple[str, ...] = ()  # labels, or the parts not found

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "written": self.written, "items": list(self.items)}


NO_HEADER = DocWarning("no_header")
NO_DATE = DocWarning("no_date")
NO_CONSULTATION = DocWarning("no_consultation")
EMPTY = DocWarning("empty")
_LAYOUT = {NO_HEADER: "header", NO_DATE: "date", NO_CONSULTATION: "consultation"}


def once(warnings: list[DocWarning]) -> list[DocWarning]:
    """A document whose structure is not recognised says so in one warning (not one per missing field)."""
    missing = [_LAYOUT[w] for w in warnings if w in _LAYOUT]
    if len(missing) < 2:
        return warnings
    return [DocWarning("unread_layout", items=tuple(missing)), *(w for w in warnings if w not in _LAYOUT)]
