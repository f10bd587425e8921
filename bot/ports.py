"""What the Slack surfaces (``handlers/``) may ask of the rest: one small Protocol per capability.

Handlers receive a ``Ports`` bundle in the request context; ``bot.services`` implements each port over the
database, and ``tests/support/fakes.py`` has a fake per port. A new capability (meetings, drafts, the digest)
adds its own port and a field here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from knowledge.model import Answer, ConsultationRecord


@dataclass
class FeedbackRecord:
    """A 👍/👎 click on an answer, kept for quality review."""

    id: int
    created_at: str  # ISO datetime with offset (UTC)
    user: str
    channel: str
    message_ts: str
    question: str
    answer: str
    rating: int  # +1 or -1
    hits: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Tally:
    """The votes on one answer after a click; ``changed``: the click changed the person's vote."""

    up: int
    down: int
    changed: bool = True


class Answers(Protocol):
    """Questions and listings over the ingested minutes and 答申."""

    def ask(self, question: str, context_consultation_id: int | None = None) -> Answer: ...

    def consultations(self) -> list[ConsultationRecord]: ...

    def consultation(self, consultation_id: int) -> ConsultationRecord | None: ...

    def pending(self) -> list[ConsultationRecord]: ...


class Conversations(Protocol):
    """Thread memory: which consultation a Slack thread is about."""

    def remember_thread(self, channel: str, thread_ts: str, consultation_id: int | None) -> None: ...

    def thread_consultation(self, channel: str, thread_ts: str) -> int | None: ...


class Feedback(Protocol):
    """One vote per person per answer: a second click changes it; the answer's tally comes back."""

    def save_feedback(
        self, user: str, channel: str, message_ts: str, question: str, answer: str, rating: int,
        hits: list[dict[str, Any]],
    ) -> Tally: ...

    def feedback(self) -> list[FeedbackRecord]: ...


SLACK_EVENT = "slack_event"  # ledger kind: an Events API event_id
SLACK_MESSAGE = "slack_message"  # ledger kind: "channel:ts" of a message (it may come as app_mention and message.im)


class Ledger(Protocol):
    """At most once: ``claim`` is True only for the first caller of (kind, key), even across restarts."""

    def claim(self, kind: str, key: str, detail: str | None = None) -> bool: ...

    def confirm(self, kind: str, key: str) -> bool: ...


@dataclass
class Ports:
    """Everything a handler may use, put into every Bolt request's context by ``bot.app.create_app``."""

    answers: Answers
    conversations: Conversations
    feedback: Feedback
    ledger: Ledger
