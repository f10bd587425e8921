"""Connecting: one URL parser, the engine (SQLite by default, PostgreSQL through psycopg 3) and the migrations.

The schema is owned by the Alembic migrations in ``bot/storage/migrations``; ``open_database`` upgrades an
existing database in place (never drops it).

SQLite serves a bot that answers while an ingest writes: every connection is in WAL mode (readers never wait
for the writer) with a busy timeout (a second writer waits its turn instead of failing "database is locked"),
and ``write_session`` takes the write lock at the start of a transaction that reads before it writes (a
deferred one would fail at once, whatever the timeout, when another writer committed since its read).

Every read-modify-write in ``bot/storage`` runs in a ``write_session`` and reads the rows it will change with
``locked`` (``SELECT … FOR UPDATE`` on PostgreSQL, where a plain session would let two writers read the same
row and the later commit silently undo the earlier); an insert-or-update with no row to lock is one ``upsert``
statement. Two writers of one row therefore run one after the other: the second sees what the first stored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, inspect, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT = 30.0  # seconds a SQLite connection waits for a lock held by another writer
Database: TypeAlias = Engine  # what services hold; only bot/storage knows it is a SQLAlchemy engine
Row = TypeVar("Row")


@dataclass(frozen=True)
class DatabaseURL:
    """A database URL taken apart once: the SQLAlchemy form, and the file of a SQLite database."""

    url: str  # as given
    driver_url: str  # postgresql:// -> postgresql+psycopg://
    sqlite: bool
    path: Path | None  # the SQLite file; None for PostgreSQL and in-memory SQLite

    @classmethod
    def parse(cls, url: str) -> DatabaseURL:
        if url.startswith(("postgresql://", "postgres://")):
            return cls(url, "postgresql+psycopg://" + url.split("://", 1)[1], False, None)
        if url.startswith("sqlite"):
            raw = url.split(":///", 1)[1] if ":///" in url else ""
            in_memory = not raw or raw == ":memory:" or raw.startswith("file::memory:")
            return cls(url, url, True, None if in_memory else Path(raw))
        return cls(url, url, False, None)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT * 1000)}")  # first: the pragmas below may wait too
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for the URL; ``postgresql://`` is served by psycopg 3."""
    parsed = DatabaseURL.parse(url)
    if parsed.sqlite:
        if parsed.path is not None:
            parsed.path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed.driver_url,
                               connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed.driver_url, pool_pre_ping=True)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session for one short write transaction that may read first. On SQLite it begins ``IMMEDIATE`` (the
    write lock is taken at once, waiting up to the busy timeout); elsewhere it is a plain session. The caller
    commits; leaving without a commit rolls back."""
    with Session(engine) as session:
        if engine.dialect.name == "sqlite":
            session.execute(text("BEGIN IMMEDIATE"))
        yield session


def locked(session: Session, model: type[Row], key: Any) -> Row | None:
    """The row of ``model`` at primary key ``key``, locked until the transaction ends (``FOR UPDATE`` on
    PostgreSQL; on SQLite ``write_session`` holds the database's write lock already). None when absent."""
    return session.get(model, key, with_for_update=True)


def upsert(session: Session, model: type[Any], values: dict[str, Any], keys: tuple[str, ...]) -> None:
    """Insert ``values``, or update the row with the same ``keys`` to them: one statement (``ON CONFLICT DO
    UPDATE``), so two first writers of one key cannot both insert."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(model).values(**values)
    session.execute(stmt.on_conflict_do_update(index_elements=list(keys),
                                               set_={k: v for k, v in values.items() if k not in keys}))


def transaction_open(session: Session) -> bool:
    """Whether the session's database transaction is still open and usable: SQLite rolls a transaction back by
    itself on some errors (then later statements would run outside it), PostgreSQL refuses all but a rollback
    after an error outside a savepoint."""
    raw = session.connection().connection.dbapi_connection
    if isinstance(raw, sqlite3.Connection):
        return raw.in_transaction
    status = getattr(getattr(raw, "info", None), "transaction_status", None)  # psycopg 3
    return status is None or status.name == "INTRANS"


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


class DatabaseProblem(Exception):
    """A database the bot cannot start on; ``kind`` says which (the CLI words it in one line)."""

    kind = "database"

    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(f"{self.kind}: {url} {detail}".strip())
        self.url = url  # password hidden
        self.detail = detail


class DatabaseUnreachable(DatabaseProblem):
    kind = "db_unreachable"


class UnknownSchemaRevision(DatabaseProblem):
    """The database was migrated by a newer shingikai (a revision this one does not know)."""

    kind = "db_newer"


class UnmanagedDatabase(DatabaseProblem):
    """Tables are there but no migration record: not a database this bot made (or one restored half)."""

    kind = "db_unmanaged"


def check_schema(engine: Engine) -> None:
    """Refuse a database migrations cannot safely upgrade: unreachable, at an unknown (newer) revision, or with
    tables but no migration record."""
    name = database_name(engine)
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config(engine)).walk_revisions()}
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_heads()
            tables = set(inspect(conn).get_table_names())
    except OperationalError as exc:
        raise DatabaseUnreachable(name, str(exc.orig).splitlines()[0] if exc.orig else "") from exc
    unknown = [r for r in current if r not in known]
    if unknown:
        raise UnknownSchemaRevision(name, ", ".join(unknown))
    if not current and tables & {"documents", "consultations", "passages"}:
        raise UnmanagedDatabase(name, ", ".join(sorted(tables)))


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest), keeping all data; DatabaseProblem when the
    database is not one that can be upgraded (``check_schema``)."""
    check_schema(engine)
    command.upgrade(alembic_config(engine), revision)


def schema_versions(engine: Engine) -> tuple[list[str], str]:
    """The revisions the database is at (none when it is new) and the newest this code knows; DatabaseProblem
    when it is not one that can be upgraded (``check_schema``)."""
    check_schema(engine)
    with engine.connect() as conn:
        current = list(MigrationContext.configure(conn).get_current_heads())
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    return current, head or ""


def open_database(url: str) -> Database:
    """Connect and upgrade the schema; the one entry point the CLI and the app use."""
    engine = make_engine(url)
    migrate(engine)
    return engine


def database_file(db: Database) -> Path | None:
    """The SQLite file behind ``db`` (None for PostgreSQL or an in-memory database)."""
    return DatabaseURL.parse(db.url.render_as_string(hide_password=False)).path


def database_name(db: Database) -> str:
    """The URL of ``db`` with any password hidden (safe to log, stable to hash)."""
    return db.url.render_as_string(hide_password=True)
