"""Dates and durations as people read them: 和暦 with weekday and time range, offsets in Japanese.

The era arithmetic reuses ``knowledge.wareki.ERA_OFFSETS``; only the era start days are added here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from bot.meetings.model import require_aware
from knowledge.wareki import ERA_OFFSETS

WEEKDAYS = "月火水木金土日"
RANGE_DASH = "–"  # en dash: 15:00–17:00
OPEN_END = "〜"  # 15:00〜 when the end is not known
_ERA_STARTS = (
    ("令和", date(2019, 5, 1)),
    ("平成", date(1989, 1, 8)),
    ("昭和", date(1926, 12, 25)),
    ("大正", date(1912, 7, 30)),
    ("明治", date(1868, 1, 25)),
)


def wareki(day: date) -> str:
    """'令和8年1月21日' (元年 for the first year); 西暦 before 明治."""
    for era, start in _ERA_STARTS:
        if day >= start:
            year = day.year - ERA_OFFSETS[era]
            return f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def wareki_with_weekday(day: date) -> str:
    """'令和8年1月21日(水)'."""
    return f"{wareki(day)}({WEEKDAYS[day.weekday()]})"


def date_line(starts_at: datetime, ends_at: datetime | None, *, tz: tzinfo) -> str:
    """'令和8年1月21日(水) 15:00–17:00', or '令和8年1月21日(水) 15:00〜' without an end.

    An end on another day shows its date too: '令和8年1月21日(水) 15:00–1月22日(木) 10:00'.
    """
    require_aware("starts_at", starts_at)
    require_aware("ends_at", ends_at)
    start = starts_at.astimezone(tz)
    head = f"{wareki_with_weekday(start.date())} {start:%H:%M}"
    if ends_at is None:
        return head + OPEN_END
    end = ends_at.astimezone(tz)
    if end.date() != start.date():
        return f"{head}{RANGE_DASH}{end.month}月{end.day}日({WEEKDAYS[end.weekday()]}) {end:%H:%M}"
    return f"{head}{RANGE_DASH}{end:%H:%M}"


def short_datetime(at: datetime, *, tz: tzinfo) -> str:
    """'1月14日(水) 15:00' (for due times in reports)."""
    require_aware("at", at)
    local = at.astimezone(tz)
    return f"{local.month}月{local.day}日({WEEKDAYS[local.weekday()]}) {local:%H:%M}"


def offset_label(offset: timedelta) -> str:
    """'7日', '1日12時間', '2時間', '30分', '45秒' (how long before the meeting)."""
    seconds = int(offset.total_seconds())
    if seconds <= 0:
        raise ValueError(f"offset must be positive, got {offset}")
    parts = []
    for unit, size in (("日", 86400), ("時間", 3600), ("分", 60), ("秒", 1)):
        value, seconds = divmod(seconds, size)
        if value:
            parts.append(f"{value}{unit}")
    return "".join(parts)
