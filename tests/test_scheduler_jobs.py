"""APScheduler's job table is made by the migrations (0009), the same table APScheduler 3's SQLAlchemyJobStore
would create; the scheduler runs on it and creates nothing; a database where APScheduler made it already
migrates without losing its jobs (SQLite, and PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Column, Float, LargeBinary, MetaData, Table, Unicode, event, inspect, text
from sqlalchemy.engine import Engine

from bot.clock import FixedClock
from bot.ports import MeetingForm
from bot.scheduling.runner import JOB_TABLE, TICK_JOB, SchedulerRunner
from bot.services.meetings import MeetingService
from bot.services.reminders import ReminderService
from bot.settings import Channels, CouncilConfig, Member, Reminders
from bot.storage.db import alembic_config, make_engine, migrate, open_database
from bot.storage.ledger import Ledger
from tests.support.fakes import RecordingNotifier

FAR = datetime(2030, 1, 5, 0, 0, tzinfo=UTC)  # the tests' "now": nothing they schedule falls due while they run


def schema(engine: Engine) -> dict[str, Any]:
    """The job table as the database has it: columns (type, nullable), primary key, indexes."""
    found = inspect(engine)
    return {
        "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(JOB_TABLE)],
        "primary_key": found.get_pk_constraint(JOB_TABLE)["constrained_columns"],
        "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                          for i in found.get_indexes(JOB_TABLE)),
    }


def job_ids(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text(f"SELECT id FROM {JOB_TABLE} ORDER BY id")).scalars())


def revision(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


@contextmanager
def ddl_seen(engine: Engine) -> Iterator[list[str]]:
    """Every CREATE/ALTER/DROP statement sent through ``engine`` meanwhile."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(("CREATE", "ALTER", "DROP")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def apscheduler_with_a_job(engine: Engine, job_id: str) -> None:
    """What a leader did before 0009: the job store creates its table (if missing) and stores a job."""
    scheduler = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOB_TABLE)},
                                    timezone=UTC)
    scheduler.start(paused=True)
    scheduler.add_job("bot.scheduling.jobs:tick", "date", run_date=FAR, id=job_id)
    scheduler.shutdown(wait=False)


def test_a_fresh_database_gets_the_table_apscheduler_would_make(db_url: str) -> None:
    engine = make_engine(db_url)
    SQLAlchemyJobStore(engine=engine, tablename=JOB_TABLE).jobs_t.create(engine)  # what its start() does
    theirs = schema(engine)
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {JOB_TABLE}"))
    migrate(engine)
    assert schema(engine) == theirs
    assert [c[0] for c in theirs["columns"]] == ["id", "next_run_time", "job_state"]
    assert theirs["primary_key"] == ["id"] and [i[1] for i in theirs["indexes"]] == [("next_run_time",)]
    assert job_ids(engine) == []
    engine.dispose()


def test_the_scheduler_runs_on_the_migrated_table_and_creates_nothing(db_url: str) -> None:
    db = open_database(db_url)
    clock = FixedClock(FAR)
    config = CouncilConfig(name="審議会", municipality="みどり野市",
                           members=[Member(slack_id="U0M01", name="委員1", role="委員")],
                           channels=Channels(members="C0MEMBERS", secretariat="C0SECRET"),
                           reminders=Reminders(offsets_hours=[24], quorum_check_hours=72, grace_hours=6))
    meetings = MeetingService(db, config, clock, Ledger(db, clock))
    meetings.schedule(MeetingForm(title="第80回", at="2030-01-21T15:00"), by="cli")
    lock = Always()
    runner = SchedulerRunner(ReminderService(meetings, RecordingNotifier()), db, clock, interval=3600, retry=0.05,
                             lock=lock)
    with ddl_seen(db) as ddl:
        runner.start()
        try:
            wait_until(lambda: runner.leading)
            runner.sync_jobs()  # one date job per planned send
            assert job_ids(db) == sorted([TICK_JOB, "quorum:1:259200", "reminder:1:86400"])
        finally:
            runner.stop()
    assert ddl == []  # the job store found its table
    db.dispose()


@pytest.mark.parametrize("made_by", ["apscheduler", "apscheduler_without_index"])
def test_a_database_where_apscheduler_made_the_table_migrates_and_keeps_its_jobs(db_url: str, made_by: str) -> None:
    engine = make_engine(db_url)
    migrate(engine, "0008")
    if made_by == "apscheduler_without_index":  # hand-made, or by another tool: the index is added
        Table(JOB_TABLE, MetaData(), Column("id", Unicode(191), primary_key=True), Column("next_run_time", Float(25)),
              Column("job_state", LargeBinary, nullable=False)).create(engine)
    apscheduler_with_a_job(engine, "reminder:7:86400")
    before = schema(engine)
    migrate(engine)
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert revision(engine) == head == "0009"
    assert job_ids(engine) == ["reminder:7:86400"]  # kept
    after = schema(engine)
    assert after["columns"] == before["columns"]
    assert [i[1] for i in after["indexes"]] == [("next_run_time",)]  # one index, whoever made it
    migrate(engine)  # again: nothing to do
    assert revision(engine) == "0009" and job_ids(engine) == ["reminder:7:86400"]
    apscheduler_with_a_job(engine, "reminder:8:86400")  # APScheduler still reads and writes it
    assert job_ids(engine) == ["reminder:7:86400", "reminder:8:86400"]
    engine.dispose()


def test_downgrade_to_0008_drops_the_table(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    command.downgrade(alembic_config(engine), "0008")
    assert JOB_TABLE not in inspect(engine).get_table_names()
    migrate(engine)
    assert JOB_TABLE in inspect(engine).get_table_names()
    engine.dispose()


class Always:
    """A leader lock that is always ours."""

    def __init__(self) -> None:
        self.released = threading.Event()

    def try_acquire(self) -> bool:
        return True

    def still_held(self) -> bool:
        return True

    def release(self) -> None:
        self.released.set()


def wait_until(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)
