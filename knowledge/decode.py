"""Bytes -> text (encoding detection) and markup -> plain text.

``decode_bytes`` tries strict UTF-8 first, then the Japanese legacy encodings (CP932/Shift_JIS, EUC-JP),
and keeps the candidate that decodes cleanly and looks most like Japanese; charset-normalizer is only a
last resort (detectors are weak on short Japanese text). ``to_plain_text`` turns HTML (whole pages or the
inline fragments some converters leave in .txt files) and Markdown into plain text with stable line breaks.
The stored text is not NFKC-normalised: quotes keep the source's characters.
``read_document`` is the entry point for a file's bytes: it tells text, PDF and .docx apart by content (then by
name) and refuses other formats, scans, password-protected and damaged files with a reason saying what to do.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from typing import Any

from knowledge.chrome import drop_chrome_lines, is_main, skip_element
from knowledge.mail import unmail
from knowledge.pasted_pages import repair_pasted
from knowledge.pdf_lines import close_spaced_dates, close_spaced_words
from knowledge.unreadable import DOCX_DAMAGED, PASSWORD, PDF_DAMAGED, UnreadableFile, unsupported

MAX_BYTES = 20 * 1024 * 1024

CHECKED = "☑"
UNCHECKED = "☐"


# --------------------------------------------------------------------------- decoding

_CANDIDATES = ("cp932", "euc_jp")
_GOOD = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]")
_BAD = re.compile(r"[\uff61-\uff9f\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


def japanese_score(text: str) -> int:
    """Higher when ``text`` looks like Japanese (kana/kanji), lower with half-width kana, PUA and controls."""
    sample = text[:200_000]
    return len(_GOOD.findall(sample)) - 4 * len(_BAD.findall(sample))


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:65536]


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a file's bytes; raise ``UnreadableFile`` (which problem) when it is not Japanese text."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile("too_large", limit_mb=MAX_BYTES // (1024 * 1024), file=name)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        if not data.strip():
            raise UnreadableFile("empty")
        return data.decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile("utf16_unreadable") from exc
        if not text.strip():
            raise UnreadableFile("empty")
        return text
    if not data.strip():
        raise UnreadableFile("empty")
    if _looks_binary(data):
        raise UnreadableFile("binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best: tuple[int, str] | None = None
    for enc in _CANDIDATES:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = japanese_score(text)
        if best is None or score > best[0]:
            best = (score, text)
    if best is not None and best[0] > 0:
        return best[1]
    text = _detect_fallback(data)
    if text is not None:
        return text
    raise UnreadableFile("encoding_unknown")


def _detect_fallback(data: bytes) -> str | None:
    """charset-normalizer's guess, accepted only when it looks like Japanese text."""
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    text = str(match)
    return text if japanese_score(text) > 0 else None


# --------------------------------------------------------------------------- markup -> text

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "dl",
    "hr",
    "caption",
    "tbody",
    "thead",
    "tfoot",
    "main",
    "nav",
    "aside",
    "form",
    "title",
}
_CELL_TAGS = {"td", "th"}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source", "embed"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "title"}


