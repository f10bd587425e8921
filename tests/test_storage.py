"""Migrations build the schema from empty and keep data when run again; the ledger, thread memory and feedback
(SQLite and PostgreSQL); timestamps go in and come out aware (UTC)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel, select

from bot.clock import FixedClock
from bot.storage import conversations, feedback
from bot.storage import knowledge as stored
from bot.storage.db import DatabaseURL, make_engine, migrate, open_database
from bot.storage.ledger import Ledger
from bot.storage.tables import ConsultationRow, Document, PassageRow

WHEN = datetime(2024, 5, 1, 3, 0, tzinfo=UTC)


def _populate(url: str) -> None:
    engine = open_database(url)
    with Session(engine) as s:
        doc = Document(source="x.txt", path="/x.txt", sha256="0" * 64, chars=3, doc_kind="minutes", text="本文",
                       municipality="架空市", meeting_date="2024-05-01", ingested_at=WHEN)
        s.add(doc)
        s.flush()
        c = ConsultationRow(document_id=doc.id, label="諮問第1号", title="題", status="pending", outcome="継続審議")
        s.add(c)
        s.flush()
        s.add(PassageRow(document_id=doc.id, consultation_id=c.id, kind="title", text="題", terms="題"))
        s.commit()
    engine.dispose()


def test_migrations_build_schema_from_empty(db_url: str) -> None:
    engine = make_engine(db_url)
    assert inspect(engine).get_table_names() == []
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "consultations", "passages", "ledger", "feedback", "alembic_version"} <= tables
    assert "processed_events" not in tables  # moved into the ledger
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert diff == [], f"the models and the migrations disagree: {diff}"
    assert version == "0003"
    engine.dispose()


def test_migrations_rerun_keep_data(db_url: str) -> None:
    _populate(db_url)
    engine = open_database(db_url)  # upgrade again on a populated database
    migrate(engine)
    items = stored.consultations(engine)
    assert [(c.label, c.status, c.municipality, c.meeting_date) for c in items] == [
        ("諮問第1号", "pending", "架空市", "2024-05-01")
    ]
    passages = list(stored.iter_passages(engine))
    assert [(p.consultation_label, terms) for p, terms in passages] == [("諮問第1号", "題")]
    with Session(engine) as s:
        [doc] = s.exec(select(Document)).all()
    assert doc.ingested_at == WHEN and doc.ingested_at.tzinfo is not None
    engine.dispose()


def test_0002_moves_processed_events_into_the_ledger_and_keeps_times(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine, "0001")
    seen = datetime(2025, 1, 20, 1, 0)  # 0001 stored naive UTC
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO processed_events (event_id, seen_at) VALUES ('EvOld', :t)"), {"t": seen})
        conn.execute(text("INSERT INTO thread_contexts (channel, thread_ts, consultation_id, updated_at) "
                          "VALUES ('C1', '1.2', 5, :t)"), {"t": seen})
    migrate(engine)
    clock = FixedClock(seen.replace(tzinfo=UTC) + timedelta(hours=1))
    ledger = Ledger(engine, clock)
    assert ledger.claim("slack_event", "EvOld") is False  # handled before the upgrade: still handled
    assert ledger.unconfirmed("slack_event") == []  # and it counts as done
    assert conversations.thread_consultation(engine, "C1", "1.2") == 5
    with engine.connect() as conn:
        claimed = conn.execute(text("SELECT claimed_at FROM ledger WHERE key = 'EvOld'")).scalar_one()
    if isinstance(claimed, datetime):
        assert claimed.replace(tzinfo=claimed.tzinfo or UTC) == seen.replace(tzinfo=UTC)
    else:  # SQLite returns the stored text
        assert str(claimed).startswith("2025-01-20 01:00:00")
    engine.dispose()


def test_ledger_claims_once_across_restarts_and_confirms(db_url: str) -> None:
    clock = FixedClock()
    engine = open_database(db_url)
    ledger = Ledger(engine, clock)
    assert ledger.claim("slack_event", "Ev123") is True
    assert ledger.claim("slack_event", "Ev123") is False
    assert ledger.claim("reminder", "Ev123") is True  # kinds are separate
    engine.dispose()
    again = Ledger(open_database(db_url), clock)  # a restart: a new engine on the same database
    assert again.claim("slack_event", "Ev123") is False
    assert again.claim("slack_event", "Ev124") is True
    assert [(c.kind, c.key) for c in again.unconfirmed("slack_event")] == [("slack_event", "Ev123"),
                                                                            ("slack_event", "Ev124")]
    clock.advance(timedelta(minutes=5))
    assert again.confirm("reminder", "Ev123") is True
    assert again.confirm("reminder", "nothing") is False
    assert [c.key for c in again.unconfirmed("reminder")] == []
    assert {(c.kind, c.key) for c in again.unconfirmed()} == {("slack_event", "Ev123"), ("slack_event", "Ev124")}
    [first] = [c for c in again.unconfirmed() if c.key == "Ev123"]
    assert first.claimed_at == FixedClock().now() and first.claimed_at.tzinfo is not None
    again.engine.dispose()


def test_ledger_forgets_old_claims_of_a_kind_only_when_told(db_url: str) -> None:
    clock = FixedClock()
    engine = open_database(db_url)
    ledger = Ledger(engine, clock, forget={"slack_event": timedelta(days=7)})
    assert ledger.claim("slack_event", "EvA") and ledger.claim("reminder", "R1")
    clock.advance(timedelta(days=8))
    assert ledger.claim("slack_event", "EvB")  # prunes EvA (older than 7 days)
    assert ledger.claim("slack_event", "EvA") is True  # forgotten, as processed events were
    assert ledger.claim("reminder", "R1") is False  # reminders are kept for ever
    engine.dispose()


def test_thread_context_and_feedback(db_url: str) -> None:
    engine = open_database(db_url)
    tokyo = timezone(timedelta(hours=9))
    now = datetime(2025, 1, 20, 10, 0, tzinfo=tokyo)
    conversations.remember_thread(engine, "C1", "1.2", 5, now=now)
    conversations.remember_thread(engine, "C1", "1.2", 7, now=now)
    assert conversations.thread_consultation(engine, "C1", "1.2") == 7
    assert conversations.thread_consultation(engine, "C1", "9.9") is None
    feedback.save_feedback(engine, "U1", "C1", "1.3", "質問", "回答", -1, [{"source": "a.txt", "score": 1.5}], now=now)
    [fb] = feedback.feedback(engine)
    assert (fb.user, fb.rating, fb.hits) == ("U1", -1, [{"source": "a.txt", "score": 1.5}])
    assert fb.created_at == "2025-01-20T01:00:00+00:00"  # stored and read back in UTC
    with pytest.raises(Exception, match="naive"):
        feedback.save_feedback(engine, "U1", "C1", "1.4", "q", "a", 1, [], now=datetime(2025, 1, 20))
    engine.dispose()


@pytest.mark.parametrize(("url", "sqlite", "path", "driver"), [
    ("sqlite:////tmp/x/kb.db", True, "/tmp/x/kb.db", "sqlite:////tmp/x/kb.db"),
    ("sqlite:///rel.db", True, "rel.db", "sqlite:///rel.db"),
    ("sqlite://", True, None, "sqlite://"),
    ("sqlite:///:memory:", True, None, "sqlite:///:memory:"),
    ("postgresql://u@h/db", False, None, "postgresql+psycopg://u@h/db"),
    ("postgres://u@h/db", False, None, "postgresql+psycopg://u@h/db"),
])
def test_one_url_parser(url: str, sqlite: bool, path: str | None, driver: str) -> None:
    parsed = DatabaseURL.parse(url)
    assert (parsed.sqlite, str(parsed.path) if parsed.path else None, parsed.driver_url) == (sqlite, path, driver)
