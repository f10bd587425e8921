"""Parse what people type for ``meeting add --at WHEN`` / ``--end HH:MM`` / reminder offsets.

Accepted WHEN forms (full-width digits, kanji numerals and 元年 included, via ``knowledge.wareki``):
ISO 8601 (``2026-01-21T15:00``, ``2026-01-21T06:00Z``, ``2026-01-21T15:00+09:00``; a time without an offset is
in the council's time zone), 和暦 (``令和8年1月21日(水)午後3時``, ``令和8年1月21日 15時30分``, ``R8.1.21 15:00``)
and 西暦 (``2026年1月21日 15時``, ``2026/1/21 15:00``). Problems raise ``WhenError``: which problem and the values it
is worded with (``templates/meetings/when.j2`` says what is wrong and shows the right form). Calendar warnings (weekend, holiday) are separate: see
``date_warnings``. Nothing here reads the clock: pass ``now``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

import jpholiday

from bot.meetings.model import require_aware
from knowledge.problem import Problem
from knowledge.wareki import TIME_RE, find_date, normalize_numbers

WEEKDAYS = "月火水木金土日"

_ISO_RE = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(r"\s*\(\s*(?P<wd>[月火水木金土日])\s*(?:曜日?)?\s*(?:[・,、]\s*(?:祝|休)日?\s*)?\)")
_RANGE_RE = re.compile(r"\s*(?:[~〜\-–—ー－]|から)\s*\S")
_OFFSET_PART_RE = re.compile(r"(\d+)\s*(日|時間|分|秒|d|h|m|s)", re.IGNORECASE)
_OFFSET_UNITS = {
    "d": timedelta(days=1),
    "日": timedelta(days=1),
    "h": timedelta(hours=1),
    "時間": timedelta(hours=1),
    "m": timedelta(minutes=1),
    "分": timedelta(minutes=1),
    "s": timedelta(seconds=1),
    "秒": timedelta(seconds=1),
}


class WhenError(Problem, ValueError):
    """A WHEN / end time / offsets value that cannot be used (``templates/meetings/when.j2`` words why)."""


def _fmt(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M")


def _clock(ap: str | None, hour: int, minute: int, written: str) -> tuple[int, int]:
    """24-hour (hour, minute) from a TIME_RE match's parts; WhenError for impossible times."""
    ap = (ap or "").upper()
    if ap:
        if hour > 12:
            raise WhenError("ampm_hour", written=written)
        if ap in ("午後", "PM") and hour < 12:
            hour += 12
        elif ap in ("午前", "AM") and hour == 12:
            hour = 0
    if hour > 23 or minute > 59:
        raise WhenError("no_such_time", written=written)
    return hour, minute


def _time_parts(m: re.Match[str]) -> tuple[int, int]:
    minute = 30 if m.group("half") else int(m.group("m1") or m.group("m2") or 0)
    return _clock(m.group("ap"), int(m.group("h")), minute, m.group(0).strip())


def _check_past(dt: datetime, now: datetime | None) -> datetime:
    if now is not None:
        require_aware("now", now)
        if dt <= now:
            local_now = now.astimezone(dt.tzinfo)
            raise WhenError("past", at=_fmt(dt), now=_fmt(local_now))
    return dt


def _parse_iso(norm: str, tz: tzinfo) -> datetime | None:
    m = _ISO_RE.fullmatch(norm)
    if m is None:
        return None
    try:
        date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    except ValueError:
        raise WhenError("no_such_date", written=norm[:10]) from None
    try:
        parsed = datetime.fromisoformat(norm.upper())
    except ValueError:
        raise WhenError("no_such_datetime", written=norm) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=tz)
    return parsed.astimezone(tz)