class _TextExtractor(HTMLParser):
    """Collects text; blocks become line breaks, table cells tabs, checkboxes ☑/☐."""

    def __init__(self, drop_chrome: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._pre = 0
        self._cell_in_row = 0
        self._drop_chrome = drop_chrome
        self.kept = 0
        self.dropped = 0
        self._chrome: list[list[Any]] = []  # [tag, depth] of the chrome element being skipped (navigation, footer)
        self._main: list[list[Any]] = []  # [tag, depth] of the main content element, once entered

    def _track(self, stack: list[list[Any]], tag: str, opening: bool) -> None:
        if stack and stack[-1][0] == tag:
            stack[-1][1] += 1 if opening else -1
            if stack[-1][1] == 0:
                stack.pop()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._drop_chrome and tag not in _VOID_TAGS:
            if self._chrome:
                self._track(self._chrome, tag, True)
                return
            if skip_element(tag, attrs, bool(self._main)):
                self._chrome.append([tag, 1])
                return
            if self._main:
                self._track(self._main, tag, True)
            elif is_main(tag, attrs):
                self._main.append([tag, 1])
        if self._chrome:
            return
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "pre":
            self._pre += 1
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            if self._cell_in_row:
                self.parts.append(_CELL)
            self._cell_in_row += 1
        elif tag == "tr":
            self._cell_in_row = 0
            self.parts.append("\n" + _ROW)
        elif tag == "table":
            self.parts.append("\n" + _TABLE_OPEN)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "input":
            self.parts.append(_checkbox(dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._chrome:
            self._track(self._chrome, tag, False)
            return
        if self._main:
            self._track(self._main, tag, False)
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
            self.parts.append("\n")
        elif tag == "table":
            self.parts.append("\n" + _TABLE_CLOSE + "\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._chrome:
            self.dropped += len(data.strip())
            return
        self.kept += len(data.strip())
        if self._pre:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def _checkbox(attrs: dict[str, str | None]) -> str:
    if (attrs.get("type") or "").lower() not in ("checkbox", "radio"):
        return ""
    return CHECKED if "checked" in attrs else UNCHECKED


_HTML_DOC = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<table[\s>]", re.IGNORECASE)
_TAG_NAMES = (
    "p|div|br|li|ul|ol|span|input|table|tr|td|th|tbody|thead|a|b|i|u|strong|em|font|h[1-6]|section|img|hr|"
    "sup|sub|small|center|dl|dt|dd|blockquote|pre|label"
)
_INLINE_TAG = re.compile(rf"</?(?:{_TAG_NAMES})\b[^<>]*>", re.IGNORECASE)
_INLINE_BLOCK = re.compile(
    r"[ \t]*</?(?:p|div|br|li|ul|ol|tr|table|h[1-6]|dl|dt|dd|blockquote|pre|hr)\b[^<>]*>[ \t]*", re.I
)
_INPUT_TAG = re.compile(r"<input\b([^<>]*)>", re.IGNORECASE)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPH = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_TABLE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.MULTILINE)  # a row of a pipe table
_MD_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_MD_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)", re.MULTILINE)  # 「- 日時：…」: a list item, written ・
# Markdown in a .txt (an export from a wiki or a chat tool): a pipe table's rule row, or two ATX headings
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", re.MULTILINE)
_TRAILING_WS = re.compile(r"[ \t\u3000]+$", re.MULTILINE)
# punctuation of vertical writing (︵︶﹁﹂︑︒, from a 縦書き PDF) as it is written horizontally (（）「」、。): one
# character for one (not the overlines ﹉﹊﹋﹌, which NFKC makes a space and a combining mark)
_VERTICAL_FORMS = {cp: form for cp in (*range(0xFE10, 0xFE1A), *range(0xFE30, 0xFE50))
                   if len(form := unicodedata.normalize("NFKC", chr(cp))) == 1 and form != chr(cp)}
_MANY_BLANKS = re.compile(r"\n{3,}")


def _is_html(text: str, name: str) -> bool:
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return True
    return bool(_HTML_DOC.search(text[:4096]))


CHROME_KEEP = 0.3  # skipping chrome elements must keep at least this share of the page's text (else: unclosed tags)


def _html_to_text(text: str) -> str:
    out, kept, dropped = _extract(text, drop_chrome=True)
    if kept < CHROME_KEEP * (kept + dropped):
        out = _extract(text, drop_chrome=False)[0]  # a chrome element swallowed the page (broken markup): keep it all
    return out


def _extract(text: str, *, drop_chrome: bool) -> tuple[str, int, int]:
    """(text, characters kept, characters dropped as chrome)."""
    parser = _TextExtractor(drop_chrome)
    parser.feed(text)
    parser.close()
    out = _tables("".join(parser.parts))
    return re.sub(r"^[ ]+", "", out, flags=re.MULTILINE), parser.kept, parser.dropped


# markers the extractor leaves for ``_tables``: a table's bounds, a row's start, a cell's start after the first
_TABLE_OPEN, _TABLE_CLOSE, _ROW, _CELL = "\x1c", "\x1d", "\x1e", "\x1f"
_TABLE = re.compile("\x1c([^\x1c\x1d]*)\x1d")  # innermost tables first
_RESULT_HEAD = re.compile(r"^(?:審議の?)?(?:結果|結論)$")


def _tables(text: str) -> str:
    """Each table's rows, cells apart by a tab; a row whose cells hold several lines (「案件 | 説明 | 主な質疑応答 |
    結果」, a consultation a row, its questions and answers one a line) is a record, not a grid: its cells one after
    another, the first one's lines (「諮問第7号」 over its title) joined, the result cell labelled by its column
    (「結果：承認」)."""
    while _TABLE.search(text) is not None:  # one pass per level of nesting, innermost tables first
        text = _TABLE.sub(lambda m: _table(m.group(1)), text)
    return text.replace(_TABLE_OPEN, "").replace(_TABLE_CLOSE, "").replace(_ROW, "").replace(_CELL, "\t")


def _table(body: str) -> str:
    rows = body.split(_ROW)
    cells = [[c.strip() for c in row.split(_CELL)] for row in rows[1:]]
    head = cells[0] if cells and len(cells[0]) >= 3 and all("\n" not in c and len(c) <= 15 for c in cells[0]) else None
    out = [rows[0]]
    for row, cs in zip(rows[1:], cells, strict=True):
        if len(cs) < 3 or not any("\n" in c for c in cs):
            out.append(row.replace(_CELL, "\t"))
            continue
        lines = []
        for i, c in enumerate(cs):
            if not c:
                continue
            if i == 0 and c.count("\n") <= 2 and "。" not in c:
                c = "\u3000".join(x.strip() for x in c.split("\n") if x.strip())  # 「諮問第7号」 over its title
            label = head[i] if head is not None and i < len(head) else ""
            if _RESULT_HEAD.match(label.replace(" ", "").replace("\u3000", "")):
                c = f"{label}：{c}"
            lines.append(c)
        out.append("\n" + "\n".join(lines) + "\n")
    return "".join(out)


def _inline_input(match: re.Match[str]) -> str:
    attrs = match.group(1).lower()
    if "checkbox" not in attrs and "radio" not in attrs:
        return ""
    return CHECKED if re.search(r"\bchecked\b", attrs) else UNCHECKED


def _strip_inline_html(text: str) -> str:
    """Inline HTML fragments in a text file: block tags -> line breaks, checkboxes -> ☑/☐, others dropped."""
    if not _INLINE_TAG.search(text):
        return text
    text = _INPUT_TAG.sub(_inline_input, text)
    text = _INLINE_BLOCK.sub("\n", text)
    text = _INLINE_TAG.sub("", text)
    return html.unescape(text)


def _md_row(match: re.Match[str]) -> str:
    """'| 日時 | 令和7年… |' -> '日時<TAB>令和7年…' (cells as an HTML table's are); a separator row '|---|:--|' -> ''."""
    cells = [c.strip() for c in match.group(1).split("|")]
    if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c) and any(cells):
        return ""
    return "\t".join(cells)


_MD_RULE_ROW = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*(?::?-{2,}:?[ \t]*)?\n", re.MULTILINE)


# a line break inside a Markdown table's cell (「| 令和4年7月8日<br>（家庭訪問） |」): the cell goes on, the row with it
_MD_CELL_BREAK = re.compile(r"(?m)^([ \t]*\|[^\n]*?)<br[ \t]*/?>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")  # 「1\.」: the character itself
_MD_FOOTNOTE = re.compile(r"\[\^([^\]\s]{1,10})\](?!:)")  # 「…こととされている[^2]。」: the marker, not the note
_MD_FOOTNOTE_DEF = re.compile(r"(?m)^\[\^([^\]\s]{1,10})\]:[ \t]*")  # 「[^2]: 同附則…」: the note, under its number


_MD_ANCHOR = re.compile(r"\[\]\{#[^{}\n]*\}")  # pandoc's bookmark 「[]{#_Toc180412233 .anchor}」: no text


def _md_cell_breaks(text: str) -> str:
    while True:
        joined = _MD_CELL_BREAK.sub(r"\1　", text)
        if joined == text:
            return text
        text = joined


def _markdown_to_text(text: str) -> str:
    text = _MD_FRONT.sub("", text)  # 「---」「title: …」「date: …」「---」 at the top: the CMS's fields, not the record
    text = _MD_FOOTNOTE_DEF.sub(r"注\1　", _MD_FOOTNOTE.sub("", _MD_ANCHOR.sub("", text)))
    text = _grid_tables(text)
    text = _MD_RULE_ROW.sub("", text)  # |---|---|: gone with its line, the header row stays on the rows
    text = _MD_TABLE_ROW.sub(_md_row, text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPH.sub(r"\2", text)
    text = _MD_RULE.sub("", text)
    text = _MD_QUOTE.sub("", text)  # 「> 結論：原案了承」: a blockquote's text
    return _MD_ESCAPE.sub(r"\1", _MD_BULLET.sub("・", text))


_MD_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)
_MD_FRONT = re.compile(r"\A[ \t]*\n*(?:---|\+\+\+)[ \t]*\n(?:[A-Za-z_][\w-]*[ \t]*[:=][^\n]*\n(?:[ \t]+-[ \t][^\n]*\n){0,20}){1,20}"
                       r"(?:---|\+\+\+)[ \t]*\n")  # a key's YAML list (「tags:」 over 「  - 個人情報」) included


_BOX_RULE = re.compile(r"^[ \t]*\+[-=+]{3,}\+[ \t]*\n?", re.MULTILINE)  # +------+------+


def _box_tables(text: str) -> str:
    """A table drawn with ASCII (+----+ rules, | cells |): the rules dropped, each row's cells apart by a tab."""
    if len(_BOX_RULE.findall(text, 0, 20000)) < 2:
        return text
    return _MD_TABLE_ROW.sub(_md_row, _BOX_RULE.sub("", _grid_tables(text)))


# a grid table as pandoc writes one (Word to Markdown): rows between +---+ rules, the header row over +===+, a cell's
# text wrapped over several lines of its row (「…、杢」 / 「田 千晶…」)
_GRID = re.compile(r"^[ \t]*\+[-=+:]{3,}\+[ \t]*\n(?:[ \t]*(?:\|.*\||\+[-=+:]{3,}\+)[ \t]*(?:\n|\Z))+", re.MULTILINE)


def _grid_row(lines: list[str]) -> str:
    cells: list[str] = []
    for ln in lines:
        parts = [c.strip() for c in ln.strip()[1:-1].split("|")]
        for i, part in enumerate(parts):
            part = part.removesuffix("\\").strip()  # a hard line break inside the cell
            if i == len(cells):
                cells.append(part)
            elif part:
                joint = "" if cells[i] and not cells[i][-1].isascii() and not part[0].isascii() else " "
                cells[i] = (cells[i] + joint + part).strip()
    return "\t".join(cells)


def _grid_tables(text: str) -> str:
    """Pandoc grid tables (those with a +===+ header rule): each row's lines joined cell by cell into one line, cells
    apart by a tab; the rules dropped. Other ASCII tables (a rule only around the header) keep a row a line."""

    def table(m: re.Match[str]) -> str:
        block = m.group(0)
        if "+=" not in block:
            return block
        rows: list[list[str]] = [[]]
        for ln in block.rstrip("\n").split("\n"):
            if ln.strip().startswith("+"):
                rows.append([])
            else:
                rows[-1].append(ln)
        return "".join(_grid_row(r) + "\n" for r in rows if r)

    return _GRID.sub(table, text)


# a table drawn with box-drawing characters (┌──┬──┐ │会議名│…│ ├──┼──┤ └──┴──┘), as Word copies one
_DRAWN_RULE = re.compile(r"^[ \t\u3000]*[┌┬┐├┼┤└┴┘┏┳┓┣╋┫┗┻┛┠┨┯┷┿╂─━┄┈═╔╦╗╠╬╣╚╩╝]{3,}[ \t\u3000]*\n?", re.MULTILINE)
_DRAWN_ROW = re.compile(r"^[ \t\u3000]*[│┃║](.*)[│┃║][ \t\u3000]*$", re.MULTILINE)


def _cells(row: str, bars: str) -> str:
    """A table row's cells, apart by the bars ``bars`` (a character class), joined by a tab, each stripped."""
    return "\t".join(c.strip(" \t\u3000") for c in re.split(bars, row))


def _drawn_row(m: re.Match[str]) -> str:
    return _cells(m.group(1), r"[│┃║]")


def _drawn_tables(text: str) -> str:
    """A table drawn with box-drawing characters: the rules dropped, each row's cells apart by a tab. A row
    continuing the cell above (its first cell empty: 「│　　　│審議会　│」) starts with a tab, so the header reads it
    as more of the same field."""
    if len(_DRAWN_RULE.findall(text, 0, 20000)) < 2:
        return text
    return _DRAWN_ROW.sub(_drawn_row, _DRAWN_RULE.sub("", text))


# a table a web page exports with bars at the start of each row (「｜開催日時　　｜令和6年…」, with or without the closing
# bar), its rule a row of 「─」: cells apart by a tab, the rule dropped; a row continuing the one above (「｜　　｜…」)
# starts with a tab, as a drawn table's does
_BAR_ROW = re.compile(r"^[ \t\u3000]*[｜|]([^\n]*[｜|][^\n]*?)[｜|]?[ \t\u3000]*$", re.MULTILINE)
_BAR_RULE = re.compile(r"^[ \t\u3000]*[｜|](?:[ \t\u3000]*[─━\-－ー=＝]{2,}[ \t\u3000]*[｜|]?)+[ \t\u3000]*\n?", re.MULTILINE)


def _bar_row(m: re.Match[str]) -> str:
    return _cells(m.group(1), r"[｜|]")


def _bar_tables(text: str) -> str:
    """A table whose rows start with a bar (three or more of them): the rules dropped, each row's cells apart by a tab."""
    if len(_BAR_ROW.findall(text, 0, 20000)) < 3:
        return text
    return _BAR_ROW.sub(_bar_row, _BAR_RULE.sub("", text))


# a spreadsheet pasted as text (cells apart by commas or tabs, some quoted, empty cells at the row's end: 「次第,,,」)
_SHEET_ROW = re.compile(r'^(?:[^\n]*,[ \t]*,[ \t]*$|"[^"\n]*",)', re.MULTILINE)


_SHEET_LEAD = re.compile(r"^,+[^,\n]", re.MULTILINE)  # 「,,【諮問第８号】…」: a row whose first cells are empty
_SHEET_KEYED = re.compile(r"^[^,\n]{1,20},", re.MULTILINE)  # 「開催日時,令和６年…」「3,学務課長,…」
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # 約9,800人: one number, not two cells


def _sheet_row(line: str) -> str:
    line = _THOUSANDS.sub("\0", line)
    cells = line.split("\t") if "\t" in line else next(csv.reader([line]))
    cells = [c.replace("\0", ",") for c in cells]
    cells = [c.strip(" \u3000") for c in cells]
    cells = [c[1:-1] if len(c) >= 2 and c[0] == c[-1] == '"' else c for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


# a cell of a sheet saved as tab-separated text that a quote opens and its line does not close (「出席委員\t"堀之内…」)
_OPEN_CELL = re.compile(r'(?:^|\t)"(?:[^"\n]|"")*$', re.MULTILINE)
_NUMBER_HEAD = re.compile(r"(?:No|NO|no)\.?|番号|#|＃")  # a row-number column's heading


def _tab_sheet(text: str) -> str:
    """A sheet saved from Excel as tab-separated text, whose cells of several lines come quoted (「"…\n…"」, a quote
    inside doubled): read with the csv module, each row on its line, a cell's further lines after a tab (as a drawn
    table's continuing rows), the empty cells at a row's end and a row-number column (headed 「No.」) dropped. Only
    when at least two cells open a quote their line does not close; other text is left as it is."""
    if "\t" not in text or len(_OPEN_CELL.findall(text, 0, 20000)) < 2:
        return text
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter="\t", strict=True))
    except csv.Error:
        return text
    numbered = False
    out: list[str] = []
    for cells in rows:
        cells = [c.strip(" ") for c in cells]
        if not numbered and len(cells) > 1 and _NUMBER_HEAD.fullmatch(cells[0]):
            numbered = True
        if numbered and cells and (cells[0].isascii() and cells[0].isdigit() or not cells[0] or _NUMBER_HEAD.fullmatch(cells[0])):
            cells = cells[1:]
        while cells and not cells[-1].strip():
            cells.pop()
        lines = [c.split("\n") for c in cells]
        out.append("\t".join(c[0] for c in lines))
        out.extend("\t" + more for c in lines for more in c[1:] if more.strip())
    return "\n".join(out)


