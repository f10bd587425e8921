"""app.yaml and the environment: read once, errors name the key, secrets never shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import ConfigError, Settings, load_council_config

REPO_CONFIG = Path(__file__).resolve().parents[1] / "app.yaml"


def test_the_shipped_app_yaml_is_valid() -> None:
    config = load_council_config(REPO_CONFIG)
    assert config.timezone == "Asia/Tokyo"
    assert {m.role for m in config.members} >= {"会長", "委員", "事務局"}
    assert config.quorum.text == "委員の半数以上"


def test_errors_name_the_key_and_what_was_expected(tmp_path: Path) -> None:
    bad = tmp_path / "app.yaml"
    bad.write_text(
        "council:\n  name: 架空市審議会\n  municipality: 架空市\n  timezone: Mars/Base\n"
        "  members: [{slack_id: U0ABC, name: 山田, role: 王様}]\n  channels: {members: C0MEM}\n"
        "  digest: {time: '25:99'}\n  colour: red\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_council_config(bad)
    message = str(info.value)
    for expected in ("timezone", "members[0].role", "会長", "channels.secretariat", "必須", "colour", "未知",
                     "digest.time", "HH:MM"):
        assert expected in message, (expected, message)


def test_missing_and_unparsable_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="見つかりません"):
        load_council_config(tmp_path / "none.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("council: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="YAML"):
        load_council_config(broken)


def test_environment_overrides_and_secrets_stay_out_of_repr(tmp_path: Path) -> None:
    env = {
        "SHINGIKAI_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
        "SHINGIKAI_CONFIG": str(REPO_CONFIG),
        "SLACK_BOT_TOKEN": "xoxb-secret-token",
        "SLACK_SIGNING_SECRET": "signing-secret-value",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }
    settings = Settings.from_env(env)
    assert settings.database_url.endswith("x.db")
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert settings.slack_bot_token == "xoxb-secret-token"
    assert "xoxb" not in repr(settings) and "signing-secret" not in repr(settings)


def test_cli_reports_a_bad_config_in_japanese(tmp_path: Path) -> None:
    bad = tmp_path / "app.yaml"
    bad.write_text("council:\n  name: x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["pending"], env={"SHINGIKAI_CONFIG": str(bad),
                                                       "SHINGIKAI_DATABASE_URL": f"sqlite:///{tmp_path / 'k.db'}"})
    assert result.exit_code == 2
    assert "municipality" in result.output and "必須" in result.output