def parse_when(text: str, *, tz: tzinfo, now: datetime | None) -> datetime:
    """The meeting start written in ``text``, aware in ``tz`` (the council's time zone).

    ``now`` (aware) rejects times that are not in the future; pass None only where the past is acceptable.
    """
    norm = normalize_numbers(text).strip()
    if not norm:
        raise WhenError("empty")
    iso = _parse_iso(norm, tz)
    if iso is not None:
        return _check_past(iso, now)

    found = find_date(norm)
    if found is None or norm[: found.start].strip():
        raise WhenError("unreadable", written=text.strip())
    if found.value is None:
        raise WhenError("no_such_day", written=found.text)
    day = found.value
    rest = norm[found.end :]

    wd = _WEEKDAY_RE.match(rest)
    if wd is not None:
        actual = WEEKDAYS[day.weekday()]
        if wd.group("wd") != actual:
            raise WhenError("weekday", date=found.text, actual=actual, written=wd.group("wd"))
        rest = rest[wd.end() :]

    tm = TIME_RE.match(rest.lstrip())
    if tm is None:
        if not rest.strip():
            raise WhenError("no_time", date=found.text)
        raise WhenError("unreadable_time", written=rest.strip())
    hour, minute = _time_parts(tm)
    leftover = rest.lstrip()[tm.end() :]
    if leftover.strip():
        if _RANGE_RE.match(leftover):
            raise WhenError("range_in_at")
        raise WhenError("leftover", written=leftover.strip())
    return _check_past(datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz), now)


def parse_end(text: str, *, starts_at: datetime) -> datetime:
    """The end time of ``--end HH:MM`` (or 17時30分, 午後5時) on the start's day, after the start."""
    require_aware("starts_at", starts_at)
    norm = normalize_numbers(text).strip()
    m = TIME_RE.fullmatch(norm)
    if m is None:
        raise WhenError("end_unreadable", written=text.strip())
    hour, minute = _time_parts(m)
    end = starts_at.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if end <= starts_at:
        raise WhenError("end_not_after", end=f"{end:%H:%M}", start=f"{starts_at:%H:%M}")
    return end


class DateWarning(NamedTuple):
    """Something to check about a meeting's day or hour (not an error), worded by ``templates/meetings/date_warning.j2``:
    ``kind`` is weekend (``weekday``), holiday (jpholiday's ``holiday`` name), year_end (年末年始) or small_hours
    (``time``, a start before 07:00: "3時" written for 午後3時 is the usual slip)."""

    kind: str
    day: str  # ISO date
    weekday: str = ""
    holiday: str = ""
    time: str = ""  # HH:MM


def date_warnings(starts_at: datetime, *, tz: tzinfo) -> list[DateWarning]:
    """Warnings (not errors) about the meeting's day and hour: weekend, national holiday, 年末年始, small hours."""
    local = starts_at.astimezone(tz)
    day = local.date()
    iso = day.isoformat()
    warnings: list[DateWarning] = []
    if day.weekday() >= 5:
        warnings.append(DateWarning("weekend", iso, weekday=WEEKDAYS[day.weekday()]))
    holiday = jpholiday.is_holiday_name(day)
    if holiday:
        warnings.append(DateWarning("holiday", iso, holiday=holiday))
    if (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3):
        warnings.append(DateWarning("year_end", iso))
    if local.hour < 7:
        warnings.append(DateWarning("small_hours", iso, time=f"{local:%H:%M}"))
    return warnings


def normalize_offsets(offsets: Iterable[timedelta]) -> list[timedelta]:
    """Duplicates removed, longest first."""
    return sorted(set(offsets), reverse=True)


def offsets_from_hours(hours: Iterable[int]) -> list[timedelta]:
    """app.yaml's ``reminders.offsets_hours`` / ``quorum_check_hours`` as offsets."""
    return normalize_offsets(timedelta(hours=h) for h in hours)


def parse_offsets(text: str) -> list[timedelta]:
    """Reminder offsets before the meeting, e.g. ``"7d,1d,2h,30m,45s"`` (also ``1d12h``, ``7日``, ``2時間``)."""
    norm = unicodedata.normalize("NFKC", text)
    parts = [p for p in re.split(r"[,、\s]+", norm) if p]
    if not parts:
        raise WhenError("offsets_empty")
    offsets: list[timedelta] = []
    for part in parts:
        if not re.fullmatch(rf"(?:{_OFFSET_PART_RE.pattern})+", part, re.IGNORECASE):
            raise WhenError("offsets_unreadable", written=part)
        total = sum(
            (int(n) * _OFFSET_UNITS[unit.lower()] for n, unit in _OFFSET_PART_RE.findall(part)),
            timedelta(),
        )
        if total <= timedelta():
            raise WhenError("offsets_not_positive", written=part)
        offsets.append(total)
    return normalize_offsets(offsets)
