"""Precedents ranked by the profiles kept with the consultations: the same ranking as from the passages' text
(``knowledge.precedents.similar``, the reference), without reading a passage; profiles missing (a database
from before migration 0007) or made by other rules are made once, then kept."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, update
from sqlmodel import Session

from bot.clock import FixedClock
from bot.services.desk import DeskService
from bot.services.ingest import ingest_paths
from bot.storage import knowledge as stored
from bot.storage.db import Database, open_database, sqlite_url
from bot.storage.precedents import kept_profiles
from bot.storage.tables import ConsultationRow
from knowledge.precedents import PROFILE_VERSION, Profile, profile, similar
from tests.conftest import DEMO_CORPUS, SEEDS_DIR
from tests.support.desk import desk_settings

K = 10


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds (when present) and the demo corpus, ingested once for the module."""
    path = tmp_path_factory.mktemp("precedents") / "kb.db"
    db = open_database(sqlite_url(path))
    folders = [SEEDS_DIR, DEMO_CORPUS] if SEEDS_DIR.is_dir() and any(SEEDS_DIR.glob("*.txt")) else [DEMO_CORPUS]
    ingest_paths(db, folders, workers=1, clock=FixedClock())
    db.dispose()
    return path


@pytest.fixture
def desk(seeded_file: Path, tmp_path: Path) -> Iterator[DeskService]:
    path = tmp_path / "kb.db"
    shutil.copy(seeded_file, path)
    db = open_database(sqlite_url(path))
    yield DeskService(db, desk_settings(sqlite_url(path)), FixedClock())
    db.dispose()


@contextmanager
def passage_reads(db: Database) -> Iterator[list[str]]:
    """The statements that read the passages table while the block runs."""
    seen: list[str] = []
    reads = re.compile(r"\bFROM\s+\"?passages\b|\bJOIN\s+\"?passages\b", re.IGNORECASE)

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if reads.search(statement):
            seen.append(statement)

    event.listen(db, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(db, "before_cursor_execute", before)


def reference(db: Database, consultation_id: int) -> list[dict[str, Any]]:
    """The ranking made from every consultation's passage text (what ``similar`` did before profiles were kept)."""
    target = stored.consultation(db, consultation_id)
    assert target is not None
    return [p.to_dict() for p in similar(target, stored.consultations(db), stored.consultation_texts(db), k=K)]


def ranked(desk: DeskService, consultation_id: int) -> list[dict[str, Any]]:
    return [p.to_dict() for p in desk.similar(consultation_id, k=K) or []]


def forget_profiles(db: Database, **where: Any) -> None:
    stmt = update(ConsultationRow).values(profile=None)
    for column, value in where.items():
        stmt = stmt.where(getattr(ConsultationRow, column) == value)
    with Session(db) as s:
        s.execute(stmt)
        s.commit()


def test_ingest_keeps_the_profile_made_from_the_stored_record_and_passages(desk: DeskService) -> None:
    kept = kept_profiles(desk.db)
    texts = stored.consultation_texts(desk.db)
    records = stored.consultations(desk.db)
    assert records and set(kept) >= {c.id for c in records}
    for c in records:
        assert Profile.from_stored(kept[c.id]) == profile(c, texts.get(c.id, "")), (c.source, c.label)


def test_kept_profiles_rank_every_consultation_as_the_texts_do_and_read_no_passage(desk: DeskService) -> None:
    ids = [c.id for c in stored.consultations(desk.db)]
    expected = {i: reference(desk.db, i) for i in ids}
    assert sum(map(len, expected.values())) > len(ids)  # precedents found, not empty lists compared
    with passage_reads(desk.db) as reads:
        got = {i: ranked(desk, i) for i in ids}
    assert got == expected
    assert reads == []


def test_a_database_stored_without_profiles_ranks_the_same_and_keeps_them(desk: DeskService) -> None:
    forget_profiles(desk.db)
    assert kept_profiles(desk.db) == {}
    some = [c.id for c in stored.consultations(desk.db)][::3]
    expected = {i: reference(desk.db, i) for i in some}
    assert ranked(desk, some[0]) == expected[some[0]]  # makes and keeps every missing profile
    with passage_reads(desk.db) as reads:
        assert {i: ranked(desk, i) for i in some} == expected
    assert reads == []


def test_a_profile_made_by_other_rules_is_made_again(desk: DeskService) -> None:
    c = stored.consultations(desk.db)[0]
    with Session(desk.db) as s:
        row = s.get(ConsultationRow, c.id)
        assert row is not None and row.profile is not None
        row.profile = {**row.profile, "v": "older rules", "kinds": [], "data": [], "safeguards": [], "nouns": []}
        s.add(row)
        s.commit()
    assert ranked(desk, c.id) == reference(desk.db, c.id)
    assert kept_profiles(desk.db)[c.id]["v"] == PROFILE_VERSION


def test_made_profiles_are_kept_on_either_database(db_url: str) -> None:
    """PostgreSQL too: the rows locked, the profiles made and kept in one transaction per chunk."""
    db = open_database(db_url)
    try:
        ingest_paths(db, [DEMO_CORPUS], workers=1, clock=FixedClock())
        desk = DeskService(db, desk_settings(db_url), FixedClock())
        ids = [c.id for c in stored.consultations(db)]
        expected = {i: reference(db, i) for i in ids}
        forget_profiles(db)
        assert {i: ranked(desk, i) for i in ids} == expected
        assert set(kept_profiles(db)) >= set(ids)
    finally:
        db.dispose()
