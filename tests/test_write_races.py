"""Two writers at once on one row (SQLite files, and PostgreSQL when TEST_DATABASE_URL is set): real threads,
each with its own connection, released together; ``slow_reads`` holds every read of the rows concerned for a
moment, so two read-then-write transactions overlap unless the storage serialises them. Nothing already stored
is lost, nothing raises; a conflicting action (cancelling a cancelled meeting, approving an approved draft) gets
its Japanese refusal.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.clock import FixedClock
from bot.ports import MeetingForm, MeetingInputError
from bot.services.desk import DeskService
from bot.services.meetings import MeetingService
from bot.settings import Channels, CouncilConfig, Member
from bot.storage import conversations, feedback
from bot.storage import drafts as draft_store
from bot.storage import meetings as store
from bot.storage.db import Database, open_database
from bot.storage.ledger import Ledger
from templates.blocks.meetings import input_error
from tests.support.desk import CHAIR, SECRETARIAT, desk_settings
from tests.support.races import at_once, slow_reads

MEMBERS = [Member(slack_id=f"U0R{i:02d}", name=f"委員{i}", role="委員") for i in range(1, 9)]
CONFIG = CouncilConfig(name="みどり野市個人情報保護審議会", municipality="みどり野市",
                       members=[*MEMBERS, Member(slack_id="U0RSEC", name="総務課 佐野", role="事務局")],
                       channels=Channels(members="C0MEMBERS", secretariat="C0SECRET"))
NOW = datetime(2026, 1, 5, 0, 0, tzinfo=UTC)
MEETING_TABLES = ("meetings", "rsvps", "meeting_attendance")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    engine = open_database(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def meetings(db: Database) -> MeetingService:
    clock = FixedClock(NOW)
    return MeetingService(db, CONFIG, clock, Ledger(db, clock))


def add_meeting(service: MeetingService) -> int:
    form = MeetingForm(title="第80回 審議会", at="令和8年1月21日(水) 15:00", end="17:00", place="本庁舎 3階")
    return service.schedule(form, by="U0RSEC", source="cli").meeting.id


def errors(outcomes: list) -> list[BaseException]:
    return [o.error for o in outcomes if o.error is not None]


# -- meetings -------------------------------------------------------------------------------------------------

def test_two_moves_at_once_both_count(db: Database, meetings: MeetingService) -> None:
    mid = add_meeting(meetings)
    with slow_reads(db, *MEETING_TABLES):
        done = at_once(lambda: meetings.move(mid, at="令和8年1月28日 15:00"),
                       lambda: meetings.move(mid, at="令和8年2月4日 15:00"))
    assert not errors(done)
    m = store.require(db, mid)
    assert m.info.sequence == 2, "a move was lost (SEQUENCE raised once)"
    first, last = sorted([datetime(2026, 1, 28, 6, tzinfo=UTC), datetime(2026, 2, 4, 6, tzinfo=UTC)],
                         key=lambda t: t != m.info.starts_at, reverse=True)
    assert m.info.starts_at == last and m.previous_starts_at == first  # the second move saw the first
    assert m.info.ends_at is not None and m.info.ends_at - m.info.starts_at == (m.previous_ends_at or last) - first


def test_two_cancellations_at_once_cancel_once_and_tell_the_second(db: Database, meetings: MeetingService) -> None:
    mid = add_meeting(meetings)
    with slow_reads(db, *MEETING_TABLES):
        done = at_once(lambda: meetings.cancel(mid, reason="台風"), lambda: meetings.cancel(mid, reason="延期"))
    assert sum(o.ok for o in done) == 1
    refused = [o.error for o in done if not o.ok]
    assert isinstance(refused[0], MeetingInputError) and "既に中止されています" in input_error(refused[0])
    assert store.require(db, mid).info.sequence == 1


def test_a_move_and_a_cancellation_at_once(db: Database, meetings: MeetingService) -> None:
    mid = add_meeting(meetings)
    with slow_reads(db, *MEETING_TABLES):
        move, cancel = at_once(lambda: meetings.move(mid, at="令和8年1月28日 15:00"),
                               lambda: meetings.cancel(mid, reason="台風"))
    assert cancel.ok
    m = store.require(db, mid)
    assert m.info.cancelled
    if move.ok:  # moved first, then cancelled: both count
        assert m.info.sequence == 2 and m.info.starts_at == datetime(2026, 1, 28, 6, tzinfo=UTC)
    else:  # cancelled first: the move is refused in words
        assert isinstance(move.error, MeetingInputError) and "中止されています" in input_error(move.error)
        assert m.info.sequence == 1 and m.info.starts_at == datetime(2026, 1, 21, 6, tzinfo=UTC)


def test_one_members_two_answers_at_once_keep_one_row(db: Database, meetings: MeetingService) -> None:
    mid = add_meeting(meetings)
    member = MEMBERS[0].slack_id
    with slow_reads(db, *MEETING_TABLES):
        done = at_once(lambda: meetings.rsvp(mid, member, "出席", by=member),
                       lambda: meetings.rsvp(mid, member, "欠席", by=member))
    assert not errors(done)
    assert [o.value.status for o in done] == ["recorded", "recorded"]
    stored = store.rsvps(db, mid)
    assert len(stored) == 1 and stored[0].rsvp.answer in ("出席", "欠席")


def test_every_members_answer_at_once_is_kept(db: Database, meetings: MeetingService) -> None:
    mid = add_meeting(meetings)
    with slow_reads(db, *MEETING_TABLES, seconds=0.05):
        done = at_once(*[lambda m=m: meetings.rsvp(mid, m.slack_id, "出席", by=m.slack_id) for m in MEMBERS])
    assert not errors(done)
    assert meetings.answers(mid) == {m.slack_id: "出席" for m in MEMBERS}


def test_an_answer_and_a_move_at_once_both_stay(db: Database, meetings: MeetingService) -> None:
    mid = add_meeting(meetings)
    early = MEMBERS[1].slack_id
    meetings.rsvp(mid, early, "欠席", by=early)  # stored before: must survive
    member = MEMBERS[0].slack_id
    with slow_reads(db, *MEETING_TABLES):
        answer, move = at_once(lambda: meetings.rsvp(mid, member, "出席", by=member),
                               lambda: meetings.move(mid, at="令和8年1月28日 15:00"))
    assert answer.ok and move.ok and answer.value.status == "recorded"
    assert meetings.answers(mid) == {early: "欠席", member: "出席"}
    m = store.require(db, mid)
    assert m.info.sequence == 1 and m.info.starts_at == datetime(2026, 1, 28, 6, tzinfo=UTC)


def test_an_answer_and_a_cancellation_at_once_agree(db: Database, meetings: MeetingService) -> None:
    mid = add_meeting(meetings)
    member = MEMBERS[0].slack_id
    with slow_reads(db, *MEETING_TABLES):
        answer, cancel = at_once(lambda: meetings.rsvp(mid, member, "出席", by=member),
                                 lambda: meetings.cancel(mid, reason="台風"))
    assert answer.ok and cancel.ok
    assert answer.value.status in ("recorded", "closed")
    assert (member in meetings.answers(mid)) == (answer.value.status == "recorded")  # what was said is what is stored


def test_attendance_recorded_twice_at_once_is_one_of_the_two(db: Database, meetings: MeetingService) -> None:
    mid = add_meeting(meetings)
    a = [m.slack_id for m in MEMBERS[:5]]
    b = [m.slack_id for m in MEMBERS[2:7]]
    with slow_reads(db, *MEETING_TABLES):
        done = at_once(lambda: meetings.record_attendance(mid, a, by="U0RSEC"),
                       lambda: meetings.record_attendance(mid, b, by="U0RSEC"))
    assert not errors(done)
    assert store.attendance(db, mid) in (sorted(a), sorted(b))


# -- drafts ---------------------------------------------------------------------------------------------------

@pytest.fixture
def desk(db: Database, db_url: str) -> DeskService:
    return DeskService(db, desk_settings(db_url), FixedClock(NOW))


def new_draft(desk: DeskService) -> int:
    return draft_store.create_draft(desk.db, 1, "答申（案）", {}, requested_by=SECRETARIAT, now=NOW).id


def test_two_approvals_at_once_approve_once(desk: DeskService) -> None:
    did = new_draft(desk)
    with slow_reads(desk.db, "drafts"):
        done = at_once(lambda: desk.approve(did, SECRETARIAT), lambda: desk.approve(did, CHAIR))
    assert not errors(done)
    outcomes = sorted(o.value.outcome for o in done)
    assert outcomes == ["already", "done"]
    winner = next(who for who, o in zip((SECRETARIAT, CHAIR), done, strict=True) if o.value.outcome == "done")
    stored = desk.draft(did)
    assert stored is not None and stored.status == "approved" and stored.approved_by == winner


def test_an_approval_and_a_change_request_at_once_keep_the_approval(desk: DeskService) -> None:
    did = new_draft(desk)
    with slow_reads(desk.db, "drafts"):
        approve, changes = at_once(lambda: desk.approve(did, SECRETARIAT),
                                   lambda: desk.request_changes(did, CHAIR, "第3段落に出典を"))
    assert not errors([approve, changes])
    stored = desk.draft(did)
    assert stored is not None
    assert approve.value.outcome == "done" and stored.status == "approved", "the approval was lost"
    if changes.value.outcome == "done":  # asked before the approval: the comment stays
        assert [c["text"] for c in stored.comments] == ["第3段落に出典を"]
    else:  # asked after: refused (承認済み), nothing added
        assert changes.value.outcome == "already" and stored.comments == []


def test_two_change_requests_at_once_keep_both_comments(desk: DeskService) -> None:
    did = new_draft(desk)
    with slow_reads(desk.db, "drafts"):
        done = at_once(lambda: desk.request_changes(did, CHAIR, "一"), lambda: desk.request_changes(did, SECRETARIAT, "二"))
    assert not errors(done) and [o.value.outcome for o in done] == ["done", "done"]
    stored = desk.draft(did)
    assert stored is not None and stored.status == "changes_requested"
    assert sorted(c["text"] for c in stored.comments) == ["一", "二"]


# -- thread memory, feedback ----------------------------------------------------------------------------------

def test_one_thread_remembered_twice_at_once(db: Database) -> None:
    with slow_reads(db, "thread_contexts"):
        done = at_once(lambda: conversations.remember_thread(db, "C1", "1.0", 5, now=NOW),
                       lambda: conversations.remember_thread(db, "C1", "1.0", 6, now=NOW))
    assert not errors(done)
    assert conversations.thread_consultation(db, "C1", "1.0") in (5, 6)


def test_a_double_click_on_a_vote_counts_once(db: Database) -> None:
    def vote() -> object:
        return feedback.save_feedback(db, "U1", "C1", "1.0", "質問", "回答", 1, [], now=NOW)

    with slow_reads(db, "feedback"):
        done = at_once(vote, vote)
    assert not errors(done)
    assert sorted(o.value.changed for o in done) == [False, True]
    assert all((o.value.up, o.value.down) == (1, 0) for o in done)


# -- separate processes ---------------------------------------------------------------------------------------

CHILD = r"""
import sys
from datetime import UTC, datetime, timedelta
from bot.clock import FixedClock
from bot.services.meetings import MeetingService
from bot.storage.db import open_database
from bot.storage.ledger import Ledger
from tests.test_write_races import CONFIG, NOW
url, meeting, who, rounds = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
db = open_database(url)
clock = FixedClock(NOW)
service = MeetingService(db, CONFIG, clock, Ledger(db, clock))
for i in range(rounds):
    if who.startswith("mover"):
        service.move(meeting, at=f"2026-02-{(i % 20) + 1:02d} 15:00")
    else:
        got = service.rsvp(meeting, who, ("出席", "欠席", "未定")[i % 3], by=who)
        assert got.status == "recorded", got.status
print("ok")
"""


@pytest.mark.slow
def test_members_answering_from_several_processes_while_the_meeting_moves(db: Database, db_url: str,
                                                                            meetings: MeetingService) -> None:
    """Six processes answer (each its member, 20 answers) while two more move the meeting 20 times each, all at
    once: every process finishes without an error, every member's last answer and every move are stored."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    mid = add_meeting(meetings)
    rounds = 20
    workers = [(m.slack_id, rounds) for m in MEMBERS[:6]] + [("mover1", rounds), ("mover2", rounds)]
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, db_url, str(mid), who, str(n)], cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for who, n in workers]
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0 and out.strip() == "ok", err[-2000:]
    last = ("出席", "欠席", "未定")[(rounds - 1) % 3]
    assert meetings.answers(mid) == {m.slack_id: last for m in MEMBERS[:6]}
    assert store.require(db, mid).info.sequence == 2 * rounds, "a move was lost"
