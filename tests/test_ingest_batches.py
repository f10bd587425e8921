"""Files stored a few per transaction, each in a savepoint (issue 10: ingest throughput without giving back
issue 8's guarantees): a file failing in the middle of a transaction is rolled back alone and named, the others
of its transaction are stored; a transaction lost as a whole (SQLite rolls back by itself on some errors, a
commit can fail) is written again file by file; a transaction takes at most ``BATCH_FILES`` files and stops
taking more once ``max_seconds`` have passed. On SQLite and, with TEST_DATABASE_URL, PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session

from bot.clock import FixedClock
from bot.services import ingest
from bot.services.ingest import ingest_paths, prepare
from bot.storage import documents
from bot.storage import knowledge as stored
from bot.storage.db import open_database
from bot.storage.documents import DocumentWriter, ToStore
from tests.support.words import said
from tests.test_document_identity import counts, minutes, statuses, write

FAILING = "m02.txt"


def folder_of(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    for i in range(n):
        write(folder / f"m{i:02d}.txt", minutes(f"市{i}"))
    return folder


def to_store(folder: Path) -> list[ToStore]:
    items = [prepare(p, p.name) for p in sorted(folder.iterdir())]
    return [ToStore(i.path, i.source, i.sha256, i.doc, i.terms) for i in items]  # type: ignore[union-attr]


def fail_on(monkeypatch: pytest.MonkeyPatch, name: str, how: str = "error") -> None:
    """Make ``_write`` fail for the file ``name`` after its rows were written: with an SQL error, or by ending
    the whole transaction first (as SQLite does by itself on some errors)."""
    original = DocumentWriter._write

    def failing(self: DocumentWriter, session: Session, path: Path, *args: Any) -> str:
        result = original(self, session, path, *args)
        if path.name == name:
            if how == "rollback":
                session.connection().exec_driver_sql("ROLLBACK")
            session.execute(text("SELECT * FROM no_such_table"))
        return result

    monkeypatch.setattr(DocumentWriter, "_write", failing)


@contextmanager
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The number of write transactions begun (one list item each)."""
    begun: list[int] = []
    original = documents.write_session

    @contextmanager
    def session(engine: Any) -> Iterator[Session]:
        begun.append(1)
        with original(engine) as s:
            yield s

    monkeypatch.setattr(documents, "write_session", session)
    yield begun


def test_a_file_failing_in_the_middle_of_a_transaction_costs_no_other(db_url: str, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    items = to_store(folder_of(tmp_path, 5))
    fail_on(monkeypatch, FAILING)
    db = open_database(db_url)
    with counted(monkeypatch) as begun:
        outcomes = DocumentWriter(db, FixedClock()).write_many(items, max_seconds=60.0)
    assert len(begun) == 1 and len(outcomes) == 5  # one transaction took all five
    assert [o if isinstance(o, str) else "failed" for o in outcomes] == ["added", "added", "failed", "added", "added"]
    assert counts(db)[0] == 4
    assert {c.council for c in stored.consultations(db)} == {f"市{i}個人情報保護審議会" for i in (0, 1, 3, 4)}


def test_through_ingest_the_failure_is_named_and_the_batch_stored(db_url: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = folder_of(tmp_path, 20)
    fail_on(monkeypatch, FAILING)
    monkeypatch.setattr(ingest, "BATCH_SECONDS", 60.0)  # bounded by count alone: 16 files, then 4
    db = open_database(db_url)
    with counted(monkeypatch) as begun:
        results = {r.source: r for r in ingest_paths(db, [folder], workers=1)}
    assert len(begun) == 2
    assert {n for n, r in results.items() if r.status != "added"} == {FAILING}
    assert results[FAILING].status == "skipped"
    assert "保存できませんでした" in said(results[FAILING])
    assert counts(db)[0] == 19


@pytest.mark.parametrize("how", ["rollback", "commit"])
def test_a_lost_transaction_is_written_again_file_by_file(db_url: str, tmp_path: Path, how: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The transaction ended by a file's error (its savepoint cannot save the others), or its commit failing:
    every file it had taken is written again alone; only the failing file is missing."""
    items = to_store(folder_of(tmp_path, 5))
    if how == "rollback":
        fail_on(monkeypatch, FAILING, "rollback")
    else:
        commits = [0]
        original = Session.commit

        def commit_failing_once(self: Session) -> None:
            commits[0] += 1
            if commits[0] == 1:
                raise RuntimeError("commit failed")
            original(self)

        monkeypatch.setattr(Session, "commit", commit_failing_once)
    db = open_database(db_url)
    writer = DocumentWriter(db, FixedClock())
    outcomes = writer.write_many(items, max_seconds=60.0)
    assert len(outcomes) == (3 if how == "rollback" else 5)  # the files the lost transaction had taken
    outcomes += writer.write_many(items[len(outcomes):], max_seconds=60.0)
    failed = [i for i, o in enumerate(outcomes) if isinstance(o, Exception)]
    assert failed == ([2] if how == "rollback" else [])
    assert counts(db)[0] == (4 if how == "rollback" else 5)


def test_a_transaction_stops_taking_files_when_its_time_is_up(db_url: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """No time allowed: each transaction takes one file (the first is always taken); all get stored."""
    folder = folder_of(tmp_path, 4)
    monkeypatch.setattr(ingest, "BATCH_SECONDS", 0.0)
    db = open_database(db_url)
    with counted(monkeypatch) as begun:
        assert set(statuses(ingest_paths(db, [folder], workers=1)).values()) == {"added"}
    assert len(begun) == 4
    assert counts(db)[0] == 4


def test_batched_reingest_keeps_consultation_ids(db_url: str, tmp_path: Path) -> None:
    """Changed files re-ingested in one transaction: each document updated in place, its consultations keep
    their IDs; unchanged ones stay."""
    folder = folder_of(tmp_path, 6)
    db = open_database(db_url)
    ingest_paths(db, [folder], workers=1)
    before = {(c.council, c.label): c.id for c in stored.consultations(db)}
    for i in (1, 3, 4):
        write(folder / f"m{i:02d}.txt", minutes(f"市{i}") + "\n（追記）本日の審議は以上です。\n")
    got = statuses(ingest_paths(db, [folder], workers=1))
    assert got == {f"m{i:02d}.txt": "updated" if i in (1, 3, 4) else "unchanged" for i in range(6)}
    assert {(c.council, c.label): c.id for c in stored.consultations(db)} == before
