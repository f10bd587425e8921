"""Building what the bot answers, as data: the quote trimmed to what answers, the meeting and consultation, 出典.

This module chooses what to say; ``templates.answer`` words it (``templates/*.j2``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from knowledge.corpus import Corpus
from knowledge.model import KIND_CODE, Answer, ConsultationRecord, Hit, Lead, Outcome, PendingItem, Related
from knowledge.query import Query
from knowledge.quote import MAX_QUOTE, trim_quote
from knowledge.structure_text import compact
from knowledge.tokenize import normalize

REASON_MAX = 120
# A candidate scoring at least CLOSE of the best one is close to it: shown under 関連する箇所 (swept 0.9 / 0.8 / 0.7 / 0.6 /
# 0.5 on the tuning half: answer 0.688 / 0.703 / 0.710 / 0.713 / 0.713), with a quote of RELATED_QUOTE characters (swept
# 100 / 140 / 180 with CLOSE 0.7: 0.710 / 0.715 / 0.717; short enough to be seen at a glance).
CLOSE = 0.7
MAX_RELATED = 2
RELATED_QUOTE = 140
NAMESAKE_TITLE = 40  # characters of another council's consultation title


@dataclass
class Scored:
    """A hit with what the answer needs to know about it."""

    hit: Hit
    pos: int
    coverage: float


def meeting_label(corpus: Corpus, source: str, fallback: str) -> str:
    mi = corpus.meeting_of_source.get(source)
    return corpus.meetings[mi].label() if mi is not None else fallback


def _quote(s: Scored, q: Query, corpus: Corpus, weights: dict[str, float], limit: int = MAX_QUOTE) -> str:
    return trim_quote(s.hit.passage, q, weights, limit=limit, qa=corpus.kinds[s.pos] == KIND_CODE["qa"])


def related(q: Query, best: Scored, others: Sequence[Scored], corpus: Corpus, weights: dict[str, float]) -> list[Related]:
    """Up to MAX_RELATED of ``others`` (candidates that could answer too, best first) scoring close to ``best``,
    each with a short quote; a passage saying what the quoted one says (the same text elsewhere) is left out."""
    out: list[Related] = []
    said = [compact(best.hit.passage)]
    for s in others:
        if len(out) == MAX_RELATED or s.hit.score < CLOSE * best.hit.score:
            break
        text = compact(s.hit.passage)
        if s.hit.passage_id == best.hit.passage_id or any(text in t or t in text for t in said):
            continue
        said.append(text)
        out.append(Related(hit=s.hit, quote=_quote(s, q, corpus, weights, RELATED_QUOTE)))
    return out


# a sentence ending its passage that introduces the items after it: 「次の点が認められたので、…改善を要望する。」
_ITEMS_FOLLOW = re.compile(r"(?:次の|以下の)[^。]{0,30}?(?:点|事項|とおり)[^。]{0,60}?(?:要望|求め|付言|意見|留意)[^。]*。[\s　]*$")


def fact_answer(q: Query, best: Scored, hits: list[Hit], corpus: Corpus, weights: dict[str, float],
                others: Sequence[Scored] = ()) -> Answer:
    """The best passage's quote with where it comes from; ``others``: the candidates that could answer too (best
    first), the close ones shown under 関連する箇所."""
    h = best.hit
    c = corpus.consultations.get(h.consultation_id) if h.consultation_id is not None else None
    lead = Lead(meeting=h.meeting, label=c.label if c else None, title=c.title if c else None)
    quote = _quote(best, q, corpus, weights)
    # 「付言で何をお願いしてる?」 answered by 「次の点が認められたので、…要望する。」: the items it introduces, under it
    items = (c is not None and bool(c.requests) and int(corpus.kinds[best.pos]) == KIND_CODE["request"]
             and _ITEMS_FOLLOW.search(h.passage) is not None)
    outcome = (outcome_of(c, h.meeting, quote, q.asks_requests or items)
               if c is not None and (q.intent == "outcome" or items) else None)
    return Answer(question=q.text, found=True, kind="fact", hits=hits, sources=[h],
                  consultation_id=h.consultation_id, quote=quote, lead=lead, outcome=outcome,
                  related=related(q, best, others, corpus, weights))


def outcome_of(c: ConsultationRecord, meeting: str, quote: str | None, requests_asked: bool = False) -> Outcome:
    """A consultation's outcome as stated (the reason only when the quote does not already say it)."""
    reason = c.reason
    if reason and (len(reason) > REASON_MAX or (quote and normalize(reason)[:20] in normalize(quote))):
        reason = None
    return Outcome(meeting=meeting, label=c.label, title=c.title, status=c.status, outcome=c.outcome,
                   reason=reason, requests=c.requests[:3], requests_asked=requests_asked)


