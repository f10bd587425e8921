"""Shared fixtures: databases (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), the seeds, a FixedClock,
fakes per port, the recording Slack client, and the demo corpus ingested once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.services.ingest import ingest_paths
from bot.storage.db import open_database, sqlite_url
from tests.support.db import db_url  # noqa: F401  (fixture: re-exported for every test module)
from tests.support.fakes import Fakes
from tests.support.recording import Bolt, RecordingClient
from tests.support.slack_stub import Harness

SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DEMO_CORPUS = Path(__file__).resolve().parent.parent / "demo_corpus"


@pytest.fixture
def seeds_dir() -> Path:
    """The reference corpus beside the repository (../shared/seeds); skips when it is absent."""
    if not SEEDS_DIR.is_dir() or not any(SEEDS_DIR.glob("*.txt")):
        pytest.skip(f"参照コーパスがありません: {SEEDS_DIR}（../shared/seeds をリポジトリの隣に置いてください）")
    return SEEDS_DIR


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def fakes(clock: FixedClock) -> Fakes:
    return Fakes.with_clock(clock)


@pytest.fixture
def recording() -> Iterator[RecordingClient]:
    client = RecordingClient()
    yield client
    client.verify()  # a reply sent twice fails the test even when a handler caught the assertion


@pytest.fixture
def bolt() -> Bolt:
    return Bolt()


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested once (SQLite file); tests copy it instead of ingesting again."""
    path = tmp_path_factory.mktemp("demo") / "kb.db"
    db = open_database(sqlite_url(path))
    ingest_paths(db, [DEMO_CORPUS], workers=1, clock=FixedClock())
    db.dispose()
    return path


@pytest.fixture(scope="module")
def served() -> Iterator[Harness]:
    """One app and HTTP server over fake ports for a test module (starting and stopping uvicorn for every test
    cost 0.2 s each); ``h`` resets it between tests. A module may define its own ``served``."""
    harness = Harness(Fakes())
    yield harness
    harness.close()


@pytest.fixture
def h(served: Harness) -> Harness:
    return served.reset()
