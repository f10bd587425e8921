"""Quorum: who votes, how many are needed, and whether the answers so far reach it.

Members and the rule are taken structurally (anything with ``slack_id``/``name``/``role``, and ``rule``/``count``),
so ``bot.settings.Member`` and ``bot.settings.Quorum`` fit without this module importing settings.
Voting members are every member except 事務局. Answers: "出席" | "欠席" | "未定"; no answer counts as undecided;
answers from anyone who is not a voting member are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol

from bot.meetings.model import ANSWERS

SECRETARIAT = "事務局"
Status = Literal["quorate", "undecided_decides", "cannot_reach"]


class MemberLike(Protocol):
    @property
    def slack_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...


class QuorumLike(Protocol):
    @property
    def rule(self) -> str: ...
    @property
    def count(self) -> int | None: ...


class QuorumError(ValueError):
    """The quorum rule cannot be applied (Japanese message for the operator)."""


@dataclass(frozen=True)
class MemberRef:
    slack_id: str
    name: str


@dataclass(frozen=True)
class Forecast:
    """The quorum outlook for a meeting; ``to_json()`` is exactly the JSON the CLI and the secretariat see."""

    meeting_id: int | None
    members: int
    needed: int
    attending: int
    absent: int
    undecided: int
    status: Status
    undecided_members: list[MemberRef]
    absent_members: list[MemberRef]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Tally:
    """Counts for the announcement line 出席 3・欠席 1・未定 2・未回答 2 (voting members only)."""

    attending: int
    absent: int
    undecided: int
    unanswered: int


def voting_members(members: Iterable[MemberLike]) -> list[MemberLike]:
    """Members who count towards the quorum, in app.yaml order (everyone except 事務局)."""
    return [m for m in members if m.role != SECRETARIAT]


def needed(voting: int, quorum: QuorumLike) -> int:
    """Attendance needed for ``voting`` voting members: half_or_more ceil(n/2), majority n//2+1, count as given.

    At least 1, so that a council without voting members is never quorate by default.
    """
    if quorum.rule == "half_or_more":
        value = math.ceil(voting / 2)
    elif quorum.rule == "majority":
        value = voting // 2 + 1
    elif quorum.rule == "count":
        if quorum.count is None:
            raise QuorumError("quorum.rule が count のときは quorum.count（必要な人数）を指定してください。")
        value = quorum.count
    else:
        raise QuorumError(f"quorum.rule「{quorum.rule}」は使えません（half_or_more / majority / count）。")
    return max(1, value)


def _checked(answers: Mapping[str, str]) -> Mapping[str, str]:
    for sid, answer in answers.items():
        if answer not in ANSWERS:
            raise ValueError(f"unknown RSVP answer {answer!r} for {sid}")
    return answers


def forecast(
    members: Sequence[MemberLike],
    answers: Mapping[str, str],
    *,
    quorum: QuorumLike,
    meeting_id: int | None = None,
) -> Forecast:
    """Whether the meeting will be quorate given the answers so far (slack_id -> 出席/欠席/未定)."""
    _checked(answers)
    voting = voting_members(members)
    need = needed(len(voting), quorum)
    attending = [m for m in voting if answers.get(m.slack_id) == "出席"]
    absent = [m for m in voting if answers.get(m.slack_id) == "欠席"]
    undecided = [m for m in voting if answers.get(m.slack_id) not in ("出席", "欠席")]
    status: Status
    if len(attending) >= need:
        status = "quorate"
    elif len(attending) + len(undecided) >= need:
        status = "undecided_decides"
    else:
        status = "cannot_reach"
    return Forecast(
        meeting_id=meeting_id,
        members=len(voting),
        needed=need,
        attending=len(attending),
        absent=len(absent),
        undecided=len(undecided),
        status=status,
        undecided_members=[MemberRef(m.slack_id, m.name) for m in undecided],
        absent_members=[MemberRef(m.slack_id, m.name) for m in absent],
    )


def was_quorate(present_ids: Iterable[str], members: Sequence[MemberLike], *, quorum: QuorumLike) -> bool:
    """Whether recorded attendance reached the quorum (people other than voting members do not count)."""
    voting = voting_members(members)
    voting_ids = {m.slack_id for m in voting}
    present = set(present_ids) & voting_ids
    return len(present) >= needed(len(voting), quorum)


def tally(members: Sequence[MemberLike], answers: Mapping[str, str]) -> Tally:
    """出席・欠席・未定・未回答 counts over the voting members."""
    _checked(answers)
    given = [answers.get(m.slack_id) for m in voting_members(members)]
    return Tally(
        attending=given.count("出席"),
        absent=given.count("欠席"),
        undecided=given.count("未定"),
        unanswered=given.count(None),
    )