def _spreadsheet(text: str) -> str:
    """A spreadsheet pasted as text (a 会議記録 made in Excel): each row's cells apart by a tab, their quotes and the
    empty cells at the row's end dropped, as an HTML table's are. Only when several rows end in empty cells or
    start with a quoted one, or start with empty cells among rows keyed by a short first cell (「,,【諮問第８号】…」
    under 「開催日時,…」「3,学務課長,…」); other text is left as it is. 「約9,800人」 stays one number."""
    if len(_SHEET_ROW.findall(text, 0, 20000)) < 3 and (len(_SHEET_LEAD.findall(text, 0, 20000)) < 3
                                                        or len(_SHEET_KEYED.findall(text, 0, 20000)) < 5):
        return text
    return "\n".join(_sheet_row(line) if ("," in line or '"' in line) else line for line in text.split("\n"))


_MARGIN_NUMBER = re.compile(r"^(?P<n>[0-9]{1,3})(?P<gap>[ \t]{2,})", re.MULTILINE)


def _margin_numbers(text: str) -> str:
    """A PDF printed with line numbers in its margin (「5」「10」「15」… before every fifth line, restarting on each page):
    the numbers dropped and the margin with them. Only when at least four lines start with a multiple of 5 that way
    and most numbered lines do."""
    found = _MARGIN_NUMBER.findall(text, 0, 40000)
    fives = [n for n, _ in found if int(n) % 5 == 0]
    if len(fives) < 4 or len(fives) < 0.8 * len(found):
        return text
    width = Counter(len(n) + len(g) for n, g in found).most_common(1)[0][0]  # the margin's usual width
    margin = re.compile(rf"^(?:[0-9]{{1,3}}[ \t]+|[ \t]{{1,{width}}})", re.MULTILINE)
    return margin.sub("", text)


