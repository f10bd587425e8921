"""The one pending list: the same wording, order and fields in the CLI, ``/shingikai pending``, the answer to
「まだ結論が出ていない案件は?」 and App Home (``templates/pending_list.j2``).

Callers pass records already in the listing order (``knowledge.lineage.listing_order``: oldest meeting first,
then document order); pending ones are listed first, then, under their own heading, the ones whose outcome the
text does not record ("unknown") for the secretariat to check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from knowledge.model import ConsultationRecord, PendingItem
from templates.labels import display_label, meeting_of
from templates.render import render, render_mrkdwn

TITLE_MAX = 60
REASON_MAX = 80
PAGE_SIZE = 15  # items per Slack message / App Home page (well within 50 blocks and 3,000 characters a section)
_STATE = re.compile(r"継続審議|再審議|次回審議|取り下げ")  # 取り下げ: withdrawn, to be consulted again
_WS = re.compile(r"\s+")


@dataclass
class Row:
    id: int
    label: str
    title: str
    department: str | None
    status: str  # pending | unknown
    state: str  # 継続審議 / 再審議 / 次回審議 / 取り下げ / 結論の記載なし
    reason: str | None
    meeting: str


def short(text: str, limit: int) -> str:
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def state_and_reason(status: str, outcome: str, reason: str | None) -> tuple[str, str | None]:
    """(state word, reason) without doubled brackets: 次回審議（予定時間超過）+ "予定時間超過のため次回審議" →
    ("次回審議", "予定時間超過のため次回審議")."""
    if status == "unknown":
        return "結論の記載なし", None
    m = _STATE.search(outcome or "")
    state = m.group(0) if m else "継続審議"
    text = (reason or "").strip()
    if not text:
        inner = re.search(r"[（(](.+)[）)]\s*$", outcome or "")
        text = inner.group(1) if inner else ""
    wrapped = re.match(rf"^(?:{_STATE.pattern})\s*[（(](.+)[）)]$", text)
    if wrapped:
        text = wrapped.group(1)
    text = text.strip().rstrip("。")
    return state, short(text, REASON_MAX) if text else None


def rows(items: Sequence[ConsultationRecord | PendingItem]) -> list[Row]:
    out = []
    for c in items:
        if isinstance(c, PendingItem):
            cid, meeting = c.consultation_id, c.meeting
        else:
            cid, meeting = c.id, meeting_of(c)
        state, reason = state_and_reason(c.status, c.outcome, c.reason)
        out.append(Row(id=cid, label=display_label(c.label), title=short(c.title, TITLE_MAX),
                       department=c.department, status="unknown" if c.status == "unknown" else "pending",
                       state=state, reason=reason, meeting=meeting))
    return out


def pending_list(items: Sequence[ConsultationRecord | PendingItem], *, mrkdwn: bool, place: str | None = None,
                 start: int = 0, limit: int | None = None, heading: bool = True, command: str = "",
                 sources: Sequence[tuple[str, str, str]] = ()) -> str:
    """The list (or one page of it: ``limit`` items from ``start``), for Slack (``mrkdwn``) or the terminal."""
    every = rows(items)
    page = every[start: start + limit] if limit is not None else every[start:]
    render_fn: Callable[..., str] = render_mrkdwn if mrkdwn else render
    return render_fn(
        "pending_list.j2", mrkdwn=mrkdwn, place=place, heading=heading, command=command,
        pending=[r for r in page if r.status == "pending"], unknown=[r for r in page if r.status == "unknown"],
        n_pending=sum(1 for r in every if r.status == "pending"),
        n_unknown=sum(1 for r in every if r.status == "unknown"),
        first=start + 1, last=start + len(page), total=len(every), sources=list(sources),
    )


def has_more(items: Sequence[object], start: int, limit: int) -> bool:
    return start + limit < len(items)
