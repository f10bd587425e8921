"""Small text helpers shared by the structure modules (lines with offsets, compact matching, sentences)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_WS = re.compile(r"\s+")
# OCR confusions of single katakana used as item labels (工 for エ, 力 for カ, ...).
OCR_KANA = str.maketrans({"工": "エ", "力": "カ", "夕": "タ", "卜": "ト", "口": "ロ"})
KANA_LABEL = "ア-ン工力夕卜口"  # for use inside a character class
_SENT_END = re.compile(r"[。！？!?][」』）)]*|\n")


class Line(NamedTuple):
    """One line of the document: ``text`` is ``doc[start:end]`` (no newline); ``blank`` when only whitespace."""

    start: int
    end: int
    text: str
    blank: bool


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        lines.append(Line(pos, end, raw, not raw or raw.isspace()))
        pos = end + 1
    return lines


@lru_cache(maxsize=16384)
def compact(s: str) -> str:
    """NFKC without any whitespace: what matching is done on."""
    return _WS.sub("", unicodedata.normalize("NFKC", s))


def squash(s: str) -> str:
    """Collapse whitespace runs into one space (for display values such as places and titles)."""
    return _WS.sub(" ", s).strip()


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so that it neither starts nor ends with whitespace."""
    if start < end and (text[start].isspace() or text[end - 1].isspace()):
        seg = text[start:end]
        stripped = seg.lstrip()
        start += len(seg) - len(stripped)
        end = start + len(stripped.rstrip())
    return start, end


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences (cut after 。！？ and at line ends) inside [start, end), stripped, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        s, e = strip_span(text, pos, m.end())
        if e > s:
            spans.append((s, e))
        pos = m.end()
    s, e = strip_span(text, pos, end)
    if e > s:
        spans.append((s, e))
    return spans


MAX_SENTENCE = 600  # a "sentence" longer than this is cut (keeps pathological input linear)


def sentence_around(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence (cut after 。！？ and at line ends) containing ``pos``, within [lo, hi), stripped."""
    floor = max(lo, pos - MAX_SENTENCE)
    a = pos
    while a > floor and text[a - 1] not in "。！？!?\n":
        a -= 1
    while a < pos and text[a] in "」』）)":
        a += 1
    ceiling = min(hi, pos + MAX_SENTENCE)
    m = _SENT_END.search(text, pos, ceiling)
    b = m.end() if m else ceiling
    return strip_span(text, a, b)


def hinted_sentences(text: str, hint: re.Pattern[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences inside ``spans`` that contain a match of ``hint`` (in order, no duplicates)."""
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        pos = lo
        while True:
            m = hint.search(text, pos, hi)
            if m is None:
                break
            s, e = sentence_around(text, m.start(), lo, hi)
            if e > s and (not out or out[-1] != (s, e)):
                out.append((s, e))
            pos = max(e, m.end())
    return out


_HALF_KANA = re.compile(r"[\uff61-\uff9f]+")


def half_to_full(s: str) -> str:
    """Half-width katakana (ｼｽﾃﾑ) -> full-width (システム); everything else unchanged."""
    if not _HALF_KANA.search(s):
        return s
    return _HALF_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), s)


def fix_kana(ch: str) -> str:
    """A katakana item label with OCR confusions undone ('工' -> 'エ')."""
    return ch.translate(OCR_KANA)


def line_index_at(lines: list[Line], pos: int) -> int:
    """Index of the line containing ``pos`` (binary search)."""
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo
