"""Who runs the scheduler: one leader per database.

APScheduler 3 cannot share a job store between processes, so only one process schedules. PostgreSQL: a
session-level ``pg_try_advisory_lock`` held on a dedicated connection (released by the server when that
process dies); the connection's ``application_name`` names the leader for ``shingikai scheduler status``.
SQLite: an exclusive file lock beside the database file (released by the OS when the process dies), with the
leader's name in a file beside it. An in-memory database has one process by definition: always the leader.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol

from filelock import FileLock, Timeout
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.storage.db import database_file

log = logging.getLogger("shingikai.scheduler")
LOCK_KEY = 0x53484B42  # "SHKB": the scheduler's advisory lock key on the council's database
APP_PREFIX = "shingikai-scheduler "


class LeaderLock(Protocol):
    def try_acquire(self) -> bool: ...

    def still_held(self) -> bool: ...

    def release(self) -> None: ...


class PostgresLock:
    def __init__(self, db: Engine, identity: str) -> None:
        self.db = db
        self.identity = identity
        self._conn: Any = None

    def try_acquire(self) -> bool:
        if self._conn is not None:
            return True
        conn = self.db.connect()  # dedicated: held for as long as this process leads
        try:
            conn.execute(text("SELECT set_config('application_name', :name, false)"),
                         {"name": (APP_PREFIX + self.identity)[:63]})
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar_one())
            conn.commit()
        except Exception:
            conn.close()
            raise
        if not got:
            conn.close()
            return False
        self._conn = conn
        return True

    def still_held(self) -> bool:
        if self._conn is None:
            return False
        try:
            self._conn.execute(text("SELECT 1")).scalar_one()
            self._conn.commit()
            return True
        except Exception as exc:  # the connection is gone: so is the lock
            log.warning("lost the scheduler lock's connection: %s", type(exc).__name__)
            self._drop()
            return False

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.invalidate()
                conn.close()
            except Exception:
                pass

    def release(self) -> None:
        if self._conn is None:
            return
        try:
            self._conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            self._conn.commit()
            self._conn.close()
        except Exception:
            self._drop()
        self._conn = None


class FileLeaderLock:
    def __init__(self, path: Path, identity: str) -> None:
        self.lock = FileLock(str(path) + ".scheduler.lock", thread_local=False)
        self.name_file = Path(str(path) + ".scheduler.leader")
        self.identity = identity

    def try_acquire(self) -> bool:
        if self.lock.is_locked:
            return True
        try:
            self.lock.acquire(timeout=0)
        except Timeout:
            return False
        self.name_file.write_text(self.identity, encoding="utf-8")
        return True

    def still_held(self) -> bool:
        return self.lock.is_locked

    def release(self) -> None:
        if self.lock.is_locked:
            self.lock.release(force=True)


class AlwaysLeader:
    def __init__(self) -> None:
        self.held = False

    def try_acquire(self) -> bool:
        self.held = True
        return True

    def still_held(self) -> bool:
        return self.held

    def release(self) -> None:
        self.held = False


def leader_lock(db: Engine, identity: str) -> LeaderLock:
    if db.dialect.name == "postgresql":
        return PostgresLock(db, identity)
    path = database_file(db)
    return FileLeaderLock(path, identity) if path is not None else AlwaysLeader()


def current_leader(db: Engine) -> str | None:
    """The leading process's name (``host:pid``), or None when no process leads."""
    if db.dialect.name == "postgresql":
        query = text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = :key AND l.objsubid = 1 "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        with db.connect() as conn:
            name = conn.execute(query, {"key": LOCK_KEY}).scalar()
        return str(name).removeprefix(APP_PREFIX) if name else None
    path = database_file(db)
    if path is None:
        return None
    probe = FileLock(str(path) + ".scheduler.lock", thread_local=False)
    try:
        probe.acquire(timeout=0)
    except Timeout:
        name_file = Path(str(path) + ".scheduler.leader")
        return name_file.read_text(encoding="utf-8") if name_file.exists() else "?"
    probe.release(force=True)
    return None
