"""iCalendar output read back with icalendar.Calendar.from_ical."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.meetings.ics import DEFAULT_DURATION, meeting_uid, to_ics
from bot.meetings.model import AgendaItem, MeetingInfo

TZ = ZoneInfo("Asia/Tokyo")
START = datetime(2026, 1, 21, 15, 0, tzinfo=TZ)
STAMP = datetime(2026, 1, 5, 10, 0, tzinfo=TZ)
COUNCIL = "みどり野市個人情報保護審議会"
AGENDA = [
    AgendaItem(4, "諮問第12号", "窓口の決済機能の導入について", pending=True),
    AgendaItem(5, "諮問第13号", "防犯カメラの設置について"),
]
MEETING = MeetingInfo(
    id=9,
    title="第80回 個人情報保護審議会",
    starts_at=START,
    ends_at=START + timedelta(hours=2),
    created_at=STAMP,
    place="本庁舎 3階 第1会議室",
    agenda_ids=(4, 5),
)


def read(data: bytes) -> tuple[Calendar, object]:
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return cal, events[0]


def test_published_event() -> None:
    cal, ev = read(to_ics(MEETING, council_name=COUNCIL, tz=TZ, stamp=STAMP, agenda=AGENDA))
    assert str(cal["METHOD"]) == "PUBLISH" and cal["PRODID"]
    assert str(ev["UID"]) == meeting_uid(9, COUNCIL)  # type: ignore[index]
    assert str(ev["UID"]).startswith("meeting-9-") and str(ev["UID"]).endswith("@shingikai-bot")  # type: ignore[index]
    start = ev["DTSTART"]  # type: ignore[index]
    assert start.dt == START and start.params["TZID"] == "Asia/Tokyo"
    assert ev["DTEND"].dt == START + timedelta(hours=2)  # type: ignore[index]
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    assert str(ev["SUMMARY"]) == "第80回 個人情報保護審議会"  # type: ignore[index]
    assert str(ev["LOCATION"]) == "本庁舎 3階 第1会議室"  # type: ignore[index]
    assert str(ev["DESCRIPTION"]).splitlines() == [  # type: ignore[index]
        "諮問第12号 窓口の決済機能の導入について（継続審議）",
        "諮問第13号 防犯カメラの設置について",
    ]
    assert int(ev["SEQUENCE"]) == 0 and str(ev["STATUS"]) == "CONFIRMED"  # type: ignore[index]


def test_move_keeps_uid_and_raises_sequence() -> None:
    _, before = read(to_ics(MEETING, council_name=COUNCIL, tz=TZ, stamp=STAMP))
    moved = MeetingInfo(
        id=9,
        title=MEETING.title,
        starts_at=START + timedelta(days=7),
        created_at=STAMP,
        sequence=1,
        rescheduled_at=STAMP,
    )
    _, after = read(to_ics(moved, council_name=COUNCIL, tz=TZ, stamp=STAMP + timedelta(days=1)))
    assert str(after["UID"]) == str(before["UID"])  # type: ignore[index]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])  # type: ignore[index]
    assert after["DTSTART"].dt == START + timedelta(days=7)  # type: ignore[index]
    assert after["DTEND"].dt - after["DTSTART"].dt == DEFAULT_DURATION  # type: ignore[index]


def test_cancel() -> None:
    cancelled = MeetingInfo(
        id=9,
        title=MEETING.title,
        starts_at=START,
        created_at=STAMP,
        status="cancelled",
        cancel_reason="定足数に満たないため",
    )
    cal, ev = read(to_ics(cancelled, council_name=COUNCIL, tz=TZ, stamp=STAMP, sequence=2))
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(ev["STATUS"]) == "CANCELLED" and int(ev["SEQUENCE"]) == 2  # type: ignore[index]
    assert "定足数に満たないため" in str(ev["DESCRIPTION"])  # type: ignore[index]
    assert str(ev["UID"]) == meeting_uid(9, COUNCIL)  # type: ignore[index]


def test_explicit_flags_override_the_meeting() -> None:
    cal, ev = read(to_ics(MEETING, council_name=COUNCIL, tz=TZ, stamp=STAMP, sequence=4, cancelled=True))
    assert str(cal["METHOD"]) == "CANCEL" and int(ev["SEQUENCE"]) == 4  # type: ignore[index]


def test_uid_differs_between_councils_and_meetings() -> None:
    assert meeting_uid(9, COUNCIL) != meeting_uid(9, "別の市個人情報保護審議会")
    assert meeting_uid(9, COUNCIL) != meeting_uid(10, COUNCIL)


def test_output_is_deterministic() -> None:
    a = to_ics(MEETING, council_name=COUNCIL, tz=TZ, stamp=STAMP, agenda=AGENDA)
    assert a == to_ics(MEETING, council_name=COUNCIL, tz=TZ, stamp=STAMP, agenda=AGENDA)
    assert b"DTSTAMP:20260105T010000Z" in a
