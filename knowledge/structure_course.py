"""The table of a 答申's proceedings (《参考》審査会の経過, 審議の経過): one row per date — what was done (steps) and
at which meeting.

Tables come as lines ('平成19年11月２日' / '(第49回第三部会)' / '・実施機関からの事情聴取' / '・審議') or, extracted from
PDFs, run together on one line with the digits spaced out ('平 成 2 3 年 ９ 月 2 7 日 ・実施機関から事情聴取（第199回
第二部会） ・審議'). Either way the table is read without its whitespace, row by row from one date to the next.

Extraction damages some tables; what is damaged is never guessed:

* a step printed over a date ('平 成 2 6 年 ４・審議1 0 日': the 月 overwritten) is kept as the row's step and the
  date is shown with 〓 (the mark for an illegible character) where the step was, its value unknown;
* steps torn from their rows and piled up after the last date ('…（第237回第一部会）・審議・審議・審議・実施機関から
  事情聴取・…') are dropped, as is text that is neither a step nor a meeting ('平（平（平（の');

and the course is marked ``incomplete`` (``show`` asks to check the original).

The passages searched for each step (spans of the text as written) are ``knowledge.structure_keika``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from knowledge.model import CourseRow
from knowledge.wareki import find_date, normalize_numbers

_D = "[0-9０-９]"
_SP = "[ \t　\n]*"
# '…の経過' (the table's title or its column heading) right before the first date of the table
_ANCHOR = re.compile(
    rf"経{_SP}過{_SP}(?=(?:平{_SP}成|令{_SP}和|昭{_SP}和|(?:19|20|１９|２０){_SP}{_D}{_SP}{_D}{_SP}年))"
)
# a numbered heading after the table ('第４　審議会の判断', '6 ', not a year '2024年')
_NEXT_HEADING = re.compile(rf"^[ \t　]*(?:第[0-9０-９一二三四五六七八九十]+|{_D}{{1,2}}(?!{_D}|年))[ \t　.．、]", re.M)
_WS = re.compile(r"\s+")
# a row's date begins: era and year, or a western year; never inside brackets ('（令和６年度第１回）')
_ROW = re.compile(rf"(?<![（(])(?:(?:平成|令和|昭和)(?:元|{_D}{{1,2}})|(?:19|20|１９|２０){_D}{{2}})年(?!度)")
_DATE_BODY = 20  # characters from 年 to 日 at most ('１２月２８', or '４・諮問の報告１０' with a step printed over it)
_MONTH_DAY = re.compile(rf"{_D}{{1,2}}月{_D}{{1,2}}")
_OVERPRINT = re.compile(r"・[^0-9０-９月]*")  # a step printed over part of a date
_MEETING = re.compile(r"[（(]([^（()）]{0,20}回[^（()）]{0,12})[）)]")  # （第49回第三部会）, (第203回審査会), （令和６年度第１回）
_PAGE_MARK = re.compile(r"[-−－‐―][0-9０-９]+[-−－‐―]")  # a page number, '−４−' or '- 5 -' (spaces gone)
_BARE_NUMBER = re.compile(r"[0-9０-９]+")  # a page number without dashes ('56'), where no step is

ILLEGIBLE = "〓"
MAX_STEPS = 4  # more in one row: steps torn from their rows and piled after the last date
MAX_STEP = 40  # characters a step has at most
MIN_ROWS = 2


@dataclass
class Course:
    """The rows found (none when there is no table) and whether some of the table could not be read."""

    rows: list[CourseRow] = field(default_factory=list)
    incomplete: bool = False


_KANJI_DATE = re.compile(r"(?:令和|平成|昭和)[元一二三四五六七八九十]+年[一二三四五六七八九十]+月")


def parse_course(text: str, start: int = 0) -> Course:
    """The proceedings table after ``start`` (the last one when the text has several)."""
    anchors = list(_ANCHOR.finditer(text, start))
    if not anchors:
        return Course()
    anchor = anchors[-1]
    heading = _NEXT_HEADING.search(text, text.find("\n", anchor.end()) + 1 or len(text))
    table = text[anchor.end() : heading.start() if heading else len(text)]
    if _KANJI_DATE.search(table):  # 令和六年五月十三日: read as 令和6年5月13日 (dates written in digits stay as written)
        table = normalize_numbers(table)
    flat = _WS.sub("", table)
    flat = _PAGE_MARK.sub("", flat)
    course = _rows(flat)
    if len(course.rows) < MIN_ROWS or not any(r.steps or r.meeting for r in course.rows):
        return Course()
    return course


class _Date(NamedTuple):
    """A row's date in the flattened table: where it is, as written (〓 where a step was printed over it), its
    ISO value (None when unreadable) and the steps printed over it."""

    start: int
    end: int
    text: str
    value: str | None
    printed: tuple[str, ...]


def _rows(flat: str) -> Course:
    course = Course()
    dates = [d for d in (_date_at(flat, m) for m in _ROW.finditer(flat)) if d is not None]
    if not dates:  # a heading, then no row with a readable date
        return course
    for d, following in zip(dates, [*(d.start for d in dates[1:]), len(flat)], strict=True):
        segment = flat[d.end : following]
        if "。" in segment.rstrip("。"):
            break  # a sentence: the table ended before this row (a row may end in 。: 「諮問を受けた。」)
        meetings = [m.group(1) for m in _MEETING.finditer(segment)]
        pieces = [p for p in (*d.printed, *_MEETING.sub("・", segment).split("・")) if p and not _BARE_NUMBER.fullmatch(p)]
        steps = [p for p in pieces if _is_step(p)]
        torn = len(steps) > MAX_STEPS
        course.incomplete |= torn or len(steps) < len(pieces) or d.value is None
        course.rows.append(CourseRow(d.text, [] if torn else steps, "、".join(meetings) or None, d.value))
    return course


def _date_at(flat: str, m: re.Match[str]) -> _Date | None:
    """The date that begins at ``m``; None when no 日 closes it."""
    close = flat.find("日", m.end(), m.end() + _DATE_BODY + 1)
    if close < 0:
        return None
    body = flat[m.end() : close]
    if any(c in body for c in "（()）年"):
        return None
    printed = tuple(s.group(0)[1:] for s in _OVERPRINT.finditer(body))
    written = m.group(0) + _OVERPRINT.sub(ILLEGIBLE, body) + "日"
    found = find_date(written) if not printed and _MONTH_DAY.fullmatch(body) else None
    value = found.value.isoformat() if found is not None and found.value is not None else None
    return _Date(m.start(), close + 1, written, value, printed)


def _is_step(piece: str) -> bool:
    """Words of a step: no digits, brackets only in pairs ('異議申立人から意見書（追加）を受理')."""
    if not piece or len(piece) > MAX_STEP or re.search("[0-9０-９]", piece):
        return False
    depth = 0
    for ch in piece:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
