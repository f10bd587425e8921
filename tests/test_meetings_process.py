"""Real processes: ``shingikai serve --http`` against the local Slack stand-in (SLACK_API_URL), with a short
scheduler interval (SHINGIKAI_SCHEDULER_INTERVAL). A reminder falls due while the bot is SIGKILLed: it is posted
exactly once after the restart, and not again after a second restart. Two ``serve`` processes on one PostgreSQL
database: one leader, no double send, and the other takes over when the leader is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from bot.clock import SystemClock
from bot.ports import MeetingForm
from bot.services.meetings import MeetingService
from bot.settings import CouncilConfig
from bot.storage.db import open_database
from bot.storage.leader import current_leader
from bot.storage.ledger import Ledger
from tests.support.db import postgres_database
from tests.support.slack_stub import BOT_TOKEN, SIGNING_SECRET, SlackStub

pytestmark = [pytest.mark.slow, pytest.mark.wire]
ROOT = Path(__file__).resolve().parents[1]
TICK = 0.3  # seconds between scheduler checks (and leader retries) in these tests
CONFIG = {"council": {
    "name": "試験市個人情報保護審議会", "municipality": "試験市", "timezone": "Asia/Tokyo",
    "members": [{"slack_id": "U0P01", "name": "委員一", "role": "委員"},
                {"slack_id": "U0P02", "name": "委員二", "role": "委員"},
                {"slack_id": "U0PSEC", "name": "事務局", "role": "事務局"}],
    "channels": {"members": "C0MEMBERS", "secretariat": "C0SECRET"},
    "reminders": {"offsets_hours": [24], "quorum_check_hours": 72, "grace_hours": 6},
}}


class Bot:
    """One ``shingikai serve --http`` process."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from bot.cli import main; main()", "serve", "--http", "--host", "127.0.0.1",
             "--port", "0", "--log-level", "WARNING"],
            cwd=ROOT, env=env, stdout=self.log, stderr=self.log)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture
def stub() -> Iterator[SlackStub]:
    s = SlackStub().start()
    yield s
    s.stop()


