"""The port between the Slack surfaces (handlers/) and the knowledge base.

Handlers only talk to a ``Core``; tests may pass a fake one. ``bot.service.Service`` is the real one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from knowledge.model import Answer, ConsultationRecord


@dataclass
class ScheduledMeeting:
    """A meeting on the schedule (filled by the scheduling issue; empty until then)."""

    id: int
    title: str
    starts_at: str  # ISO datetime with offset
    place: str | None = None


@dataclass
class FeedbackRecord:
    """A 👍/👎 click on an answer, kept for quality review."""

    id: int
    created_at: str  # ISO datetime
    user: str
    channel: str
    message_ts: str
    question: str
    answer: str
    rating: int  # +1 or -1
    hits: list[dict[str, Any]] = field(default_factory=list)


class Core(Protocol):
    """What the Slack side may ask of the knowledge base and the bot's own state."""

    def ask(self, question: str, context_consultation_id: int | None = None) -> Answer: ...

    def pending(self) -> list[ConsultationRecord]: ...

    def consultations(self) -> list[ConsultationRecord]: ...

    def consultation(self, consultation_id: int) -> ConsultationRecord | None: ...

    def meetings(self) -> list[ScheduledMeeting]: ...

    def claim_event(self, event_id: str) -> bool:
        """Record an event id as handled; False when it was already handled (even before a restart)."""
        ...

    def remember_thread(self, channel: str, thread_ts: str, consultation_id: int | None) -> None: ...

    def thread_consultation(self, channel: str, thread_ts: str) -> int | None: ...

    def save_feedback(
        self, user: str, channel: str, message_ts: str, question: str, answer: str, rating: int,
        hits: list[dict[str, Any]],
    ) -> None: ...

    def feedback(self) -> list[FeedbackRecord]: ...