def outcome_answer(q: Query, c: ConsultationRecord, support: Scored | None, hits: list[Hit], corpus: Corpus,
                   weights: dict[str, float], namesakes: Sequence[ConsultationRecord] = ()) -> Answer:
    meeting = meeting_label(corpus, c.source, c.session or c.source)
    quote = (trim_quote(support.hit.passage, q, weights, qa=corpus.kinds[support.pos] == KIND_CODE["qa"])
             if support else None)
    source = Hit(source=c.source, meeting=meeting, consultation=c.label, passage=support.hit.passage if support else "",
                 score=support.hit.score if support else 0.0, passage_id=support.hit.passage_id if support else None,
                 consultation_id=c.id, meeting_date=c.meeting_date)
    return Answer(question=q.text, found=True, kind="outcome", hits=hits, sources=[source], consultation_id=c.id,
                  quote=quote, outcome=outcome_of(c, meeting, quote, q.asks_requests),
                  namesakes=[_namesake(other, corpus) for other in namesakes[:MAX_RELATED]])


def _namesake(c: ConsultationRecord, corpus: Corpus) -> Related:
    """Another council's consultation bearing the label asked, with how it ended (listed under the answer)."""
    meeting = meeting_label(corpus, c.source, c.session or c.source)
    hit = Hit(source=c.source, meeting=meeting, consultation=c.label, passage="", score=0.0, consultation_id=c.id,
              meeting_date=c.meeting_date)
    title = c.title if len(c.title) <= NAMESAKE_TITLE else c.title[: NAMESAKE_TITLE - 1] + "…"
    return Related(hit=hit, quote=f"{title}: {c.outcome}")


def _listed(items: Sequence[ConsultationRecord], corpus: Corpus) -> tuple[list[PendingItem], list[Hit]]:
    rows = [PendingItem(consultation_id=c.id, label=c.label, title=c.title, reason=c.reason, outcome=c.outcome,
                        source=c.source, meeting=meeting_label(corpus, c.source, c.session or c.source),
                        status=c.status, department=c.department)
            for c in items]
    sources = [Hit(source=r.source, meeting=r.meeting, consultation=r.label, passage="", score=1.0,
                   consultation_id=r.consultation_id) for r in rows]
    return rows, sources


def pending_answer(q: Query, items: Sequence[ConsultationRecord], corpus: Corpus, place: str | None) -> Answer:
    rows, sources = _listed(items, corpus)
    return Answer(question=q.text, found=bool(rows), kind="pending", hits=sources, sources=sources,
                  consultation_id=rows[0].consultation_id if len(rows) == 1 else None, items=rows, place=place)


def agenda_answer(q: Query, items: Sequence[ConsultationRecord], corpus: Corpus) -> Answer:
    """The consultations of the meeting(s) the question names, in their order, each with how it ended."""
    rows, sources = _listed(items, corpus)
    return Answer(question=q.text, found=bool(rows), kind="agenda", hits=sources, sources=sources,
                  consultation_id=rows[0].consultation_id if len(rows) == 1 else None, items=rows)


def next_meeting_answer(q: Query, meetings: Sequence[Any]) -> Answer:
    return Answer(question=q.text, found=bool(meetings), kind="next_meeting", meetings=list(meetings))


def not_found(q: Query, hits: list[Hit], place: str | None = None, meeting: str | None = None) -> Answer:
    return Answer(question=q.text, found=False, kind="not_found", hits=hits, place=place, missing_meeting=meeting)


def empty_kb(q: Query) -> Answer:
    return Answer(question=q.text, found=False, kind="empty_kb")
