"""Fakes per port (``bot.ports``) for the Slack tests: canned answers, in-memory state, observable calls.

``Fakes.sharing(store)`` gives new fakes whose ledger shares the claimed keys with earlier ones, as the
database does across a restart.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from bot.clock import Clock, FixedClock
from bot.ports import FeedbackRecord, Ports, Tally
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
                      hits: list[dict[str, Any]]) -> Tally:
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
        return Tally(up=votes.count(1), down=votes.count(-1), changed=changed)

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


@dataclass
class Fakes:
    """One fake per port, and the ``Ports`` bundle over them."""

    answers: FakeAnswers = field(default_factory=FakeAnswers)
    conversations: FakeConversations = field(default_factory=FakeConversations)
    feedback: FakeFeedback = field(default_factory=FakeFeedback)
    ledger: FakeLedger = field(default_factory=FakeLedger)

    @classmethod
    def with_clock(cls, clock: Clock) -> Fakes:
        return cls(feedback=FakeFeedback(clock))

    @classmethod
    def sharing(cls, store: SharedStore) -> Fakes:
        """Fresh fakes whose ledger shares ``store`` (a restart over the same database)."""
        return cls(ledger=FakeLedger(store))

    @property
    def ports(self) -> Ports:
        return Ports(answers=self.answers, conversations=self.conversations, feedback=self.feedback,
                     ledger=self.ledger)
