"""The searchable corpus: passages in compact columns, their meetings and consultations, and the BM25 index.

Records are not kept as objects (at 10,000 minutes that would cost more than the index): each passage keeps
its text, kind, meeting and consultation as small integers into shared tables.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from knowledge.index import Index
from knowledge.model import KIND_CODE, ConsultationRecord, PassageRecord
from knowledge.parties import PartyMarks
from knowledge.query import SESSION_RE
from knowledge.structure_text import OCR_KANA
from knowledge.texts import Fetch, LazyTexts
from knowledge.tokenize import normalize

_NUM = re.compile(r"\d+")
_KANA = re.compile(r"([ア-ン])(?![ァ-ヶー])")
_MINUTES_HEAD = re.compile(r"会議録|議事録|要旨|要録|要点記録|日\s*時|開催日|場\s*所")  # how minutes open, not a 答申


@dataclass(frozen=True)
class MeetingInfo:
    """What passages of one document share."""

    source: str
    council: str | None
    municipality: str | None
    session: str | None
    meeting_date: str | None

    def label(self) -> str:
        """Display label, e.g. "吹田市個人情報保護審議会 第74回（2022-01-21）"."""
        name = " ".join(x for x in (self.council, self.session) if x) or self.source
        return f"{name}（{self.meeting_date}）" if self.meeting_date else name

    def session_nums(self) -> set[str]:
        return set(_session_nums(self.session, self.source))

    def place_names(self) -> set[str]:
        names = {normalize(x) for x in (self.municipality,) if x}
        council = normalize(self.council or "")
        m = re.match(r"(.{1,8}?[都道府県市区町村])(?=個人情報|情報公開|審議会|行政|公文書|情報|$)", council)
        if m:
            names.add(m.group(1))
        stems = {n[:-1] for n in names if len(n) >= 3}
        return names | stems


@lru_cache(maxsize=1 << 16)
def _session_nums(session: str | None, source: str) -> frozenset[str]:
    """The meeting numbers of a session (令和5年度第1回（通算第31回）: 1 and 31) and of its file's name (a file is
    often named by its running number: 2024-07_第36回_要点記録.md). Cached: every question naming a 第N回 asks it
    of every meeting."""
    named = f"{session or ''} {source.rsplit('/', 1)[-1]}"
    return frozenset(str(int(n)) for n in SESSION_RE.findall(normalize(named)))


_RANGE = re.compile(r"第?(\d+)号?\s*(?:から|〜|～|~|-|－)\s*第?(\d+)号")
RANGE_MAX = 200  # numbers a label's range may span


def label_keys(label: str | None) -> tuple[set[str], set[str]]:
    """(numbers, kana letters) a consultation label answers to: "諮問第10号" -> ({"10"}, set())."""
    if not label:
        return set(), set()
    norm = normalize(label).translate(OCR_KANA)
    nums = {str(int(n)) for n in _NUM.findall(norm)}
    for m in _RANGE.finditer(norm):  # 答申第2201号から第2233号まで: every number of the range (2218号の件)
        lo, hi = int(m.group(1)), int(m.group(2))
        if 0 < hi - lo <= RANGE_MAX:
            nums |= {str(n) for n in range(lo, hi + 1)}
    kana = set(_KANA.findall(norm.replace("諮問事項", "").replace("諮問", "").replace("案件", "")))
    return nums, kana


_ANSWER_NO = re.compile(r"答申第?(\d+)号")


def _with_answer_number(keys: tuple[set[str], set[str]], session: str | None) -> tuple[set[str], set[str]]:
    """A 答申 answers to its own number too (答申第88号 on 諮問第142号): members name it by either."""
    m = _ANSWER_NO.search(normalize(session or ""))
    return (keys[0] | {str(int(m.group(1)))}, keys[1]) if m else keys


class StoredPassages:
    """Passages streamed from a store that can fetch their texts again by id (``fetch``).

    The corpus reads the texts once to build the index, then keeps only the ids: ``Corpus.texts`` becomes a
    ``LazyTexts`` reading the few texts search needs on demand.
    """

    def __init__(self, records: Iterable[tuple[PassageRecord, str | list[str]]], fetch: Fetch) -> None:
        self.records = records
        self.fetch = fetch

    def __iter__(self) -> Iterator[tuple[PassageRecord, str | list[str]]]:
        return iter(self.records)


# the members of a 審査会 who signed a 答申, listed: 「委員 藤原静雄、委員 金井惠里可」「会長 三辺夏雄 委員 …」
_MEMBER_LIST = re.compile(r"(?:委員|会長|部会長)[ 　]*[一-龥々]{1,4}[ 　]?[一-龥々]{0,4}[、,，\s]+(?:委員|会長|部会長)[ 　]*[一-龥々]{2}")


@dataclass
class Prebuilt:
    """The parts of a corpus built before (e.g. loaded from the index cache); the corpus takes them as they are
    instead of reading passages. Iterating it yields nothing: it stands where the passages would."""

    index: Index
    ids: np.ndarray
    kinds: np.ndarray
    meeting: np.ndarray
    consultation: np.ndarray
    meetings: list[MeetingInfo]
    texts: Sequence[str]
    parties: np.ndarray

    def __iter__(self) -> Iterator[tuple[PassageRecord, str | list[str]]]:
        return iter(())


class Corpus:
    """Passages (by position 0..n-1), meetings, consultations and the index over them.

    ``passages`` is an iterable of (record, stored terms); a ``StoredPassages`` makes the texts lazy once the
    index is built, and a ``Prebuilt`` restores a corpus without reading passages at all.
    """

    def __init__(self, consultations: Iterable[ConsultationRecord],
                 passages: Iterable[tuple[PassageRecord, str | list[str]]], *, bigrams: bool = True) -> None:
        self.consultations: dict[int, ConsultationRecord] = {c.id: c for c in consultations}
        self.texts: Sequence[str]
        self.meetings: list[MeetingInfo]
        if isinstance(passages, Prebuilt):
            self.meetings = list(passages.meetings)
            self.index, self.texts = passages.index, passages.texts
            self.ids, self.kinds = passages.ids, passages.kinds
            self.meeting, self.consultation = passages.meeting, passages.consultation
            self.parties = passages.parties
            self._tables()
            return
        self.meetings = []
        self._meeting_of: dict[MeetingInfo, int] = {}
        self._texts: list[str] = []
        self.texts = self._texts
        self._ids, self._kinds, self._meetings, self._cons = array("q"), array("b"), array("i"), array("q")
        self._parties, self._marks = array("b"), PartyMarks()
        # the index reads the stored terms as they stream in; records are never all held at once
        self.index = Index(self.texts, self._read(passages), bigrams=bigrams)
        for c in self.consultations.values():  # meetings with consultations but no passages
            self._meeting_index(MeetingInfo(c.source, c.council, c.municipality, c.session, c.meeting_date))
        self.ids = np.frombuffer(self._ids, dtype=np.int64).copy()
        self.kinds = np.frombuffer(self._kinds, dtype=np.int8).copy()
        self.meeting = np.frombuffer(self._meetings, dtype=np.int32).copy()
        self.consultation = np.frombuffer(self._cons, dtype=np.int64).copy()
        self.parties = np.frombuffer(self._parties, dtype=np.int8).copy()  # knowledge.parties: whose words
        del self._ids, self._kinds, self._meetings, self._cons, self._meeting_of, self._parties, self._marks
        if isinstance(passages, StoredPassages):
            self.texts = LazyTexts(self.ids, passages.fetch)
        del self._texts
        self._tables()

    def _tables(self) -> None:
        """Lookups derived from the columns and meetings (cheap; recomputed when a corpus is restored)."""
        self.meeting_of_source = {m.source: i for i, m in enumerate(self.meetings)}
        self.places: dict[str, set[int]] = {}
        for i, m in enumerate(self.meetings):
            for name in m.place_names():
                self.places.setdefault(name, set()).add(i)
        self.label_keys = {cid: _with_answer_number(label_keys(c.label), c.session)
                           for cid, c in self.consultations.items()}
        self.about = self._about()
        self._positions()

    def _about(self) -> np.ndarray:
        """The consultation each passage is about: its own, or, for a passage outside any (the head of a 答申:
        its number, date and addressee), the one consultation of its document when there is exactly one."""
        about = self.consultation.copy()
        single: dict[int, int] = {}
        for cid, c in self.consultations.items():
            mi = self.meeting_of_source.get(c.source)
            if mi is not None:
                single[mi] = -1 if mi in single else cid
        outside = np.flatnonzero(about < 0)
        if outside.size and single:
            lookup = np.full(len(self.meetings), -1, dtype=np.int64)
            for mi, cid in single.items():
                lookup[mi] = cid
            about[outside] = lookup[self.meeting[outside]]
        return about

    def _meeting_index(self, info: MeetingInfo) -> int:
        mi = self._meeting_of.get(info)
        if mi is None:
            mi = self._meeting_of[info] = len(self.meetings)
            self.meetings.append(info)
        return mi

    def _read(self, passages: Iterable[tuple[PassageRecord, str | list[str]]]) -> Iterator[str | list[str]]:
        body = KIND_CODE["body"]
        for rec, terms in passages:
            mi = self._meeting_index(MeetingInfo(rec.source, rec.council, rec.municipality, rec.session,
                                                 rec.meeting_date))
            self._texts.append(rec.text)
            self._ids.append(rec.id)
            self._kinds.append(KIND_CODE.get(rec.kind, body))
            self._meetings.append(mi)
            self._cons.append(rec.consultation_id if rec.consultation_id is not None else -1)
            self._parties.append(self._marks.mark(mi, rec.text))
            yield terms

    def _positions(self) -> None:
        """Where each consultation's passages (and its title) and each meeting's passages are."""
        order = np.argsort(self.consultation, kind="stable")
        sorted_cons = self.consultation[order]
        cids, starts = np.unique(sorted_cons, return_index=True)
        bounds = [*starts.tolist(), sorted_cons.size]
        self.cons_positions = {int(c): order[bounds[i]:bounds[i + 1]] for i, c in enumerate(cids) if c >= 0}
        titles = np.flatnonzero(self.kinds == KIND_CODE["title"])
        self.title_positions: dict[int, np.ndarray] = {}
        for pos in titles.tolist():
            cid = int(self.consultation[pos])
            if cid >= 0:
                self.title_positions[cid] = np.append(self.title_positions.get(cid, np.zeros(0, np.int64)), pos)
        m = len(self.meetings)
        first, last = _first_positions(self.meeting, m), _last_positions(self.meeting, m)
        self.meeting_start = np.where(first >= 0, first, 0)
        self.meeting_end = np.where(last >= 0, last + 1, 0)  # passages of a document are contiguous

    def __len__(self) -> int:
        return len(self.texts)

    def meetings_of_places(self, places: Iterable[str]) -> set[int] | None:
        """The meetings of the municipalities among ``places`` that the corpus knows; None when it knows none
        (a question naming 藤沢市 is about 藤沢市's meetings; one naming no known place, about any)."""
        known = [self.places[p] for p in places if p in self.places]
        return set().union(*known) if known else None

    def latest_minutes(self, places: Iterable[str]) -> int | None:
        """The latest meeting with minutes (not a 答申) of the municipalities among ``places`` (any when the corpus
        knows none of them): 「こないだの審議会」. Minutes open with what a 答申 does not: 日時, 場所, 会議録."""
        key = tuple(sorted(set(places)))
        cache: dict[tuple[str, ...], int | None] = self.__dict__.setdefault("_latest_cache", {})
        if key not in cache:
            cache[key] = self._latest_minutes(key)
        return cache[key]

    def _latest_minutes(self, places: tuple[str, ...]) -> int | None:
        wanted = self.meetings_of_places(places)
        dated = sorted(((m.meeting_date, mi) for mi, m in enumerate(self.meetings)
                        if m.meeting_date and (wanted is None or mi in wanted)), reverse=True)
        for _date, mi in dated:
            start, end = int(self.meeting_start[mi]), int(self.meeting_end[mi])
            if end > start and _MINUTES_HEAD.search(self.texts[start][:300]):
                return mi
        return None

    def letter_heads(self, positions: np.ndarray) -> np.ndarray:
        """Which of ``positions`` are the head of a 答申 (header passages about its one consultation)."""
        return (self.kinds[positions] == KIND_CODE["header"]) & (self.about[positions] >= 0)

    def in_letter(self, positions: np.ndarray) -> np.ndarray:
        """Which of ``positions`` are in a 答申 (their document opens with the head of a 答申)."""
        return self.letter_heads(self.meeting_start[self.meeting[np.asarray(positions)]])

    def letter_parts(self, positions: np.ndarray, fact: str | None = None) -> np.ndarray:
        """Which of ``positions`` say what a question asks of a 答申 as a whole (``Query.letter_fact``): its head or
        the passage right after it (「…第633号による次の諮問について、別紙のとおり答申します」, when the head's layout
        cut it off); for its members, the passage listing them (「委員 藤原静雄、委員 金井惠里可」)."""
        positions = np.asarray(positions)
        if fact == "members":
            in_letter = self.in_letter(positions)
            listed = np.array([_MEMBER_LIST.search(self.texts[int(p)]) is not None for p in positions], dtype=bool)
            return in_letter & listed if positions.size else in_letter
        prev = np.maximum(positions - 1, 0)
        after = (positions > 0) & self.letter_heads(prev) & (self.meeting[prev] == self.meeting[positions])
        return self.letter_heads(positions) | after

    def meetings_numbered(self, nums: set[str], places: set[int] | None) -> set[int]:
        """The meetings (of ``places``, else any) whose numbers (第31回, the file name's) include one of ``nums``."""
        if not nums:
            return set()
        return {mi for mi in (places if places is not None else range(len(self.meetings)))
                if self.meetings[mi].session_nums() & nums}

    def meeting_of_consultation(self, c: ConsultationRecord) -> int | None:
        return self.meeting_of_source.get(c.source)

    def passages_of(self, consultation_id: int) -> np.ndarray:
        return self.cons_positions.get(consultation_id, np.zeros(0, dtype=np.int64))


def _first_positions(values: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, -1, dtype=np.int64)
    out[values[::-1]] = np.arange(values.size - 1, -1, -1)
    return out


def _last_positions(values: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, -1, dtype=np.int64)
    out[values] = np.arange(values.size)
    return out


_ANSWER_LINE = re.compile(r"^\s*(?:→|⇒|(?:実施機関|事務局|回答|答|説明員|担当課?)\s*[：:]|[〔\[【(（][^〕\]】)）]{1,12}[〕\]】)）])")
_MARKERS = ("- ", "・", "●", "○", "◯", "■", "□")


def split_turns(text: str) -> tuple[str, str] | None:
    """(question, answer) of a Q&A passage by its layout, when no QAPair says where the answer starts.

    The answer starts at the first later line opening like an answer (→, 実施機関：, 〔課名〕 ...) or with
    the bullet the question opened with; else at the second line.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return None
    first = lines[0].lstrip()
    marker = next((m for m in _MARKERS if first.startswith(m)), None)
    for i in range(1, len(lines)):
        line = lines[i].lstrip()
        if (marker and line.startswith(marker)) or _ANSWER_LINE.match(line):
            return "\n".join(lines[:i]), "\n".join(lines[i:])
    return lines[0], "\n".join(lines[1:])
