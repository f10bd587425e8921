"""``shingikai manifest``, ``serve`` (mode selection, refusals) and ``feedback``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from bot.cli import slack as cli_slack
from tests.support.fakes import Fakes
from tests.support.slack_stub import APP_TOKEN, SlackStub, make_settings

pytestmark = pytest.mark.wire

runner = CliRunner()


@pytest.fixture
def cli() -> typer.Typer:
    """The commands over the process environment (as ``shingikai`` runs them)."""
    app = typer.Typer()
    cli_slack.register(app)
    return app


@pytest.fixture
def stub() -> Iterator[SlackStub]:
    s = SlackStub().start()
    yield s
    s.stop()


def test_manifest_for_socket_mode(cli: typer.Typer) -> None:
    result = runner.invoke(cli, ["manifest", "--name", "市川市個人情報保護審議会"])
    assert result.exit_code == 0, result.output
    m = yaml.safe_load(result.output)
    assert m["display_information"]["name"] == "市川市個人情報保護審議会 アシスタント"
    assert len(m["display_information"]["description"]) <= 140
    assert 174 <= len(m["display_information"]["long_description"]) <= 4000
    assert set(m["oauth_config"]["scopes"]["bot"]) >= {"app_mentions:read", "chat:write", "commands", "im:history"}
    assert m["settings"]["event_subscriptions"]["bot_events"] == ["app_home_opened", "app_mention", "message.im"]
    assert m["settings"]["interactivity"]["is_enabled"] is True
    assert m["settings"]["socket_mode_enabled"] is True
    assert m["features"]["app_home"]["home_tab_enabled"] is True
    assert m["features"]["app_home"]["messages_tab_enabled"] is True
    [command] = m["features"]["slash_commands"]
    assert command["command"] == "/shingikai" and "url" not in command
    assert "request_url" not in m["settings"]["event_subscriptions"]


def test_manifest_for_http(cli: typer.Typer) -> None:
    result = runner.invoke(cli, ["manifest", "--name", "市川市", "--url", "https://bot.example.jp/"])
    m = yaml.safe_load(result.output)
    endpoint = "https://bot.example.jp/slack/events"
    assert m["settings"]["event_subscriptions"]["request_url"] == endpoint
    assert m["settings"]["interactivity"]["request_url"] == endpoint
    assert m["features"]["slash_commands"][0]["url"] == endpoint
    assert m["settings"]["socket_mode_enabled"] is False


def test_manifest_uses_app_yaml_or_a_default(cli: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("SHINGIKAI_CONFIG", str(tmp_path / "missing.yaml"))
    result = runner.invoke(cli, ["manifest"])
    assert result.exit_code == 0
    assert yaml.safe_load(result.output)["display_information"]["name"] == "審議会 アシスタント"
    config = tmp_path / "app.yaml"
    config.write_text("council:\n  name: 船橋市個人情報保護審議会\n  municipality: 船橋市\n"
                      "  channels: {members: C0COUNCIL, secretariat: C0SECRET}\n", encoding="utf-8")
    monkeypatch.setenv("SHINGIKAI_CONFIG", str(config))
    result = runner.invoke(cli, ["manifest"])
    assert yaml.safe_load(result.output)["display_information"]["name"] == "船橋市個人情報保護審議会 アシスタント"


def use(monkeypatch: pytest.MonkeyPatch, settings: Any, fakes: Fakes | None = None) -> tuple[typer.Typer, dict[str, Any]]:
    """The commands over ``settings`` and fake ports (factory arguments), with serving recorded, not run."""
    seen: dict[str, Any] = {}
    app = typer.Typer()
    ports = (fakes or Fakes()).ports
    cli_slack.register(app, settings_factory=lambda: settings, ports_factory=lambda s: ports)
    monkeypatch.setattr("bot.serve.run_http", lambda app, **kw: seen.update(mode="http", app=app, **kw))
    monkeypatch.setattr("bot.serve.run_socket_mode", lambda app, token: seen.update(mode="socket", app=app))
    monkeypatch.setattr("bot.serve.configure_logging", lambda *a, **k: None)
    return app, seen


def test_serve_http(stub: SlackStub, monkeypatch: pytest.MonkeyPatch) -> None:
    cli, seen = use(monkeypatch, make_settings(stub.api_url))
    result = runner.invoke(cli, ["serve", "--http", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["mode"], seen["port"]) == ("http", 8123)
    assert [c.method for c in stub.calls] == ["auth.test"]  # the token was checked against SLACK_API_URL


def test_serve_socket_mode_when_the_app_token_is_set(stub: SlackStub, monkeypatch: pytest.MonkeyPatch) -> None:
    cli, seen = use(monkeypatch, make_settings(stub.api_url, app_token=APP_TOKEN, signing_secret=None))
    result = runner.invoke(cli, ["serve"])
    assert result.exit_code == 0, result.output
    assert seen["mode"] == "socket"


@pytest.mark.parametrize(("args", "changes", "expected"), [
    (["serve"], {}, "SLACK_APP_TOKEN"),  # neither Socket Mode nor --http
    (["serve", "--http"], {"slack_signing_secret": None}, "SLACK_SIGNING_SECRET"),
    (["serve", "--http"], {"slack_bot_token": None}, "SLACK_BOT_TOKEN"),
])
def test_serve_refuses_without_what_it_needs(monkeypatch: pytest.MonkeyPatch, args: list[str],
                                             changes: dict[str, Any], expected: str) -> None:
    from dataclasses import replace

    cli, _ = use(monkeypatch, replace(make_settings("http://127.0.0.1:9/api/"), **changes))
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert expected in result.output


def test_serve_reports_a_rejected_token(stub: SlackStub, monkeypatch: pytest.MonkeyPatch) -> None:
    stub.script("auth.test", body={"ok": False, "error": "invalid_auth"})
    cli, _ = use(monkeypatch, make_settings(stub.api_url))
    result = runner.invoke(cli, ["serve", "--http"])
    assert result.exit_code == 1
    assert "auth.test" in result.output


def test_feedback_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    fakes = Fakes()
    fakes.feedback.save_feedback("U1", "C1", "1.2", "委託先は？", "A社です。", -1,
                                 [{"source": "a.txt", "meeting": "第2回", "consultation": "諮問事項ア", "score": 1.5}])
    cli, _ = use(monkeypatch, make_settings("http://127.0.0.1:9/api/"), fakes)
    result = runner.invoke(cli, ["feedback", "--json"])
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.output)
    assert record["question"] == "委託先は？" and record["rating"] == -1 and record["hits"][0]["source"] == "a.txt"
    text = runner.invoke(cli, ["feedback"]).output
    assert "👎" in text and "委託先は？" in text and "第2回 諮問事項ア" in text
