"""Database tables (SQLModel). The schema is owned by the Alembic migrations in ``bot/storage/migrations``;
the tables here must match the newest migration (a test checks).

Every timestamp is stored and read back as an aware UTC datetime (``UTCDateTime``), on SQLite as on PostgreSQL.
Nothing here reads the clock: whoever writes a row passes the time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    LargeBinary,
    Text,
    Unicode,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that only accepts aware datetimes and always returns them in UTC.

    SQLite keeps no zone: the value is stored as UTC wall time and read back as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware one (a Clock gives those)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Document(SQLModel, table=True):
    """One ingested file (minutes or 答申) and the meeting it records.

    Identity: ``path`` (the file's absolute path, unique) is its place, ``sha256`` its content. ``source`` is what
    a member reads in 出典: the path under the ingested folder (``2021/議事録.txt``), or the file name when a
    single file was given. Every free text is ``Text``: no length limit a document can hit.
    """

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_source", "source"), Index("ux_documents_path", "path", unique=True))
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(sa_column=Column(Text, nullable=False))
    path: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(max_length=64, index=True)
    chars: int = 0
    doc_kind: str = Field(max_length=16)
    council: str | None = Field(default=None, sa_column=Column(Text))
    municipality: str | None = Field(default=None, sa_column=Column(Text))
    session: str | None = Field(default=None, sa_column=Column(Text))
    meeting_date: str | None = Field(default=None, max_length=10)
    date_text: str | None = Field(default=None, sa_column=Column(Text))
    start_time: str | None = Field(default=None, max_length=5)
    end_time: str | None = Field(default=None, max_length=5)
    place: str | None = Field(default=None, sa_column=Column(Text))
    chair: str | None = Field(default=None, sa_column=Column(Text))
    present: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    absent: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    secretariat: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    ingested_at: datetime = Field(sa_type=UTCDateTime)


class ConsultationRow(SQLModel, table=True):
    """One 諮問 found in a document. Its id survives a re-ingest of the document; one the corrected document
    no longer contains is kept, ``withdrawn``."""

    __tablename__ = "consultations"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True, ondelete="CASCADE")
    ordinal: int = 0
    label: str = Field(sa_column=Column(Text, nullable=False))
    title: str = Field(sa_column=Column(Text, nullable=False))
    department: str | None = Field(default=None, sa_column=Column(Text))
    kind: str | None = Field(default=None, sa_column=Column(Text))
    status: str = Field(max_length=16, index=True)
    outcome: str = Field(default="", sa_column=Column(Text, nullable=False))
    reason: str | None = Field(default=None, sa_column=Column(Text))
    requests: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    qa: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    start: int = 0
    end: int = 0
    withdrawn: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    # what precedents are ranked by (``knowledge.precedents.Profile.to_stored``), made at ingest; None: not made yet
    profile: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class PassageRow(SQLModel, table=True):
    """A search unit with its index terms (stored so a restart does not re-tokenise)."""

    __tablename__ = "passages"
    __table_args__ = (Index("ix_passages_document_id", "document_id"),)
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", ondelete="CASCADE")
    consultation_id: int | None = Field(default=None, foreign_key="consultations.id", ondelete="CASCADE")
    kind: str = Field(max_length=16)
    text: str = Field(sa_column=Column(Text, nullable=False))
    start: int = 0
    end: int = 0
    terms: str = Field(default="", sa_column=Column(Text, nullable=False))


class ToshinRow(SQLModel, table=True):
    """The structure of an ingested 答申 (``knowledge.model.Toshin``): the letter's number, date and header. A
    document without a recognisable 答申 structure has none. Written with the document (replaced with it)."""

    __tablename__ = "toshin"
    document_id: int = Field(foreign_key="documents.id", primary_key=True, ondelete="CASCADE")
    number: str | None = Field(default=None, sa_column=Column(Text))  # "答申第1003号"
    date: str | None = Field(default=None, max_length=10)  # ISO, the letter's date
    date_text: str | None = Field(default=None, sa_column=Column(Text))
    addressee: str | None = Field(default=None, sa_column=Column(Text))
    chair: str | None = Field(default=None, sa_column=Column(Text))
    subject: str | None = Field(default=None, sa_column=Column(Text))
    matter: str | None = Field(default=None, sa_column=Column(Text))
    members: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # some of the proceedings table could not be read (extraction damage): ``show`` asks to check the original
    course_incomplete: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))


class ToshinPartRow(SQLModel, table=True):
    """A part of a stored 答申 (conclusion, request, explanation, opinion, reasons): its span in the document's
    text, the heading left out."""

    __tablename__ = "toshin_parts"
    document_id: int = Field(foreign_key="toshin.document_id", primary_key=True, ondelete="CASCADE")
    part: str = Field(primary_key=True, max_length=16)
    start: int
    end: int


class ToshinCourseRow(SQLModel, table=True):
    """A row of a stored 答申's proceedings (《参考》審査会の経過), in the table's order."""

    __tablename__ = "toshin_course"
    document_id: int = Field(foreign_key="toshin.document_id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    date: str | None = Field(default=None, max_length=10)  # ISO; None when the date cannot be read
    date_text: str = Field(sa_column=Column(Text, nullable=False))
    meeting: str | None = Field(default=None, sa_column=Column(Text))
    steps: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class LedgerEntry(SQLModel, table=True):
    """Something done at most once: a Slack event handled, a reminder sent, a digest posted.

    ``claim`` inserts (kind, key) and wins only if it was not there; ``confirmed_at`` is set once the work
    (e.g. the message) is done, so a crash between the two shows up as an unconfirmed claim.
    """

    __tablename__ = "ledger"
    __table_args__ = (UniqueConstraint("kind", "key", name="uq_ledger_kind_key"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    key: str = Field(max_length=200)
    claimed_at: datetime = Field(sa_type=UTCDateTime, index=True)
    confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    detail: str | None = Field(default=None, sa_column=Column(Text))


class ThreadContext(SQLModel, table=True):
    """The consultation a Slack thread is about (for follow-ups such as 「その件の委託先は?」)."""

    __tablename__ = "thread_contexts"
    channel: str = Field(primary_key=True, max_length=40)
    thread_ts: str = Field(primary_key=True, max_length=40)
    consultation_id: int | None = None
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Feedback(SQLModel, table=True):
    """A person's 👍/👎 on an answer (one per person and message; a later click changes it), with the question
    and the hits, for quality review."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("user", "channel", "message_ts", name="uq_feedback_vote"),)
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    user: str = Field(max_length=40)
    channel: str = Field(max_length=40)
    message_ts: str = Field(max_length=40)
    question: str = Field(sa_column=Column(Text, nullable=False))
    answer: str = Field(sa_column=Column(Text, nullable=False))
    rating: int
    hits: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class DraftRow(SQLModel, table=True):
    """A draft 答申 built for the secretariat, its Slack message and its review (comments, approval).

    ``consultation_id`` is not a foreign key: a re-ingested document renumbers its consultations, and a draft
    (approved text above all) must outlive that.
    """

    __tablename__ = "drafts"
    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column("json", JSON, nullable=False))
    status: str = Field(default="draft", max_length=20)  # draft | changes_requested | approved
    requested_by: str = Field(default="", max_length=40)
    created_at: datetime = Field(sa_type=UTCDateTime)
    channel: str | None = Field(default=None, max_length=40)
    ts: str | None = Field(default=None, max_length=40)
    approved_by: str | None = Field(default=None, max_length=40)
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    comments: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
class MeetingRow(SQLModel, table=True):
    """A council meeting on the schedule (added from Slack or the CLI), with its announcement in Slack.

    ``reminder_offsets`` (seconds before the start) replace app.yaml's defaults when set. ``sequence`` is the
    iCalendar SEQUENCE, raised on a move or a cancellation; ``previous_*`` keep the times before the last move
    (the move notice shows both). ``announce_digest`` is a hash of the announcement as last posted or updated.
    """

    __tablename__ = "meetings"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=Column(Text, nullable=False))
    starts_at: datetime = Field(sa_type=UTCDateTime, index=True)
    ends_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    place: str | None = Field(default=None, sa_column=Column(Text))
    reminder_offsets: list[int] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    status: str = Field(default="scheduled", max_length=16)
    sequence: int = 0
    cancel_reason: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str | None = Field(default=None, max_length=40)
    source: str = Field(default="cli", max_length=8)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    rescheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    previous_starts_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    previous_ends_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    announce_channel: str | None = Field(default=None, max_length=40)
    announce_ts: str | None = Field(default=None, max_length=40)
    announce_digest: str | None = Field(default=None, max_length=64)


