"""Fakes per port (``bot.ports``) for the Slack tests: canned answers, in-memory state, observable calls.

``Fakes.sharing(store)`` gives new fakes whose ledger shares the claimed keys with earlier ones, as the
database does across a restart.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.clock import Clock, FixedClock
from bot.meetings.model import AgendaItem
from bot.meetings.notices import CalendarFile, Notice
from bot.meetings.quorum import Tally
from bot.notifier import fingerprint, message_of
from bot.ports import (
    REVIEWER_ROLES,
    FeedbackRecord,
    MeetingForm,
    MeetingInputError,
    MeetingView,
    Ports,
    Review,
    RsvpResult,
    Scheduled,
    StoredDraft,
    VoteTally,
)
from knowledge.model import Answer, ConsultationRecord, Hit, Lead, Outcome, QAPair

MEETING = "市川市個人情報保護審議会 令和4年度第2回（2022-12-20）"


def consultation(cid: int, title: str, *, status: str = "decided", outcome: str = "可", reason: str | None = None,
                 department: str | None = "納税課") -> ConsultationRecord:
    return ConsultationRecord(
        id=cid, source="ichikawa_r4_2.txt", label=f"諮問事項{'アイウエオ'[cid % 5]}", title=title, department=department,
        kind="外部委託", status=status, outcome=outcome, reason=reason,  # type: ignore[arg-type]
        requests=["委託先の監督を徹底すること"],
        qa=[QAPair(question="委託先はどこか", answer="株式会社サンプル情報サービスです", asker="委員", answerer=department)],
        council="市川市個人情報保護審議会", municipality="市川市", session="令和4年度第2回", meeting_date="2022-12-20",
    )


def hit(cid: int | None, passage: str, *, label: str = "諮問事項ア", pid: int = 1) -> Hit:
    return Hit(source="ichikawa_r4_2.txt", meeting=MEETING, consultation=label, passage=passage, score=3.21,
               passage_id=pid, consultation_id=cid, meeting_date="2022-12-20")


@dataclass
class SharedStore:
    """What the real ledger keeps in the database (survives a 'restart' = new fakes over the same store)."""

    claimed: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


class FakeAnswers:
    """``bot.ports.Answers``: canned answers for a few questions, two consultations (12 pending, 7 decided)."""

    def __init__(self, *, delay: float = 0.0) -> None:
        self.delay = delay
        self.fail_ask: Exception | None = None
        self.long_text: str | None = None
        self.asked: list[tuple[str, int | None]] = []
        self.records = {
            12: consultation(12, "市税の納税通知書の作成・発送業務の外部委託について", status="pending",
                             outcome="継続審議", reason="追加資料の提出待ち"),
            7: consultation(7, "防犯カメラの設置及び運用について", department="危機管理課"),
        }

    def ask(self, question: str, context_consultation_id: int | None = None) -> Answer:
        self.asked.append((question, context_consultation_id))
        if self.delay:
            time.sleep(self.delay)
        if self.fail_ask is not None:
            raise self.fail_ask
        if self.long_text is not None:
            return self.long_answer(question)
        if "委託先" in question and context_consultation_id == 12:
            h = hit(12, "委託先は株式会社サンプル情報サービスです")
            return Answer(question=question, found=True, kind="fact", hits=[h], sources=[h], consultation_id=12,
                          quote="委託先はどこか — 株式会社サンプル情報サービスです",
                          lead=Lead(MEETING, "諮問事項ア", self.records[12].title))
        if "納税" in question:
            c = self.records[12]
            h = hit(12, "追加資料の提出を求め、継続審議とする")
            return Answer(question=question, found=True, kind="outcome", hits=[h, hit(7, "別件", pid=2)], sources=[h],
                          consultation_id=12, quote=h.passage,
                          outcome=Outcome(MEETING, c.label, c.title, c.status, c.outcome, c.reason, c.requests))
        return Answer(question=question, found=False, kind="not_found", hits=[hit(7, "弱い一致", pid=3)])

    def long_answer(self, question: str) -> Answer:
        """A fact answer quoting ``long_text``."""
        return Answer(question=question, found=True, kind="fact", hits=[hit(12, "…")], sources=[hit(12, "…")],
                      consultation_id=12, quote=self.long_text, lead=Lead(MEETING, "諮問事項ア"))

    def pending(self) -> list[ConsultationRecord]:
        return [c for c in self.records.values() if c.status == "pending"]

    def consultations(self) -> list[ConsultationRecord]:
        return list(self.records.values())

    def consultation(self, consultation_id: int) -> ConsultationRecord | None:
        return self.records.get(consultation_id)


class FakeConversations:
    def __init__(self) -> None:
        self.threads: dict[tuple[str, str], int | None] = {}

    def remember_thread(self, channel: str, thread_ts: str, consultation_id: int | None) -> None:
        self.threads[(channel, thread_ts)] = consultation_id

    def thread_consultation(self, channel: str, thread_ts: str) -> int | None:
        return self.threads.get((channel, thread_ts))


class FakeFeedback:
    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or FixedClock()
        self.saved_feedback: list[FeedbackRecord] = []

    def save_feedback(self, user: str, channel: str, message_ts: str, question: str, answer: str, rating: int,
                      hits: list[dict[str, Any]]) -> VoteTally:
        """One vote per (user, channel, message_ts), as the database keeps them."""
        same = [f for f in self.saved_feedback if (f.user, f.channel, f.message_ts) == (user, channel, message_ts)]
        changed = not same or same[0].rating != rating
        if same:
            same[0].rating = rating
        else:
            self.saved_feedback.append(FeedbackRecord(
                id=len(self.saved_feedback) + 1, created_at=self.clock.now().isoformat(), user=user, channel=channel,
                message_ts=message_ts, question=question, answer=answer, rating=rating, hits=hits,
            ))
        votes = [f.rating for f in self.saved_feedback if (f.channel, f.message_ts) == (channel, message_ts)]
        return VoteTally(up=votes.count(1), down=votes.count(-1), changed=changed)

    def feedback(self) -> list[FeedbackRecord]:
        return list(self.saved_feedback)


class FakeLedger:
    """``claim`` once per (kind, key); ``store`` may be shared by two ledgers, as the database is across a restart."""

    def __init__(self, store: SharedStore | None = None) -> None:
        self.store = store or SharedStore()
        self.confirmed: set[str] = set()

    def claim(self, kind: str, key: str, detail: str | None = None) -> bool:
        with self.store.lock:
            if f"{kind}:{key}" in self.store.claimed:
                return False
            self.store.claimed.add(f"{kind}:{key}")
            return True

    def confirm(self, kind: str, key: str) -> bool:
        with self.store.lock:
            if f"{kind}:{key}" not in self.store.claimed:
                return False
            self.confirmed.add(f"{kind}:{key}")
            return True


REVIEWERS = {"U0SECRET1": "事務局", "U0CHAIR01": "会長"}  # FakeDrafts' 事務局 and 会長; anyone else is a 委員
NAMES = {"U0SECRET1": "総務課 佐野", "U0CHAIR01": "青木 里子", "U0MEMBER1": "上野 真理"}


class FakeDrafts:
    """``bot.ports.Drafts`` in memory: drafts of the fake answers' consultations, reviewed by ``REVIEWERS``."""

    def __init__(self, clock: Clock | None = None, channel: str = "C0SECRET") -> None:
        self.clock = clock or FixedClock()
        self.channel = channel
        self.stored: dict[int, StoredDraft] = {}
        self.known = {12: "諮問事項ウ　市税の納税通知書の作成・発送業務の外部委託について", 7: "防犯カメラの設置及び運用について"}

    def secretariat_channel(self) -> str:
        return self.channel

    def can_review(self, user: str) -> bool:
        return REVIEWERS.get(user) in REVIEWER_ROLES

    def member_name(self, user: str) -> str | None:
        return NAMES.get(user)

    def create(self, consultation_id: int, requested_by: str) -> StoredDraft | None:
        if consultation_id not in self.known:
            return None
        text = f"答申（案）　{self.known[consultation_id]}\n\n1 審議会の結論\n結論の記載が議事録にありません。"
        d = StoredDraft(id=len(self.stored) + 1, consultation_id=consultation_id, text=text,
                        data={"text": text, "sections": []}, status="draft", requested_by=requested_by,
                        created_at=self.clock.now())
        self.stored[d.id] = d
        return d

    def posted(self, draft_id: int, channel: str, ts: str) -> None:
        self.stored[draft_id].channel, self.stored[draft_id].ts = channel, ts

    def draft(self, draft_id: int) -> StoredDraft | None:
        return self.stored.get(draft_id)

    def current(self, consultation_id: int) -> StoredDraft | None:
        mine = [d for d in self.stored.values() if d.consultation_id == consultation_id]
        approved = [d for d in mine if d.status == "approved"]
        return (approved or mine or [None])[-1]

    def approve(self, draft_id: int, user: str) -> Review:
        if not self.can_review(user):
            return Review("forbidden")
        d = self.stored.get(draft_id)
        if d is None:
            return Review("not_found")
        if d.status == "approved":
            return Review("already", d)
        d.status, d.approved_by, d.approved_at = "approved", user, self.clock.now()
        return Review("done", d)

    def request_changes(self, draft_id: int, user: str, comment: str) -> Review:
        if not self.can_review(user):
            return Review("forbidden")
        d = self.stored.get(draft_id)
        if d is None:
            return Review("not_found")
        if d.status == "approved":
            return Review("already", d)
        d.comments.append({"user": user, "at": self.clock.now().isoformat(), "text": comment})
        d.status = "changes_requested"
        return Review("done", d)
