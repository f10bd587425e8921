"""Text copied out of a PDF into a .txt file, repaired like the PDF itself would be (``knowledge.pdf_lines``).

Such a file keeps what the PDF's page layout put into the running text: a page number between pages
("- 3 -", "－３－", "3/10"), the running header repeated under it ("○○市審査会答申（答申第45号）"), and lines
wrapped at the page width in the middle of a word ("…保有し" / "ていないとして…"). Without repair the header and
the number end up inside the paragraph that runs across the page, and a passage is cut in the middle of a word.

The rule: a text is "paged" when it has form feeds between pages, or at least two page-number lines (a number
inside dashes, "n/m" or "n ページ"; a bare number is too common to count) whose numbers run one after another
(3, 4, 5). Its pages are then repaired by ``join_pages``. A line counts as full (wrapped, so joined to the next)
against the width the text was wrapped at: the most common width among the long lines when enough lines share
it; otherwise (a Word copy with page numbers and unwrapped paragraphs) against the widest lines, as for a PDF.
"""

from __future__ import annotations

import re
from collections import Counter

from knowledge.pdf_lines import DASHES, join_pages, line_width
from knowledge.wareki import kanji_to_int

_PAGE_LINE = re.compile(
    rf"^[ 　]*(?:[{DASHES}][ 　]*([0-9０-９]{{1,4}})[ 　]*[{DASHES}]"
    r"|([0-9０-９]{1,4})[ 　]*[/／][ 　]*[0-9０-９]{1,4}"
    r"|(?:[Pp]age|[Pp]\.|ページ)[ 　]*([0-9０-９]{1,4})"
    r"|第?[ 　]*([0-9０-９]{1,4})[ 　]*(?:頁|ページ)"
    rf"|[{DASHES}][ 　]*([一二三四五六七八九十〇]{{1,4}})[ 　]*[{DASHES}])[ 　]*$"  # 縦書き: 「―三―」
)
_WRAP_MIN = 40  # narrower lines are headings, list items and paragraph ends, never the wrap width
_WRAP_SHARE = 0.3
_WRAP_LINES = 10


def _page_number(line: str) -> int | None:
    m = _PAGE_LINE.match(line)
    if not m:
        return None
    digits = next(g for g in m.groups() if g)
    if not digits[0].isdigit():
        return kanji_to_int(digits)
    return int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def pasted_pages(text: str) -> list[str] | None:
    """The pages of a text copied from a PDF (split at form feeds or page-number lines), or None when not paged."""
    if "\f" in text.strip("\f\n"):
        return [page for page in text.split("\f") if page.strip()]
    lines = text.split("\n")
    numbered = [(i, n) for i, ln in enumerate(lines) if (n := _page_number(ln)) is not None]
    if len(numbered) < 2 or any(b[1] != a[1] + 1 for a, b in zip(numbered, numbered[1:], strict=False)):
        return None
    pages: list[str] = []
    start = 0
    for i, _ in numbered:
        pages.append("\n".join(lines[start : i + 1]))  # the number stays at its page's bottom, where it is dropped
        start = i + 1
    pages.append("\n".join(lines[start:]))
    return [p for p in pages if p.strip()]


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at (see the module docstring), or None when its lines were not wrapped."""
    widths = [w for ln in lines if (w := line_width(ln)) >= _WRAP_MIN]
    if len(widths) < _WRAP_LINES:
        return None
    counts = Counter(widths)
    best, share = max(((w, sum(counts[w + d] for d in (-2, -1, 0, 1, 2))) for w in counts), key=lambda t: t[1])
    if share < _WRAP_LINES or share < _WRAP_SHARE * len(widths):
        return None
    return best + 2  # the widest lines of the wrap: a full line is within 80 % of it


def repair_pasted(text: str) -> str:
    """``text`` with its page numbers and running headers dropped and wrapped lines joined, when it is paged."""
    pages = pasted_pages(text)
    if pages is None:
        return text
    return join_pages(pages, full=wrap_width(text.split("\n")))
