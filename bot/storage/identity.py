"""Which stored consultation a re-ingested one is: so a consultation keeps its ID across a corrected file.

Matched within one document, in three passes, each taking only what earlier passes left: the same label and
title; then the same label; then the most similar title (at least ``TITLE_SIMILARITY``). Pure: no database.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

TITLE_SIMILARITY = 0.6


class Known(NamedTuple):
    id: int
    label: str
    title: str


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def match_consultations(old: Sequence[Known], new: Sequence[tuple[str, str]]) -> dict[int, int]:
    """``{index in new: id of the old one it continues}``; each old id is used at most once."""
    matched: dict[int, int] = {}
    free = list(old)

    def take(i: int, row: Known) -> None:
        matched[i] = row.id
        free.remove(row)

    for i, (label, title) in enumerate(new):  # 1: label and title
        row = next((r for r in free if _norm(r.label) == _norm(label) and _norm(r.title) == _norm(title)), None)
        if row is not None:
            take(i, row)
    for i, (label, _title) in enumerate(new):  # 2: label alone
        if i not in matched and _norm(label):
            row = next((r for r in free if _norm(r.label) == _norm(label)), None)
            if row is not None:
                take(i, row)
    for i, (_label, title) in enumerate(new):  # 3: the most similar title
        if i in matched or not free:
            continue
        score, row = max(((SequenceMatcher(None, _norm(r.title), _norm(title)).ratio(), r) for r in free),
                         key=lambda pair: pair[0])
        if score >= TITLE_SIMILARITY:
            take(i, row)
    return matched
