"""The text a passage is indexed by: its own, after the last sentence of the paragraph just before it.

Minutes cut a statement in two at a paragraph break as often as not: 「…パブリックコメントを実施いたしました。」 /
「実施した結果、特に意見はございませんでした。」. The second paragraph answers 「パブコメで意見きた?」 but names
neither the パブコメ nor the 市民 its words refer to. So a plain paragraph (kind ``body``) that directly follows another of
the same document and matter, and opens referring back to it (その結果, このため, なお, 実施した結果、), is indexed
with the last sentence of that one before its own text (at most ``CONTEXT_CHARS`` of it).

Minutes of a meeting held in writing (書面開催) and lists of questions sent in advance number the members' questions
under one heading (「委員からの意見・質問」 (1) … (4)) and answer them by the same numbers under another (「担当課の回答」
(1) … (4)): 「(3) 退会の申出から30日以内に消去する。」 answers 「アプリを退会した人のデータはいつ消去されるのか。」 without its
words. So a passage holding numbered answers is indexed with the numbered questions they answer before its own text
(at most ``CONTEXT_CHARS`` of each).

Only the index changes: the passage, its quote and its offsets stay its own. Pure.
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
_ITEM = re.compile(r"^[ \t　]*[(（]([0-9０-９]{1,2})[)）][ \t　]*(.*)$")
_LIST_HEAD = re.compile(r"^[ \t　]*(?:[(（]?[0-9０-９]{1,2}[)）.．]?|[【〔［■◆○])?[ \t　]*([^。\n]{0,24}?)[】〕］]?[ \t　]*$")
_ASKED = re.compile(r"意見|質問")
_ANSWERED = re.compile(r"回答|考え方|対応")


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


def _list_heading(line: str) -> str | None:
    """"q" for a heading over numbered questions (「【委員からの意見・質問】」「（２）委員からの意見・質問」), "a" for one
    over the numbered answers (「（３）担当課の回答」), "other" for another bracketed heading (「【審議結果】」), else None."""
    m = _LIST_HEAD.match(line)
    if m is None or not m.group(1):
        return None
    words = m.group(1)
    if _ANSWERED.search(words):
        return "a"
    if _ASKED.search(words):
        return "q"
    return "other" if line.lstrip(" \t　")[:1] in "【〔［■◆" else None  # 【審議結果】: the lists have ended


def _numbered_questions(passages: Sequence[PassageLike], keys: Sequence[object] | None) -> dict[int, str]:
    """Per passage holding numbered answers: the numbered questions they answer (see the module's docstring)."""
    out: dict[int, str] = {}
    mode: str | None = None
    asked: dict[str, list[str]] = {}
    number: str | None = None
    for i, p in enumerate(passages):
        if i > 0 and keys is not None and keys[i] != keys[i - 1]:
            mode, asked, number = None, {}, None
        answered: list[str] = []
        for line in p.text.split("\n"):
            head = _list_heading(line)
            if head is not None:
                mode, number = (None if head == "other" else head), None
                if head == "q":
                    asked = {}
                continue
            m = _ITEM.match(line)
            if m is not None:
                number = m.group(1).translate(_DIGITS)
                if mode == "q":
                    asked[number] = [m.group(2)]
                elif mode == "a" and number in asked:
                    answered.append(number)
            elif mode == "q" and number in asked:
                asked[number].append(line.strip())
        said = ["\n".join(asked[n])[:CONTEXT_CHARS] for n in dict.fromkeys(answered)]
        if said:
            out[i] = "\n".join(said)
    return out


_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def search_texts(passages: Sequence[PassageLike], keys: Sequence[object] | None = None) -> list[str]:
    """Per passage (in document order), the text to index. ``keys`` (same order) tell which passages belong to
    one document and matter (a source and consultation); without them all are of one."""
    out: list[str] = []
    asked = _numbered_questions(passages, keys) if any("(" in p.text or "（" in p.text for p in passages) else {}
    for i, p in enumerate(passages):
        text = p.text
        if i in asked:
            text = asked[i] + "\n" + text
        if i > 0 and p.kind == "body":
            prev = passages[i - 1]
            same = keys is None or keys[i] == keys[i - 1]
            gap = p.start - (prev.start + len(prev.text))
            if same and prev.kind == "body" and 0 <= gap <= MAX_GAP and _GOES_ON.match(p.text):
                text = _last_sentence(prev.text) + "\n" + text
        out.append(text)
    return out
