"""Reminder planning: future / due / missed / skipped at fixed instants."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.meetings.model import MeetingInfo
from bot.meetings.plan import next_due_at, plan, reminder_recipients, send_key, with_state
from bot.settings import Member

TZ = ZoneInfo("Asia/Tokyo")
START = datetime(2026, 1, 21, 15, 0, tzinfo=TZ)
CREATED = datetime(2026, 1, 5, 10, 0, tzinfo=TZ)
DAY = timedelta(days=1)
GRACE = timedelta(hours=6)
DEFAULTS = [timedelta(hours=168), timedelta(hours=24)]
QUORUM = [timedelta(hours=72)]


def meeting(**kw: object) -> MeetingInfo:
    base: dict[str, object] = {"id": 12, "title": "第80回 審議会", "starts_at": START, "created_at": CREATED}
    base.update(kw)
    return MeetingInfo(**base)  # type: ignore[arg-type]


def states(m: MeetingInfo, now: datetime) -> dict[str, str]:
    sends = plan(m, default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=now, grace=GRACE)
    return {f"{s.kind}:{int(s.offset.total_seconds() // 3600)}h": s.state for s in sends}


def test_keys_and_due_times() -> None:
    sends = plan(meeting(), default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=CREATED, grace=GRACE)
    assert [(s.kind, s.due_at) for s in sends] == [
        ("reminder", START - 7 * DAY),
        ("quorum", START - 3 * DAY),
        ("reminder", START - DAY),
    ]
    assert sends[0].key == "reminder:12:604800:20260121T0600Z"
    assert sends[1].key == "quorum:12:259200:20260121T0600Z"
    assert {s.state for s in sends} == {"future"}
    assert next_due_at(sends) == START - 7 * DAY


def test_due_within_grace_then_missed_after() -> None:
    due_7d = START - 7 * DAY
    assert states(meeting(), due_7d)["reminder:168h"] == "due"
    assert states(meeting(), due_7d + GRACE - timedelta(seconds=1))["reminder:168h"] == "due"
    assert states(meeting(), due_7d + GRACE)["reminder:168h"] == "missed"
    assert states(meeting(), due_7d - timedelta(seconds=1))["reminder:168h"] == "future"


def test_after_a_long_downtime_everything_past_is_missed_not_sent() -> None:
    got = states(meeting(), START - DAY + timedelta(hours=1))  # back up 23 h before the meeting
    assert got == {"reminder:168h": "missed", "quorum:72h": "missed", "reminder:24h": "due"}


def test_meeting_already_started_makes_a_due_send_missed() -> None:
    short = meeting(reminder_offsets=(timedelta(hours=2),))
    sends = plan(short, default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=START, grace=GRACE)
    reminder = [s for s in sends if s.kind == "reminder"]
    assert [s.state for s in reminder] == ["missed"]  # within grace, but the meeting has begun


def test_per_meeting_offsets_replace_the_default() -> None:
    m = meeting(reminder_offsets=(timedelta(hours=2), timedelta(days=2), timedelta(hours=2)))
    sends = plan(m, default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=CREATED, grace=GRACE)
    assert [s.offset for s in sends if s.kind == "reminder"] == [timedelta(days=2), timedelta(hours=2)]


def test_added_two_days_before_skips_the_week_reminder() -> None:
    m = meeting(created_at=START - 2 * DAY)
    got = states(m, START - 2 * DAY)
    assert got == {"reminder:168h": "skipped", "quorum:72h": "skipped", "reminder:24h": "future"}
    later = states(m, START - timedelta(hours=2))  # even much later they stay skipped, never missed
    assert later["reminder:168h"] == "skipped" and later["reminder:24h"] == "missed"


def test_moved_meeting_gets_new_keys_and_skips_sends_due_before_the_move() -> None:
    new_start = START + 7 * DAY
    moved_at = START - 2 * DAY
    m = meeting(starts_at=new_start, rescheduled_at=moved_at, sequence=1)
    sends = plan(m, default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=moved_at, grace=GRACE)
    by_kind = {(s.kind, s.offset): s for s in sends}
    week = by_kind[("reminder", 7 * DAY)]
    assert week.due_at == START and week.state == "future"
    assert week.key == send_key("reminder", 12, 7 * DAY, new_start) != send_key("reminder", 12, 7 * DAY, START)
    nearer = meeting(starts_at=START + DAY, rescheduled_at=moved_at)
    assert states(nearer, moved_at)["reminder:168h"] == "skipped"


def test_edit_without_move_keeps_keys() -> None:
    a = plan(meeting(), default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=CREATED, grace=GRACE)
    b = plan(
        meeting(place="別館", sequence=3), default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=CREATED, grace=GRACE
    )
    assert [s.key for s in a] == [s.key for s in b]


def test_cancelled_meeting_plans_nothing() -> None:
    m = meeting(status="cancelled", cancel_reason="委員の都合")
    assert plan(m, default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=START - 7 * DAY, grace=GRACE) == []


def test_naive_now_and_bad_grace_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        plan(meeting(), default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=datetime(2026, 1, 5), grace=GRACE)
    with pytest.raises(ValueError, match="grace"):
        plan(meeting(), default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=CREATED, grace=timedelta())


def test_with_state() -> None:
    sends = plan(meeting(), default_offsets=DEFAULTS, quorum_offsets=QUORUM, now=START - 3 * DAY, grace=GRACE)
    assert [s.kind for s in with_state(sends, "due")] == ["quorum"]
    assert [s.offset for s in with_state(sends, "missed")] == [7 * DAY]


def test_reminder_goes_to_unanswered_and_undecided_voting_members() -> None:
    members = [
        Member(slack_id="U0A1", name="青木", role="会長"),
        Member(slack_id="U0A2", name="石田", role="委員"),
        Member(slack_id="U0A3", name="上野", role="委員"),
        Member(slack_id="U0A4", name="江口", role="委員"),
        Member(slack_id="U0S9", name="佐野", role="事務局"),
    ]
    got = reminder_recipients(members, {"U0A1": "出席", "U0A2": "未定", "U0A3": "欠席"})
    assert [(r.slack_id, r.name) for r in got] == [("U0A2", "石田"), ("U0A4", "江口")]
