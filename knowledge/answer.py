"""Building what the bot answers, as data: the quote trimmed to what answers, the meeting and consultation, 出典.

This module chooses what to say; ``templates.answer`` words it (``templates/*.j2``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from knowledge.corpus import Corpus, split_turns
from knowledge.model import KIND_CODE, Answer, ConsultationRecord, Hit, Lead, Outcome, PendingItem
from knowledge.query import Query
from knowledge.tokenize import normalize
from knowledge.wareki import normalize_numbers

MAX_QUOTE = 260
QUESTION_PART = 110  # of a Q&A pair's question, when the pair is too long to quote whole
REASON_MAX = 120
_SENT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[」』）)]*|\n|$)")
_SPACES = re.compile(r"[ \t\u3000]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


MAX_SENTENCES = 3
# an editor's note on the minutes (※ 以下、質疑等 / ※ 一部省略): not what anyone said
_NOTE_LINE = re.compile(r"^[ \t\u3000]*※[^\n]*(?:以下|省略|略す|略した|抜粋|要旨|質疑等)[^\n]*$", re.M)
_BULLET = re.compile(r"^[ \t\u3000]*[-‐－−]\s+", re.M)
# a line that starts a new item or turn: it is not the rest of the line before
_STARTS_ITEM = re.compile(r"\s*(?:[【〔\[(（<＜●○◯■□◆◇・\-→⇒※]|\d+[.)）．]|[ア-ン][.)）．]|[^\s：:、。]{1,14}[：:])")
_CONTINUES = re.compile(r"[ぁ-ゖ、。，．）」』]")


def clean(text: str) -> str:
    """What is quoted, cleaned: editor's notes and bullet dashes dropped, a line (or a page) broken inside a
    sentence joined ("生活保護\n\nの手前" -> "生活保護の手前"), turns and items kept on their own lines."""
    text = _NOTE_LINE.sub("", text)
    text = _BULLET.sub("", text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        joins = prev and not prev.endswith(("。", "！", "？", "!", "?", ":", "：")) and (
            _CONTINUES.match(line) or (len(prev) >= 25 and not _STARTS_ITEM.match(line)))
        if joins:
            out[-1] = prev + line
        else:
            out.append(line)
    return "\n".join(out)


def tidy(text: str) -> str:
    """Runs of spaces made one, blank lines dropped, line breaks kept (a Q&A stays two lines), and a closing
    bracket left over from a parenthesised note that starts before the passage dropped."""
    flat = _BLANK_LINES.sub("\n", _SPACES.sub(" ", clean(text))).strip()
    for opening, closing in (("(", ")"), ("（", "）")):
        if flat.endswith(closing) and flat.count(closing) > flat.count(opening):
            flat = flat[: -len(closing)].rstrip()
    return flat


@dataclass
class Scored:
    """A hit with what the answer needs to know about it."""

    hit: Hit
    pos: int
    coverage: float


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.findall(text) if s.strip()]


def _window(text: str, q: Query, weights: dict[str, float], limit: int, from_start: bool = False) -> str:
    """The best-matching sentence of ``text`` with its neighbours (following ones first) up to ``limit``."""
    flat = tidy(text)
    if len(flat) <= limit:
        return flat
    sents = sentences(flat)
    if not sents:
        return flat[:limit] + "…"
    norm = [normalize(s) for s in sents]

    def score(i: int) -> float:
        total = sum(weights.get(c.word, 1.0) * (0.3 if c.soft else 1.0) for c in q.concepts if c.found_in(norm[i]))
        if q.wants is not None and q.wants.search(normalize_numbers(norm[i])):
            total += max(weights.values(), default=1.0)
        return total - (0.01 * i if from_start else 0.0)

    best = max(range(len(sents)), key=lambda i: (score(i), -i))
    lo, hi = best, best + 1
    size = len(sents[best])
    asks = sents[best].endswith(("か。", "?", "？", "か"))
    while hi - lo < MAX_SENTENCES:
        if hi < len(sents) and (asks or hi - best <= best - lo + 1) and size + len(sents[hi]) <= limit:
            size += len(sents[hi])
            hi += 1
            asks = False
        elif lo > 0 and size + len(sents[lo - 1]) <= limit:
            lo -= 1
            size += len(sents[lo])
        elif hi < len(sents) and size + len(sents[hi]) <= limit:
            size += len(sents[hi])
            hi += 1
        else:
            break
    quote = tidy("".join(s if s.endswith(("。", "！", "？", "!", "?")) else s + "\n" for s in sents[lo:hi]))
    if len(quote) > limit + 80:
        quote = quote[:limit] + "…"
    return ("…" if lo > 0 else "") + quote + ("…" if hi < len(sents) else "")


def trim_quote(text: str, q: Query, weights: dict[str, float], limit: int = MAX_QUOTE,
               qa: bool = False) -> str:
    """What of ``text`` answers the question: the best sentences; for a Q&A pair, the question's best sentence
    and the best part of the answer."""
    flat = tidy(text)
    if len(flat) <= limit:
        return flat
    parts = split_turns(flat) if qa else None
    if parts:
        question = _window(parts[0], q, weights, QUESTION_PART)
        answer = _window(parts[1], q, weights, limit, from_start=True)
        return question + "\n" + answer
    return _window(flat, q, weights, limit)


def meeting_label(corpus: Corpus, source: str, fallback: str) -> str:
    mi = corpus.meeting_of_source.get(source)
    return corpus.meetings[mi].label() if mi is not None else fallback


def fact_answer(q: Query, best: Scored, hits: list[Hit], corpus: Corpus, weights: dict[str, float]) -> Answer:
    h = best.hit
    c = corpus.consultations.get(h.consultation_id) if h.consultation_id is not None else None
    lead = Lead(meeting=h.meeting, label=c.label if c else None, title=c.title if c else None)
    quote = trim_quote(h.passage, q, weights, qa=corpus.kinds[best.pos] == KIND_CODE["qa"])
    outcome = outcome_of(c, h.meeting, quote) if c is not None and q.intent == "outcome" else None
    return Answer(question=q.text, found=True, kind="fact", hits=hits, sources=[h],
                  consultation_id=h.consultation_id, quote=quote, lead=lead, outcome=outcome)


def outcome_of(c: ConsultationRecord, meeting: str, quote: str | None) -> Outcome:
    """A consultation's outcome as stated (the reason only when the quote does not already say it)."""
    reason = c.reason
    if reason and (len(reason) > REASON_MAX or (quote and normalize(reason)[:20] in normalize(quote))):
        reason = None
    return Outcome(meeting=meeting, label=c.label, title=c.title, status=c.status, outcome=c.outcome,
                   reason=reason, requests=c.requests[:3])


