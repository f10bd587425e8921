"""Plain data records shared by parse -> structure -> index -> search.

These are the contract between the knowledge pipeline and everything around it (storage, CLI, Slack).
They carry no database or Slack types: ``bot.storage`` maps them to tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from knowledge.doc_warnings import DocWarning

# decided: the text records a conclusion; pending: it records 継続審議/再審議/次回審議; unknown: it records neither
# (a 答申 not yet ingested, or a parse to correct) — listed beside the pending ones for the secretariat to check.
ConsultationStatus = Literal["pending", "decided", "unknown"]
STATUSES: tuple[ConsultationStatus, ...] = ("pending", "decided", "unknown")
DocKind = Literal["minutes", "toshin"]
PassageKind = Literal["title", "outcome", "qa", "request", "body", "header"]
# Every passage kind, in the order of their codes in the index (the index cache stores the codes).
KINDS: tuple[PassageKind, ...] = ("title", "outcome", "qa", "request", "body", "header")
KIND_CODE: dict[str, int] = {k: i for i, k in enumerate(KINDS)}


@dataclass
class QAPair:
    """One exchange: a member's question (or remark) and the department's answer."""

    question: str
    answer: str
    asker: str | None = None  # e.g. "委員", "小林会長"
    answerer: str | None = None  # e.g. "納税課", "事務局"
    start: int = 0  # character offset of the question in the document text
    end: int = 0


@dataclass
class Consultation:
    """One 諮問 as found in a document."""

    label: str  # as written: "諮問事項ア", "諮問第10号", "案件(1)", "第1050号"
    title: str
    department: str | None = None
    kind: str | None = None  # 目的外利用, 本人以外収集, 外部委託, 電子計算機処理, 指定管理者, 特定個人情報保護評価, 条例改正, ...
    status: ConsultationStatus = "unknown"
    outcome: str = ""  # e.g. "可", "適当（要望あり）", "継続審議（追加資料の提出待ち）"; "" when unknown
    reason: str | None = None  # why pending (e.g. "予定時間超過のため次回審議")
    requests: list[str] = field(default_factory=list)  # 要望/意見/付帯意見
    qa: list[QAPair] = field(default_factory=list)
    start: int = 0  # span of the consultation's section in the document text
    end: int = 0


@dataclass
class Meeting:
    """The meeting (or, for a 答申, the letter) a document records."""

    council: str | None = None  # "市川市個人情報保護審議会"
    municipality: str | None = None  # "市川市"
    session: str | None = None  # "令和4年度第2回", "第74回"
    date: str | None = None  # ISO "2022-12-20"; None when missing or impossible
    date_text: str | None = None  # as written: "令和4年12月20日(火)"
    start_time: str | None = None  # "15:00"
    end_time: str | None = None  # "15:53"
    place: str | None = None
    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    chair: str | None = None
    secretariat: list[str] = field(default_factory=list)


@dataclass
class Passage:
    """A unit of text for search, tied to its position and (optionally) to a consultation."""

    text: str
    start: int
    end: int
    kind: PassageKind = "body"
    consultation_index: int | None = None  # index into ParsedDocument.consultations


ToshinPart = Literal["conclusion", "request", "explanation", "opinion", "reasons"]
TOSHIN_PARTS: tuple[ToshinPart, ...] = ("conclusion", "request", "explanation", "opinion", "reasons")


@dataclass
class CourseRow:
    """One row of a 答申's proceedings (《参考》審査会の経過): a date, what was done, at which meeting."""

    date_text: str  # as written, without spaces: "平成19年11月２日"; 〓 where a step was printed over it
    steps: list[str] = field(default_factory=list)  # "実施機関からの事情聴取", "審議"
    meeting: str | None = None  # "第49回第三部会" (several joined by "、")
    date: str | None = None  # ISO; None when the date cannot be read


@dataclass
class Toshin:
    """The parts of a 答申 letter (頭書, then 1 結論, 2 趣旨, 3 実施機関の説明, 4 申立人の意見, 5 判断, 委員,
    《参考》審査会の経過).

    Spans are offsets into ``ParsedDocument.text`` of each part's text, its heading left out (None when the part
    is missing)."""

    number: str | None = None  # "答申第1003号", "答申第2201号から第2233号まで"
    addressee: str | None = None  # "横浜市長"
    chair: str | None = None  # the council's 会長
    subject: str | None = None  # "…規定に基づく諮問について" (the letter's 件名, without （答申）)
    matter: str | None = None  # "「入札書」の一部開示決定に対する異議申立て" (what was asked)
    conclusion: tuple[int, int] | None = None
    request: tuple[int, int] | None = None  # 審査請求/異議申立ての趣旨
    explanation: tuple[int, int] | None = None  # 実施機関の説明要旨
    opinion: tuple[int, int] | None = None  # 申立人/審査請求人の意見
    reasons: tuple[int, int] | None = None  # 審査会の判断
    members: list[str] = field(default_factory=list)
    course: list[CourseRow] = field(default_factory=list)  # 審査会の経過, row by row (empty: no such table)
    course_incomplete: bool = False  # some of that table could not be read (extraction damage)

    def parts(self) -> dict[ToshinPart, tuple[int, int]]:
        """The spans of the parts found, in the order of ``TOSHIN_PARTS``."""
        found = {name: getattr(self, name) for name in TOSHIN_PARTS}
        return {name: span for name, span in found.items() if span is not None}


@dataclass
class ToshinRecord:
    """A stored 答申's structure as ``show`` reads it: the letter's fields, the text of each part found (in the
    order of ``TOSHIN_PARTS``, headings left out) and its proceedings."""

    number: str | None
    date: str | None  # ISO, the letter's date
    date_text: str | None
    addressee: str | None
    chair: str | None
    subject: str | None
    matter: str | None
    members: list[str]
    parts: dict[ToshinPart, str]
    course: list[CourseRow]
    course_incomplete: bool


