"""The list numbers Word generates ("1.", "（1）", "ア", "①"), which are not part of a paragraph's text.

``Numbering.of(document)`` reads numbering.xml; ``label(paragraph)`` returns the paragraph's number followed
by a space, counting in document order (call it once per paragraph, in order), or "" for an unnumbered one.
Common formats are rendered; an unknown format falls back to decimal, a bullet to "・".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_KANJI = "〇一二三四五六七八九"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _cycle(alphabet: str, n: int) -> str:
    return alphabet[(n - 1) % len(alphabet)] if n > 0 else ""


def _kanji(n: int) -> str:
    if n < 10:
        return _KANJI[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _kanji(tens)) + "十" + (_KANJI[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One level's number in Word's ``numFmt``."""
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "aiueoFullWidth":
        return _cycle(_AIUEO, n)
    if fmt == "aiueo":
        return _cycle("ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ", n)
    if fmt in ("iroha", "irohaFullWidth"):
        return _cycle(_IROHA, n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x245F + n)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2473 + n)
    if fmt in ("japaneseCounting", "ideographDigital", "chineseCounting", "japaneseLegal", "chineseCountingThousand"):
        return _kanji(n)
    if fmt in ("lowerLetter", "upperLetter"):
        return _letter(n) if fmt == "lowerLetter" else _letter(n).upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    levels: dict[str, dict[int, _Level]]  # numId -> ilvl -> level
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):  # no numbering part: nothing is numbered
            return cls({})
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.findall(f"{_W}abstractNum"):
            abstract[an.get(f"{_W}abstractNumId", "")] = {
                int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in an.findall(f"{_W}lvl")
            }
        levels: dict[str, dict[int, _Level]] = {}
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            base = dict(abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {}))
            for override in num.findall(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                lvl, start = override.find(f"{_W}lvl"), override.find(f"{_W}startOverride")
                if lvl is not None:
                    base[ilvl] = _level(lvl)
                elif start is not None and ilvl in base:
                    old = base[ilvl]
                    base[ilvl] = _Level(int(start.get(f"{_W}val", "1")), old.fmt, old.text)
            levels[num.get(f"{_W}numId", "")] = base
        return cls(levels)

    def label(self, paragraph: Any) -> str:
        num_id, ilvl = _num_pr(paragraph)
        if num_id is None or num_id not in self.levels or ilvl not in self.levels[num_id]:
            return ""
        levels = self.levels[num_id]
        counts = self.counters.setdefault(num_id, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        for upper in range(ilvl):  # a sub-item before any item counts its parents from their start
            if counts[upper] == 0 and upper in levels:
                counts[upper] = levels[upper].start
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else levels[ilvl].start
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "・"
        text = level.text
        for k in range(9):
            if f"%{k + 1}" in text:
                fmt = levels[k].fmt if k in levels else "decimal"
                text = text.replace(f"%{k + 1}", format_number(counts[k] or 1, fmt))
        return text + " " if text.strip() else ""


def _level(lvl: Any) -> _Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(f"{_W}{tag}")
        return el.get(f"{_W}val", default) if el is not None else default

    return _Level(int(val("start", "1")), val("numFmt", "decimal"), val("lvlText", ""))


def _num_pr(paragraph: Any) -> tuple[str | None, int]:
    """(numId, ilvl) of a paragraph, from its own properties or else from its style's."""
    for el in (paragraph._p, getattr(paragraph.style, "element", None) if paragraph.style is not None else None):
        if el is None:
            continue
        num_pr = el.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            continue
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        nid = num_id.get(f"{_W}val") if num_id is not None else None
        if nid == "0":
            return None, 0
        return nid, int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
    return None, 0