SECRETARIAT_ID = "U0SECRET1"
MEMBER_ID = "U0MEMBER1"


class FakeMembers:
    """U0SECRET1 is 事務局, U0MEMBER1 a 委員; anyone else is not a member."""

    roles = {SECRETARIAT_ID: "事務局", MEMBER_ID: "委員"}

    def role_of(self, slack_id: str) -> str | None:
        return self.roles.get(slack_id)


class FakeMeetings:
    """``bot.ports.Meetings`` in memory: one upcoming meeting (id 5); ``publish`` calls are counted."""

    def __init__(self) -> None:
        start = datetime(2026, 1, 21, 6, 0, tzinfo=UTC)
        self.views = {5: MeetingView(5, "第80回 審議会", "令和8年1月21日(水) 15:00–17:00", start, None, "本庁舎 3階",
                                     (AgendaItem(12, "諮問第12号", "納税通知書の外部委託", True),), False, False,
                                     Tally(0, 0, 0, 8), ())}
        self.answers: dict[tuple[int, str], str] = {}
        self.scheduled: list[tuple[MeetingForm, str]] = []
        self.published = 0
        self.moved: list[tuple[int, str]] = []
        self.cancelled: list[tuple[int, str | None]] = []

    def upcoming(self) -> list[MeetingView]:
        return list(self.views.values())

    def meeting(self, meeting_id: int) -> MeetingView | None:
        return self.views.get(meeting_id)

    def answers_of(self, slack_id: str) -> dict[int, str]:
        return {m: a for (m, who), a in self.answers.items() if who == slack_id}

    def agenda_choices(self) -> list[AgendaItem]:
        return [AgendaItem(12, "諮問第12号", "納税通知書の外部委託", True)]

    def form_defaults(self) -> tuple[str, str]:
        return "7d,1d", "2026-01-21"

    def schedule(self, form: MeetingForm, *, by: str) -> Scheduled:
        if not form.title.strip():
            raise MeetingInputError("title", "title_missing")
        self.scheduled.append((form, by))
        return Scheduled(self.views[5], [])

    def rsvp(self, meeting_id: int, slack_id: str, answer: str, *, by: str) -> RsvpResult:
        if FakeMembers.roles.get(slack_id) != "委員":
            return RsvpResult("not_member")
        view = self.views.get(meeting_id)
        if view is None:
            return RsvpResult("not_found")
        self.answers[(meeting_id, slack_id)] = answer
        return RsvpResult("recorded", view, answer)

    def move(self, meeting_id: int, *, at: str, end: str | None = None) -> Scheduled:
        if "令和" not in at and "-" not in at:
            raise MeetingInputError("at", "when", problem="unreadable", written=at)
        self.moved.append((meeting_id, at))
        return Scheduled(self.views[meeting_id], [])

    def cancel(self, meeting_id: int, *, reason: str | None = None) -> MeetingView:
        self.cancelled.append((meeting_id, reason))
        return self.views[meeting_id]

    def publish(self) -> None:
        self.published += 1


