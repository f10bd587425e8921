"""Quorum forecast over app.yaml-shaped members (bot.settings types fit structurally)."""

from __future__ import annotations

import json

import pytest

from bot.meetings.quorum import QuorumError, forecast, needed, tally, voting_members, was_quorate
from bot.settings import Member, Quorum

VOTING = [
    Member(slack_id=f"U0TEST0{i}", name=name, role=role)
    for i, (name, role) in enumerate(
        [
            ("青木 里子", "会長"),
            ("石田 恭平", "副会長"),
            ("上野 真理", "委員"),
            ("江口 光一", "委員"),
            ("大森 和美", "委員"),
            ("加納 俊介", "委員"),
            ("木下 彩", "委員"),
            ("久保 健太", "委員"),
        ],
        start=1,
    )
]
SECRETARIAT = Member(slack_id="U0TEST90", name="総務課 佐野", role="事務局")
MEMBERS = [*VOTING, SECRETARIAT]
HALF = Quorum(rule="half_or_more")
IDS = [m.slack_id for m in VOTING]


def test_secretariat_does_not_vote() -> None:
    assert [m.slack_id for m in voting_members(MEMBERS)] == IDS


@pytest.mark.parametrize(
    ("rule", "count", "n", "want"),
    [
        ("half_or_more", None, 8, 4),
        ("half_or_more", None, 7, 4),
        ("majority", None, 8, 5),
        ("majority", None, 7, 4),
        ("count", 6, 8, 6),
        ("half_or_more", None, 0, 1),
    ],
)
def test_needed(rule: str, count: int | None, n: int, want: int) -> None:
    assert needed(n, Quorum(rule=rule, count=count)) == want  # type: ignore[arg-type]


def test_count_rule_without_count_is_a_config_error() -> None:
    with pytest.raises(QuorumError, match="quorum.count"):
        needed(8, Quorum(rule="count"))


def test_three_attending_three_undecided_decides() -> None:
    answers = {IDS[0]: "出席", IDS[1]: "出席", IDS[2]: "出席", IDS[3]: "欠席", IDS[4]: "欠席", IDS[5]: "未定"}
    f = forecast(MEMBERS, answers, quorum=HALF, meeting_id=7)
    assert (f.members, f.needed, f.attending, f.absent, f.undecided) == (8, 4, 3, 2, 3)
    assert f.status == "undecided_decides"
    assert [m.name for m in f.undecided_members] == ["加納 俊介", "木下 彩", "久保 健太"]  # 未定 + 2 without answer
    assert [m.slack_id for m in f.absent_members] == [IDS[3], IDS[4]]


def test_fourth_attending_makes_it_quorate() -> None:
    answers = {IDS[0]: "出席", IDS[1]: "出席", IDS[2]: "出席", IDS[3]: "欠席", IDS[4]: "欠席", IDS[5]: "出席"}
    f = forecast(MEMBERS, answers, quorum=HALF)
    assert f.status == "quorate" and f.attending == 4 and f.undecided == 2


def test_five_absent_cannot_reach() -> None:
    answers = {sid: "欠席" for sid in IDS[:5]}
    f = forecast(MEMBERS, answers, quorum=HALF)
    assert f.status == "cannot_reach"
    assert (f.attending, f.absent, f.undecided) == (0, 5, 3)
    assert len(f.absent_members) == 5


def test_non_member_answers_are_ignored() -> None:
    answers = {"U0STRANGER": "出席", SECRETARIAT.slack_id: "出席", IDS[0]: "出席"}
    f = forecast(MEMBERS, answers, quorum=HALF)
    assert f.attending == 1 and f.undecided == 7


def test_unknown_answer_value_is_refused() -> None:
    with pytest.raises(ValueError, match="maybe"):
        forecast(MEMBERS, {IDS[0]: "maybe"}, quorum=HALF)


def test_json_has_exactly_the_documented_fields() -> None:
    f = forecast(MEMBERS, {IDS[0]: "欠席"}, quorum=HALF, meeting_id=3)
    data = json.loads(json.dumps(f.to_json(), ensure_ascii=False))
    assert set(data) == {
        "meeting_id",
        "members",
        "needed",
        "attending",
        "absent",
        "undecided",
        "status",
        "undecided_members",
        "absent_members",
    }
    assert data["meeting_id"] == 3
    assert data["absent_members"] == [{"slack_id": IDS[0], "name": "青木 里子"}]
    assert {"slack_id", "name"} == set(data["undecided_members"][0])


def test_was_quorate_from_recorded_attendance() -> None:
    assert was_quorate(IDS[:4], MEMBERS, quorum=HALF)
    assert not was_quorate(IDS[:3], MEMBERS, quorum=HALF)
    assert not was_quorate([*IDS[:3], SECRETARIAT.slack_id, "U0STRANGER"], MEMBERS, quorum=HALF)
    assert not was_quorate(IDS[:4], MEMBERS, quorum=Quorum(rule="majority"))


def test_tally_splits_undecided_from_unanswered() -> None:
    answers = {IDS[0]: "出席", IDS[1]: "出席", IDS[2]: "出席", IDS[3]: "欠席", IDS[4]: "未定", IDS[5]: "未定"}
    t = tally(MEMBERS, answers)
    assert (t.attending, t.absent, t.undecided, t.unanswered) == (3, 1, 2, 2)
