"""Score factors for what a question names besides its words: the municipality, the meeting (第N回), the date,
the consultation label, the consultation of the conversation, the kind of passage, a term being defined."""

from __future__ import annotations

import re

import numpy as np

from knowledge import weights as W
from knowledge.corpus import Corpus
from knowledge.lineage import superseded
from knowledge.model import KIND_CODE
from knowledge.query import Query
from knowledge.tokenize import normalize
from knowledge.wareki import find_date, normalize_numbers

LATER_CHECKED = 30  # top candidates checked for a later record
_DEFERS = re.compile(r"予定(?:である|です|だ)|次回|後日|追って|改めて|持ち帰|今後検討|検討(?:する|します|したい)")


def boosts(c: Corpus, q: Query, cands: np.ndarray, context_consultation_id: int | None, *, names: bool = True,
           kinds: bool = True) -> np.ndarray:
    """Score factors for what the question names (municipality, meeting, date, label, thread, definition:
    ``names``) and for the kind of passage (``kinds``)."""
    boost = np.ones(cands.size, dtype=np.float32)
    if names:
        boost *= _named(c, q, cands, context_consultation_id)
    if kinds:
        boost *= _kind_priors(c, q, cands)
    return boost


def _named(c: Corpus, q: Query, cands: np.ndarray, context_consultation_id: int | None) -> np.ndarray:
    boost = np.ones(cands.size, dtype=np.float32)
    meetings = c.meeting[cands]
    wanted = c.meetings_of_places(q.places)
    if wanted is not None:
        boost *= np.where(np.isin(meetings, list(wanted)), 1.5, 0.4)
    if q.session_nums:
        # 第31回 names a meeting of the corpus: another is less likely
        other = W.OTHER_SESSION if c.meetings_numbered(q.session_nums, wanted) else 0.6
        for i, mi in enumerate(meetings):
            nums = c.meetings[mi].session_nums()
            if nums:
                boost[i] *= 1.4 if nums & q.session_nums else other
    if q.latest_meeting:  # 「こないだの審議会」「委員は何人出てた?」: the latest minutes, another meeting less likely
        latest = c.latest_minutes(q.places)
        if latest is not None:
            boost *= np.where(meetings == latest, 1.4, W.OTHER_SESSION)
    if q.years and not q.asks_date:  # "2010年の何月何日?": the year of the date asked, not of the meeting
        for i, mi in enumerate(meetings):
            date = c.meetings[mi].meeting_date
            if date:
                y, mo = int(date[:4]), int(date[5:7])
                boost[i] *= 1.3 if y in q.years else 0.6
                if q.months:
                    boost[i] *= 1.3 if (y, mo) in q.months else 0.8
    if q.names_consultation:
        named = {cid for cid, (nums, kana) in c.label_keys.items() if (nums & q.label_nums) or (kana & q.label_kana)}
        other = W.OTHER_LABEL if named else 0.7  # a label no matter bears may be read wrongly: a mild factor
        for i, cid in enumerate(c.about[cands]):
            if int(cid) in named:
                boost[i] *= 2.0
            else:
                boost[i] *= other if cid >= 0 else 0.85
    if context_consultation_id is not None:
        boost *= np.where(c.consultation[cands] == context_consultation_id, 1.3, 1.0)
    if q.defines:
        rx = re.compile(re.escape(q.defines) + r"\s*(?:[「(（]|とは|について)|[「(（]\s*" + re.escape(q.defines))
        for i, p in enumerate(cands.tolist()):  # cheap check first: the raw text must mention the term at all
            text = c.texts[p]
            if q.defines in text.lower() or q.defines.upper() in text:
                if rx.search(normalize(text)):
                    boost[i] *= 1.5
    return boost


