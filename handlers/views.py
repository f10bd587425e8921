"""Listings shared by ``/shingikai`` and App Home: pending consultations, upcoming meetings, one consultation."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, tzinfo
from typing import Any

from bot.core import Core, ScheduledMeeting
from handlers.common import COMMAND
from knowledge.model import ConsultationRecord
from templates.blocks.messages import escape
from templates.render import render

QA_LIMIT = 5
_WEEKDAYS = "月火水木金土日"


def _escaped(record: ConsultationRecord) -> dict[str, Any]:
    """A consultation as template context, every string escaped for mrkdwn."""
    data = asdict(record)

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return escape(value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    return clean(data)  # type: ignore[no-any-return]


def pending_text(core: Core, *, limit: int = 20) -> str:
    items = sorted(core.pending(), key=lambda c: (c.meeting_date or "", c.id), reverse=True)
    return render("slack/pending.j2", items=[_escaped(c) for c in items[:limit]], total=len(items), command=COMMAND)


def consultation_text(record: ConsultationRecord) -> str:
    return render("slack/consultation.j2", c=_escaped(record), qa_limit=QA_LIMIT)


def not_found_text(consultation_id: int) -> str:
    return render("slack/consultation_not_found.j2", id=consultation_id, command=COMMAND)


def format_when(starts_at: str, tz: tzinfo) -> str:
    """``2025-01-20T14:00:00+09:00`` → ``2025年1月20日(月) 14:00`` in the council's time zone."""
    try:
        moment = datetime.fromisoformat(starts_at)
    except ValueError:
        return starts_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(tz)
    day = f"{moment.year}年{moment.month}月{moment.day}日({_WEEKDAYS[moment.weekday()]})"
    return f"{day} {moment:%H:%M}"


def upcoming(meetings: list[ScheduledMeeting], now: datetime) -> list[ScheduledMeeting]:
    def starts(m: ScheduledMeeting) -> datetime | None:
        try:
            moment = datetime.fromisoformat(m.starts_at)
        except ValueError:
            return None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=now.tzinfo)

    dated = [(s, m) for m in meetings if (s := starts(m)) is not None and s >= now]
    return [m for _, m in sorted(dated, key=lambda pair: pair[0])]


def meetings_text(core: Core, tz: tzinfo, *, now: datetime | None = None, limit: int = 10) -> str:
    now = now or datetime.now(tz)
    items = [
        {"when": format_when(m.starts_at, tz), "title": escape(m.title), "place": escape(m.place) if m.place else None}
        for m in upcoming(core.meetings(), now)[:limit]
    ]
    return render("slack/meetings.j2", items=items)
