"""和暦 display and the meeting dataclasses."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.meetings.display import date_line, offset_label, short_datetime, wareki, wareki_with_weekday
from bot.meetings.model import MeetingInfo, Rsvp, answers_by_member

TZ = ZoneInfo("Asia/Tokyo")
START = datetime(2026, 1, 21, 15, 0, tzinfo=TZ)


def test_wareki_eras_and_gannen() -> None:
    assert wareki(date(2026, 1, 21)) == "令和8年1月21日"
    assert wareki(date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki(date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki(date(1989, 1, 7)) == "昭和64年1月7日"
    assert wareki_with_weekday(date(2026, 1, 21)) == "令和8年1月21日(水)"


def test_date_line() -> None:
    assert date_line(START, START + timedelta(hours=2), tz=TZ) == "令和8年1月21日(水) 15:00–17:00"
    assert date_line(START, None, tz=TZ) == "令和8年1月21日(水) 15:00〜"
    assert date_line(START.astimezone(UTC), None, tz=TZ) == "令和8年1月21日(水) 15:00〜"  # shown in the council's zone
    overnight = date_line(START, START + timedelta(hours=20), tz=TZ)
    assert overnight == "令和8年1月21日(水) 15:00–1月22日(木) 11:00"


def test_short_datetime_and_offset_label() -> None:
    assert short_datetime(START - timedelta(days=7), tz=TZ) == "1月14日(水) 15:00"
    assert offset_label(timedelta(days=7)) == "7日"
    assert offset_label(timedelta(hours=36)) == "1日12時間"
    assert offset_label(timedelta(minutes=90)) == "1時間30分"
    assert offset_label(timedelta(seconds=45)) == "45秒"
    with pytest.raises(ValueError):
        offset_label(timedelta())


def test_meeting_requires_aware_and_ordered_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        MeetingInfo(id=1, title="t", starts_at=datetime(2026, 1, 21, 15), created_at=START)
    with pytest.raises(ValueError, match="not after"):
        MeetingInfo(id=1, title="t", starts_at=START, ends_at=START, created_at=START)
    with pytest.raises(ValueError, match="status"):
        MeetingInfo(id=1, title="t", starts_at=START, created_at=START, status="postponed")  # type: ignore[arg-type]
    m = MeetingInfo(id=1, title="t", starts_at=START, created_at=START - timedelta(days=9))
    assert m.scheduled_since == START - timedelta(days=9) and not m.cancelled


def test_latest_rsvp_per_member_wins() -> None:
    rsvps = [
        Rsvp(1, "U0A1", "未定", START - timedelta(days=5)),
        Rsvp(1, "U0A1", "出席", START - timedelta(days=2)),
        Rsvp(1, "U0A2", "欠席", START - timedelta(days=3)),
    ]
    assert answers_by_member(reversed(rsvps)) == {"U0A1": "出席", "U0A2": "欠席"}
    with pytest.raises(ValueError):
        Rsvp(1, "U0A1", "参加", START)  # type: ignore[arg-type]
