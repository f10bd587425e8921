"""A fake ``Core`` for the Slack tests: canned answers, in-memory state, observable calls.

``FakeCore(store=...)`` shares the handled-event ids with another instance, as the database does for
the real Core across a restart.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.core import FeedbackRecord, ScheduledMeeting
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
    """What the real Core keeps in the database (survives a 'restart' = a new FakeCore)."""

    claimed: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


class FakeCore:
    def __init__(self, *, store: SharedStore | None = None, delay: float = 0.0) -> None:
        self.store = store or SharedStore()
        self.delay = delay
        self.fail_ask: Exception | None = None
        self.long_text: str | None = None
        self.asked: list[tuple[str, int | None]] = []
        self.threads: dict[tuple[str, str], int | None] = {}
        self.saved_feedback: list[FeedbackRecord] = []
        self.records = {
            12: consultation(12, "市税の納税通知書の作成・発送業務の外部委託について", status="pending",
                             outcome="継続審議", reason="追加資料の提出待ち"),
            7: consultation(7, "防犯カメラの設置及び運用について", department="危機管理課"),
        }
        self.scheduled = [
            ScheduledMeeting(1, "令和6年度第3回 個人情報保護審議会", "2099-02-10T14:00:00+09:00", "市役所 第1会議室"),
            ScheduledMeeting(2, "過去の会議", "2000-01-01T10:00:00+09:00"),
        ]

    # -- Core ---------------------------------------------------------------------------------------------
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

    def meetings(self) -> list[ScheduledMeeting]:
        return list(self.scheduled)

    def claim_event(self, event_id: str) -> bool:
        with self.store.lock:
            if event_id in self.store.claimed:
                return False
            self.store.claimed.add(event_id)
            return True

    def remember_thread(self, channel: str, thread_ts: str, consultation_id: int | None) -> None:
        self.threads[(channel, thread_ts)] = consultation_id

    def thread_consultation(self, channel: str, thread_ts: str) -> int | None:
        return self.threads.get((channel, thread_ts))

    def save_feedback(self, user: str, channel: str, message_ts: str, question: str, answer: str, rating: int,
                      hits: list[dict[str, Any]]) -> None:
        self.saved_feedback.append(FeedbackRecord(
            id=len(self.saved_feedback) + 1, created_at=datetime.now(UTC).isoformat(), user=user, channel=channel,
            message_ts=message_ts, question=question, answer=answer, rating=rating, hits=hits,
        ))

    def feedback(self) -> list[FeedbackRecord]:
        return list(self.saved_feedback)
