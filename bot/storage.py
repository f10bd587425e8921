"""Database tables (SQLModel) and the engine: SQLite by default, PostgreSQL (psycopg 3) when the URL says so.

The schema is owned by the Alembic migrations in ``bot/migrations``; ``open_database`` upgrades an existing
database in place (never drops it). The tables here must match the newest migration (a test checks).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import JSON, Column, DateTime, Index, Text, event
from sqlalchemy.engine import Engine
from sqlmodel import Field, SQLModel, create_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Document(SQLModel, table=True):
    """One ingested file (minutes or 答申) and the meeting it records."""

    __tablename__ = "documents"
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(index=True, unique=True, max_length=512)  # file name
    path: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(max_length=64)
    chars: int = 0
    doc_kind: str = Field(max_length=16)
    council: str | None = Field(default=None, max_length=200)
    municipality: str | None = Field(default=None, max_length=100)
    session: str | None = Field(default=None, max_length=100)
    meeting_date: str | None = Field(default=None, max_length=10)
    date_text: str | None = Field(default=None, max_length=100)
    start_time: str | None = Field(default=None, max_length=5)
    end_time: str | None = Field(default=None, max_length=5)
    place: str | None = Field(default=None, sa_column=Column(Text))
    chair: str | None = Field(default=None, max_length=200)
    present: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    absent: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    secretariat: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    ingested_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)


class ConsultationRow(SQLModel, table=True):
    """One 諮問 found in a document."""

    __tablename__ = "consultations"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True, ondelete="CASCADE")
    ordinal: int = 0
    label: str = Field(max_length=100)
    title: str = Field(sa_column=Column(Text, nullable=False))
    department: str | None = Field(default=None, sa_column=Column(Text))
    kind: str | None = Field(default=None, max_length=100)
    status: str = Field(max_length=16, index=True)
    outcome: str = Field(default="", sa_column=Column(Text, nullable=False))
    reason: str | None = Field(default=None, sa_column=Column(Text))
    requests: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    qa: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    start: int = 0
    end: int = 0


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


class ProcessedEvent(SQLModel, table=True):
    """A Slack event id already handled (so a retry or a restart never answers twice)."""

    __tablename__ = "processed_events"
    event_id: str = Field(primary_key=True, max_length=100)
    seen_at: datetime = Field(default_factory=utcnow, index=True, sa_type=DateTime)


class ThreadContext(SQLModel, table=True):
    """The consultation a Slack thread is about (for follow-ups such as 「その件の委託先は?」)."""

    __tablename__ = "thread_contexts"
    channel: str = Field(primary_key=True, max_length=40)
    thread_ts: str = Field(primary_key=True, max_length=40)
    consultation_id: int | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)


class Feedback(SQLModel, table=True):
    """A 👍/👎 click on an answer, with the question and the hits, for quality review."""

    __tablename__ = "feedback"
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)
    user: str = Field(max_length=40)
    channel: str = Field(max_length=40)
    message_ts: str = Field(max_length=40)
    question: str = Field(sa_column=Column(Text, nullable=False))
    answer: str = Field(sa_column=Column(Text, nullable=False))
    rating: int
    hits: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for the URL; ``postgresql://`` is served by psycopg 3."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite"):
        path = url.split("sqlite:///", 1)[1] if "sqlite:///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest), keeping all data."""
    command.upgrade(alembic_config(engine), revision)


def open_database(url: str) -> Engine:
    """Connect and upgrade the schema; the one entry point the CLI and the app use."""
    engine = make_engine(url)
    migrate(engine)
    return engine
