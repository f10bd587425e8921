"""The ``db_url`` fixture: every storage test runs on SQLite and, where TEST_DATABASE_URL is set, on PostgreSQL.

Each PostgreSQL test gets a database of its own, created and dropped around it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.storage.db import DatabaseURL

PG_SKIP = "TEST_DATABASE_URL が設定されていないため PostgreSQL での実行を省略（.ci/run はローカルの PostgreSQL を指定します）"


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database beside TEST_DATABASE_URL's (skips the test when that is unset), dropped
    after."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip(PG_SKIP)
    name = f"shingikai_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(DatabaseURL.parse(base).driver_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{base.rpartition('/')[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL (SQLite file, or a new PostgreSQL database)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kb.db'}"
        return
    with postgres_database() as url:
        yield url
