"""The knowledge engine: questions in, answers (with the evidence) out.

Build it from stored records and their stored index terms (no re-tokenising)::

    Engine(consultations, ((passage_record, stored_terms), ...))

or, in tests and benchmarks, from parsed documents: ``Engine.from_parsed([(name, parsed_document), ...])``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from knowledge import weights as W
from knowledge.answer import (
    Scored,
    agenda_answer,
    empty_kb,
    fact_answer,
    next_meeting_answer,
    not_found,
    outcome_answer,
    pending_answer,
)
from knowledge.boosts import names_meeting
from knowledge.corpus import Corpus
from knowledge.lineage import same_matter, still_open
from knowledge.model import KIND_CODE, Answer, ConsultationRecord, Hit, ParsedDocument, PassageRecord
from knowledge.passage_context import search_texts
from knowledge.query import Query, as_next_in_minutes, names_a_meeting, parse_query
from knowledge.records import flatten
from knowledge.search import Ranked, Ranker
from knowledge.tokenize import index_terms_joined_many, normalize, query_units

AGENDA_MEETINGS = 3  # a question naming more meetings than this ("令和5年度の審議会で何を審議した?") is searched


def names_session(text: str, nums: set[str]) -> bool:
    """``text`` names one of the meetings by number (第33回審議会で審議した)."""
    norm = normalize(text)
    return any(f"第{n}回" in norm for n in nums)


class Engine:
    """Search and answers over one corpus (immutable once built; rebuild to add documents)."""

    def __init__(self, consultations: Iterable[ConsultationRecord],
                 passages: Iterable[tuple[PassageRecord, str | list[str]]], *, bigrams: bool = True) -> None:
        self.corpus = Corpus(consultations, passages, bigrams=bigrams)
        self.ranker = Ranker(self.corpus)
        self.known_places = frozenset(self.corpus.places)
        self._by_place: dict[str, list[ConsultationRecord]] = {}
        self._titles: np.ndarray | None = None  # the positions of the consultations' title passages, once asked
        for c in self.corpus.consultations.values():
            self._by_place.setdefault(c.municipality or c.council or "", []).append(c)

    @classmethod
    def from_records(cls, consultations: Sequence[ConsultationRecord], passages: Sequence[PassageRecord],
                     terms: Sequence[str | list[str]] | None = None, **kw: Any) -> Engine:
        """From records; ``terms`` (stored form per passage, same order) are computed when not given."""
        if terms is None:
            keys = [(p.source, p.consultation_id) for p in passages]
            terms = index_terms_joined_many(search_texts(passages, keys))
        return cls(consultations, zip(passages, terms, strict=True), **kw)

    @classmethod
    def from_parsed(cls, docs: Iterable[tuple[str, ParsedDocument]], **kw: Any) -> Engine:
        consultations: list[ConsultationRecord] = []
        passages: list[PassageRecord] = []
        for name, doc in docs:
            cs, ps = flatten(name, doc, len(consultations) + 1, len(passages) + 1)
            consultations.extend(cs)
            passages.extend(ps)
        return cls.from_records(consultations, passages, **kw)

    # --- search -------------------------------------------------------------------------------------------
    def _hit(self, r: Ranked) -> Hit:
        c = self.corpus
        meeting = c.meetings[int(c.meeting[r.pos])]
        cid = int(c.consultation[r.pos])
        cons = c.consultations.get(cid) if cid >= 0 else None
        return Hit(source=meeting.source, meeting=meeting.label(), consultation=cons.label if cons else None,
                   passage=c.texts[r.pos], score=round(r.score, 4), passage_id=int(c.ids[r.pos]),
                   consultation_id=cons.id if cons else None, meeting_date=meeting.meeting_date)

    def search(self, question: str, context_consultation_id: int | None = None, k: int = 10) -> list[Hit]:
        q = self._read(question)
        return [self._hit(r) for r in self.ranker.rank(q, context_consultation_id, k)]

    def pending(self, places: Sequence[str] = ()) -> list[ConsultationRecord]:
        """Pending (and unknown-outcome) consultations no later meeting or 答申 has followed up, in the one
        listing order (``knowledge.lineage``)."""
        items = still_open(list(self.corpus.consultations.values()))
        if places:
            wanted = set().union(*(self.corpus.places.get(p, set()) for p in places))
            items = [c for c in items if self.corpus.meeting_of_consultation(c) in wanted]
        return items

    # --- answers ------------------------------------------------------------------------------------------
    def _weights(self, q: Query) -> dict[str, float]:
        return {c.word: self.ranker.concept_weight(c) for c in q.concepts}

    def _label_matches(self, q: Query) -> list[ConsultationRecord]:
        out = []
        for c in self.corpus.consultations.values():
            nums, kana = self.corpus.label_keys[c.id]
            if (nums & q.label_nums) or (kana & q.label_kana):
                out.append(c)
        wanted = self.corpus.meetings_of_places(q.places)
        if wanted is not None:
            out = [c for c in out if self.corpus.meeting_of_consultation(c) in wanted]
        return out

    def _names_consultation_of(self, q: Query, pos: int) -> bool:
        """The question names, by its label, the consultation the passage at ``pos`` belongs to."""
        cid = int(self.corpus.consultation[pos])
        return cid >= 0 and any(c.id == cid for c in self._label_matches(q))

    def _outcome_passage(self, consultation_id: int) -> Scored | None:
        """The consultation's own outcome passage, when search found none of its passages."""
        positions = self.corpus.passages_of(consultation_id)
        pick = positions[self.corpus.kinds[positions] == KIND_CODE["outcome"]]
        if pick.size == 0:
            return None
        pos = int(pick[0])
        return Scored(self._hit(Ranked(pos, 0.0, 0.0, 0.0)), pos, 0.0)

    def _read(self, question: str) -> Query:
        q = parse_query(question, self.known_places)
        if q.loose_outcome and q.intent == "outcome" and not q.names_consultation and not self._names_title(q):
            q.intent = "fact"  # 「予約用のパスワードってどうなってる?」: a point of the matter, not how it ended
        return q

    def _nth(self, q: Query) -> int | None:
        """The consultation at place ``q.ordinal`` of the meeting the question means: the one its best passages are
        of, or the latest minutes when it names none."""
        c = self.corpus
        if q.names_no_meeting:
            meeting = c.latest_minutes(q.places)
        else:
            ranked = self.ranker.rank(q, None, k=1)
            meeting = int(c.meeting[ranked[0].pos]) if ranked else None
        if meeting is None or q.ordinal is None:
            return None
        source = c.meetings[meeting].source
        first = {rec.id: c.passages_of(rec.id) for rec in c.consultations.values() if rec.source == source}
        in_order = sorted(first, key=lambda cid: int(first[cid].min()) if first[cid].size else 1 << 62)
        return in_order[q.ordinal - 1] if 0 < q.ordinal <= len(in_order) else None

    def _mentioned(self, place: str) -> bool:
        """A municipality no record is of, named in some record's text (東峰市, the neighbour a system is joined
        with): the question asks about what those records say of it. Indexed as one word or as its name (東峰)."""
        index = self.corpus.index
        return index.word_id(place) is not None or (len(place) > 2 and index.word_id(place[:-1]) is not None)

    def _names_title(self, q: Query) -> bool:
        """Every content word of the question is in one consultation's title (「決済機能の追加どうなった?」), as
        the index reads them (ひとり親 and 一人親 alike)."""
        words = [c for c in q.concepts if not c.soft and not names_a_meeting(c.word)]
        if not words:
            return True
        if self._titles is None:
            self._titles = np.flatnonzero(self.corpus.kinds == KIND_CODE["title"])
        if self._titles.size == 0:
            return False
        said = np.ones(self._titles.size, dtype=bool)
        for c in words:
            said &= self.ranker.direct_match(c, self._titles) > 0
        return bool(said.any())

    def _latest(self, c: ConsultationRecord) -> ConsultationRecord:
        """The latest record of the same matter (a later meeting, a 答申): its current state."""
        best = c
        for other in self._by_place.get(c.municipality or c.council or "", ()):
            if (other.meeting_date or "") > (best.meeting_date or "") and same_matter(c, other):
                best = other
        return best

    def _resolve(self, q: Query, ranked: list[Ranked], ctx: int | None) -> ConsultationRecord | None:
        c = self._resolve_one(q, ranked, ctx)
        return self._latest(c) if c is not None else None

    def _resolve_one(self, q: Query, ranked: list[Ranked], ctx: int | None) -> ConsultationRecord | None:
        """The consultation an outcome question is about."""
        cons = self.corpus.consultations
        if q.ordinal is not None and ctx is not None and ctx in cons:  # 「2つ目の諮問」, found by _nth
            return cons[ctx]
        if q.names_consultation:
            matches = self._label_matches(q)
            ids = {c.id for c in matches}
            for r in ranked:
                cid = int(self.corpus.consultation[r.pos])
                if cid in ids:
                    return cons[cid]
            if len(matches) > 1 and all(same_matter(matches[0], m) for m in matches[1:]):
                return matches[0]  # one matter seen at several meetings: _resolve takes its latest record
            return matches[0] if len(matches) == 1 else None
        if any(not c.soft for c in q.concepts):
            words = " ".join(c.word for c in q.concepts if not c.soft)
            best: tuple[float, int] | None = None
            for rank, r in enumerate(ranked[:10]):
                cid = int(self.corpus.consultation[r.pos])
                if cid < 0 or r.coverage < W.COVER_MIN:
                    continue
                title = " ".join(u.word for u in query_units(cons[cid].title))
                score = r.score * (1 + fuzz.token_set_ratio(words, title) / 100) / (1 + 0.1 * rank)
                if best is None or score > best[0]:
                    best = (score, cid)
            return cons[best[1]] if best else None
        return cons.get(ctx) if ctx is not None else None

    def _namesakes(self, q: Query, c: ConsultationRecord) -> list[ConsultationRecord]:
        """Other matters bearing the label the question names ("12号の件" with 諮問第12号 at two councils), when the
        question names no municipality: the member sees each and picks."""
        if not q.names_consultation or self.corpus.meetings_of_places(q.places) is not None:
            return []
        return [m for m in self._label_matches(q) if m.id != c.id and not same_matter(m, c)]

    def _agenda(self, q: Query) -> list[ConsultationRecord]:
        """The consultations of the meetings the question names (at most ``AGENDA_MEETINGS`` of them), in order."""
        c = self.corpus
        named = self.corpus.meetings_of_places(q.places)
        meetings = [mi for mi in (named if named is not None else range(len(c.meetings))) if names_meeting(c, q, mi)]
        if not meetings or len(meetings) > AGENDA_MEETINGS:
            return []
        wanted = {c.meetings[mi].source for mi in meetings}
        items = [r for r in c.consultations.values() if r.source in wanted and not r.withdrawn]
        return sorted(items, key=lambda r: (r.meeting_date or "", r.source, r.id))

    def _missing_meeting(self, q: Query, hits: list[Hit]) -> str | None:
        """The meeting the question names (第40回, 2025年3月の審議会) when no ingested record is of it and the best
        passage does not mention it either: "第40回でどうなった?" is not answered from 第39回."""
        months = sorted(q.months) if q.month_names_meeting else []
        if not q.session_nums and not months and not q.meeting_months:
            return None
        c = self.corpus
        named = self.corpus.meetings_of_places(q.places)
        meetings = named if named is not None else range(len(c.meetings))
        if not q.session_nums and not months:  # "3月の審議会": a meeting of that month, any year
            dates = (c.meetings[mi].meeting_date for mi in meetings)
            if any(d and int(d[5:7]) in q.meeting_months for d in dates):
                return None
            return "・".join(f"{m}月" for m in sorted(q.meeting_months))
        if any(names_meeting(c, q, mi) for mi in meetings):
            return None
        if hits and names_session(hits[0].passage, q.session_nums):
            return None
        if q.session_nums:
            return "・".join(f"第{n}回" for n in sorted(q.session_nums, key=int))
        return "・".join(f"{y}年{m}月" for y, m in months)

    def _letter_head(self, q: Query, r: Ranked) -> bool:
        """「答申っていつ出た?」「宛先は?」 and the hit is the head of a 答申 saying it, of the matter the question names
        (by its words, or by its number alone: 「1276号っていつ答申出た?」)."""
        c = self.corpus
        if not (q.letter_fact and r.typed and c.letter_parts(np.array([r.pos]), q.letter_fact)[0]):
            return False
        meeting = int(c.meeting[r.pos])
        # the head names the matter by its title, not by the words of its parts: the question's words found elsewhere
        # in the 答申 (context credit, ``W.CONSULTATION_CREDIT``) name it as well
        return (r.coverage >= W.CONSULTATION_CREDIT * W.COVER_MIN
                or any(c.meeting_of_consultation(m) == meeting for m in self._label_matches(q)))

    def _meeting_header(self, q: Query, r: Ranked) -> bool:
        """The hit is the header of the meeting (or 答申) the question names, and says what it asks (a time, a place)."""
        c = self.corpus
        if not r.typed or int(c.kinds[r.pos]) != KIND_CODE["header"]:
            return False
        if names_meeting(c, q, int(c.meeting[r.pos])):
            return True
        council = c.meetings[int(c.meeting[r.pos])].council or ""
        # 「この審査会の会長って誰?」「答申の宛先って誰?」: naming no meeting but the kind of record, whose head the best hit
        # is (a 審査会's 答申; a 審議会's minutes name no 審査会)
        if q.names_no_meeting and (("審査会" in q.norm and "審査会" in council)
                                   or ("答申" in q.norm and bool(c.in_letter(np.array([r.pos]))[0]))):
            return True
        about = int(c.about[r.pos])  # the head of a 答申 the question names by its number
        return about >= 0 and any(m.id == about for m in self._label_matches(q))

    def ask(self, question: str, context_consultation_id: int | None = None,
            scheduled_meetings: Sequence[Any] = ()) -> Answer:
        q = self._read(question)
        if q.intent == "next_meeting":
            if scheduled_meetings:
                return next_meeting_answer(q, scheduled_meetings)
            # no meeting scheduled here: what the minutes said of it (「桜川町の次の審査会いつ?」: its minutes; naming
            # no council, the latest minutes), and when they say nothing, that none is scheduled
            as_next_in_minutes(q)
            q.latest_meeting = q.latest_meeting or not q.places
            said = self._answer(q, context_consultation_id)
            return said if said.found or q.places else next_meeting_answer(q, [])
        return self._answer(q, context_consultation_id)

    def _answer(self, q: Query, context_consultation_id: int | None) -> Answer:
        if q.ordinal is not None and context_consultation_id is None:  # 「2つ目の諮問」: of the meeting meant
            context_consultation_id = self._nth(q)
        if len(self.corpus) == 0 and not self.corpus.consultations:  # nothing ingested yet: say so, not "not found"
            return empty_kb(q)
        unknown = [p for p in q.places if p not in self.corpus.places and not self._mentioned(p)]
        if q.intent == "pending":
            if unknown:
                return not_found(q, [], place=unknown[0])
            known = [p for p in q.places if p in self.corpus.places]
            return pending_answer(q, self.pending(known), self.corpus, known[0] if known else None)
        if q.meeting_fact == "agenda" and not unknown:
            agenda = self._agenda(q)
            if agenda:
                return agenda_answer(q, agenda, self.corpus)
        ranked = self.ranker.rank(q, context_consultation_id, k=10)
        hits = [self._hit(r) for r in ranked]
        if unknown:
            return not_found(q, hits, place=unknown[0])
        missing = self._missing_meeting(q, hits)
        if missing is not None:
            return not_found(q, hits, meeting=missing)
        weights = self._weights(q)
        scored = [Scored(h, r.pos, r.coverage) for h, r in zip(hits, ranked, strict=True)]
        label_only = q.names_consultation and not any(not c.soft for c in q.concepts) and q.wants is None
        if q.intent == "outcome" or label_only:  # "12号の件は?": how it ended; "88号は何月何日付?": that fact
            c = self._resolve(q, ranked, context_consultation_id)
            if c is not None:
                support = self._outcome_passage(c.id) or next((s for s in scored if s.hit.consultation_id == c.id), None)
                if support is not None:  # the evidence of the answer comes first
                    hits = [support.hit, *(h for h in hits if h.passage_id != support.hit.passage_id)]
                return outcome_answer(q, c, support, hits, self.corpus, weights, self._namesakes(q, c))
        places = self.corpus.meetings_of_places(q.places)
        sessions = self.corpus.meetings_numbered(q.session_nums, places) or None  # 第31回: from it, or naming it
        if q.next_in_minutes and q.latest_meeting and sessions is None:  # 次の審議会いつ?: the latest minutes say it
            latest = self.corpus.latest_minutes(q.places)
            sessions = {latest} if latest is not None else None
        # 「甕ヶ瀬の件、諮問いつだっけ?」: no word but the step, the date asked and the place; the date beside the step
        # in that place's record answers (its coverage of no content word says nothing)
        step_only = (q.event is not None and bool(q.places) and q.wants is not None
                     and not any(not c.soft and c.word != q.event.word for c in q.concepts))
        # 「58号の付言、何を求めてた?」: the requests of the consultation it names answer it, whatever words it asks with
        said_requests = (q.asks_requests and q.names_consultation and ranked
                         and int(self.corpus.kinds[ranked[0].pos]) == KIND_CODE["request"]
                         and self._names_consultation_of(q, ranked[0].pos))
        answers = [s for s, r in zip(scored, ranked, strict=True)
                   if (r.coverage >= W.COVER_MIN or step_only or (said_requests and r is ranked[0])) and r.typed
                   and not (q.after_answer and self.corpus.in_letter(np.array([r.pos]))[0])  # a 答申 tells nothing of what followed it
                   and (places is None or int(self.corpus.meeting[r.pos]) in places)
                   and (sessions is None or int(self.corpus.meeting[r.pos]) in sessions
                        or names_session(self.corpus.texts[r.pos], q.session_nums))]
        if answers and answers[0] is scored[0]:
            return fact_answer(q, scored[0], hits, self.corpus, weights, others=answers[1:])
        if scored and (q.meeting_fact and self._meeting_header(q, ranked[0]) or self._letter_head(q, ranked[0])):
            return fact_answer(q, scored[0], hits, self.corpus, weights)
        return not_found(q, hits)
