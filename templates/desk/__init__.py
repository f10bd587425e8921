"""Words of the secretariat's desk: precedents, a draft's review state, the review messages and CLI notes.

Functions take plain values (no ``bot`` types): the caller passes times already in the council's zone. Slack
texts escape what a record or a person wrote (``templates.mrkdwn.escape``); CLI texts are printed as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from templates.mrkdwn import escape, escape_all
from templates.render import render

WEEKDAYS = "月火水木金土日"


def when(moment: datetime | None) -> str:
    """``2025-01-20（月）10:00`` (the zone is the caller's)."""
    if moment is None:
        return ""
    return f"{moment:%Y-%m-%d}（{WEEKDAYS[moment.weekday()]}）{moment:%H:%M}"


def message(key: str, **ctx: Any) -> str:
    """A fixed line of the desk (CLI notes, Slack replies); values in ``ctx`` are inserted as given."""
    return render("desk/messages.j2", key=key, **ctx)


def similar_text(target: dict[str, Any], items: Sequence[dict[str, Any]]) -> str:
    """``shingikai similar``: the precedents of ``target`` (records and precedents as dicts)."""
    return render("desk/similar.j2", t=target, items=items)


def draft_status_text(draft: dict[str, Any] | None, *, approver: str | None, slack: bool) -> str:
    """What ``show`` says about the consultation's draft 答申: the approved text with who and when, or that a
    draft awaits review; empty when there is no draft. ``draft`` is a ``StoredDraft`` as a dict."""
    if draft is None:
        return ""
    d = dict(draft)
    if slack:
        d = escape_all(d)
        approver = escape(approver) if approver else approver
    return render("desk/draft_status.j2", d=d, approver=approver, approved_at=when(draft.get("approved_at")),
                  created_at=when(draft.get("created_at")), slack=slack)
