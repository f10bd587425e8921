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
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from knowledge.model import ConsultationRecord

_NUMBER = re.compile(r"第\s*(\d+)\s*号")
_NOISE = re.compile(r"[（(][^（）()]*(?:継続|再審議)[^（）()]*[）)]|について|に係る|に関する|[「」『』【】\s　、。・]")
TITLE_SIMILARITY = 88.0
TITLE_PREFIX = 6  # records of one matter share the start of their (normalised) title


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


def _buckets(c: ConsultationRecord) -> list[tuple[str, str, str]]:
    """Where ``c``'s possible matches live: its 諮問 number, and the start of its title (same matter, same start)."""
    place = _place(c) or ""
    keys = [(place, "title", _title_key(c.title)[:TITLE_PREFIX])]
    number = _number(c.label)
    if number is not None:
        keys.append((place, "number", number))
    return keys


def superseded(records: Sequence[ConsultationRecord]) -> dict[int, int]:
    """Map the id of each record that a later record of the same matter follows to that later record's id.

    Only dated records are compared; "later" means a strictly later meeting date. Records are compared only
    within buckets (same place and number, or same place and title start), so the cost stays near linear.
    """
    dated = sorted((c for c in records if c.meeting_date and _place(c)), key=lambda c: (c.meeting_date or "", c.id))
    buckets: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(dated):
        for key in _buckets(c):
            buckets[key].append(i)
    out: dict[int, int] = {}
    for i, earlier in enumerate(dated):
        best: int | None = None
        for key in _buckets(earlier):
            members = buckets[key]
            for j in members[bisect_right(members, i):]:
                if best is not None and j >= best:
                    break
                later = dated[j]
                if (later.meeting_date or "") > (earlier.meeting_date or "") and same_matter(earlier, later):
                    best = j
                    break
        if best is not None:
            out[earlier.id] = dated[best].id
    return out


def still_pending(records: Sequence[ConsultationRecord]) -> list[ConsultationRecord]:
    """Pending records that no later record of the same matter has followed up."""
    followed = superseded(records)
    return [c for c in records if c.status == "pending" and c.id not in followed]


def still_unknown(records: Sequence[ConsultationRecord]) -> list[ConsultationRecord]:
    """Records whose outcome the text does not record (結論の記載なし) and that no later record of the same matter
    has followed up: for the secretariat to check (a 答申 not yet ingested, or a parse to correct)."""
    followed = superseded(records)
    return [c for c in records if c.status == "unknown" and c.id not in followed]
def listing_order(records: Sequence[ConsultationRecord]) -> list[ConsultationRecord]:
    """The one order of every listing: oldest meeting first (undated last), then document order."""
    return sorted(records, key=lambda c: (c.meeting_date is None, c.meeting_date or "", c.source, c.id))


def still_open(records: Sequence[ConsultationRecord]) -> list[ConsultationRecord]:
    """What the pending list shows, in ``listing_order``: records still pending, and records whose outcome the
    text does not record ("unknown"), that no later record of the same matter has followed up."""
    followed = superseded(records)
    return listing_order([c for c in records if c.status in ("pending", "unknown") and c.id not in followed])


def latest_followups(records: Sequence[ConsultationRecord]) -> dict[int, ConsultationRecord]:
    """For each record a later one follows up, the LATEST record of the chain (what became of the matter)."""
    followed = superseded(records)
    by_id = {c.id: c for c in records}
    out: dict[int, ConsultationRecord] = {}
    for cid in followed:
        last = followed[cid]
        seen = {cid}
        while last in followed and last not in seen:
            seen.add(last)
            last = followed[last]
        out[cid] = by_id[last]
    return out
