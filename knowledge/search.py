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

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from knowledge import weights as W
from knowledge.asked_dates import beside
from knowledge.boosts import (
    boosts,
    later_preference,
    named_consultations,
    named_headers,
    names_meeting,
)
from knowledge.corpus import Corpus
from knowledge.model import KIND_CODE
from knowledge.parties import APPLICANT
from knowledge.query import Concept, Query, names_a_meeting, year_mentions
from knowledge.structure_text import compact
from knowledge.tokenize import normalize, query_units
from knowledge.wareki import normalize_numbers

PREFETCHED = 40  # texts read by the checks on the top candidates (question turn, later record, answer type)
CANDIDATES = 300
EXPAND_FROM = 3  # the best candidates whose consultations' passages all join the candidates
LETTER_SOURCES = 30  # best candidates whose 答申 heads join the candidates of 「答申っていつ出た?」
MEMBER_SOURCES = 10  # ... whose 答申's member lists join those of 「1276号を担当した委員って誰?」 (their texts are read)
REQUEST_HEAD = 16  # characters of a recorded request that a passage must hold to say it
TYPE_CHECKED = 30  # candidates checked for the answer type
TYPE_ROUNDS = 4  # ... again among those rising into the top when the checked ones miss it



_EMPTY = np.zeros(0, dtype=np.int64)
_SENTENCE = re.compile(r"[^。\n]+")
_NAMES_REQUEST = re.compile(r"(?:要望|附帯意見|付帯意見)(?:として|を)(?:付|附)")  # 「…要望として付したい」: no request's words
_NEXT_MEETING = re.compile(r"次回|次の(?:会議|審議会|審査会|会合)")


@dataclass(frozen=True)
class Parts:
    """The parts of the ranking, each switchable for the ablation (``benchmarks/ablation.py``)."""

    bigrams: bool = True  # BM25 over character bigrams beside Sudachi terms; a word's bigrams in coverage
    thesaurus: bool = True  # the question's words' alternatives (knowledge.synonyms)
    title_match: bool = True  # a passage of the consultation whose title matches the question
    coverage: bool = True  # re-scoring by the idf-weighted share of the question's concepts a passage covers
    context: bool = True  # ... counting a concept the passage's consultation (or meeting) has elsewhere
    focus: bool = True  # scoring down a passage without the words that single out one passage of its consultation
    names: bool = True  # the municipality, meeting, date, label or thread the question names
    kinds: bool = True  # priors per kind of passage (a Q&A pair, the header, the title, the outcome)
    later: bool = True  # of two records of one matter, the later one
    answer_type: bool = True  # the passage holds what the question asks for (a date, a number with its unit)
    type_year: bool = True  # ... a date in the year the question names (2010年の何月何日?)


ALL_PARTS = Parts()


@dataclass
class Ranked:
    """A passage (by position in the corpus) with its final score and how much of the question it covers."""

    pos: int
    score: float
    coverage: float
    bm25: float
    typed: bool = True  # the passage contains what the question asks for (a number with its unit, ...)
    focus: float = 1.0  # share of the question's focus words (see ``Ranker.coverage``) the passage contains


