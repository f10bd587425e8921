"""Which consultation records are the same matter seen at different meetings.

A 継続審議 item comes back at a later meeting (often marked 「継続審議分」) or is settled by a 答申; the
council's pending list must then no longer show the earlier, carried-over record. Two records are the same
matter when they belong to the same municipality (or council) and either carry the same 諮問 number
(諮問第21号 ≈ 第21号: numbers run council-wide) or have nearly the same title (案件(1) labels restart at
every meeting, so they are not compared).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz

from knowledge.model import ConsultationRecord

_NUMBER = re.compile(r"第\s*(\d+)\s*号")
_NOISE = re.compile(r"[（(][^（）()]*(?:継続|再審議)[^（）()]*[）)]|について|に係る|に関する|[「」『』【】\s　、。・]")
TITLE_SIMILARITY = 88.0


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _number(label: str) -> str | None:
    m = _NUMBER.search(_norm(label))
    return m.group(1) if m else None


def _title_key(title: str) -> str:
    return _NOISE.sub("", _norm(title))


def _place(c: ConsultationRecord) -> str | None:
    return c.municipality or c.council


def same_matter(a: ConsultationRecord, b: ConsultationRecord) -> bool:
    """True when ``a`` and ``b`` are records of one consultation (see the module docstring)."""
    if _place(a) is None or _place(a) != _place(b):
        return False
    na, nb = _number(a.label), _number(b.label)
    if na is not None and nb is not None:
        return na == nb
    ta, tb = _title_key(a.title), _title_key(b.title)
    return bool(ta and tb) and fuzz.ratio(ta, tb) >= TITLE_SIMILARITY


def superseded(records: Sequence[ConsultationRecord]) -> dict[int, int]:
    """Map the id of each record that a later record of the same matter follows to that later record's id.

    Only dated records are compared; "later" means a strictly later meeting date.
    """
    dated = sorted((c for c in records if c.meeting_date), key=lambda c: (c.meeting_date or "", c.id))
    out: dict[int, int] = {}
    for i, earlier in enumerate(dated):
        for later in dated[i + 1:]:
            if (later.meeting_date or "") > (earlier.meeting_date or "") and same_matter(earlier, later):
                out[earlier.id] = later.id
                break
    return out


def still_pending(records: Sequence[ConsultationRecord]) -> list[ConsultationRecord]:
    """Pending records that no later record of the same matter has followed up."""
    followed = superseded(records)
    return [c for c in records if c.status == "pending" and c.id not in followed]
