"""Attendance the header sends elsewhere: 「出席者　別表のとおり」「委員8名（別添「出席委員名簿」のとおり）」 point to a
roster further on (「別表　出席者」「別添　出席委員名簿」 with one member a row, an 出欠 column or a 「欠席委員」 list
under it). Pure: text in, (present, absent) out."""

from __future__ import annotations

import re

from knowledge.structure_people import Person, marked_attendance, parse_people
from knowledge.structure_text import compact

# the header's cell says the list is elsewhere
REFERENCE = re.compile(r"(?:別表|別添|別紙|名簿|裏面|末尾|下表|次表)[^\n]{0,16}(?:の?とおり|参照|に記載)")
# the roster's own heading: 「別表　出席者」「別添　出席委員名簿」「出席委員名簿」「（参考）出席者一覧」 (anywhere), or a
# bare 「出席者」 after the header
_NAMED_HEAD = re.compile(r"^(?:(?:[(（]参考[)）]|別表|別添|別紙)[0-9０-９一二三四五六七八九十]?(?:出席者|出席委員|委員)(?:名簿|一覧|一覧表)?"
                         r"|(?:出席者|出席委員|委員)(?:名簿|一覧|一覧表))$")
_HEAD = re.compile(r"^(?:出席者|出席委員)(?:[(（][0-9０-９一二三四五六七八九十]+名[)）])?$")  # 「出席委員（６名）」
_ABSENT_HEAD = re.compile(r"^(?:欠席者|欠席委員)(?:名簿|一覧)?(?:[(（][0-9０-９一二三四五六七八九十]+名[)）])?$")
_ENUMERATOR = re.compile(r"^[ \t　]*(?:[0-9０-９]{1,2}[.．、)）]|[0-9０-９]{1,2}(?=[ \t　])|[(（][0-9０-９]{1,2}[)）]|[①-⑳])[ \t　]*")
_COLUMNS = re.compile(r"[ 　]{2,}|\t")  # 「澤渡　芳隆　　学識経験者　　会長」: the name, then what the member is


def _block(lines: list[str], start: int) -> tuple[list[str], int]:
    """The rows from ``start`` to the first blank line after some row (a blank right under the heading skipped)."""
    rows: list[str] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            if rows:
                break
        else:
            rows.append(_ENUMERATOR.sub("", line))
        i += 1
    return rows, i


def _names(rows: list[str]) -> list[str]:
    """Each row's first column when the rows are columns (name, then 選出区分 or role), else the row."""
    return [cells[0] if len(cells) > 1 else r for r in rows for cells in [_COLUMNS.split(r.strip())]]


def roster(text: str, after: int) -> tuple[list[Person], list[Person]] | None:
    """(present, absent) from the roster (a bare 「出席者」 heading only after offset ``after``), or None."""
    lines = text.split("\n")
    first = text.count("\n", 0, after)
    head = next((i for i, ln in enumerate(lines) if _NAMED_HEAD.match(compact(ln))), None)
    if head is None:
        head = next((i for i in range(first, len(lines)) if _HEAD.match(compact(lines[i]))), None)
    if head is None:
        return None
    rows, end = _block(lines, head + 1)
    marked = marked_attendance("\n".join(rows))
    if marked is not None:
        return marked
    present = parse_people("\n".join(_names(rows)))
    absent: list[Person] = []
    nxt = next((i for i in range(end, min(end + 3, len(lines))) if lines[i].strip()), None)
    if nxt is not None and _ABSENT_HEAD.match(compact(lines[nxt])):
        absent = parse_people("\n".join(_names(_block(lines, nxt + 1)[0])))
    return (present, absent) if present else None