def _kind_priors(c: Corpus, q: Query, cands: np.ndarray) -> np.ndarray:
    boost = np.ones(cands.size, dtype=np.float32)
    kinds = c.kinds[cands]
    if q.intent == "outcome":
        boost *= np.where(kinds == KIND_CODE["outcome"], 1.5, np.where(kinds == KIND_CODE["title"], 1.2, 1.0))
    else:  # a title names the matter and answers no question on it; a Q&A pair is a better unit than a paragraph
        boost *= np.where(kinds == KIND_CODE["title"], W.TITLE_PRIOR, np.where(kinds == KIND_CODE["qa"], W.QA_PRIOR, 1.0))
    header = W.MEETING_FACT if q.meeting_fact or q.counts_attendance else W.HEADER_PRIOR
    if q.wants is not None and not q.meeting_fact:  # the head of a 答申 (its one matter's) says its dates, to whom
        header = np.where(c.about[cands] >= 0, W.MEETING_FACT if q.asks_answer_date else 1.0, header)
    boost *= np.where(kinds == KIND_CODE["header"], header, 1.0)
    if q.letter_fact and q.letter_fact != "date" and q.wants is not None:  # 宛先は? 諮問の番号は?: the head saying it
        for i in np.flatnonzero(c.letter_parts(cands, q.letter_fact)).tolist():
            if q.wants.search(normalize_numbers(c.texts[int(cands[i])])):
                boost[i] *= W.LETTER_DATE
    if q.asks_letter_date:  # 答申っていつ出た?: the head passage with the letter's own date, not 「…付けで諮問」's
        for i in np.flatnonzero(c.letter_heads(cands)).tolist():
            found = find_date(c.texts[int(cands[i])])
            own = c.meetings[int(c.meeting[cands[i]])].meeting_date
            own_date = found is not None and found.value is not None and found.value.isoformat() == own
            boost[i] *= W.LETTER_DATE if own_date else 1 / W.LETTER_DATE
    return boost


_OF_LETTER = re.compile(r"答申|審査会")  # the head of a 答申, not of minutes


def names_meeting(c: Corpus, q: Query, mi: int) -> bool:
    """The question names this meeting: by municipality, date or session, and nothing it names contradicts."""
    m = c.meetings[mi]
    wanted = c.meetings_of_places(q.places)
    checks: list[bool] = []
    if wanted is not None:
        checks.append(mi in wanted)
    date = m.meeting_date
    if q.years:
        checks.append(bool(date) and int(date[:4]) in q.years)  # type: ignore[index]
    if q.months:
        checks.append(bool(date) and (int(date[:4]), int(date[5:7])) in q.months)  # type: ignore[index]
    if q.meeting_months and not q.months:  # 「10月の会」: a meeting of that month, any year
        checks.append(bool(date) and int(date[5:7]) in q.meeting_months)  # type: ignore[index]
    if q.session_nums:
        checks.append(bool(m.session_nums() & q.session_nums))
    if q.latest_meeting or (q.meeting_fact and q.names_no_meeting and not _OF_LETTER.search(q.norm)):
        # 「こないだの審議会」, or a question on the meeting naming none (「会長って誰だっけ」): the latest minutes
        checks.append(c.latest_minutes(q.places) == mi)
    return bool(checks) and all(checks)


def later_preference(c: Corpus, cands: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Score factors preferring, of two records of one matter among the top candidates, the later one."""
    factor = np.ones(cands.size, dtype=np.float32)
    top = np.argsort(-scores, kind="stable")[:LATER_CHECKED]
    cids = {int(c.consultation[cands[i]]) for i in top}
    later = superseded([c.consultations[i] for i in cids if i in c.consultations])
    for i in top:
        if int(c.consultation[cands[i]]) in later:
            factor[i] = W.SUPERSEDED * (W.DEFERRED if _DEFERS.search(normalize(c.texts[cands[i]])) else 1.0)
    return factor


def named_headers(c: Corpus, q: Query) -> np.ndarray:
    """Positions of the header passages of the meetings the question names (``names_meeting``)."""
    out = [np.arange(c.meeting_start[mi], c.meeting_end[mi]) for mi in range(len(c.meetings)) if names_meeting(c, q, mi)]
    pos = np.concatenate(out) if out else np.zeros(0, dtype=np.int64)
    return pos[c.kinds[pos] == KIND_CODE["header"]]


def named_consultations(c: Corpus, q: Query) -> np.ndarray:
    """Positions of the title and outcome passages of the consultations whose label the question names
    ("12号の件どうなった?", "イの件"): candidates even when the question has no other word to search with."""
    if not q.names_consultation:
        return np.zeros(0, dtype=np.int64)
    named = [cid for cid, (nums, kana) in c.label_keys.items() if (nums & q.label_nums) or (kana & q.label_kana)]
    out = [c.passages_of(cid) for cid in named]
    pos = np.concatenate(out).astype(np.int64) if out else np.zeros(0, dtype=np.int64)
    return pos[np.isin(c.kinds[pos], (KIND_CODE["title"], KIND_CODE["outcome"]))]