def outcome_answer(q: Query, c: ConsultationRecord, support: Scored | None, hits: list[Hit], corpus: Corpus,
                   weights: dict[str, float]) -> Answer:
    meeting = meeting_label(corpus, c.source, c.session or c.source)
    quote = (trim_quote(support.hit.passage, q, weights, qa=corpus.kinds[support.pos] == KIND_CODE["qa"])
             if support else None)
    source = Hit(source=c.source, meeting=meeting, consultation=c.label, passage=support.hit.passage if support else "",
                 score=support.hit.score if support else 0.0, passage_id=support.hit.passage_id if support else None,
                 consultation_id=c.id, meeting_date=c.meeting_date)
    return Answer(question=q.text, found=True, kind="outcome", hits=hits, sources=[source], consultation_id=c.id,
                  quote=quote, outcome=outcome_of(c, meeting, quote))


def pending_answer(q: Query, items: Sequence[ConsultationRecord], corpus: Corpus, place: str | None) -> Answer:
    rows = [PendingItem(consultation_id=c.id, label=c.label, title=c.title, reason=c.reason, outcome=c.outcome,
                        source=c.source, meeting=meeting_label(corpus, c.source, c.session or c.source),
                        status=c.status, department=c.department)
            for c in items]
    sources = [Hit(source=r.source, meeting=r.meeting, consultation=r.label, passage="", score=1.0,
                   consultation_id=r.consultation_id) for r in rows]
    return Answer(question=q.text, found=bool(rows), kind="pending", hits=sources, sources=sources,
                  consultation_id=rows[0].consultation_id if len(rows) == 1 else None, items=rows, place=place)


def next_meeting_answer(q: Query, meetings: Sequence[Any]) -> Answer:
    return Answer(question=q.text, found=bool(meetings), kind="next_meeting", meetings=list(meetings))


def not_found(q: Query, hits: list[Hit], place: str | None = None, meeting: str | None = None) -> Answer:
    return Answer(question=q.text, found=False, kind="not_found", hits=hits, place=place, missing_meeting=meeting)


def empty_kb(q: Query) -> Answer:
    return Answer(question=q.text, found=False, kind="empty_kb")