def _looks_markdown(text: str) -> bool:
    return _MD_TABLE_RULE.search(text) is not None or len(_MD_HEADING.findall(text, 0, 20000)) >= 2


# a table of contents line: 「２　出席者 ………… １」 (its title, leader dots, a page number)
_TOC_LINE = re.compile(r"(?m)^[^\n]*?(?:…{2,}|‥{2,}|・{4,}|\.{6,}|．{4,})[ 　]*[0-9０-９]{1,3}[ 　]*$\n?")


_TOC_HEAD = re.compile(r"(?m)^[ \t　]*目[ \t　]*次[ \t　]*$")


def _without_toc(text: str) -> str:
    """The text without its table of contents: from a 「目次」 line to its last dotted line (the headings listed
    there, 「３　議事」 included), or, with no 「目次」 line, the dotted lines alone."""
    head = _TOC_HEAD.search(text, 0, 5000)
    if head is not None:
        last = None
        for m in _TOC_LINE.finditer(text, head.end(), head.end() + 3000):
            last = m
        if last is not None:
            return text[: head.start()] + text[last.end() :]
    return _TOC_LINE.sub("", text)


# a bilingual label: 「2. Venue / 会場」「Chair / 会長　渡会佑介」「Consultation No. 31 / 諮問第31号」: the Japanese half
_ENGLISH_LABEL = re.compile(r"^([ \t　]*(?:[0-9]{1,2}[.．][ \t]*)?)[A-Za-z][A-Za-z0-9 .,'’()&-]{1,60}?[ \t]+/[ \t]+(?=[^\x00-\x7f])",
                            re.MULTILINE)


