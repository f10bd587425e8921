"""Meetings end to end below Slack: the service and the reminder decisions over a real database (SQLite, and
PostgreSQL when TEST_DATABASE_URL is set), a FixedClock and a recording notifier. Nothing sleeps."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from bot.clock import FixedClock
from bot.ports import MeetingForm, MeetingInputError
from bot.services.meetings import MeetingService
from bot.services.reminders import ReminderService
from bot.settings import Channels, CouncilConfig, Member, Reminders
from bot.storage.db import open_database
from bot.storage.ledger import Ledger
from templates.blocks.meetings import input_error
from tests.support.fakes import RecordingNotifier

MEMBERS = [Member(slack_id=f"U0M{i:02d}", name=f"委員{i}", role="委員") for i in range(1, 9)]
SECRETARIAT = Member(slack_id="U0SEC01", name="総務課 佐野", role="事務局")
CONFIG = CouncilConfig(name="みどり野市個人情報保護審議会", municipality="みどり野市", members=[*MEMBERS, SECRETARIAT],
                       channels=Channels(members="C0MEMBERS", secretariat="C0SECRET"),
                       reminders=Reminders(offsets_hours=[168, 24], quorum_check_hours=72, grace_hours=6))
NOW = datetime(2026, 1, 5, 0, 0, tzinfo=UTC)  # 2026-01-05 09:00 JST
AT = "令和8年1月21日(水) 15:00"  # 2026-01-21 06:00 UTC
START = datetime(2026, 1, 21, 6, 0, tzinfo=UTC)


class World:
    """One database, and 'processes' over it: each ``process()`` is a fresh service stack (a restart)."""

    def __init__(self, url: str) -> None:
        self.db = open_database(url)
        self.clock = FixedClock(NOW)
        self.notifier = RecordingNotifier()

    def process(self, *, notifier: RecordingNotifier | None = None) -> tuple[MeetingService, ReminderService]:
        n = notifier or self.notifier
        meetings = MeetingService(self.db, CONFIG, self.clock, Ledger(self.db, self.clock), n)
        return meetings, ReminderService(meetings, n, stale=timedelta(seconds=60))


@pytest.fixture
def world(db_url: str) -> World:
    w = World(db_url)
    yield w
    w.db.dispose()


def add(meetings: MeetingService, **kw: object) -> int:
    form = MeetingForm(**{"title": "第80回 審議会", "at": AT, "end": "17:00", "place": "本庁舎 3階", **kw})  # type: ignore[arg-type]
    return meetings.schedule(form, by="U0SEC01", source="cli").meeting.id


def test_add_refuses_with_the_field_and_warns_of_holidays(world: World) -> None:
    meetings, _ = world.process()
    with pytest.raises(MeetingInputError) as past:
        meetings.schedule(MeetingForm(title="x", at="令和7年1月21日 15:00"), by="cli")
    assert past.value.field == "at" and "過去" in input_error(past.value)
    with pytest.raises(MeetingInputError) as impossible:
        meetings.schedule(MeetingForm(title="x", at="令和8年2月30日 15:00"), by="cli")
    assert impossible.value.field == "at" and "存在しない日付" in input_error(impossible.value)
    with pytest.raises(MeetingInputError) as agenda:
        meetings.schedule(MeetingForm(title="x", at=AT, agenda=(999,)), by="cli")
    assert agenda.value.field == "agenda" and "999" in str(agenda.value)
    with pytest.raises(MeetingInputError) as remind:
        meetings.schedule(MeetingForm(title="x", at=AT, remind="7x"), by="cli")
    assert remind.value.field == "remind"
    holiday = meetings.schedule(MeetingForm(title="臨時会", at="2026-02-11T10:00"), by="cli")
    assert any("建国記念の日" in w for w in holiday.warnings)
    assert [v.title for v in meetings.upcoming()] == ["臨時会"]  # nothing else was stored


def test_quorum_forecast_for_eight_voting_members(world: World) -> None:
    meetings, _ = world.process()
    mid = add(meetings)
    for i, answer in enumerate(["出席", "出席", "出席", "欠席", "欠席", "未定", "未定", "未定"], start=1):
        assert meetings.rsvp(mid, f"U0M{i:02d}", answer, by="U0SEC01", source="cli").status == "recorded"
    f = meetings.quorum(mid).to_json()
    assert (f["members"], f["needed"], f["attending"], f["absent"], f["undecided"]) == (8, 4, 3, 2, 3)
    assert f["status"] == "undecided_decides"
    assert [m["name"] for m in f["undecided_members"]] == ["委員6", "委員7", "委員8"]
    meetings.rsvp(mid, "U0M06", "出席", by="U0M06")
    assert meetings.quorum(mid).status == "quorate"
    for i in range(1, 6):
        meetings.rsvp(mid, f"U0M{i:02d}", "欠席", by="cli")
    f = meetings.quorum(mid).to_json()
    assert f["status"] == "cannot_reach" and f["absent"] == 5
    assert [m["slack_id"] for m in f["absent_members"]] == ["U0M01", "U0M02", "U0M03", "U0M04", "U0M05"]


def test_only_voting_members_answer_and_only_until_the_start(world: World) -> None:
    meetings, _ = world.process()
    mid = add(meetings)
    assert meetings.rsvp(mid, "U0STRANGER", "出席", by="U0STRANGER").status == "not_member"
    assert meetings.rsvp(mid, "U0SEC01", "出席", by="U0SEC01").status == "not_member"
    assert meetings.answers(mid) == {}
    assert meetings.rsvp(mid, "U0M01", "未定", by="U0M01").status == "recorded"
    assert meetings.rsvp(mid, "U0M01", "出席", by="U0M01").status == "recorded"  # changed: one current answer
    assert meetings.answers(mid) == {"U0M01": "出席"}
    world.clock.set(START)
    closed = meetings.rsvp(mid, "U0M01", "欠席", by="U0M01")
    assert closed.status == "closed" and closed.meeting is not None and closed.meeting.closed
    assert meetings.answers(mid) == {"U0M01": "出席"}


def test_attendance_says_whether_quorate(world: World) -> None:
    meetings, _ = world.process()
    mid = add(meetings)
    assert meetings.detail(mid).quorate is None
    assert meetings.record_attendance(mid, ["U0M01", "U0M02", "U0M03"], by="cli").quorate is False
    assert meetings.record_attendance(mid, ["U0M01", "U0M02", "U0M03", "U0M04", "U0SEC01"], by="cli").quorate is True
    with pytest.raises(MeetingInputError):
        meetings.record_attendance(mid, ["U0NOBODY"], by="cli")


def test_announced_once_across_processes_then_updated_on_answers_and_moves(world: World) -> None:
    first, _ = world.process()
    mid = add(first)
    second, _ = world.process()
    first.publish()
    second.publish()  # another process on the same database: nothing twice
    announcements = world.notifier.to("C0MEMBERS")
    assert len(announcements) == 1
    body = json.dumps(announcements[0].blocks, ensure_ascii=False)
    assert "令和8年1月21日(水) 15:00–17:00" in body and "rsvp_attend" in body
    assert len(world.notifier.uploads) == 1 and world.notifier.uploads[0][1] == "1700000000.000001"

    first.rsvp(mid, "U0M01", "出席", by="U0M01")
    first.publish()
    second.publish()
    assert len(world.notifier.updates) == 1 and "出席 1・欠席 0・未定 0・未回答 7" in world.notifier.updates[0][2]

    second.move(mid, at="令和8年1月28日 15:00")
    first.publish()
    first.publish()
    notices = world.notifier.to("C0MEMBERS")[1:]
    assert len(notices) == 1 and "【日時変更】" in notices[0].text and "1月28日" in notices[0].text
    assert "15:00–17:00" in world.notifier.updates[-1][2] and "1月28日" in world.notifier.updates[-1][2]
    assert len(world.notifier.uploads) == 2  # the new version of the .ics

    first.cancel(mid, reason="定足数に満たないため")
    second.publish()
    assert "【中止】" in world.notifier.to("C0MEMBERS")[-1].text
    assert "この会議は中止になりました" in world.notifier.updates[-1][2]
    assert "rsvp_attend" not in world.notifier.updates[-1][2]


def test_a_meeting_moved_before_its_announcement_gets_no_move_notice(world: World) -> None:
    meetings, _ = world.process()
    mid = add(meetings)
    meetings.move(mid, at="令和8年1月28日 15:00")
    meetings.publish()
    posts = world.notifier.to("C0MEMBERS")
    assert len(posts) == 1 and "1月28日" in posts[0].text and "日時変更" not in posts[0].text


def test_reminder_due_is_sent_once_to_channel_and_to_the_undecided(world: World) -> None:
    meetings, reminders = world.process()
    mid = add(meetings, remind="1d")
    meetings.rsvp(mid, "U0M01", "出席", by="U0M01")
    meetings.rsvp(mid, "U0M02", "欠席", by="U0M02")
    meetings.rsvp(mid, "U0M03", "未定", by="U0M03")
    reminders.tick(world.clock.now())  # announcement only: nothing is due yet
    assert [p.channel for p in world.notifier.posts] == ["C0MEMBERS"]
    world.clock.set(START - timedelta(days=1) + timedelta(minutes=1))
    result = reminders.tick(world.clock.now())
    channel = [p for p in world.notifier.to("C0MEMBERS") if "前のお知らせ" in p.text]
    assert len(channel) == 1 and "1日前" in channel[0].text
    dms = sorted(p.channel for p in world.notifier.posts if p.channel.startswith("U"))
    assert dms == ["U0M03", "U0M04", "U0M05", "U0M06", "U0M07", "U0M08"]  # not U0M01/U0M02, not 事務局
    assert len(result.sent) == 7
    before = len(world.notifier.posts)
    reminders.tick(world.clock.now())
    _, restarted = world.process()
    restarted.tick(world.clock.now())
    restarted.send(mid, "reminder", 86400, world.clock.now())  # the job firing too: still nothing twice
    assert len(world.notifier.posts) == before


def test_grace_window_after_a_restart(world: World) -> None:
    meetings, _ = world.process()
    inside = add(meetings, title="猶予内", remind="1d")
    beyond = add(meetings, title="猶予外", remind="2d")
    meetings.publish()
    world.clock.set(START - timedelta(days=1) + timedelta(hours=5))  # 1d reminder 5 h late; 2d reminder 29 h late
    _, reminders = world.process()
    result = reminders.tick(world.clock.now())
    texts = [p.text for p in world.notifier.to("C0MEMBERS")]
    assert sum("猶予内" in t and "前のお知らせ" in t for t in texts) == 1
    assert not any("猶予外" in t and "前のお知らせ" in t for t in texts)  # no stale reminder to members
    assert not any(p.channel.startswith("U") and "猶予外" in p.text for p in world.notifier.posts)
    report = [p for p in world.notifier.to("C0SECRET") if "送れなかったお知らせ" in p.text]
    assert len(report) == 1 and "猶予外" in report[0].text and "2日前" in report[0].text
    missed_reminders = [k for k in result.missed if k.startswith("reminder:")]
    assert missed_reminders == [f"reminder:{beyond}:172800:20260121T0600Z:C0MEMBERS"]
    assert {k.split(":")[1] for k in result.missed if k.startswith("quorum:")} == {str(inside), str(beyond)}
    _, again = world.process()
    again.tick(world.clock.now())
    assert len([p for p in world.notifier.to("C0SECRET") if "送れなかった" in p.text]) == 1


def test_a_claimed_but_unconfirmed_send_is_reported_not_repeated(world: World) -> None:
    meetings, reminders = world.process()
    add(meetings, remind="1d")
    meetings.publish()
    world.clock.set(START - timedelta(days=1))
    world.notifier.fail_next = RuntimeError("killed between claim and post")
    with pytest.raises(RuntimeError):
        reminders.tick(world.clock.now())  # the channel reminder is claimed, then the post 'crashes'
    assert not any("前のお知らせ" in p.text for p in world.notifier.posts)
    world.clock.advance(timedelta(minutes=5))
    _, restarted = world.process()
    restarted.tick(world.clock.now())
    assert not any("前のお知らせ" in p.text for p in world.notifier.to("C0MEMBERS"))  # never repeated
    reports = [p for p in world.notifier.to("C0SECRET") if "確認できなかった" in p.text]
    assert len(reports) == 1 and "出欠の催促" in reports[0].text and "第80回" in reports[0].text
    restarted.tick(world.clock.now())
    assert len([p for p in world.notifier.to("C0SECRET") if "確認できなかった" in p.text]) == 1


def test_quorum_check_goes_to_the_secretariat(world: World) -> None:
    meetings, reminders = world.process()
    mid = add(meetings, remind="1d")
    for i in range(1, 4):
        meetings.rsvp(mid, f"U0M{i:02d}", "出席", by="cli")
    world.clock.set(START - timedelta(hours=72))
    reminders.tick(world.clock.now())
    forecasts = [p for p in world.notifier.to("C0SECRET") if "定足数の見込み" in p.text]
    assert len(forecasts) == 1 and "あと 1名" in forecasts[0].text and "委員4" in forecasts[0].text


def test_moved_meeting_is_reminded_again_for_its_new_date(world: World) -> None:
    meetings, reminders = world.process()
    mid = add(meetings, remind="1d")
    world.clock.set(START - timedelta(days=1))
    reminders.tick(world.clock.now())
    meetings.move(mid, at="令和8年1月28日 15:00")
    world.clock.set(START + timedelta(days=6))
    reminders.tick(world.clock.now())
    channel = [p.text for p in world.notifier.to("C0MEMBERS") if "前のお知らせ" in p.text]
    assert len(channel) == 2 and "1月28日" in channel[1]


def test_ics_read_back(world: World, tmp_path: Path) -> None:
    meetings, _ = world.process()
    mid = add(meetings)
    first = Calendar.from_ical(meetings.ics(mid))
    event = first.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "第80回 審議会" and str(event["LOCATION"]) == "本庁舎 3階"
    assert event.decoded("DTSTART") == START and event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert int(event["SEQUENCE"]) == 0 and str(event["STATUS"]) == "CONFIRMED"
    meetings.move(mid, at="令和8年1月28日 15:00")
    moved = Calendar.from_ical(meetings.ics(mid)).walk("VEVENT")[0]
    assert str(moved["UID"]) == str(event["UID"]) and int(moved["SEQUENCE"]) == 1
    assert moved.decoded("DTEND") - moved.decoded("DTSTART") == timedelta(hours=2)
    meetings.cancel(mid, reason="都合により")
    cancelled = Calendar.from_ical(meetings.ics(mid)).walk("VEVENT")[0]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 2


def test_the_digest_lists_the_meetings_of_the_next_days_with_answers_and_outlook(world: World) -> None:
    from bot.services.digest import DigestData, ScheduleForDigest
    from templates.digest import digest_text

    meetings, _ = world.process()
    mid = add(meetings)
    add(meetings, title="第81回 審議会", at="令和8年3月18日(水) 15:00")  # beyond 14 days
    for i, answer in enumerate(["出席", "出席", "出席", "欠席", "欠席", "未定"], start=1):
        meetings.rsvp(mid, f"U0M{i:02d}", answer, by="cli")
    soon = START - timedelta(days=10)
    [item] = ScheduleForDigest(meetings).upcoming(soon, 14)
    assert (item.title, item.starts_at) == ("第80回 審議会", START)
    assert (item.attending, item.absent, item.undecided, item.unanswered) == (3, 2, 1, 2)
    assert item.quorum == "undecided_decides"
    assert ScheduleForDigest(meetings).upcoming(START + timedelta(hours=1), 14) == []  # started: no longer coming
    data = DigestData(day=soon.date(), council=CONFIG.name, meetings=[item], documents_since=soon)
    assert "未定の委員しだいで定足数に達します" in digest_text(data)


def test_the_scheduler_posts_the_digest_once_a_day_after_its_time(world: World) -> None:
    from datetime import time
    from zoneinfo import ZoneInfo

    from bot.scheduling.runner import SchedulerRunner

    class Digest:
        def __init__(self) -> None:
            self.calls: list[datetime] = []

        def digest_job(self, now: datetime) -> str:
            self.calls.append(now)
            return "posted"

    meetings, reminders = world.process()
    digest = Digest()
    runner = SchedulerRunner(reminders, world.db, world.clock, interval=1, retry=1, lock=object(),  # type: ignore[arg-type]
                             digest=digest, digest_at=time(8, 30), tz=ZoneInfo("Asia/Tokyo"))
    morning = datetime(2026, 1, 6, 23, 0, tzinfo=UTC)  # 08:00 JST on the 7th: not yet
    assert runner.daily_digest(morning) is None
    assert runner.daily_digest(morning + timedelta(minutes=31)) == "posted"  # 08:31
    assert runner.daily_digest(morning + timedelta(hours=3)) is None  # once a day
    assert runner.daily_digest(morning + timedelta(days=1, minutes=31)) == "posted"  # the next morning
    assert len(digest.calls) == 2
