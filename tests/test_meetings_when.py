"""WHEN / --end / offsets parsing and calendar warnings (fixed datetimes, no clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.meetings.when import (
    WhenError,
    date_warnings,
    offsets_from_hours,
    parse_end,
    parse_offsets,
    parse_when,
)
from templates.blocks.meetings import date_warning, when_problem

TZ = ZoneInfo("Asia/Tokyo")


def worded(starts_at: datetime) -> list[str]:
    """The warnings on ``starts_at`` as a person reads them (templates/meetings/date_warning.j2)."""
    return [date_warning(w) for w in date_warnings(starts_at, tz=TZ)]


def said(err: WhenError) -> str:
    """What a person reads of ``err`` (templates/meetings/when.j2)."""
    return when_problem(err.problem, **err.params)
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=TZ)
START = datetime(2026, 1, 21, 15, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    "text",
    [
        "令和8年1月21日 15時",
        "令和8年1月21日(水)午後3時",
        "令和8年1月21日（水） 午後3時",
        "令和8年1月21日 15:00",
        "R8.1.21 15:00",
        "令和８年１月２１日　１５：００",
        "令和八年一月二十一日 十五時",
        "2026年1月21日 15時",
        "2026/1/21 15:00",
        "2026-01-21 15:00",
        "2026-01-21T15:00",
        "2026-01-21T15:00:00+09:00",
        "2026-01-21T06:00Z",
        "令和8年1月21日(水曜日) 午後3時",
    ],
)
def test_forms_people_write(text: str) -> None:
    got = parse_when(text, tz=TZ, now=NOW)
    assert got == START
    assert got.utcoffset() == timedelta(hours=9)


def test_minutes_half_and_am() -> None:
    assert parse_when("令和8年1月21日 15時30分", tz=TZ, now=NOW) == START.replace(minute=30)
    assert parse_when("令和8年1月21日 午後3時半", tz=TZ, now=NOW) == START.replace(minute=30)
    assert parse_when("令和8年1月21日 午前10時", tz=TZ, now=NOW) == START.replace(hour=10)
    assert parse_when("令和8年1月21日 午後0時", tz=TZ, now=NOW) == START.replace(hour=12)


def test_gannen() -> None:
    got = parse_when("令和元年5月7日 10:00", tz=TZ, now=None)
    assert got == datetime(2019, 5, 7, 10, 0, tzinfo=TZ)


def test_iso_with_other_offset_is_converted_to_council_zone() -> None:
    got = parse_when("2026-01-21T07:00+01:00", tz=TZ, now=NOW)
    assert got == START and got.tzinfo == TZ
    assert got.astimezone(UTC).hour == 6


def test_iso_without_offset_is_in_council_zone() -> None:
    other = ZoneInfo("America/New_York")
    got = parse_when("2026-01-21T15:00", tz=other, now=None)
    assert got.utcoffset() == timedelta(hours=-5)


def test_impossible_date() -> None:
    with pytest.raises(WhenError) as err:
        parse_when("令和8年2月30日 15:00", tz=TZ, now=NOW)
    assert "令和8年2月30日" in said(err.value) and "存在しない日付" in said(err.value)
    assert "例:" in said(err.value)
    with pytest.raises(WhenError) as iso:
        parse_when("2026-02-30T10:00", tz=TZ, now=NOW)
    assert iso.value.problem == "no_such_date" and "存在しない日付" in said(iso.value)


def test_wrong_weekday_names_the_real_one() -> None:
    with pytest.raises(WhenError) as err:
        parse_when("令和8年1月21日(木) 15:00", tz=TZ, now=NOW)
    msg = said(err.value)
    assert "水曜日" in msg and "「木」" in msg
    assert "令和8年1月21日(水) 15:00" in msg  # the corrected form


def test_past_time_is_refused_relative_to_now() -> None:
    with pytest.raises(WhenError) as err:
        parse_when("令和8年1月5日 8:59", tz=TZ, now=NOW)
    assert "過去" in said(err.value) and "2026-01-05 09:00" in said(err.value)
    with pytest.raises(WhenError) as now:
        parse_when("2026-01-05T09:00", tz=TZ, now=NOW)  # exactly now is not in the future
    assert now.value.problem == "past" and "過去" in said(now.value)
    assert parse_when("令和8年1月5日 9:01", tz=TZ, now=NOW) == NOW + timedelta(minutes=1)


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_when("令和8年1月21日 15:00", tz=TZ, now=datetime(2026, 1, 5, 9))


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "空"),
        ("来週の水曜", "読み取れません"),
        ("令和8年1月21日", "時刻がありません"),
        ("令和8年1月21日 夕方", "時刻として読み取れません"),
        ("令和8年1月21日 15:00 第2会議室", "「第2会議室」"),
        ("令和8年1月21日 15:00〜17:00", "--end"),
        ("令和8年1月21日 25:00", "存在しない時刻"),
        ("令和8年1月21日 15:75", "存在しない時刻"),
        ("令和8年1月21日 午後15時", "12 時まで"),
        ("会議は令和8年1月21日 15:00", "読み取れません"),
    ],
)
def test_errors_say_what_is_wrong(text: str, needle: str) -> None:
    with pytest.raises(WhenError) as err:
        parse_when(text, tz=TZ, now=NOW)
    assert needle in said(err.value)
    assert "例" in said(err.value)


def test_end_time() -> None:
    assert parse_end("17:00", starts_at=START) == START.replace(hour=17)
    assert parse_end("１７時３０分", starts_at=START) == START.replace(hour=17, minute=30)
    assert parse_end("午後5時", starts_at=START) == START.replace(hour=17)


@pytest.mark.parametrize(
    ("text", "needle"), [("14:00", "より後ではありません"), ("15:00", "より後"), ("夕方", "読み取れません")]
)
def test_end_errors(text: str, needle: str) -> None:
    with pytest.raises(WhenError) as err:
        parse_end(text, starts_at=START)
    assert needle in said(err.value)


def test_holiday_warning_names_it() -> None:
    assert worded(datetime(2026, 1, 12, 15, tzinfo=TZ)) == ["2026-01-12 は成人の日（祝日）です"]


def test_substitute_holiday_and_weekend() -> None:
    assert worded(datetime(2026, 5, 6, 15, tzinfo=TZ)) == [
        "2026-05-06 は振替休日（憲法記念日の振替）です"
    ]
    assert worded(datetime(2026, 1, 24, 15, tzinfo=TZ)) == ["2026-01-24 は土曜日です"]


def test_weekday_has_no_warning_and_uses_council_day() -> None:
    assert worded(START) == []
    # 2026-01-23 20:00 UTC is Saturday 05:00 in Tokyo: the council's day counts
    warnings = worded(datetime(2026, 1, 23, 20, tzinfo=UTC))
    assert warnings[0] == "2026-01-24 は土曜日です"
    assert "午後5時" in warnings[1] and "17:00" in warnings[1]


def test_year_end_closure_warning() -> None:
    warnings = worded(datetime(2026, 12, 28, 15, tzinfo=TZ))
    assert warnings == []
    warnings = worded(datetime(2026, 12, 29, 15, tzinfo=TZ))
    assert warnings == ["2026-12-29 は年末年始（12月29日〜1月3日）の閉庁期間です"]


def test_offsets_sorted_longest_first_without_duplicates() -> None:
    got = parse_offsets("30m,7d,2h,1d,45s,24h")
    assert got == [
        timedelta(days=7),
        timedelta(days=1),
        timedelta(hours=2),
        timedelta(minutes=30),
        timedelta(seconds=45),
    ]


def test_offsets_other_spellings() -> None:
    assert parse_offsets("1d12h, ７日、2時間") == [timedelta(days=7), timedelta(hours=36), timedelta(hours=2)]
    assert parse_offsets("2H,30M") == [timedelta(hours=2), timedelta(minutes=30)]


@pytest.mark.parametrize(
    ("text", "needle"),
    [("3x", "「3x」"), ("7d,3x", "「3x」"), ("-1d", "「-1d」"), ("0h", "0 より長い"), ("", "1 つ以上"), ("d", "「d」")],
)
def test_offset_errors(text: str, needle: str) -> None:
    with pytest.raises(WhenError) as err:
        parse_offsets(text)
    assert needle in said(err.value) and "例: 7d,1d,2h" in said(err.value)


def test_offsets_from_app_yaml_hours() -> None:
    assert offsets_from_hours([24, 168, 24]) == [timedelta(days=7), timedelta(days=1)]
