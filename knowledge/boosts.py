"""Score factors for what a question names besides its words: the municipality, the meeting (第N回), the date,
the consultation label, the consultation of the conversation, the kind of passage, a term being defined."""

from __future__ import annotations

import re

import numpy as np

from knowledge.corpus import KINDS, Corpus
from knowledge.query import Query
from knowledge.tokenize import normalize

QA_PRIOR = 1.1  # a Q&A pair is a better unit than a paragraph of explanation
_KIND = {k: i for i, k in enumerate(KINDS)}


def boosts(c: Corpus, q: Query, cands: np.ndarray, context_consultation_id: int | None) -> np.ndarray:
    """Score factors for what the question names: municipality, meeting, date, label, thread, definition."""
    boost = np.ones(cands.size, dtype=np.float32)
    meetings = c.meeting[cands]
    known = [p for p in q.places if p in c.places]
    if known:
        wanted = set().union(*(c.places[p] for p in known))
        boost *= np.where(np.isin(meetings, list(wanted)), 1.5, 0.4)
    if q.session_nums:
        for i, mi in enumerate(meetings):
            nums = c.meetings[mi].session_nums()
            if nums:
                boost[i] *= 1.4 if nums & q.session_nums else 0.6
    if q.years:
        for i, mi in enumerate(meetings):
            date = c.meetings[mi].meeting_date
            if date:
                y, mo = int(date[:4]), int(date[5:7])
                boost[i] *= 1.3 if y in q.years else 0.6
                if q.months:
                    boost[i] *= 1.3 if (y, mo) in q.months else 0.8
    if q.names_consultation:
        for i, cid in enumerate(c.consultation[cands]):
            nums, kana = c.label_keys.get(int(cid), (set(), set()))
            if (nums & q.label_nums) or (kana & q.label_kana):
                boost[i] *= 2.0
            else:
                boost[i] *= 0.7 if cid >= 0 else 0.85
    if context_consultation_id is not None:
        boost *= np.where(c.consultation[cands] == context_consultation_id, 1.3, 1.0)
    kinds = c.kinds[cands]
    if q.intent == "outcome":
        boost *= np.where(kinds == _KIND["outcome"], 1.5, np.where(kinds == _KIND["title"], 1.2, 1.0))
    else:
        boost *= np.where(kinds == _KIND["title"], 0.85, np.where(kinds == _KIND["qa"], QA_PRIOR, 1.0))
    if q.defines:
        rx = re.compile(re.escape(q.defines) + r"\s*(?:[「(（]|とは|について)|[「(（]\s*" + re.escape(q.defines))
        for i, p in enumerate(cands.tolist()):  # cheap check first: the raw text must mention the term at all
            text = c.texts[p]
            if q.defines in text.lower() or q.defines.upper() in text:
                if rx.search(normalize(text)):
                    boost[i] *= 1.5
    return boost