@dataclass
class ParsedDocument:
    """Everything extracted from one file."""

    text: str  # the normalised plain text the offsets refer to
    doc_kind: DocKind
    meeting: Meeting
    consultations: list[Consultation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    warnings: list[DocWarning] = field(default_factory=list)  # worded for the operator by templates/cli/doc_warnings.j2
    toshin: Toshin | None = None  # the parts of a 答申 letter (doc_kind "toshin")


@dataclass
class ConsultationRecord:
    """A stored consultation with its meeting context (what status questions and listings use)."""

    id: int
    source: str  # the file: its path under the ingested folder (e.g. "2021/議事録.txt")
    label: str
    title: str
    department: str | None
    kind: str | None
    status: ConsultationStatus
    outcome: str
    reason: str | None
    requests: list[str]
    qa: list[QAPair]
    council: str | None
    municipality: str | None
    session: str | None
    meeting_date: str | None  # ISO
    doc_kind: DocKind | None = None  # of the document it was found in (None: not known to the caller)
    followed_by: FollowUp | None = None  # the latest later record of the same matter, when listings fill it in
    withdrawn: bool = False  # no longer in its re-ingested document (the ID is kept; ``show`` says so)
    toshin: ToshinRecord | None = None  # the structure of the 答申 it was found in (``show`` fills it in)


@dataclass
class FollowUp:
    """The latest later record of a matter (a later meeting, or a 答申): what became of a carried-over item."""

    consultation_id: int
    meeting_date: str | None
    doc_kind: DocKind | None
    status: ConsultationStatus
    outcome: str


@dataclass
class PassageRecord:
    """A stored passage with the context search and answers need (flat, cheap to index)."""

    id: int
    source: str
    kind: PassageKind
    text: str
    start: int
    council: str | None
    municipality: str | None
    session: str | None
    meeting_date: str | None
    consultation_id: int | None = None
    consultation_label: str | None = None
    consultation_title: str | None = None
    status: ConsultationStatus | None = None
    outcome: str | None = None


@dataclass
class Hit:
    """One ranked search result."""

    source: str
    meeting: str  # display label, e.g. "市川市個人情報保護審議会 令和4年度第2回（2022-12-20）"
    consultation: str | None  # consultation label, e.g. "諮問事項ア"
    passage: str
    score: float
    passage_id: int | None = None
    consultation_id: int | None = None
    meeting_date: str | None = None


AnswerKind = Literal["fact", "outcome", "pending", "agenda", "next_meeting", "not_found", "empty_kb"]


@dataclass
class Lead:
    """Where a quoted passage comes from: the meeting's display label and, when it belongs to one, the consultation."""

    meeting: str
    label: str | None = None  # consultation label, e.g. "諮問第7号"
    title: str | None = None  # consultation title (full; shortened for display by templates)


@dataclass
class Related:
    """Another passage that answers about as well as the quoted one: shown, short and cited, under 「関連する箇所」."""

    hit: Hit
    quote: str


@dataclass
class Outcome:
    """A consultation's state, as an answer states it."""

    meeting: str
    label: str
    title: str
    status: ConsultationStatus
    outcome: str
    reason: str | None  # None when too long to state or already said by the quote
    requests: list[str] = field(default_factory=list)  # the first few 要望/意見
    requests_asked: bool = False  # the question asks for them (「付言で何か言ってる?」): stated whole, not cut short


@dataclass
class PendingItem:
    """One consultation of a pending listing."""

    consultation_id: int
    label: str
    title: str
    reason: str | None
    outcome: str
    source: str
    meeting: str
    status: ConsultationStatus = "pending"  # or "unknown": listed under its own heading
    department: str | None = None


@dataclass
class Answer:
    """What the bot answers to a question, as data (``templates.answer`` turns it into words).

    ``kind`` says which answer it is:

    * ``fact``: ``quote`` from the passage ``lead`` describes (and ``outcome`` too when the question asks for it),
      with the ``related`` passages that scored close to it;
    * ``outcome``: ``outcome`` of the consultation ``consultation_id``, with the supporting ``quote`` if any;
    * ``pending``: the consultations still without a conclusion, ``items`` (of ``place`` when one was named);
    * ``agenda``: the consultations (``items``) of the meeting the question names ("第36回で何を審議した?");
    * ``next_meeting``: the scheduled ``meetings`` as passed in;
    * ``not_found``: nothing relevant (``place`` when the question named one the corpus does not know,
      ``missing_meeting`` when it named a meeting no record is of);
    * ``empty_kb``: nothing ingested yet.

    ``found`` is False when nothing relevant was found. ``hits`` are best first, kept even when not found (for
    inspection). ``sources`` are what the answer cites (出典).
    """

    question: str
    found: bool
    kind: AnswerKind
    hits: list[Hit] = field(default_factory=list)
    sources: list[Hit] = field(default_factory=list)
    consultation_id: int | None = None  # the consultation the answer is about (thread follow-ups use it)
    quote: str | None = None
    lead: Lead | None = None
    outcome: Outcome | None = None
    items: list[PendingItem] = field(default_factory=list)
    meetings: list[Any] = field(default_factory=list)  # scheduled meetings (title, starts_at, place)
    place: str | None = None
    missing_meeting: str | None = None  # a meeting the question names (第40回) that no ingested record is of
    related: list[Related] = field(default_factory=list)  # close candidates, best first (at most two)
    namesakes: list[Related] = field(default_factory=list)  # other councils' consultations of the label asked
