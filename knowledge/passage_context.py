"""The text a passage is indexed by: its own, after the last sentence of the paragraph just before it.

Minutes cut a statement in two at a paragraph break as often as not: 「…パブリックコメントを実施いたしました。」 /
「実施した結果、特に意見はございませんでした。」. The second paragraph answers 「パブコメで意見きた?」 but names
neither the パブコメ nor the 市民 its words refer to. So a plain paragraph (kind ``body``) that directly follows another of
the same document and matter, and opens referring back to it (その結果, このため, なお, 実施した結果、), is indexed
with the last sentence of that one before its own text (at most ``CONTEXT_CHARS`` of it). Only the index changes: the passage, its quote and its offsets stay its own. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

CONTEXT_CHARS = 120
MAX_GAP = 4  # characters (blank lines) between the two paragraphs
# a paragraph that goes on from the one before: it opens referring back to it (その結果, このため, 実施した結果、)
_GOES_ON = re.compile(r"^[\s・\-‐－]*(?:その|この|これ|それ|そこで|上記|当該|以上|したがって|ただし|なお|さらに|一方|"
                      r"[^。、\n]{0,10}(?:結果|ため)[、,])")
_SENTENCES = re.compile(r"[^。！？]+[。！？]?")


class PassageLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def start(self) -> int: ...


def _last_sentence(text: str) -> str:
    sentences = [s.strip() for s in _SENTENCES.findall(text) if s.strip()]
    return sentences[-1][-CONTEXT_CHARS:] if sentences else ""


def search_texts(passages: Sequence[PassageLike], keys: Sequence[object] | None = None) -> list[str]:
    """Per passage (in document order), the text to index. ``keys`` (same order) tell which passages belong to
    one document and matter (a source and consultation); without them all are of one."""
    out: list[str] = []
    for i, p in enumerate(passages):
        text = p.text
        if i > 0 and p.kind == "body":
            prev = passages[i - 1]
            same = keys is None or keys[i] == keys[i - 1]
            gap = p.start - (prev.start + len(prev.text))
            if same and prev.kind == "body" and 0 <= gap <= MAX_GAP and _GOES_ON.match(text):
                text = _last_sentence(prev.text) + "\n" + text
        out.append(text)
    return out