@lru_cache(maxsize=4096)
def _alt_terms(alt: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((u.word, u.parts) for u in query_units(alt))


def _term_weights(q: Query) -> dict[str, float]:
    weights: dict[str, float] = {}

    def put(term: str, w: float) -> None:
        weights[term] = max(weights.get(term, 0.0), w)

    for c in q.concepts:
        base = W.SOFT_WEIGHT if c.soft else 1.0
        put(c.word, base)
        for p in c.parts:
            put(p, base * W.PART_WEIGHT)
        for alt in c.alts:
            for word, parts in _alt_terms(alt):
                put(word, base * W.ALT_WEIGHT)
                for p in parts:
                    put(p, base * W.ALT_WEIGHT * W.PART_WEIGHT)
    return weights


def _present(postings: np.ndarray, cands: np.ndarray) -> np.ndarray:
    if postings.size == 0:
        return np.zeros(cands.size, dtype=bool)
    pos = np.minimum(np.searchsorted(postings, cands), postings.size - 1)
    return postings[pos] == cands


class Ranker:
    def __init__(self, corpus: Corpus, parts: Parts = ALL_PARTS) -> None:
        self.c = corpus
        self.index = corpus.index
        self.parts = parts
        self.trace: dict[str, np.ndarray] | None = None  # set to a dict to get each candidate's factors (fitting)

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
        if c.parts and not _prefix_lost(c):
            all_parts = np.ones(cands.size, dtype=bool)
            long_parts = [p for p in c.parts if len(p) > 1]  # a one-character suffix (録画+機) is optional
            for p in long_parts or c.parts:
                hit = self._word_present(p, cands)
                for alt in _alt_terms_of_part(p):
                    hit |= self._word_present(alt, cands)
                all_parts &= hit
            m = np.maximum(m, all_parts * 0.8)
        if len(c.word) >= 2 and not c.word.isascii() and self.parts.bigrams:
            share = self._bigram_share(c.word, cands)
            m = np.maximum(m, np.where(share >= 0.99, 0.75, np.where(share >= 0.6, 0.5 * share, 0.0)))
        return m

    def _context_match(self, c: Concept, cands: np.ndarray,
                       tables: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray]:
        """Credit for a concept the passage lacks but its consultation (or its meeting) mentions elsewhere,
        and where the passage's consultation has it: 2 in its title, intro or several passages (a *topic* word),
        1 in a single passage, 0 nowhere.

        A concept in the consultation's title names the consultation, not a passage: every passage of it
        gets full credit, so that within a consultation the question's other words decide.
        """
        words = (c.word, *c.alts)
        if self.index.word_id(c.word) is None and c.parts and not _prefix_lost(c):  # its rarest part
            words = (*words, max(c.parts, key=lambda p: self.index.words.idf_of(self.index.word_id(p))))
        ids = [self.index.word_id(w) for w in words]
        postings = [self.index.words.postings(t) for t in ids if t is not None]
        credit = np.zeros(cands.size, dtype=np.float32)
        where = np.zeros(cands.size, dtype=np.int8)
        ucids, slot, tpos, tgrp, cpos, cgrp, ipos = tables
        written = self._written_in(c.word, cpos, tpos)
        if written is not None:  # 技能職 written inside 技能職員 (cut 技能/職員): where it is, as direct_match reads it
            postings.append(written)
        if ids[0] is None and not c.parts and ucids.size:  # a word Sudachi reads inside a longer one of the title
            titled = np.array([c.word in normalize(self.c.consultations[int(u)].title) for u in ucids])  # 部活 in 部活動
            hit = (slot >= 0) & titled[np.maximum(slot, 0)]
            credit, where = np.where(hit, W.TITLE_CREDIT, 0.0).astype(np.float32), np.where(hit, 2, 0).astype(np.int8)
        if not postings:
            return credit, where
        c = self.c
        meetings = c.meeting[cands]
        starts, ends = c.meeting_start[meetings], c.meeting_end[meetings]
        for post in postings:  # each sorted by position: ranges and small sets are looked up, never unioned
            in_meeting = np.searchsorted(post, ends) > np.searchsorted(post, starts)
            credit = np.maximum(credit, np.where(in_meeting, W.MEETING_CREDIT, 0.0).astype(np.float32))
            if ucids.size:
                t_hit = np.bincount(tgrp[_present(post, tpos)], minlength=ucids.size) > 0
                c_count = np.bincount(cgrp[_present(post, cpos)], minlength=ucids.size)
                topic = (c_count >= W.TOPIC_SPREAD) | _present(post, ipos)
                per = np.where(t_hit, W.TITLE_CREDIT, np.where(topic, W.CONSULTATION_CREDIT,
                                                             np.where(c_count > 0, W.FOCUS_CREDIT, 0.0))).astype(np.float32)
                credit = np.maximum(credit, np.where(slot >= 0, per[np.maximum(slot, 0)], 0.0))
                state = np.where(t_hit | topic, 2, np.where(c_count > 0, 1, 0))
                where = np.maximum(where, np.where(slot >= 0, state[np.maximum(slot, 0)], 0).astype(np.int8))
        return credit, where

    def _written_in(self, word: str, *within: np.ndarray) -> np.ndarray | None:
        """Those of the positions ``within`` holding every character bigram of ``word`` (three or more kanji or
        kana, none of its bigrams too common to be kept), sorted: where it is written, whatever Sudachi cut there;
        None for a word not read this way."""
        if len(word) < 3 or word.isascii() or not self.parts.bigrams or self.index.bigrams is None:
            return None
        ids = self.index.bigram_ids(word)
        if not ids or any(i is None for i in ids):
            return None
        out = np.concatenate(within)
        for i in ids:
            out = out[_present(self.index.bigrams.postings(i), out)]  # type: ignore[union-attr,arg-type]
        return np.unique(out)

    def _cons_tables(self, cands: np.ndarray) -> tuple[np.ndarray, ...]:
        """For the candidates' consultations: their ids, each candidate's slot, and the positions of their
        titles and passages with the slot each belongs to (computed once per candidate set)."""
        c = self.c
        cand_cons = c.about[cands]
        ucids = np.unique(cand_cons[cand_cons >= 0])
        slot = np.where(cand_cons >= 0, np.searchsorted(ucids, cand_cons), -1)
        titles = [c.title_positions.get(int(cid), _EMPTY) for cid in ucids]
        passages = [c.cons_positions.get(int(cid), _EMPTY) for cid in ucids]
        tpos = np.concatenate(titles) if titles else _EMPTY
        tgrp = np.repeat(np.arange(ucids.size), [t.size for t in titles]) if titles else _EMPTY
        cpos = np.concatenate(passages) if passages else _EMPTY
        cgrp = np.repeat(np.arange(ucids.size), [p.size for p in passages]) if passages else _EMPTY
        return ucids, slot, tpos, tgrp, cpos, cgrp, self._intro_positions(passages)

    def _letter_parts(self, cands: np.ndarray, fact: str) -> np.ndarray:
        """The passages of the 答申 the candidates are in that say what is asked (``Corpus.letter_parts``)."""
        c = self.c
        heads = [np.arange(c.meeting_start[mi], c.meeting_end[mi]) for mi in np.unique(c.meeting[cands]).tolist()]
        pos = np.concatenate(heads) if heads else _EMPTY
        if fact == "members":  # read only the 答申 among them
            pos = pos[c.in_letter(pos)]
            prefetch(c.texts, pos)
        return pos[c.letter_parts(pos, fact)]

    def _intro_positions(self, passages: list[np.ndarray]) -> np.ndarray:
        """Each consultation's first explanation passage (本諮問は…): it states what the consultation is about.

        Returned in consultation (slot) order: ``_present`` of a posting list over it gives, per slot, whether
        the intro contains the term."""
        body = KIND_CODE["body"]
        out = np.full(len(passages), -1, dtype=np.int64)
        for i, pos in enumerate(passages):
            if pos.size:
                first = pos[self.c.kinds[pos] == body][:1]
                if first.size:
                    out[i] = first[0]
        return out

    def _title_scores(self, scores: np.ndarray, cands: np.ndarray) -> np.ndarray:
        """Per candidate, the score of the title of the consultation it is about (0 without one): a question
        naming the matter finds each of its passages, and within it the question's other words decide."""
        about = self.c.about[cands]
        out = np.zeros(cands.size, dtype=np.float32)
        for cid in np.unique(about[about >= 0]).tolist():
            titles = self.c.title_positions.get(int(cid))
            if titles is not None and titles.size:
                out[about == cid] = float(scores[titles].max())
        return out

    def bm25(self, q: Query) -> np.ndarray:
        scores = np.zeros(len(self.c), dtype=np.float32)
        for term, w in _term_weights(q).items():
            tid = self.index.word_id(term)
            if tid is not None:
                self.index.words.add_scores(scores, tid, w)
        if self.index.bigrams is not None and self.parts.bigrams:
            hard = [c.word for c in q.concepts if not c.soft] or [c.word for c in q.concepts]
            common = W.COMMON_BIGRAM * self.index.n_docs  # bigrams in a quarter of all passages say nothing
            ids = [b for word in hard for b in self.index.bigram_ids(word)
                   if b is not None and self.index.bigrams.df[b] <= common]
            if ids:
                share = W.BIGRAM_WEIGHT / max(1.0, len(ids) / max(1, len(hard)))
                for bid in ids:
                    self.index.bigrams.add_scores(scores, bid, share)
        return scores

    def _coverage_weight(self, c: Concept) -> float:
        unknown = W.UNKNOWN_SHARE if self.index.word_id(c.word) is None else 1.0  # the asker's word, in no passage
        return (self.concept_weight(c) * (1.0 if c.noun else W.VERB_SHARE)
                * (W.SINGLE_CHAR_SHARE if len(c.word) == 1 else 1.0) * unknown)

    def coverage(self, q: Query, cands: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each candidate's coverage of the question, and the share of its focus words it contains (1: none).

        The focus words of a question, for a candidate, are those a single passage of its consultation has:
        within the consultation the topic words say nothing, the focus words tell which passage answers. A
        passage without them (the consultation's intro, a neighbouring Q&A pair) is scored down.
        """
        hard = [c for c in q.concepts if not c.soft]
        ones = np.ones(cands.size, dtype=np.float32)
        if not hard:
            return np.zeros(cands.size, dtype=np.float32), ones
        total = np.zeros(cands.size, dtype=np.float32)
        focus_sum = np.zeros(cands.size, dtype=np.float32)
        focus_hit = np.zeros(cands.size, dtype=np.float32)
        weight_sum = 0.0
        tables = self._cons_tables(cands)
        named = self._in_named_meeting(q, cands)
        # a 答申 is about one matter: a word anywhere in it names that matter for each of its passages (the 経過's
        # steps, the members, the head), as a consultation's topic does for the passages of minutes
        letter = self.c.in_letter(cands)
        for c in hard:
            w = self._coverage_weight(c)
            direct = self.direct_match(c, cands)
            if named is not None and names_a_meeting(c.word):  # "12月の会": every passage of that meeting
                direct = np.maximum(direct, named)
            context, where = self._context_match(c, cands, tables)
            context = np.where(letter & (context > 0), np.maximum(context, W.CONSULTATION_CREDIT), context)
            if not self.parts.context:
                context = np.zeros_like(context)
            total += w * np.maximum(direct, context)
            weight_sum += w
            focus = (where == 1) | ((where == 0) & _in_slot(tables[1], direct > 0, tables[0].size))
            focus_sum += np.where(focus, w, 0.0)
            focus_hit += np.where(focus, w * direct, 0.0)
        share = np.divide(focus_hit, focus_sum, out=ones.copy(), where=focus_sum > 0)
        return total / weight_sum, np.where(tables[1] >= 0, share, 1.0).astype(np.float32)

    def _in_named_meeting(self, q: Query, cands: np.ndarray) -> np.ndarray | None:
        """1 for the candidates of the meetings the question names by date or session (12月の会, 第31回), else 0;
        None when it names none that way."""
        if not (q.years or q.months or q.session_nums or q.meeting_months):
            return None
        c = self.c
        places = c.meetings_of_places(q.places)
        meetings = [mi for mi in (places if places is not None else range(len(c.meetings)))
                    if (not (q.years or q.months or q.session_nums) or names_meeting(c, q, mi))
                    and (not q.meeting_months or _month_of(c.meetings[mi].meeting_date) in q.meeting_months)]
        if not meetings:
            return None
        return np.isin(c.meeting[cands], meetings).astype(np.float32)

    def soft_coverage(self, q: Query, cands: np.ndarray, cov: np.ndarray) -> np.ndarray:
        """Coverage for ranking: the question words (理由, 方法, ...) count a little when present."""
        soft = [c for c in q.concepts if c.soft]
        hard_sum = sum(self._coverage_weight(c) for c in q.concepts if not c.soft)
        if not soft:
            return cov
        total = cov * hard_sum
        weight_sum = hard_sum
        for c in soft:
            w = self._coverage_weight(c) * W.SOFT_SHARE
            total = total + w * self._word_present(c.word, cands)
            weight_sum += w
        return total / weight_sum if weight_sum else cov

    def _says_requests(self, cands: np.ndarray, top: np.ndarray) -> np.ndarray:
        """Score factors: REQUESTS for a top candidate holding the words of a request its consultation records, its
        inverse for one only naming them."""
        c = self.c
        factor = np.ones(cands.size, dtype=np.float32)
        prefetch(c.texts, top)
        for pos in top.tolist():
            rec = c.consultations.get(int(c.consultation[pos]))
            if rec is None or not rec.requests:
                continue
            text = compact(c.texts[pos])
            if any(compact(r)[:REQUEST_HEAD] in text for r in rec.requests if not _NAMES_REQUEST.search(r)):
                factor[np.searchsorted(cands, pos)] = W.REQUESTS
            elif _NAMES_REQUEST.search(text):  # 「この要望を付して承認」: names the requests, says none of them
                factor[np.searchsorted(cands, pos)] = 1 / W.REQUESTS
        return factor

    def _fragments(self, cands: np.ndarray, top: np.ndarray) -> np.ndarray:
        """Score factors for a fragment among the top candidates: a heading or a scrap of layout alone
        (「１　審査会の結論」, 「についての諮問 別紙 答申」, 「・」), which answers nothing whatever words it has."""
        factor = np.ones(cands.size, dtype=np.float32)
        keep = (KIND_CODE["outcome"], KIND_CODE["title"])
        for pos in top.tolist():
            if self.c.kinds[pos] not in keep and len(compact(self.c.texts[pos])) < W.FRAGMENT_CHARS:
                factor[np.searchsorted(cands, pos)] = W.FRAGMENT
        return factor

    def _asked_by(self, asker: str, cands: np.ndarray, top: np.ndarray) -> np.ndarray:
        """Score factors for the top candidates opened by the speaker the question names (【松原副会長】, 中川委員：)."""
        factor = np.ones(cands.size, dtype=np.float32)
        for pos in top.tolist():
            if asker in normalize(self.c.texts[pos][: W.SPEAKER_CHARS]):
                factor[np.searchsorted(cands, pos)] = W.ASKER
        return factor

    def boosts(self, q: Query, cands: np.ndarray, context_consultation_id: int | None) -> np.ndarray:
        return boosts(self.c, q, cands, context_consultation_id, names=self.parts.names, kinds=self.parts.kinds)

    def rank(self, q: Query, context_consultation_id: int | None = None, k: int = 10) -> list[Ranked]:
        if len(self.c) == 0:
            return []
        if not self.parts.thesaurus:
            q = replace(q, concepts=[replace(c, alts=()) for c in q.concepts])
        scores = self.bm25(q)
        n = min(CANDIDATES, scores.size)
        cands = np.argpartition(-scores, n - 1)[:n] if n < scores.size else np.arange(scores.size)
        cands = cands[scores[cands] > 0]
        if cands.size and self.parts.context:  # the matters the best candidates are of: all their passages compete
            best = cands[np.argsort(-scores[cands], kind="stable")[:EXPAND_FROM]]
            matters = np.unique(self.c.about[best])
            cands = np.union1d(cands, np.concatenate([self.c.passages_of(int(m)) for m in matters if m >= 0] or [_EMPTY]))
        headers = named_headers(self.c, q) if q.meeting_fact else _EMPTY
        cands = np.union1d(cands, headers)  # the answer is in them whatever words they use
        if q.names_consultation and not any(not c.soft for c in q.concepts):  # "12号の件どうなった?": the label alone
            cands = np.union1d(cands, named_consultations(self.c, q))
        if (q.letter_fact or q.asks_answer_date) and cands.size:  # 答申っていつ出た? 宛先は? 諮問っていつ?: the head
            sources = LETTER_SOURCES if q.letter_fact != "members" else MEMBER_SOURCES  # of the 答申 says it in no word asked
            cands = np.union1d(cands, self._letter_parts(cands[np.argsort(-scores[cands])[:sources]], q.letter_fact))
        if cands.size == 0:
            return []
        cands = np.sort(cands)
        base = scores[cands]
        if self.parts.title_match:
            base = np.maximum(base, W.TITLE_SHARE * self._title_scores(scores, cands))
        cov, focus = self.coverage(q, cands)
        letter = self.c.letter_parts(cands, q.letter_fact) if q.letter_fact else None  # the parts saying the fact
        if letter is not None:  # the head of a 答申 names its matter by title, never a detail of it
            focus = np.where(letter, 1.0, focus).astype(np.float32)
        top = float(base.max())  # 0 when only the named meetings' headers are candidates: they count alike
        relative = (base / top) ** W.BM25_POWER if top > 0 else np.ones_like(base, dtype=float)
        soft_cov = self.soft_coverage(q, cands, cov)
        final = relative * (0.1 + soft_cov) ** W.COVERAGE_POWER if self.parts.coverage else relative
        trace = self.trace
        if trace is not None:
            trace.clear()
            trace.update(cands=cands, bm25=np.log(np.maximum(base / top, 1e-6)) if top > 0 else np.zeros(cands.size),
                         coverage=np.log(0.1 + soft_cov))
        if self.parts.focus:
            final *= W.FOCUS_FLOOR + (1.0 - W.FOCUS_FLOOR) * focus
            if trace is not None:
                trace["focus"] = np.log(W.FOCUS_FLOOR + (1.0 - W.FOCUS_FLOOR) * focus)
        if q.defines:  # the definition check reads every candidate's text: fetch them in one batch
            prefetch(self.c.texts, cands)
        final *= self.boosts(q, cands, context_consultation_id)
        if trace is not None:
            trace["names"] = np.log(boosts(self.c, q, cands, context_consultation_id, kinds=False))
            trace["kinds"] = np.log(boosts(self.c, q, cands, context_consultation_id, names=False))
        if q.party and self.parts.names:  # 「申立人は何て言ってた?」: in a 答申, the applicant's parts
            marks = self.c.parties[cands]
            final *= np.where((marks == 0) | (marks & q.party > 0), 1.0, W.OTHER_PARTY)
            if q.party == APPLICANT:  # 「請求人はどう言ってた?」: only a 答申 has an applicant; minutes say nothing of one
                final *= np.where(self.c.in_letter(cands), 1.0, W.OTHER_PARTY)
        if q.asks_requests and self.parts.kinds:  # 「付けた要望って何?」: the passage saying the requests, not naming them
            final *= self._says_requests(cands, cands[np.argsort(-final, kind="stable")[:PREFETCHED]])
        top_now = cands[np.argsort(-final, kind="stable")[:PREFETCHED]]
        prefetch(self.c.texts, top_now)
        if self.parts.kinds:  # a fragment is a kind of passage that answers nothing
            final *= self._fragments(cands, top_now)
        if q.asker and self.parts.names:  # 「副会長が聞いてた…」: the turn that speaker opens
            final *= self._asked_by(q.asker, cands, top_now)
        if self.parts.later:
            later = later_preference(self.c, cands, final)
            final *= later
            if trace is not None:
                trace["later"] = np.log(later)
        if headers.size:  # above the best passage: what they say (a time, a place) decides among them below
            final = np.where(np.isin(cands, headers), max(float(final.max()), 1e-6) * W.NAMED_HEADER, final)
        if letter is not None and q.letter_fact != "date" and q.names_consultation:  # 「1276号の委員って誰?」: its list
            named = np.isin(self.c.meeting[cands], self.c.meeting[named_consultations(self.c, q)])
            told = named & letter
            final = np.where(told, max(float(final.max()), 1e-6) * W.NAMED_HEADER, final)
        typed = np.ones(cands.size, dtype=bool)
        far = np.zeros(cands.size)  # 1 where the typed expression is a date outside the year the question names
        astray = np.zeros(cands.size)  # 1 where no date stands beside the step the question asks the date of
        if q.wants is not None and self.parts.answer_type:
            years = year_mentions(q.years) if q.years and q.asks_date and self.parts.type_year else None
            event = q.event is not None and self.parts.type_year and bool(self.direct_match(q.event, cands).any())
            checked = np.zeros(cands.size, dtype=bool)
            for _ in range(TYPE_ROUNDS):  # the checked ones that miss fall below: check those rising into the top
                order = np.argsort(-final, kind="stable")
                if checked.any() and checked[order[:k]].all():
                    break
                top = order[:TYPE_CHECKED]
                top = top[~checked[top]]
                prefetch(self.c.texts, cands[top])
                for i in top:
                    text = normalize_numbers(self.c.texts[cands[i]]).lower()
                    typed[i] = q.wants.search(text) is not None
                    if typed[i] and q.next_in_minutes:  # 次回は7月下旬: the date in the sentence on the next meeting
                        typed[i] = any(q.wants.search(s) for s in _SENTENCE.findall(text) if _NEXT_MEETING.search(s))
                    if typed[i] and years is not None and not years.search(text):  # 2010年の何月何日: in that year
                        far[i] = 1
                    if typed[i] and event and not beside(text, q.wants, q.event):  # type: ignore[arg-type]
                        astray[i] = 1
                checked[top] = True
                final[top] = final[top] * W.TYPE_FAR ** far[top] * W.EVENT_FAR ** astray[top] * np.where(typed[top], 1.0, W.TYPE_MISS)
            typed &= checked  # never checked: not known to hold what is asked
            typed &= astray == 0  # a date of another step does not answer 「諮問っていつ?」
        if trace is not None:
            trace.update(untyped=(~typed).astype(float), far=far, final=final.copy(),
                         header=np.isin(cands, headers).astype(float))
        if q.extreme and final.size:  # 「最後に審議したのはいつ?」: of passages tied at the top, the last one in its record
            best = int(np.argmax(final))
            tied = np.flatnonzero((final >= final[best] * W.TIED) & (self.c.meeting[cands] == self.c.meeting[cands[best]]))
            if tied.size > 1:
                pick = tied[np.argmax(cands[tied] * q.extreme)]
                final[pick] = final[best] * (1 + 1e-6)
        order = np.argsort(-final, kind="stable")[:k]
        return [Ranked(int(cands[i]), float(final[i]), float(cov[i]), float(base[i]), bool(typed[i]), float(focus[i]))
                for i in order]


def _month_of(date: str | None) -> int:
    return int(date[5:7]) if date else 0


def prefetch(texts: object, positions: np.ndarray) -> None:
    """Ask a lazy, database-backed text sequence for these texts in one round trip (a list needs nothing)."""
    fetch = getattr(texts, "prefetch", None)
    if fetch is not None:
        fetch(positions.tolist())


def _in_slot(slot: np.ndarray, hit: np.ndarray, n: int) -> np.ndarray:
    """Per candidate: whether some candidate of its consultation (slot) has ``hit`` (False without one)."""
    has = np.zeros(n + 1, dtype=bool)
    has[np.where(hit & (slot >= 0), slot, n)] = True
    has[n] = False
    return has[np.where(slot >= 0, slot, n)]


def _prefix_lost(c: Concept) -> bool:
    """The concept's parts lack its one-character prefix (再委託 -> 委託): they do not stand for it."""
    joined = "".join(c.parts)
    return len(c.word) == len(joined) + 1 and c.word.endswith(joined)


@lru_cache(maxsize=4096)
def _alt_terms_of_part(part: str) -> tuple[str, ...]:
    from knowledge.synonyms import alternatives

    return tuple(w for alt in alternatives(part) for w, _ in _alt_terms(alt))
