"""The steps of 審査会の経過, the table closing a 答申: one span per dated step.

    《参考》 審査会の経過 | 年月日 | 審査の経過
    平成19年８月20日 ・実施機関から諮問書及び非開示理由説明書を受理
    平成19年11月２日 (第49回第三部会) ・異議申立人の意見陳述 ・実施機関からの事情聴取

Here the table gives *passages* (spans of the text, whitespace and all); ``knowledge.structure_course`` reads the
same table into *data* (date, steps, meeting; damage marked) for storage and ``show``. A step is searched as a
passage of its own: 「諮問っていつ?」, 「ヒアリングした日」 find the one date of that step
instead of a paragraph that names the step and some other date. The rule: after the last heading 経過 (its letters
may be spaced, 審 査 会 の 経 過, or interleaved with the table's other headings by PDF extraction, 審年月査会日の審経査の
過経過) that at least ``MIN_STEPS`` dates follow, each date starts a step, which runs to the next date (or to the
end of the table: a blank line, a page number). Steps are not sentences: dates followed by prose (令和5年11月16日の
第33回審議会で審議したが、…。) are no table. Pure; offsets are into the text given.
"""

from __future__ import annotations

import re

MIN_STEPS = 2
_HEADING = re.compile(r"経\s*過")
_DIGIT = r"[\d０-９元]"
_DATE = re.compile(
    rf"(?:令\s*和|平\s*成|昭\s*和)\s*{_DIGIT}(?:\s*{_DIGIT})?\s*年\s*{_DIGIT}(?:\s*{_DIGIT})?\s*月\s*{_DIGIT}(?:\s*{_DIGIT})?\s*日"
    rf"|(?:19|20)\d\d\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日"
)
_TABLE_END = re.compile(r"\n[ \t　]*\n|\n\s*[-−–ー]\s*[\d０-９]+\s*[-−–ー]\s*(?:\n|$)")  # a blank line, a page number
_FIRST_DATE_WITHIN = 80  # characters between the heading and the table's first date (its column headings)


def step_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each dated step of the 経過 table, in order; [] without such a table."""
    for heading in reversed(list(_HEADING.finditer(text))):
        first = _DATE.search(text, heading.end(), heading.end() + _FIRST_DATE_WITHIN)
        if first is None:
            continue
        stop = _TABLE_END.search(text, first.end())
        end = stop.start() if stop else len(text)
        dates = [m.start() for m in _DATE.finditer(text, first.start(), end)]
        if len(dates) < MIN_STEPS:
            return []
        bounds = [*dates, end]
        out = []
        for s, e in zip(bounds, bounds[1:], strict=False):
            while e > s and text[e - 1].isspace():
                e -= 1
            if "。" in text[s:e]:  # a sentence: prose telling the course of the matter, not the table
                return []
            out.append((s, e))
        return out
    return []
