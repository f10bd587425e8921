"""和暦/西暦 dates and meeting times.

Matching happens on an NFKC copy with simple kanji numerals turned into digits; callers keep their original
text. Impossible values never raise: they come back as ``None`` with a warning (``knowledge.doc_warnings``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from knowledge.doc_warnings import DocWarning

ERA_OFFSETS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
_ERA_ABBR = {"R": "令和", "H": "平成", "S": "昭和"}

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# a kanji number before its counter (十二月, 三回); not 一時 of 一時的/一時金/一時保管 (once, temporary)
_KANJI_NUM = re.compile(r"[〇零一二三四五六七八九十]+(?=[年月日分回号]|時(?![的金期点保停中預帰払]))")

DATE_RE = re.compile(
    r"(?:(?P<era>令和|平成|昭和|大正|明治)\s*(?P<ey>元|\d{1,2})\s*(?:[(（]\s*(?:19|20)\d{2}\s*[)）]\s*)?年(?:\s*度)?(?:\s*[(（]\s*(?:19|20)\d{2}\s*年?\s*[)）])?"
    r"|(?P<wy>(?:19|20)\d{2})\s*年(?:\s*[(（]\s*(?:令和|平成|昭和)\s*(?:元|\d{1,2})\s*年\s*[)）])?)"
    r"\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?P<ab>[RHS])\s*(?P<aby>\d{1,2})[./](?P<abm>\d{1,2})[./](?P<abd>\d{1,2})"
    r"|(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d)"
)
TIME_RE = re.compile(
    r"(?P<ap>午前|午後|AM|PM|am|pm)?\s*(?P<h>\d{1,2})\s*(?:時\s*(?:(?P<m1>\d{1,2})\s*分|(?P<half>半))?|[:：]\s*(?P<m2>\d{2}))"
)


def kanji_to_int(s: str) -> int:
    """'十二' -> 12, '二十四' -> 24, '一二' -> 12 (digit by digit), '二百三' -> 203."""
    if "百" in s:
        hundreds, _, rest = s.partition("百")
        return (kanji_to_int(hundreds) if hundreds else 1) * 100 + (kanji_to_int(rest) if rest else 0)
    if "十" not in s:
        value = 0
        for ch in s:
            value = value * 10 + _KANJI_DIGITS[ch]
        return value
    tens, _, ones = s.partition("十")
    return (_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + (kanji_to_int(ones) if ones else 0)


def normalize_numbers(s: str) -> str:
    """NFKC (full-width digits, ㍻-style era ligatures) and simple kanji numerals before 年月日時分 -> digits."""
    s = unicodedata.normalize("NFKC", s)
    return _KANJI_NUM.sub(lambda m: str(kanji_to_int(m.group(0))), s)


@dataclass
class DateMatch:
    """A date found in (normalised) text."""

    value: date | None
    text: str  # the matched text (normalised)
    warning: DocWarning | None
    start: int
    end: int


def _year(m: re.Match[str]) -> int:
    if m.group("era"):
        ey = m.group("ey")
        return ERA_OFFSETS[m.group("era")] + (1 if ey == "元" else int(ey))
    if m.group("ab"):
        return ERA_OFFSETS[_ERA_ABBR[m.group("ab")]] + int(m.group("aby"))
    return int(m.group("wy") or m.group("iy"))


def _month_day(m: re.Match[str]) -> tuple[int, int]:
    if m.group("m"):
        return int(m.group("m")), int(m.group("d"))
    if m.group("abm"):
        return int(m.group("abm")), int(m.group("abd"))
    return int(m.group("im")), int(m.group("id"))


def find_date(s: str) -> DateMatch | None:
    """The first date in ``s`` (value None plus a warning when it does not exist)."""
    norm = normalize_numbers(s)
    m = DATE_RE.search(norm)
    if m is None:
        return None
    text = m.group(0).strip()
    year = _year(m)
    month, day = _month_day(m)
    try:
        value = date(year, month, day)
    except ValueError:
        return DateMatch(None, text, DocWarning("no_such_date", text), m.start(), m.end())
    return DateMatch(value, text, None, m.start(), m.end())


def _to_hhmm(m: re.Match[str], inherit_pm: bool) -> tuple[str | None, DocWarning | None, bool]:
    hour = int(m.group("h"))
    minute = 30 if m.group("half") else int(m.group("m1") or m.group("m2") or 0)
    ap = (m.group("ap") or "").upper()
    pm = ap in ("午後", "PM") or (not ap and inherit_pm)
    if ap in ("午前", "AM") and hour == 12:
        hour = 0
    elif pm and hour < 12:
        hour += 12
    if hour > 24 or minute > 59:
        return None, DocWarning("no_such_time", m.group(0).strip()), pm
    return f"{hour:02d}:{minute:02d}", None, pm


def parse_time_range(s: str) -> tuple[str | None, str | None, list[DocWarning]]:
    """Start and end times ("HH:MM") of a meeting line, e.g. '午後6時30分～9時10分' -> 18:30, 21:10.

    A missing 午前/午後 on the end time inherits 午後 from the start (when the end would otherwise be earlier).
    Dates in the line are skipped. Returns (start, end, warnings).
    """
    norm = normalize_numbers(s).replace("正午", "午後0時")  # 午前10時から正午まで
    found = DATE_RE.search(norm)
    if found is not None:
        norm = norm[: found.start()] + " " * (found.end() - found.start()) + norm[found.end() :]
    times = [m for m in TIME_RE.finditer(norm) if m.group("ap") or m.group("m1") or m.group("m2") or "時" in m.group(0)]
    warnings: list[DocWarning] = []
    if not times:
        return None, None, warnings
    start, warn, start_pm = _to_hhmm(times[0], False)
    if warn:
        warnings.append(warn)
    end: str | None = None
    if len(times) > 1:
        second = times[1]
        inherit = start_pm and not second.group("ap") and int(second.group("h")) < 12
        end, warn, _ = _to_hhmm(second, inherit)
        if warn:
            warnings.append(warn)
    return start, end, warnings
