"""Settings: the council's app.yaml plus the environment, read once and passed down.

This is the ONLY module that reads environment variables (a test checks); everything else gets a ``Settings``.

Nothing here connects to anything. Errors in app.yaml are raised as ``ConfigError`` with a Japanese message
that names the key and what was expected.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Role = Literal["会長", "副会長", "委員", "事務局"]
DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "app.yaml"


class ConfigError(Exception):
    """A problem in app.yaml or the environment, worded for the operator (Japanese)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Member(_Strict):
    slack_id: str = Field(pattern=r"^[UW][A-Z0-9]{2,}$")
    name: str = Field(min_length=1)
    role: Role


class Quorum(_Strict):
    rule: Literal["half_or_more", "majority", "count"] = "half_or_more"
    count: int | None = Field(default=None, ge=1)
    text: str = "委員の半数以上"


class Channels(_Strict):
    members: str = Field(pattern=r"^[CG][A-Z0-9]{2,}$")
    secretariat: str = Field(pattern=r"^[CG][A-Z0-9]{2,}$")


class Reminders(_Strict):
    offsets_hours: list[int] = Field(default_factory=lambda: [168, 24])
    quorum_check_hours: int = Field(default=72, ge=1)
    grace_hours: int = Field(default=6, ge=1)  # a send due while the bot was down goes out within this window


class Digest(_Strict):
    time: str = "08:30"
    when_empty: Literal["line", "skip"] = "line"  # a day with nothing to report: one short line, or nothing
    skip_holidays: bool = True  # weekdays that are not national holidays only

    @field_validator("time")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        time.fromisoformat(v)
        return v


class SlackOptions(_Strict):
    # Answer replies in a thread the bot is answering even without a mention. Off by default: it needs the
    # message.channels/message.groups events (Slack then sends the app EVERY message of the channels it is in).
    thread_followups_without_mention: bool = False


class CouncilConfig(_Strict):
    name: str = Field(min_length=1)
    short_name: str | None = Field(default=None, min_length=1, max_length=35)  # the Slack app's display name
    municipality: str = Field(min_length=1)
    timezone: str = "Asia/Tokyo"
    members: list[Member] = Field(default_factory=list)
    quorum: Quorum = Field(default_factory=Quorum)
    channels: Channels
    reminders: Reminders = Field(default_factory=Reminders)
    digest: Digest = Field(default_factory=Digest)
    slack: SlackOptions = Field(default_factory=SlackOptions)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {v}") from exc
        return v

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


_EXPECTED = {
    "missing": "必須の項目です",
    "extra_forbidden": "未知の項目です（綴りを確認してください）",
    "literal_error": "次のいずれかを指定してください: {expected}",
    "string_pattern_mismatch": "形式が違います（Slack の ID、例: ユーザー U012ABCDEF、チャンネル C012ABCDEF）",
    "string_too_short": "空にはできません",
    "string_too_long": "{max_length} 文字以内にしてください",
    "bool_parsing": "true か false を指定してください",
    "bool_type": "true か false を指定してください",
    "int_parsing": "整数を指定してください",
    "greater_than_equal": "{ge} 以上の数を指定してください",
    "list_type": "リストを指定してください",
    "model_type": "項目の組（マッピング）を指定してください",
    "dict_type": "項目の組（マッピング）を指定してください",
    "string_type": "文字列を指定してください",
}


def _explain(err: Mapping[str, Any], file: str) -> str:
    loc = ""
    for part in err["loc"]:
        loc += f"[{part}]" if isinstance(part, int) else (f".{part}" if loc else str(part))
    template = _EXPECTED.get(err["type"])
    ctx = err.get("ctx") or {}
    if template:
        try:
            what = template.format(**ctx)
        except (KeyError, IndexError):
            what = template
    elif err["type"] == "value_error" and loc.endswith("timezone"):
        what = "タイムゾーン名（例: Asia/Tokyo）を指定してください"
    elif err["type"] == "value_error" and loc.endswith("time"):
        what = "時刻を HH:MM（例: 08:30）で指定してください"
    else:
        what = f"値が正しくありません（{err.get('msg', '')}）"
    return f"{file} の {loc or '（全体）'}: {what}（値: {err.get('input')!r}）"


def load_council_config(path: Path) -> CouncilConfig:
    """Read and validate app.yaml; raise ConfigError with every problem listed in Japanese."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"設定ファイル {path} が見つかりません。SHINGIKAI_CONFIG で場所を指定してください。") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"設定ファイル {path} を YAML として読めません: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"設定ファイル {path} の最上位は項目の組（マッピング）にしてください。")
    council = raw.get("council", raw)
    try:
        return CouncilConfig.model_validate(council)
    except ValidationError as exc:
        lines = [_explain(e, path.name) for e in exc.errors()]
        raise ConfigError("設定ファイルに誤りがあります:\n" + "\n".join(f"- {line}" for line in lines)) from exc


_OFF = {"0", "off", "false", "no"}


def _home_dir(env: Mapping[str, str], key: str, *fallback: str) -> Path:
    value = env.get(key)
    return Path(value) if value else Path.home().joinpath(*fallback)


def _seconds(env: Mapping[str, str], key: str, default: float) -> float:
    value = env.get(key, "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise ConfigError(f"環境変数 {key} には秒数（例: 30、0.5）を指定してください（値: {value!r}）。") from None
    if seconds <= 0:
        raise ConfigError(f"環境変数 {key} には 0 より大きい秒数を指定してください（値: {value!r}）。")
    return seconds


@dataclass(frozen=True)
class Settings:
    """Everything the bot needs, read once at start-up. Secrets are kept out of ``repr``."""

    database_url: str
    config: CouncilConfig
    config_path: Path | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_api_url: str | None = None
    data_home: Path = field(default_factory=lambda: Path.home() / ".local" / "share")  # XDG_DATA_HOME
    cache_home: Path = field(default_factory=lambda: Path.home() / ".cache")  # XDG_CACHE_HOME
    index_cache: bool = True  # SHINGIKAI_INDEX_CACHE=off turns the search index cache off
    scheduler_interval: float = 30.0  # SHINGIKAI_SCHEDULER_INTERVAL: seconds between the scheduler's checks
    leader_retry: float = 15.0  # SHINGIKAI_LEADER_RETRY: seconds between a follower's tries to lead

    def __repr__(self) -> str:  # never print secrets
        return f"Settings(database_url={self.database_url!r}, config_path={self.config_path!r}, council={self.config.name!r})"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        config_path = Path(env.get("SHINGIKAI_CONFIG") or DEFAULT_CONFIG)
        data_home = _home_dir(env, "XDG_DATA_HOME", ".local", "share")
        url = env.get("SHINGIKAI_DATABASE_URL")
        if not url:
            data = data_home / "shingikai"
            data.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{data / 'shingikai.db'}"
        return cls(
            database_url=url,
            config=load_council_config(config_path),
            config_path=config_path,
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            slack_api_url=env.get("SLACK_API_URL") or None,
            data_home=data_home,
            cache_home=_home_dir(env, "XDG_CACHE_HOME", ".cache"),
            index_cache=env.get("SHINGIKAI_INDEX_CACHE", "").strip().lower() not in _OFF,
            scheduler_interval=_seconds(env, "SHINGIKAI_SCHEDULER_INTERVAL", 30.0),
            leader_retry=_seconds(env, "SHINGIKAI_LEADER_RETRY", 15.0),
        )


def load_settings() -> Settings:
    """Settings from the process environment (the CLI calls this once)."""
    return Settings.from_env()
