"""Building what the bot says: the quote trimmed to what answers, the meeting and consultation, 出典.

Wording lives in ``templates/*.j2``; this module chooses what to say and fills them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from knowledge.corpus import KINDS, Corpus, split_turns
from knowledge.model import Answer, ConsultationRecord, Hit
from knowledge.query import Concept, Query
from knowledge.tokenize import normalize
from knowledge.wareki import normalize_numbers
from templates.render import render

MAX_QUOTE = 260
QUESTION_PART = 110  # of a Q&A pair's question, when the pair is too long to quote whole
TITLE_MAX = 60
REASON_MAX = 120
_SENT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[」』）)]*|\n|$)")
_WS = re.compile(r"\s+")
_SPACES = re.compile(r"[ \t\u3000]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def tidy(text: str) -> str:
    """Runs of spaces made one, blank lines dropped, line breaks kept (a Q&A stays two lines), and a closing
    bracket left over from a parenthesised note that starts before the passage dropped."""
    flat = _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()
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


def short(text: str, limit: int = TITLE_MAX) -> str:
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.findall(text) if s.strip()]


def _contains(sentence: str, c: Concept) -> bool:
    if c.word in sentence or any(a in sentence for a in c.alts):
        return True
    return bool(c.parts) and all(p in sentence for p in c.parts)


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
        total = sum(weights.get(c.word, 1.0) * (0.3 if c.soft else 1.0) for c in q.concepts if _contains(norm[i], c))
        if q.wants is not None and q.wants.search(normalize_numbers(norm[i])):
            total += max(weights.values(), default=1.0)
        return total - (0.01 * i if from_start else 0.0)

    best = max(range(len(sents)), key=lambda i: (score(i), -i))
    lo, hi = best, best + 1
    size = len(sents[best])
    asks = sents[best].endswith(("か。", "?", "？", "か"))
    while True:
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


def quote_lines(quote: str) -> list[str]:
    return [line for line in quote.split("\n") if line.strip()] or [quote]


def meeting_label(corpus: Corpus, source: str, fallback: str) -> str:
    mi = corpus.meeting_of_source.get(source)
    return corpus.meetings[mi].label() if mi is not None else fallback


def consultation_phrase(label: str | None, title: str | None) -> str:
    if not label:
        return ""
    return f"{label}「{short(title)}」" if title else label


def fact_answer(q: Query, best: Scored, hits: list[Hit], corpus: Corpus, weights: dict[str, float]) -> Answer:
    h = best.hit
    c = corpus.consultations.get(h.consultation_id) if h.consultation_id is not None else None
    about = consultation_phrase(c.label, c.title) if c else ""
    lead = f"{h.meeting}の記録{f'（{about}）' if about else ''}に次の記載があります。"
    quote = trim_quote(h.passage, q, weights, qa=corpus.kinds[best.pos] == KINDS.index("qa"))
    note = None
    if c is not None and q.intent == "outcome":
        note = outcome_lead(c, h.meeting, quote)
    text = render("answer.j2", lead=lead, quote_lines=quote_lines(quote), outcome_note=note, sources=[h])
    return Answer(question=q.text, found=True, text=text, hits=hits, consultation_id=h.consultation_id,
                  quote=quote, sources=[h])


def outcome_lead(c: ConsultationRecord, meeting: str, quote: str | None) -> str:
    """The sentence stating a consultation's outcome (the reason only when the quote does not already say it)."""
    reason = c.reason
    if reason and (len(reason) > REASON_MAX or (quote and normalize(reason)[:20] in normalize(quote))):
        reason = None
    requests = [short(r, REASON_MAX) for r in c.requests[:3]]
    return render("outcome.j2", c=c, meeting=meeting, title=short(c.title), reason=reason, requests=requests)


def outcome_answer(q: Query, c: ConsultationRecord, support: Scored | None, hits: list[Hit], corpus: Corpus,
                   weights: dict[str, float]) -> Answer:
    meeting = meeting_label(corpus, c.source, c.session or c.source)
    quote = (trim_quote(support.hit.passage, q, weights, qa=corpus.kinds[support.pos] == KINDS.index("qa"))
             if support else None)
    lead = outcome_lead(c, meeting, quote)
    source = Hit(source=c.source, meeting=meeting, consultation=c.label, passage=support.hit.passage if support else "",
                 score=support.hit.score if support else 0.0, passage_id=support.hit.passage_id if support else None,
                 consultation_id=c.id, meeting_date=c.meeting_date)
    lines = quote_lines(quote) if quote else []
    text = render("answer.j2", lead=lead, quote_lines=lines, outcome_note=None, sources=[source])
    return Answer(question=q.text, found=True, text=text, hits=hits, consultation_id=c.id, quote=quote,
                  sources=[source])


def pending_answer(q: Query, items: Sequence[ConsultationRecord], corpus: Corpus, place: str | None) -> Answer:
    rows: list[dict[str, Any]] = [
        {"id": c.id, "label": c.label, "title": short(c.title), "reason": c.reason, "outcome": c.outcome,
         "source": c.source, "meeting": meeting_label(corpus, c.source, c.session or c.source)}
        for c in items
    ]
    text = render("pending.j2", items=rows, place=place)
    sources = [Hit(source=r["source"], meeting=r["meeting"], consultation=r["label"], passage="", score=1.0,
                   consultation_id=r["id"]) for r in rows]
    return Answer(question=q.text, found=bool(rows), text=text, hits=sources, sources=sources,
                  consultation_id=rows[0]["id"] if len(rows) == 1 else None)


def next_meeting_answer(q: Query, meetings: Sequence[Any]) -> Answer:
    text = render("no_meeting.j2", meetings=list(meetings))
    return Answer(question=q.text, found=bool(meetings), text=text)


def not_found(q: Query, hits: list[Hit], place: str | None = None) -> Answer:
    return Answer(question=q.text, found=False, text=render("not_found.j2", place=place), hits=hits)
