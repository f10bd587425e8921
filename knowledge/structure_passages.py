"""Passages for search: special units (qa, outcome, request, title) plus body/header chunks covering the rest.

Every passage is the verbatim slice ``text[start:end]`` (whitespace-trimmed). Chunks are roughly 100-400
characters and are cut after 。 or at a paragraph break that ends a sentence, never in the middle of one
(unless a single sentence is far too long).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from knowledge.model import Passage, PassageKind
from knowledge.structure_text import strip_span

MIN_CHARS = 100
MAX_CHARS = 400
_CUT = re.compile(r"[。！？][」』）)]*|\n")
_PRIORITY: dict[str, int] = {"qa": 0, "outcome": 1, "request": 2, "title": 3, "header": 4, "body": 5}


@dataclass
class Special:
    start: int
    end: int
    kind: PassageKind
    consultation: int | None
    alternatives: tuple[tuple[int, int], ...] = ()  # other spans to try when this one overlaps


def _overlaps(a: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """``taken`` is sorted and non-overlapping: only the neighbours of ``a`` can overlap it."""
    i = bisect.bisect_left(taken, a)
    return any(0 <= j < len(taken) and a[0] < taken[j][1] and taken[j][0] < a[1] for j in (i - 1, i))


_SOFT_CUT = re.compile(r"[、，,\s]")
# a numbered heading on a line of its own (「８　付言」「(7)　その他の主張について」「第３　実施機関の説明」), no sentence
_HEADING_LINE = re.compile(r"(?:第?[0-9０-９一二三四五六七八九十]{1,3}|[(（][0-9０-９一二三四五六七八九十]{1,2}[)）]|[①-⑳])"
                           r"[ 　.．、]*[^。\n]{1,30}$")


def _split_long(text: str, units: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Units (sentences/lines) far longer than MAX_CHARS are cut after a 、 or a space (else anywhere)."""
    out: list[tuple[int, int, bool]] = []
    for s, e, sentence in units:
        while e - s > 2 * MAX_CHARS:
            soft = [m.end() for m in _SOFT_CUT.finditer(text, s + MAX_CHARS // 2, s + MAX_CHARS)]
            cut = soft[-1] if soft else s + MAX_CHARS
            out.append((s, cut, True))
            s = cut
        out.append((s, e, sentence))
    return out


def chunk_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut [a, b) into passages of roughly MIN..MAX characters at sentence ends."""
    out: list[tuple[int, int]] = []
    cur: list[int] | None = None
    complete = True  # does ``cur`` end at the end of a sentence?
    pos = a
    units: list[tuple[int, int, bool]] = []
    for m in _CUT.finditer(text, a, b):
        units.append((pos, m.end(), m.group(0) != "\n"))
        pos = m.end()
    if pos < b:
        units.append((pos, b, False))
    for s, e, sentence in _split_long(text, units):
        s2, e2 = strip_span(text, s, e)
        if e2 <= s2:  # a blank line: paragraph break
            if cur is not None and cur[1] - cur[0] >= MIN_CHARS and complete:
                out.append((cur[0], cur[1]))
                cur = None
            continue
        if cur is not None and e2 - cur[0] > MAX_CHARS and (complete or cur[1] - cur[0] > 2 * MAX_CHARS):
            out.append((cur[0], cur[1]))
            cur = None
        if cur is None:
            cur = [s2, e2]
        else:
            cur[1] = e2
        line_done = not sentence and (text[e2 - 1] in "。」）)" or e2 - s2 < 60)
        complete = sentence or line_done
    if cur is not None:
        if out and cur[1] - cur[0] < 40 and cur[1] - out[-1][0] <= MAX_CHARS + 100:
            out[-1] = (out[-1][0], cur[1])
        else:
            out.append((cur[0], cur[1]))
    return out


def section_at(sections: list[tuple[int, int, int]], pos: int) -> int | None:
    """Consultation index whose section contains ``pos`` (the earliest-starting one when sections share text).

    ``sections`` is sorted by start."""
    i = bisect.bisect_right(sections, (pos, 1 << 62, 1 << 62))
    best: int | None = None
    for j in range(i - 1, max(-1, i - 8), -1):
        s, e, idx = sections[j]
        if s <= pos < e:
            best = idx
    return best


def _heading_before(text: str, start: int) -> int | None:
    """The start of a numbered heading line (「８　付言」「１　審査会の結論」) right above ``start``, if there is one."""
    line_end = text.rfind("\n", 0, start)
    if line_end < 0 or text[line_end:start].strip():
        return None
    line_start = text.rfind("\n", 0, line_end) + 1
    a, b = strip_span(text, line_start, line_end)
    return a if b > a and _HEADING_LINE.fullmatch(text, a, b) else None


def build_passages(
    text: str,
    header_end: int,
    specials: list[Special],
    sections: list[tuple[int, int, int]],
) -> list[Passage]:
    """Non-overlapping special passages (qa > outcome > request > title), then chunks for the gaps."""
    taken: list[tuple[int, int]] = []
    passages: list[Passage] = []
    for sp in sorted(specials, key=lambda x: (_PRIORITY[x.kind], x.start)):
        chosen: tuple[int, int] | None = None
        spans = ((sp.start, sp.end), *sp.alternatives)
        if sp.kind in ("request", "outcome") and (head := _heading_before(text, sp.start)) is not None:
            spans = ((head, sp.end), *spans)  # 「８　付言」 over the requests: the heading is theirs
        for span in spans:
            s, e = strip_span(text, *span)
            if e > s and not _overlaps((s, e), taken):
                chosen = (s, e)
                break
        if chosen is None:
            if sp.kind != "title":
                continue
            chosen = strip_span(text, sp.start, sp.end)  # a title may repeat text already in another passage
        else:
            bisect.insort(taken, chosen)
        passages.append(Passage(text[chosen[0] : chosen[1]], chosen[0], chosen[1], sp.kind, sp.consultation))
    sections = sorted(sections)
    cuts = sorted({0, header_end, len(text), *[x for s, e, _ in sections for x in (s, e)]})
    gaps: list[tuple[int, int]] = []
    pos = 0
    for s, e in taken:
        if s > pos:
            gaps.append((pos, s))
        pos = max(pos, e)
    if pos < len(text):
        gaps.append((pos, len(text)))
    for g0, g1 in gaps:
        bounds = [g0, *cuts[bisect.bisect_right(cuts, g0) : bisect.bisect_left(cuts, g1)], g1]
        for a, b in zip(bounds, bounds[1:], strict=False):
            kind: PassageKind = "header" if a < header_end else "body"
            cidx = section_at(sections, a)
            for s, e in chunk_spans(text, a, b):
                passages.append(Passage(text[s:e], s, e, kind, cidx))
    passages.sort(key=lambda p: (p.start, p.end))
    return passages