@dataclass
class Fakes:
    """One fake per port, and the ``Ports`` bundle over them."""

    answers: FakeAnswers = field(default_factory=FakeAnswers)
    conversations: FakeConversations = field(default_factory=FakeConversations)
    feedback: FakeFeedback = field(default_factory=FakeFeedback)
    ledger: FakeLedger = field(default_factory=FakeLedger)
    drafts: FakeDrafts = field(default_factory=FakeDrafts)
    meetings: FakeMeetings = field(default_factory=FakeMeetings)
    members: FakeMembers = field(default_factory=FakeMembers)

    @classmethod
    def with_clock(cls, clock: Clock) -> Fakes:
        return cls(feedback=FakeFeedback(clock), drafts=FakeDrafts(clock))

    @classmethod
    def sharing(cls, store: SharedStore) -> Fakes:
        """Fresh fakes whose ledger shares ``store`` (a restart over the same database)."""
        return cls(ledger=FakeLedger(store))

    @property
    def ports(self) -> Ports:
        return Ports(answers=self.answers, conversations=self.conversations, feedback=self.feedback,
                     ledger=self.ledger, meetings=self.meetings, members=self.members,
                     drafts=self.drafts)


@dataclass
class Posted:
    channel: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None


class RecordingNotifier:
    """``bot.ports.Notifier`` that records the notices it is handed (``notices``) and, rendered as the Slack
    notifier renders them (``bot.notifier.message_of``), the posts, updates and uploads; ``fail_next`` makes the
    next post raise."""

    def __init__(self) -> None:
        self.notices: list[tuple[str, Notice]] = []
        self.posts: list[Posted] = []
        self.updates: list[tuple[str, str, str]] = []
        self.uploads: list[tuple[str, str | None, str, bytes]] = []
        self.fail_next: Exception | None = None
        self._n = 0

    def post(self, channel: str, notice: Notice, *, thread_ts: str | None = None) -> str:
        if self.fail_next is not None:
            exc, self.fail_next = self.fail_next, None
            raise exc
        self._n += 1
        message = message_of(notice)
        self.notices.append((channel, notice))
        self.posts.append(Posted(channel, message.text, message.as_kwargs()["blocks"], thread_ts))
        return f"1700000000.{self._n:06d}"

    def update(self, channel: str, ts: str, notice: Notice) -> None:
        message = message_of(notice).as_kwargs()
        self.updates.append((channel, ts, message["text"] + json.dumps(message["blocks"], ensure_ascii=False)))

    def upload(self, channel: str, file: CalendarFile, *, thread_ts: str | None) -> None:
        self.uploads.append((channel, thread_ts, file.filename, file.content))

    def fingerprint(self, notice: Notice) -> str:
        return fingerprint(notice)

    def to(self, channel: str) -> list[Posted]:
        return [p for p in self.posts if p.channel == channel]
