"""Migrations build the schema from empty and keep data when run again (SQLite and PostgreSQL)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel

from bot import repository
from bot.storage import ConsultationRow, Document, PassageRow, make_engine, migrate, open_database
from tests.dbfixtures import db_url  # noqa: F401  (fixture)


def _populate(url: str) -> None:
    engine = open_database(url)
    with Session(engine) as s:
        doc = Document(source="x.txt", path="/x.txt", sha256="0" * 64, chars=3, doc_kind="minutes", text="本文",
                       municipality="架空市", meeting_date="2024-05-01")
        s.add(doc)
        s.flush()
        c = ConsultationRow(document_id=doc.id, label="諮問第1号", title="題", status="pending", outcome="継続審議")
        s.add(c)
        s.flush()
        s.add(PassageRow(document_id=doc.id, consultation_id=c.id, kind="title", text="題", terms="題"))
        s.commit()
    engine.dispose()


def test_migrations_build_schema_from_empty(db_url: str) -> None:  # noqa: F811
    engine = make_engine(db_url)
    assert inspect(engine).get_table_names() == []
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "consultations", "passages", "processed_events", "feedback", "alembic_version"} <= tables
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert diff == [], f"the models and the migrations disagree: {diff}"
    assert version == "0001"
    engine.dispose()


def test_migrations_rerun_keep_data(db_url: str) -> None:  # noqa: F811
    _populate(db_url)
    engine = open_database(db_url)  # upgrade again on a populated database
    migrate(engine)
    items = repository.consultations(engine)
    assert [(c.label, c.status, c.municipality, c.meeting_date) for c in items] == [
        ("諮問第1号", "pending", "架空市", "2024-05-01")
    ]
    passages = list(repository.iter_passages(engine))
    assert [(p.consultation_label, terms) for p, terms in passages] == [("諮問第1号", "題")]
    engine.dispose()


def test_event_claims_survive_restart(db_url: str) -> None:  # noqa: F811
    engine = open_database(db_url)
    assert repository.claim_event(engine, "Ev123") is True
    assert repository.claim_event(engine, "Ev123") is False
    engine.dispose()
    again = open_database(db_url)  # a restart: a new engine on the same database
    assert repository.claim_event(again, "Ev123") is False
    assert repository.claim_event(again, "Ev124") is True
    again.dispose()


def test_thread_context_and_feedback(db_url: str) -> None:  # noqa: F811
    engine = open_database(db_url)
    repository.remember_thread(engine, "C1", "1.2", 5)
    repository.remember_thread(engine, "C1", "1.2", 7)
    assert repository.thread_consultation(engine, "C1", "1.2") == 7
    assert repository.thread_consultation(engine, "C1", "9.9") is None
    repository.save_feedback(engine, "U1", "C1", "1.3", "質問", "回答", -1, [{"source": "a.txt", "score": 1.5}])
    [fb] = repository.feedback(engine)
    assert (fb.user, fb.rating, fb.hits) == ("U1", -1, [{"source": "a.txt", "score": 1.5}])
    engine.dispose()
