"""Repairing the text layer of a PDF, page by page: what PDF extraction breaks in Japanese minutes.

Pure functions over the pages' text (one string per page, lines as the PDF laid them out):
- page numbers ("- 3 -", "3/10", "３", "Page 3", "3 ページ") at the top or bottom of a page are dropped;
- running headers and footers (a line repeated at the top or bottom of most pages) are dropped; a running
  header that opens the first page is kept there once (it usually names the council) unless the page's own
  title already says it;
- lines wrapped mid-sentence are joined back ("接種証" / "明書の…" -> "接種証明書の…"), also across a page
  break, while real line structure stays: headings and list items ("（1）", "ア", "1 "), speaker turns
  ("○委員"), header keys ("日時 …"), table-like rows and short lines that end a paragraph;
- era dates spaced out by the extraction ("平 成 2 6 年 1 2 月 1 2 日") are closed up;
- Kangxi radicals that some PDF producers emit instead of ideographs ("⾏" U+2F8F) become the ideographs.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.structure_header import key_of
from knowledge.structure_text import KANA_LABEL
from knowledge.structure_turns import ASSEMBLY_TURN

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_RADICALS = re.compile(r"[\u2e80-\u2fdf]")
DASHES = "-－‐―–—~〜～"
PAGE_NUMBER = re.compile(
    rf"^[{DASHES}（(]?[ 　]*[0-9０-９]{{1,4}}[ 　]*[{DASHES}）)]?$"
    r"|^[0-9０-９]{1,4}[ 　]*[/／][ 　]*[0-9０-９]{1,4}$"
    rf"|^[{DASHES}][ 　]*[0-9０-９]{{1,4}}[ 　]*[/／][ 　]*[0-9０-９]{{1,4}}[ 　]*[{DASHES}]$"
    r"|^(?:[Pp]age|[Pp]\.|ページ)[ 　]*[0-9０-９]{1,4}(?:[ 　]*(?:of|/|／)[ 　]*[0-9０-９]{1,4})?$"
    r"|^第?[ 　]*[0-9０-９]{1,4}[ 　]*(?:頁|ページ)(?:[ 　]*[/／][ 　]*[0-9０-９]{1,4})?$"
    rf"|^[{DASHES}][ 　]*[一二三四五六七八九十〇]{{1,4}}[ 　]*[{DASHES}]$"  # 縦書き: 「―三―」
)
EDGE = 3  # lines at the top and at the bottom of a page where headers, footers and page numbers live

_FINAL = "。．.！!？?：:"
_JOIN_AFTER = "、，,・"
_CLOSING = "）)】〕]］"
_CONTINUES = "、。，．,.)）」』】〕]］!！?？ー々ゝゞっゃゅょァィゥェォッャュョ"
_STRUCTURAL = re.compile(
    r"^[ 　]*(?:"
    r"[(（][0-9０-９一二三四五六七八九十" + KANA_LABEL + r"ｱ-ﾝa-zA-Zａ-ｚＡ-Ｚ]{1,3}[)）]"  # (1) （ア） (a)
    r"|[0-9０-９]{1,3}[ 　．.、)）]"  # 1 / 1. / １．
    r"|[" + KANA_LABEL + r"ｱ-ﾝ][ 　．.、]"  # ア / イ．
    r"|[①-⑳⑴-⒇㈠-㈩]"
    r"|[○◯〇●◎■□◆◇▲△▼▽・※＊*＃#【\[［〔<＜《≪→⇒☆★]"
    r"|第[0-9０-９一二三四五六七八九十百]+(?:[ 　]|[章節条款])"
    r"|(?:副?会長|副?委員長|議長|委員|事務局|実施機関|説明者|部会長)[ 　]*[：:（(]"
    r"|[^\s、。「」]{1,12}?(?:委員|会長|課長|部長|室長|局長|係長|主査|主幹|課|係|室)[ 　]*[：:]"
    r"|以[ 　]*上[ 　]*$"
    r")"
)
_TABLE_GAP = re.compile(r"\S(?:\t| {2,}|　{2,}|[ 　]{3,})\S")
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")

_D = r"[0-9０-９](?:[ 　]?[0-9０-９])?"
_SPACED_DATE = re.compile(
    rf"(?:令[ 　]?和|平[ 　]?成|昭[ 　]?和)[ 　]*(?:{_D}|元)[ 　]*年[ 　]*{_D}[ 　]*月(?:[ 　]*{_D}[ 　]*日)?"
)


# digits one space apart, then a unit: a number the PDF spread out (2 0 2 1 年, 2 5 日, 1 2 0 件)
_SPACED_NUMBER = re.compile(r"(?<![0-9０-９])[0-9０-９](?: [0-9０-９])+(?= ?(?:年|月|日|時|分|件|名|人|円|%|％|号|条|項|回|枚|ページ|か月|ヶ月|万|千|億))")


def clean_line(line: str) -> str:
    line = _CONTROL.sub("", line)
    if _RADICALS.search(line):
        line = _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), line)
    return line.rstrip(" \t\u3000")


def close_spaced_dates(text: str) -> str:
    """'平 成 2 6 年 1 2 月 1 2 日' -> '平成26年12月12日'; a number spread a digit apart before its unit ('2 0 2 1 年
    (令和 3 年) 1 月 2 5 日' -> '2021 年 (令和 3 年) 1 月 25 日'); other spaced text stays."""
    text = _SPACED_DATE.sub(lambda m: re.sub(r"[ 　]", "", m.group(0)), text)
    return _SPACED_NUMBER.sub(lambda m: m.group(0).replace(" ", ""), text)


_CJK = r"[\u4e00-\u9fff々ぁ-んァ-ヶー]"
# four or more single characters apart by one space: 「月　見　野　市　個　人　情　報　保　護　審　議　会」, 「久　我　正　道」
_SPACED_WORD = re.compile(rf"(?:^|(?<=[ 　\t]))(?:{_CJK}[ 　]){{3,}}{_CJK}(?=$|[ 　\t])", re.MULTILINE)


def close_spaced_words(text: str) -> str:
    """Words written a character apart (a heading or a name spread across a line) closed up; a run of fewer than
    four characters (「会　長」, 「審　査　会」 before other words) stays as it is. A first character set apart by
    another kind of space is no part of the word (「一　事 務 局」: the item's 一, then 事務局)."""
    return _SPACED_WORD.sub(_closed, text)


def _closed(m: re.Match[str]) -> str:
    run = m.group(0)
    seps = run[1::2]
    if len(seps) > 1 and seps[0] != seps[1] and len(set(seps[1:])) == 1:
        rest = run[2:]
        return run[:2] + (re.sub(r"[ 　]", "", rest) if len(seps) >= 4 else rest)
    return re.sub(r"[ 　]", "", run)


def _key(line: str) -> str:
    """What a running header or footer is compared by: no spaces, digits alike (dates and page numbers vary)."""
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s", "", line))


def _zones(lines: list[str]) -> list[tuple[int, tuple[str, int]]]:
    """The non-blank lines in the top and bottom zones of a page, with their place: ('top', 0) is the first line."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    top = [(i, ("top", k)) for k, i in enumerate(filled[:EDGE])]
    bottom = [(i, ("bottom", k)) for k, i in enumerate(reversed(filled[-EDGE:]))]
    return top + bottom


def _drop_page_numbers(pages: list[list[str]]) -> None:
    for lines in pages:
        for i, _ in _zones(lines):
            if PAGE_NUMBER.match(lines[i].strip()):
                lines[i] = ""


def _said_again(lines: list[str], i: int) -> bool:
    """Whether another line of the page contains line ``i`` (the header repeats the page's own title)."""
    key = re.sub(r"\s", "", lines[i])
    return any(key in re.sub(r"\s", "", ln) for j, ln in enumerate(lines) if j != i and ln.strip())


_LABEL = re.compile(r"答申第[ 　]*[0-9０-９一二三四五六七八九十百]+[ 　]*号")


def _running_label(pages: list[list[str]]) -> str | None:
    """The 答申's number a running head or foot carries on two pages or more (「答申第８７号　- 2 -」), else None."""
    seen: dict[str, int] = {}
    for lines in pages:
        for label in {m.group(0) for i, _ in _zones(lines) for m in [_LABEL.search(lines[i])] if m}:
            seen[label] = seen.get(label, 0) + 1
    return next((label for label, n in seen.items() if n >= 2), None)


def _drop_running_lines(pages: list[list[str]]) -> bool:
    """Lines repeated at the same place at the top or bottom of most pages; the first page keeps its first line.

    True when that first line is a running header kept (it is a line of its own, never joined to the next).
    """
    if len(pages) < 2:
        return False
    seen: dict[tuple[str, int, str], int] = {}
    for lines in pages:
        for key in {(*place, _key(lines[i])) for i, place in _zones(lines)}:
            seen[key] = seen.get(key, 0) + 1
    running = {k for k, n in seen.items() if n >= 2 and 2 * n > len(pages)}
    kept = False
    for p, lines in enumerate(pages):
        zones = _zones(lines)
        first = zones[0][0] if zones else -1
        for i, place in zones:
            if (*place, _key(lines[i])) in running:
                if p == 0 and i == first and not _said_again(lines, i):
                    kept = True
                else:
                    lines[i] = ""
    return kept


def line_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.strip())


def _full_width(widths: list[int]) -> int:
    """The width of a full line of running text (a high percentile of the widths of the non-blank lines)."""
    widths = sorted(widths)
    if not widths:
        return 0
    return widths[int(0.9 * (len(widths) - 1))]


_COMMA = re.compile(r"[、，,。]")  # a sentence's marks: no heading's


def should_join(prev: str, nxt: str, full: int) -> bool:
    """Whether ``nxt`` continues the sentence that ``prev`` (a line of the PDF) was wrapped in."""
    a, b = prev.rstrip(), nxt.strip()
    if not a.strip() or not b:
        return False
    if b[0] in _CONTINUES:
        return True  # a line never starts with these in Japanese typesetting unless it continues
    if a[-1] in _FINAL or _STRUCTURAL.match(nxt) or ASSEMBLY_TURN.match(nxt) or key_of(b):
        return False
    if _indent(nxt) > _indent(prev) or 0 < _indent(nxt) < _indent(prev):
        return False  # an indented line opens a paragraph; one indented less (not flush) opens the next item
    if (a[-1] in _CLOSING or (a.endswith(("について", "の件")) and not _COMMA.search(a))) and _STRUCTURAL.match(prev):
        return False  # a heading or item ending with its note: '（1）…について（健康推進課）', or a title: '（1）諮問第5号 …について'
    if _TABLE_GAP.search(a.strip()) or _TABLE_GAP.search(b):
        return False  # table-like rows keep their lines
    if a[-1] in _JOIN_AFTER:
        return True
    return line_width(a) >= 0.8 * full  # a full line was wrapped; a short one ended where its writer ended it


def _indent(line: str) -> int:
    """Leading blank width (a full-width space counts 2)."""
    lead = line[: len(line) - len(line.lstrip(" \t\u3000"))]
    return sum(2 if ch == "\u3000" else 1 for ch in lead)


def _glue(a: str, b: str) -> str:
    b = b.lstrip(" \t\u3000")
    if _LATIN_END.search(a) and _LATIN_START.match(b) and not (a[-1].isdigit() and b[0].isdigit()):
        return a + " " + b  # words of a Latin text; a number wrapped in the middle (「第20」/「3号」) is one number
    return a + b


CELL_MIN = 24  # columns (12 full-width characters): a narrower measure than this is no table cell's
_SPEAKER_CELL = re.compile(r"^[ 　]*[^\s：:。、]{1,12}[：:]\S")  # 「学校教育課長：…」 opening a cell of a 質疑｜応答 table


def _cell_measure(lines: list[str], widths: list[int], i: int, full: int) -> int:
    """The full width for line ``i``: a table cell's narrower measure when line ``i`` goes on an utterance that opens
    with its speaker (「学校教育課長：株式会社ラーニングブリッジはプライ」 over 「バシーマークを取得しており、…」 in a
    質疑｜応答 table), every line of it so far and another near it exactly as wide, the next no wider; else the page's."""
    w = widths[i]
    if w >= 0.8 * full or w < CELL_MIN or i + 1 >= len(widths) or widths[i + 1] > w + 1:
        return full
    for j in range(i, max(-1, i - 6), -1):
        if abs(widths[j] - w) > 1:
            return full
        if _SPEAKER_CELL.match(lines[j]):
            others = widths[max(0, i - 4) : i] + widths[i + 1 : i + 5]  # the cell's other lines, or the one before's
            return w if any(abs(x - w) <= 1 for x in others) else full
    return full


def join_pages(pages: list[str], full: int | None = None) -> str:
    """The repaired text of a PDF given the text of its pages (see the module docstring).

    ``full`` is the width of a full line when the caller knows it (``knowledge.pasted_pages``); else it is read
    off the widest lines.
    """
    split = [[clean_line(ln) for ln in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")] for page in pages]
    _drop_page_numbers(split)
    label = _running_label(split)
    header_kept = _drop_running_lines(split)
    lines = [ln for page in split for ln in page if ln.strip()]
    widths = [line_width(ln) for ln in lines]  # every line is non-blank
    full = full or _full_width(widths)
    out: list[str] = []
    last = ""  # the last physical line (its width tells whether it was wrapped)
    for n, ln in enumerate(lines):
        measure = _cell_measure(lines, widths, n - 1, full) if n else full
        if out and should_join(last, ln, measure) and not (header_kept and n == 1):
            out[-1] = _glue(out[-1], ln)
        else:
            out.append(ln)
        last = ln
    text = close_spaced_dates("\n".join(out))
    if label is not None and not _LABEL.search(text, 0, 400):  # the number only in the running foot (its cover a scan)
        text = label + "\n" + text
    return text
