"""Ranking passages for a parsed question.

1. BM25 over Sudachi terms (the question's words, their sub-terms, thesaurus alternatives at a lower
   weight) plus BM25 over character bigrams as a fallback for words Sudachi cuts differently.
2. The best candidates are re-scored by *coverage*: the idf-weighted share of the question's concepts the
   passage contains (by word, by all its parts, by an alternative, or by most of its bigrams). A passage that
   answers the question covers its concepts; a neighbour that merely repeats one of them does not.
3. Boosts for the meeting, municipality, date or consultation label named in the question, and for the
   consultation of the conversation (thread follow-ups).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from knowledge.boosts import boosts
from knowledge.corpus import KINDS, Corpus, split_turns
from knowledge.query import Concept, Query
from knowledge.tokenize import normalize, query_units
from knowledge.wareki import normalize_numbers

BIGRAM_WEIGHT = 0.3
ALT_WEIGHT = 0.6
PART_WEIGHT = 0.4
SOFT_WEIGHT = 0.25
SINGLE_CHAR_SHARE = 0.3  # a one-character word (機, 票) says little on its own
VERB_SHARE = 0.5  # verbs and adjectives count for less than nouns in coverage
CANDIDATES = 300
COMMON_BIGRAM = 0.25
QA_CHECKED = 40  # top candidates whose Q&A question is compared with the user's
QA_TURN = 0.5  # bonus for a Q&A pair whose question asks all of the user's question
SOFT_SHARE = 0.25  # weight of question words (理由, 方法) in the ranking coverage
TITLE_CREDIT = 1.0  # a concept in the title of the passage's consultation
CONSULTATION_CREDIT = 0.8  # a concept found elsewhere in the passage's consultation (its topic: in several passages)
FOCUS_CREDIT = 0.4  # ... in a single other passage: that passage, not this one, is about it
TOPIC_SPREAD = 2
MEETING_CREDIT = 0.25  # ... elsewhere in the passage's minutes
TYPE_CHECKED = 30  # candidates checked for the answer type
TYPE_MISS = 0.6  # score factor for a passage without what the question asks for
_KIND = {k: i for i, k in enumerate(KINDS)}
_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass
class Ranked:
    """A passage (by position in the corpus) with its final score and how much of the question it covers."""

    pos: int
    score: float
    coverage: float
    bm25: float
    typed: bool = True  # the passage contains what the question asks for (a number with its unit, ...)


@lru_cache(maxsize=4096)
def _alt_terms(alt: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((u.word, u.parts) for u in query_units(alt))


def _term_weights(q: Query) -> dict[str, float]:
    weights: dict[str, float] = {}

    def put(term: str, w: float) -> None:
        weights[term] = max(weights.get(term, 0.0), w)

    for c in q.concepts:
        base = SOFT_WEIGHT if c.soft else 1.0
        put(c.word, base)
        for p in c.parts:
            put(p, base * PART_WEIGHT)
        for alt in c.alts:
            for word, parts in _alt_terms(alt):
                put(word, base * ALT_WEIGHT)
                for p in parts:
                    put(p, base * ALT_WEIGHT * PART_WEIGHT)
    return weights


def _present(postings: np.ndarray, cands: np.ndarray) -> np.ndarray:
    if postings.size == 0:
        return np.zeros(cands.size, dtype=bool)
    pos = np.minimum(np.searchsorted(postings, cands), postings.size - 1)
    return postings[pos] == cands


class Ranker:
    def __init__(self, corpus: Corpus) -> None:
        self.c = corpus
        self.index = corpus.index

    def _word_present(self, term: str, cands: np.ndarray) -> np.ndarray:
        tid = self.index.word_id(term)
        if tid is None:
            return np.zeros(cands.size, dtype=bool)
        return _present(self.index.words.postings(tid), cands)

    def _bigram_share(self, text: str, cands: np.ndarray) -> np.ndarray:
        """Share of the bigrams of ``text`` each candidate contains."""
        ids = self.index.bigram_ids(text) if self.index.bigrams is not None else []
        if not ids:
            return np.zeros(cands.size, dtype=np.float32)
        hits = np.zeros(cands.size, dtype=np.float32)
        for bid in ids:
            if bid is not None:
                hits += _present(self.index.bigrams.postings(bid), cands)  # type: ignore[union-attr]
        return hits / len(ids)

    def concept_weight(self, c: Concept) -> float:
        return self.index.words.idf_of(self.index.word_id(c.word))

    def concept_match(self, c: Concept, cands: np.ndarray, tables: tuple[np.ndarray, ...]) -> np.ndarray:
        """How well each candidate (or its consultation, its meeting) contains the concept (0..1)."""
        return np.maximum(self.direct_match(c, cands), self._context_match(c, cands, tables))

    def direct_match(self, c: Concept, cands: np.ndarray) -> np.ndarray:
        """How well each candidate's own text contains the concept (0..1)."""
        m = self._word_present(c.word, cands).astype(np.float32)
        for alt in c.alts:
            units = _alt_terms(alt)
            if units:
                alt_hit = np.ones(cands.size, dtype=bool)
                for word, _parts in units:
                    alt_hit &= self._word_present(word, cands)
                m = np.maximum(m, alt_hit * 0.9)
        if c.parts:
            all_parts = np.ones(cands.size, dtype=bool)
            long_parts = [p for p in c.parts if len(p) > 1]  # a one-character suffix (録画+機) is optional
            for p in long_parts or c.parts:
                hit = self._word_present(p, cands)
                for alt in _alt_terms_of_part(p):
                    hit |= self._word_present(alt, cands)
                all_parts &= hit
            m = np.maximum(m, all_parts * 0.8)
        if len(c.word) >= 2 and not c.word.isascii():
            share = self._bigram_share(c.word, cands)
            m = np.maximum(m, np.where(share >= 0.99, 0.75, np.where(share >= 0.6, 0.5 * share, 0.0)))
        return m

    def _context_match(self, c: Concept, cands: np.ndarray, tables: tuple[np.ndarray, ...]) -> np.ndarray:
        """Credit for a concept the passage lacks but its consultation (or its meeting) mentions elsewhere.

        A concept in the consultation's title names the consultation, not a passage: every passage of it
        gets full credit, so that within a consultation the question's other words decide.
        """
        words = (c.word, *c.alts)
        if self.index.word_id(c.word) is None and c.parts:  # not a word of the corpus: its rarest part
            words = (*words, max(c.parts, key=lambda p: self.index.words.idf_of(self.index.word_id(p))))
        ids = [self.index.word_id(w) for w in words]
        postings = [self.index.words.postings(t) for t in ids if t is not None]
        credit = np.zeros(cands.size, dtype=np.float32)
        if not postings:
            return credit
        c = self.c
        meetings = c.meeting[cands]
        starts, ends = c.meeting_start[meetings], c.meeting_end[meetings]
        ucids, slot, tpos, tgrp, cpos, cgrp, ipos = tables
        for post in postings:  # each sorted by position: ranges and small sets are looked up, never unioned
            in_meeting = np.searchsorted(post, ends) > np.searchsorted(post, starts)
            credit = np.maximum(credit, np.where(in_meeting, MEETING_CREDIT, 0.0).astype(np.float32))
            if ucids.size:
                t_hit = np.bincount(tgrp[_present(post, tpos)], minlength=ucids.size) > 0
                c_count = np.bincount(cgrp[_present(post, cpos)], minlength=ucids.size)
                topic = (c_count >= TOPIC_SPREAD) | _present(post, ipos)
                per = np.where(t_hit, TITLE_CREDIT, np.where(topic, CONSULTATION_CREDIT,
                                                             np.where(c_count > 0, FOCUS_CREDIT, 0.0))).astype(np.float32)
                credit = np.maximum(credit, np.where(slot >= 0, per[np.maximum(slot, 0)], 0.0))
        return credit

    def _cons_tables(self, cands: np.ndarray) -> tuple[np.ndarray, ...]:
        """For the candidates' consultations: their ids, each candidate's slot, and the positions of their
        titles and passages with the slot each belongs to (computed once per candidate set)."""
        c = self.c
        cand_cons = c.consultation[cands]
        ucids = np.unique(cand_cons[cand_cons >= 0])
        slot = np.where(cand_cons >= 0, np.searchsorted(ucids, cand_cons), -1)
        titles = [c.title_positions.get(int(cid), _EMPTY) for cid in ucids]
        passages = [c.cons_positions.get(int(cid), _EMPTY) for cid in ucids]
        tpos = np.concatenate(titles) if titles else _EMPTY
        tgrp = np.repeat(np.arange(ucids.size), [t.size for t in titles]) if titles else _EMPTY
        cpos = np.concatenate(passages) if passages else _EMPTY
        cgrp = np.repeat(np.arange(ucids.size), [p.size for p in passages]) if passages else _EMPTY
        return ucids, slot, tpos, tgrp, cpos, cgrp, self._intro_positions(passages)

    def _intro_positions(self, passages: list[np.ndarray]) -> np.ndarray:
        """Each consultation's first explanation passage (本諮問は…): it states what the consultation is about.

        Returned in consultation (slot) order: ``_present`` of a posting list over it gives, per slot, whether
        the intro contains the term."""
        body = _KIND["body"]
        out = np.full(len(passages), -1, dtype=np.int64)
        for i, pos in enumerate(passages):
            if pos.size:
                first = pos[self.c.kinds[pos] == body][:1]
                if first.size:
                    out[i] = first[0]
        return out

    def bm25(self, q: Query) -> np.ndarray:
        scores = np.zeros(len(self.c), dtype=np.float32)
        for term, w in _term_weights(q).items():
            tid = self.index.word_id(term)
            if tid is not None:
                self.index.words.add_scores(scores, tid, w)
        if self.index.bigrams is not None:
            hard = [c.word for c in q.concepts if not c.soft] or [c.word for c in q.concepts]
            common = COMMON_BIGRAM * self.index.n_docs  # bigrams in a quarter of all passages say nothing
            ids = [b for word in hard for b in self.index.bigram_ids(word)
                   if b is not None and self.index.bigrams.df[b] <= common]
            if ids:
                share = BIGRAM_WEIGHT / max(1.0, len(ids) / max(1, len(hard)))
                for bid in ids:
                    self.index.bigrams.add_scores(scores, bid, share)
        return scores

    def _coverage_weight(self, c: Concept) -> float:
        return self.concept_weight(c) * (1.0 if c.noun else VERB_SHARE) * (SINGLE_CHAR_SHARE if len(c.word) == 1 else 1.0)

    def coverage(self, q: Query, cands: np.ndarray) -> np.ndarray:
        hard = [c for c in q.concepts if not c.soft]
        if not hard:
            return np.zeros(cands.size, dtype=np.float32)
        total = np.zeros(cands.size, dtype=np.float32)
        weight_sum = 0.0
        tables = self._cons_tables(cands)
        for c in hard:
            w = self._coverage_weight(c)
            total += w * self.concept_match(c, cands, tables)
            weight_sum += w
        return total / weight_sum

    def soft_coverage(self, q: Query, cands: np.ndarray, cov: np.ndarray) -> np.ndarray:
        """Coverage for ranking: the question words (理由, 方法, ...) count a little when present."""
        soft = [c for c in q.concepts if c.soft]
        hard_sum = sum(self._coverage_weight(c) for c in q.concepts if not c.soft)
        if not soft:
            return cov
        total = cov * hard_sum
        weight_sum = hard_sum
        for c in soft:
            w = self._coverage_weight(c) * SOFT_SHARE
            total = total + w * self._word_present(c.word, cands)
            weight_sum += w
        return total / weight_sum if weight_sum else cov

    def question_turn_bonus(self, q: Query, cands: np.ndarray, prelim: np.ndarray) -> np.ndarray:
        """A Q&A pair whose question (its first line) asks what the user asks is the user's own question."""
        bonus = np.ones(cands.size, dtype=np.float32)
        hard = [c for c in q.concepts if not c.soft]
        if not hard:
            return bonus
        weights = [self._coverage_weight(c) for c in hard]
        total = sum(weights)
        for i in np.argsort(-prelim)[:QA_CHECKED]:
            if self.c.kinds[cands[i]] != _KIND["qa"]:
                continue
            first = normalize(self._question_part(int(cands[i])))
            share = sum(w for c, w in zip(hard, weights, strict=True) if _in_text(first, c)) / total
            bonus[i] += QA_TURN * share
        return bonus

    def _question_part(self, pos: int) -> str:
        """The question of a Q&A passage: its QAPair's question when found, else the first line."""
        text = self.c.texts[pos]
        cons = self.c.consultations.get(int(self.c.consultation[pos]))
        head = _compact(text[:80])
        for pair in cons.qa if cons else ():
            start = _compact(pair.question[:20])
            if len(start) >= 6 and start in head:
                return pair.question
        turns = split_turns(text)
        return turns[0] if turns else text

    def boosts(self, q: Query, cands: np.ndarray, context_consultation_id: int | None) -> np.ndarray:
        return boosts(self.c, q, cands, context_consultation_id)

    def rank(self, q: Query, context_consultation_id: int | None = None, k: int = 10) -> list[Ranked]:
        if len(self.c) == 0:
            return []
        scores = self.bm25(q)
        n = min(CANDIDATES, scores.size)
        cands = np.argpartition(-scores, n - 1)[:n] if n < scores.size else np.arange(scores.size)
        cands = cands[scores[cands] > 0]
        if cands.size == 0:
            return []
        cands = np.sort(cands)
        base = scores[cands]
        cov = self.coverage(q, cands)
        final = np.sqrt(base / float(base.max())) * (0.1 + self.soft_coverage(q, cands, cov)) ** 2
        final *= self.boosts(q, cands, context_consultation_id)
        final *= self.question_turn_bonus(q, cands, final)
        typed = np.ones(cands.size, dtype=bool)
        if q.wants is not None:
            top = np.argsort(-final, kind="stable")[:TYPE_CHECKED]
            typed[top] = [bool(q.wants.search(normalize_numbers(self.c.texts[cands[i]]).lower())) for i in top]
            final = final * np.where(typed, 1.0, TYPE_MISS)
        order = np.argsort(-final, kind="stable")[:k]
        return [Ranked(int(cands[i]), float(final[i]), float(cov[i]), float(base[i]), bool(typed[i])) for i in order]


def _compact(text: str) -> str:
    return "".join(normalize(text).split())


def _in_text(text: str, c: Concept) -> bool:
    if c.word in text or any(a in text for a in c.alts):
        return True
    return bool(c.parts) and all(p in text for p in c.parts)


@lru_cache(maxsize=4096)
def _alt_terms_of_part(part: str) -> tuple[str, ...]:
    from knowledge.synonyms import alternatives

    return tuple(w for alt in alternatives(part) for w, _ in _alt_terms(alt))
