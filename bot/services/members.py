"""``bot.ports.Members`` from app.yaml: who is a member and with which role."""

from __future__ import annotations

from bot.settings import CouncilConfig, Member


class MemberDirectory:
    def __init__(self, config: CouncilConfig) -> None:
        self.config = config
        self._by_id = {m.slack_id: m for m in config.members}

    def member(self, slack_id: str) -> Member | None:
        return self._by_id.get(slack_id)

    def role_of(self, slack_id: str) -> str | None:
        m = self._by_id.get(slack_id)
        return m.role if m else None
