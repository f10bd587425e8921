"""``shingikai meeting ...`` and ``scheduler status``: JSON shapes, Japanese messages, exit codes (FixedClock)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from icalendar import Calendar
from typer.testing import CliRunner

from bot.cli import meetings as cli
from bot.clock import FixedClock
from bot.services.meetings import MeetingService
from bot.storage.db import open_database
from bot.storage.ledger import Ledger
from tests.test_meetings_service import CONFIG

NOW = datetime(2026, 1, 5, 0, 0, tzinfo=UTC)


@pytest.fixture
def run(db_url: str):  # type: ignore[no-untyped-def]
    db = open_database(db_url)
    clock = FixedClock(NOW)
    app = typer.Typer()
    cli.register(app, service_factory=lambda: MeetingService(db, CONFIG, clock, Ledger(db, clock)))
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(app, list(args))
        return result.exit_code, result.stdout, result.stderr

    yield invoke
    db.dispose()


def test_add_prints_the_meeting_as_json(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("meeting", "add", "--title", "第80回 審議会", "--at", "令和8年1月21日(水)午後3時", "--end", "17:00",
                       "--place", "本庁舎 3階", "--remind", "7d,1d,2h", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["id"] == 1 and data["title"] == "第80回 審議会" and data["place"] == "本庁舎 3階"
    assert data["starts_at"] == "2026-01-21T15:00:00+09:00" and data["ends_at"] == "2026-01-21T17:00:00+09:00"
    assert data["agenda"] == [] and data["warnings"] == []
    assert [r["offset"] for r in data["reminders"]] == ["7d", "1d", "2h"]
    assert data["reminders"][2]["due_at"] == "2026-01-21T13:00:00+09:00"


@pytest.mark.parametrize(("args", "reason"), [
    (("--at", "令和7年1月21日 15:00"), "過去の日時"),
    (("--at", "令和8年2月30日 15:00"), "存在しない日付"),
    (("--at", "2026-01-21T15:00", "--agenda", "42"), "42"),
    (("--at", "2026-01-21T15:00", "--remind", "soon"), "soon"),
])
def test_add_refuses_bad_input_with_exit_2(run, args: tuple[str, ...], reason: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("meeting", "add", "--title", "第80回", *args)
    assert code == 2 and reason in err and out == ""
    assert run("meeting", "list", "--json")[1].strip() == "[]"


def test_holiday_is_a_warning_not_an_error(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("meeting", "add", "--title", "臨時会", "--at", "2026-02-11 10:00")
    assert code == 0 and "会議を登録しました" in out and "建国記念の日" in out


def test_the_secretariats_commands(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("meeting", "add", "--title", "第80回 審議会", "--at", "2026-01-21T15:00", "--end", "17:00")
    listed = run("meeting", "list")[1]
    assert "[1] 第80回 審議会" in listed and "令和8年1月21日(水) 15:00–17:00" in listed
    answers = ["出席", "出席", "出席", "欠席", "欠席", "未定", "未定", "未定"]
    for i, answer in enumerate(answers, start=1):
        code, out, _ = run("meeting", "rsvp", "1", "--member", f"U0M{i:02d}", "--answer", answer)
        assert code == 0 and f"委員{i} さんの出欠を「{answer}」" in out
    code, _, err = run("meeting", "rsvp", "1", "--member", "U0NOBODY", "--answer", "出席")
    assert code == 2 and "委員" in err
    code, _, err = run("meeting", "rsvp", "1", "--member", "U0M01", "--answer", "たぶん")
    assert code == 2 and "出席 / 欠席 / 未定" in err
    quorum = json.loads(run("meeting", "quorum", "1", "--json")[1])
    assert set(quorum) == {"meeting_id", "members", "needed", "attending", "absent", "undecided", "status",
                           "undecided_members", "absent_members"}
    assert quorum["status"] == "undecided_decides" and quorum["needed"] == 4
    assert quorum["undecided_members"][0] == {"slack_id": "U0M06", "name": "委員6"}
    assert "あと 1名" in run("meeting", "quorum", "1")[1]

    code, out, _ = run("meeting", "move", "1", "--at", "令和8年1月28日 15:00")
    assert code == 0 and "1月28日(水) 15:00–17:00" in out
    assert run("meeting", "ics", "1", "-o", str(tmp_path / "m.ics"))[0] == 0
    event = Calendar.from_ical((tmp_path / "m.ics").read_bytes()).walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) == 1 and str(event["SUMMARY"]) == "第80回 審議会"

    code, out, _ = run("meeting", "attendance", "1", "--present", "U0M01,U0M02,U0M03,U0M06")
    assert code == 0 and "4名" in out and "達しました" in out
    shown = json.loads(run("meeting", "show", "1", "--json")[1])
    assert shown["quorate"] is True and [p["name"] for p in shown["present"]] == ["委員1", "委員2", "委員3", "委員6"]
    assert "定足数に達しました" in run("meeting", "show", "1")[1]

    code, out, _ = run("meeting", "cancel", "1", "--reason", "都合により")
    assert code == 0 and "中止にしました" in out
    assert run("meeting", "list")[1].strip().startswith("予定されている会議はありません")
    assert "中止: 都合により" in run("meeting", "list", "--all")[1]
    assert run("meeting", "cancel", "1")[0] == 2


def test_unknown_meeting_exits_1(run) -> None:  # type: ignore[no-untyped-def]
    for args in (("show", "9"), ("quorum", "9"), ("ics", "9"), ("cancel", "9"), ("move", "9", "--at", "2026-02-02 10:00")):
        code, _, err = run("meeting", *args)
        assert code == 1 and "ID 9 の会議はありません" in err, args


def test_scheduler_status_names_no_leader_and_the_next_sends(run) -> None:  # type: ignore[no-untyped-def]
    run("meeting", "add", "--title", "第80回", "--at", "2026-01-21T15:00", "--remind", "1d")
    code, out, _ = run("scheduler", "status")
    assert code == 0 and "スケジューラの担当: なし" in out
    assert "1月18日(日) 15:00  定足数の確認（3日前）" in out and "1月20日(火) 15:00  出欠の催促（1日前）" in out
    data = json.loads(run("scheduler", "status", "--json")[1])
    assert data["leader"] is None and [d["due_at"] for d in data["next"]] == ["2026-01-18T15:00:00+09:00",
                                                                              "2026-01-20T15:00:00+09:00"]
