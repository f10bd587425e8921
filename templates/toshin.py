"""How ``show`` presents a 答申's stored structure (``knowledge.model.ToshinRecord``): its parts — the conclusion in
full, the request and the reasons as their first sentences unless ``full`` — and its proceedings as a dated list.

``toshin_view`` prepares the values; ``cli/toshin.j2`` (terminal) and ``slack/toshin.j2`` (Slack, every value
escaped by ``render_mrkdwn``) hold the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.model import ToshinPart, ToshinRecord

SHOWN: tuple[ToshinPart, ...] = ("conclusion", "request", "reasons")  # the parts shown without ``full``
EXCERPT: dict[ToshinPart, int] = {"request": 300, "reasons": 400}  # characters shown of a part without ``full``
_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？](?![」』）)])")  # not '…という。）': a sentence inside brackets


@dataclass
class PartView:
    """A part as shown: its paragraphs (the first ones when an excerpt), its length, whether it was cut."""

    name: ToshinPart
    lines: list[str]
    chars: int
    cut: bool = False


@dataclass
class ToshinView:
    """What the templates show of a 答申: the parts shown, the other parts found (name and length only)."""

    toshin: ToshinRecord
    parts: list[PartView] = field(default_factory=list)
    others: list[PartView] = field(default_factory=list)

    @property
    def cut(self) -> bool:
        """Some text is left out (an excerpt, or a part not shown): the full text is worth pointing to."""
        return bool(self.others) or any(p.cut for p in self.parts)


def paragraphs(text: str) -> list[str]:
    """The part's lines as written, each on one line and trimmed, blank ones left out."""
    return [line for line in (_WS.sub(" ", ln).strip() for ln in text.splitlines()) if line]


def excerpt(text: str, limit: int) -> tuple[list[str], bool]:
    """The first paragraphs of ``text``, about ``limit`` characters: whole sentences, the last paragraph cut after
    its last sentence that fits (inside the first sentence, with "…", when nothing else would be shown); whether
    anything was left out."""
    lines: list[str] = []
    room = limit
    for para in paragraphs(text):
        if len(para) <= room:
            lines.append(para)
            room -= len(para)
            continue
        ends = [m.end() for m in _SENTENCE_END.finditer(para, 0, room)]
        if ends:
            lines.append(para[: ends[-1]])
        elif not lines:
            lines.append(para[: limit - 1] + "…")
        while len(lines) > 1 and not _SENTENCE_END.search(lines[-1][-1]):  # not ending on a heading ('（10）…について')
            lines.pop()
        return lines, True
    return lines, False


def toshin_view(toshin: ToshinRecord, *, full: bool) -> ToshinView:
    """The parts shown (all of them, whole, when ``full``) and the others; lengths count no whitespace."""
    view = ToshinView(toshin)
    for name, text in toshin.parts.items():
        chars = len(_WS.sub("", text))
        if full or (name in SHOWN and name not in EXCERPT):
            view.parts.append(PartView(name, paragraphs(text), chars))
        elif name in SHOWN:
            lines, cut = excerpt(text, EXCERPT[name])
            view.parts.append(PartView(name, lines, chars, cut))
        else:
            view.others.append(PartView(name, [], chars, True))
    return view
