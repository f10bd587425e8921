"""Settings and a seeded database for the desk tests (drafts, precedents, review, digest)."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.settings import Channels, CouncilConfig, Digest, Member, Settings

SECRETARIAT = "U0SECRET1"  # 事務局
CHAIR = "U0CHAIR01"  # 会長
MEMBER = "U0MEMBER1"  # 委員
MEMBERS_CHANNEL = "C0COUNCIL"
SECRETARIAT_CHANNEL = "C0SECRET"


def council(*, when_empty: str = "line", skip_holidays: bool = True) -> CouncilConfig:
    return CouncilConfig(
        name="みどり野市個人情報保護審議会", municipality="みどり野市", timezone="Asia/Tokyo",
        members=[Member(slack_id=CHAIR, name="青木 里子", role="会長"),
                 Member(slack_id=MEMBER, name="上野 真理", role="委員"),
                 Member(slack_id="U0MEMBER2", name="江口 光一", role="委員"),
                 Member(slack_id=SECRETARIAT, name="総務課 佐野", role="事務局")],
        channels=Channels(members=MEMBERS_CHANNEL, secretariat=SECRETARIAT_CHANNEL),
        digest=Digest(time="08:30", when_empty=when_empty, skip_holidays=skip_holidays),  # type: ignore[arg-type]
    )


def desk_settings(database_url: str, *, api_url: str | None = None, token: str | None = None,
                  signing_secret: str | None = None, **digest: object) -> Settings:
    return Settings(database_url=database_url, config=council(**digest), slack_api_url=api_url,  # type: ignore[arg-type]
                    slack_bot_token=token, slack_signing_secret=signing_secret, index_cache=False)


def copy_db(template: Path, folder: Path) -> str:
    """A private copy of an ingested SQLite file; its URL."""
    target = folder / "kb.db"
    shutil.copy(template, target)
    return f"sqlite:///{target}"
