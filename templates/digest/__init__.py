"""The daily digest's words: ``digest_text`` renders ``digest/digest.j2`` from the digest's data (a dataclass or
dict with the fields of ``bot.services.digest.DigestData``), escaping every text a record wrote."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any

from templates.desk import WEEKDAYS, when
from templates.mrkdwn import escape_all
from templates.render import render

LIST_LIMIT = 30  # lines per part; the rest is counted
MEETING_DAYS = 14


def day_text(day: Any) -> str:
    """``2025年1月27日（月）``."""
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


def digest_text(data: Any) -> str:
    raw = asdict(data) if is_dataclass(data) and not isinstance(data, type) else dict(data)
    d = escape_all(raw)
    for m in d["meetings"]:
        m["when"] = when(m["starts_at"])
    empty = not (d["open_items"] or d["unchecked"] or d["meetings"] or d["documents"])
    return render("digest/digest.j2", d=d, day=day_text(raw["day"]), empty=empty, limit=LIST_LIMIT,
                  meeting_days=MEETING_DAYS, since=when(raw["documents_since"]))