class MeetingAgendaRow(SQLModel, table=True):
    """A consultation on a meeting's agenda, as it read when it was put there (label, title, still pending)."""

    __tablename__ = "meeting_agenda"
    meeting_id: int = Field(foreign_key="meetings.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    consultation_id: int
    label: str = Field(max_length=100)
    title: str = Field(sa_column=Column(Text, nullable=False))
    pending: bool = False


class RsvpRow(SQLModel, table=True):
    """A member's current answer (出席/欠席/未定) for a meeting: who recorded it, when, from Slack or the CLI."""

    __tablename__ = "rsvps"
    meeting_id: int = Field(foreign_key="meetings.id", primary_key=True, ondelete="CASCADE")
    slack_id: str = Field(primary_key=True, max_length=40)
    answer: str = Field(max_length=8)
    answered_at: datetime = Field(sa_type=UTCDateTime)
    recorded_by: str = Field(max_length=40)
    source: str = Field(max_length=8)


class AttendanceRow(SQLModel, table=True):
    """A member who was present at a meeting (recorded afterwards by the secretariat)."""

    __tablename__ = "meeting_attendance"
    meeting_id: int = Field(foreign_key="meetings.id", primary_key=True, ondelete="CASCADE")
    slack_id: str = Field(primary_key=True, max_length=40)
    recorded_at: datetime = Field(sa_type=UTCDateTime)
    recorded_by: str = Field(max_length=40)


SCHEDULER_JOBS = "apscheduler_jobs"


class SchedulerJobRow(SQLModel, table=True):
    """APScheduler 3's job store (``SQLAlchemyJobStore``, ``bot.scheduling``): one pickled job per row, read and
    written by APScheduler only. Its columns are APScheduler's own definition (apscheduler/jobstores/sqlalchemy.py;
    191: the longest indexable key in MySQL utf8mb4, 25: the precision of an 8-byte float); migration 0009 makes
    the table, so the job store finds it and creates nothing."""

    __tablename__ = SCHEDULER_JOBS
    id: str = Field(sa_column=Column(Unicode(191), primary_key=True))
    next_run_time: float | None = Field(default=None, sa_column=Column(Float(25), index=True))
    job_state: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