# the no-break, em, en, thin and other typographic spaces (U+00A0, U+2000-U+200A, U+202F, U+205F): an ASCII space
_SPACES = {cp: " " for cp in (0xA0, *range(0x2000, 0x200B), 0x202F, 0x205F)}


def to_plain_text(text: str, name: str) -> str:
    """Normalise to plain text: LF line ends, no trailing spaces, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\x00", "")
    text = text.translate(_VERTICAL_FORMS)
    if _is_html(text, name):
        text = _html_to_text(text)
    else:
        text = unmail(text)
        markdown = name.lower().endswith((".md", ".markdown")) or _looks_markdown(text)
        text = _strip_inline_html(_md_cell_breaks(text) if markdown else text)
        if markdown:
            text = _markdown_to_text(text)
        else:
            text = repair_pasted(_bar_tables(_drawn_tables(_box_tables(_spreadsheet(_tab_sheet(_margin_numbers(text)))))))
    text = text.translate(_SPACES)  # 「第１&nbsp;審査会の結論」「&emsp;白鷺台市…」: a space to every heading rule
    text = close_spaced_words(close_spaced_dates(drop_chrome_lines(_without_toc(text))))
    text = _ENGLISH_LABEL.sub(r"\1", text)
    text = _TRAILING_WS.sub("", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip("\n")


# --------------------------------------------------------------------------- documents (text, PDF, Word)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files, and password-protected .docx/.xlsx
_IMAGES = ((b"\x89PNG", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF8", ".gif"), (b"II*\x00", ".tif"), (b"MM\x00*", ".tif"))
_ZIP_KINDS = (("word/document.xml", ".docx"), ("xl/workbook.xml", ".xlsx"), ("ppt/presentation.xml", ".pptx"),
              ("content.xml", ".odt"))


def suffix_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _zip_kind(data: bytes) -> str | None:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    return next((kind for member, kind in _ZIP_KINDS if member in names), ".zip")


def sniff(data: bytes, name: str) -> str:
    """'pdf', 'docx' or 'text' by content first, then by name; UnreadableFile for any other format."""
    suffix = suffix_of(name)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind == ".docx":
            return "docx"
        if kind is None:
            raise UnreadableFile(DOCX_DAMAGED) if suffix == ".docx" else unsupported(suffix or ".zip")
        raise unsupported(kind)
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UnreadableFile(PASSWORD)
        raise unsupported(suffix if suffix not in DOCUMENT_SUFFIXES else ".doc")
    for magic, kind in _IMAGES:
        if data.startswith(magic):
            raise unsupported(kind)
    if data.lstrip()[:5] == b"{\\rtf":
        raise unsupported(".rtf")
    if suffix in (".pdf", ".docx") and _looks_binary(data):
        raise UnreadableFile(PDF_DAMAGED if suffix == ".pdf" else DOCX_DAMAGED)
    if suffix and suffix not in DOCUMENT_SUFFIXES and _looks_binary(data):
        raise unsupported(suffix)
    return "text"


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING_WS.sub("", text)
    return _MANY_BLANKS.sub("\n\n", text).strip("\n")


def read_document(data: bytes, name: str) -> str:
    """The plain text of a document's bytes (text, Markdown, HTML, PDF or .docx, told apart by content).

    Raises ``UnreadableFile`` with the problem (worded with what to do by ``templates/cli/unreadable.j2``) for anything
    that cannot be read.
    """
    if len(data) > MAX_BYTES:
        raise UnreadableFile("too_large", limit_mb=MAX_BYTES // (1024 * 1024), file=name)
    if not data.strip():
        raise UnreadableFile("empty")
    kind = sniff(data, name)
    if kind == "pdf":
        from knowledge.extract_pdf import extract_pdf

        return _tidy(extract_pdf(data))
    if kind == "docx":
        from knowledge.extract_docx import extract_docx

        return _tidy(extract_docx(data))
    return to_plain_text(decode_bytes(data, name), name)