def environment(tmp_path: Path, stub: SlackStub, database_url: str) -> dict[str, str]:
    config = tmp_path / "app.yaml"
    config.write_text(yaml.safe_dump(CONFIG, allow_unicode=True), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SHINGIKAI_"))}
    env.update({
        "SHINGIKAI_CONFIG": str(config), "SHINGIKAI_DATABASE_URL": database_url, "SHINGIKAI_INDEX_CACHE": "off",
        "SHINGIKAI_SCHEDULER_INTERVAL": str(TICK), "SHINGIKAI_LEADER_RETRY": str(TICK),
        "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": stub.api_url,
        "XDG_DATA_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path),
    })
    return env


def add_meeting(url: str, title: str, *, due_in: float) -> int:
    """A meeting whose 1-day reminder falls due ``due_in`` seconds from now (as `meeting add` stores it)."""
    db = open_database(url)
    clock = SystemClock()
    service = MeetingService(db, CouncilConfig.model_validate(CONFIG["council"]), clock, Ledger(db, clock))
    starts = clock.now() + timedelta(days=1, seconds=due_in)
    meeting = service.schedule(MeetingForm(title=title, at=starts.isoformat(timespec="seconds"), remind="1d"),
                               by="cli", source="cli").meeting
    db.dispose()
    return meeting.id


DIGEST = "ダイジェスト"


def posts(stub: SlackStub, channel: str, words: str, *, digest: bool = False) -> list[str]:
    """Texts posted to ``channel`` containing ``words``: meeting messages (the daily digest, which also names the
    coming meeting, only with ``digest=True``)."""
    return [c.body.get("text", "") for c in stub.of("chat.postMessage")
            if c.ok and c.body.get("channel") == channel and words in c.body.get("text", "")
            and (DIGEST in c.body.get("text", "")) == digest]


def wait_until(check: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_reminder_due_while_killed_is_sent_once_after_restart(tmp_path: Path, stub: SlackStub) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    env = environment(tmp_path, stub, url)
    first = Bot(env, tmp_path / "bot.log")
    db = open_database(url)
    host = os.uname().nodename
    try:
        wait_until(lambda: current_leader(db) == f"{host}:{first.pid}", timeout=60, what="the first bot to lead")
        meeting = add_meeting(url, "第90回 審議会", due_in=3)  # as `shingikai meeting add` does, beside the bot
        due_at = time.monotonic() + 3
        # the running bot announces the CLI's meeting by itself, without a restart
        wait_until(lambda: len(posts(stub, "C0MEMBERS", "第90回")) == 1, what="the announcement")
    finally:
        first.kill()  # SIGKILL before the reminder is due
    assert time.monotonic() < due_at, "the announcement came too late; the reminder was not due while down"
    time.sleep(max(0.0, due_at - time.monotonic()) + 0.2)  # the reminder falls due while no bot runs

    second = Bot(env, tmp_path / "bot.log")
    try:
        wait_until(lambda: len(posts(stub, "C0MEMBERS", "前のお知らせ")) == 1, timeout=60,
                   what="the reminder after restart")
        wait_until(lambda: len([c for c in stub.of("chat.postMessage") if c.body.get("channel") in ("U0P01", "U0P02")])
                   == 2, what="the DMs")
        time.sleep(4 * TICK)
    finally:
        second.kill()
    third = Bot(env, tmp_path / "bot.log")
    try:
        wait_until(lambda: current_leader(db) == f"{host}:{third.pid}", timeout=60, what="the third bot to lead")
        time.sleep(4 * TICK)  # a few ticks of the third bot
    finally:
        third.kill()
        db.dispose()
    assert len(posts(stub, "C0MEMBERS", "前のお知らせ")) == 1
    assert len(posts(stub, "C0MEMBERS", "第90回")) == 2  # the announcement and the one reminder
    assert len(posts(stub, "C0MEMBERS", DIGEST, digest=True)) <= 1  # the digest (a weekday after 08:30): never twice
    dms = [c.body["channel"] for c in stub.of("chat.postMessage") if c.body.get("channel", "").startswith("U")]
    assert sorted(dms) == ["U0P01", "U0P02"]  # each member once; 事務局 none
    assert not posts(stub, "C0SECRET", "送れなかった") and not posts(stub, "C0SECRET", "確認できなかった")
    assert meeting == 1


@pytest.fixture
def pg_url() -> Iterator[str]:
    with postgres_database() as url:
        yield url


def test_two_processes_on_postgresql_one_leader_and_takeover(tmp_path: Path, stub: SlackStub, pg_url: str) -> None:
    env = environment(tmp_path, stub, pg_url)
    open_database(pg_url).dispose()  # migrated once, before two processes start
    bots = [Bot(env, tmp_path / "a.log"), Bot(env, tmp_path / "b.log")]
    db = open_database(pg_url)
    host = os.uname().nodename
    try:
        wait_until(lambda: current_leader(db) in {f"{host}:{b.pid}" for b in bots}, timeout=60, what="a leader")
        wait_until(lambda: len(stub.of("auth.test")) >= 2, timeout=60, what="both bots up")
        add_meeting(pg_url, "第91回 審議会", due_in=2)
        leader = next(b for b in bots if current_leader(db) == f"{host}:{b.pid}")
        other = next(b for b in bots if b is not leader)
        wait_until(lambda: len(posts(stub, "C0MEMBERS", "前のお知らせ")) == 1, what="the reminder")
        time.sleep(4 * TICK)
        assert len(posts(stub, "C0MEMBERS", "第91回")) == 2  # one announcement, one reminder: no double send

        leader.kill()
        killed_at = time.monotonic()
        wait_until(lambda: current_leader(db) == f"{host}:{other.pid}", timeout=10, what="the takeover")
        assert time.monotonic() - killed_at < 60
        add_meeting(pg_url, "第92回 審議会", due_in=2)
        wait_until(lambda: len(posts(stub, "C0MEMBERS", "前のお知らせ")) == 2, what="the new leader's reminder")
        time.sleep(4 * TICK)
        assert len(posts(stub, "C0MEMBERS", "第92回")) == 2
        assert len(posts(stub, "C0MEMBERS", "前のお知らせ")) == 2
    finally:
        for b in bots:
            b.kill()
        db.dispose()
