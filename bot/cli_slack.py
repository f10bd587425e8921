"""``shingikai serve``, ``shingikai manifest`` and ``shingikai feedback`` (``bot.cli`` calls ``register``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from bot.manifest import manifest_yaml
from bot.settings import ConfigError, Settings, load_settings
from templates.render import render

if TYPE_CHECKING:
    from bot.core import Core

err = Console(stderr=True)


def _message(key: str, **ctx: object) -> str:
    return render("slack/cli_messages.j2", key=key, **ctx)


def _fail(key: str, code: int = 2, **ctx: object) -> typer.Exit:
    err.print(_message(key, **ctx), style="red", markup=False, highlight=False)
    return typer.Exit(code)


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        err.print(str(exc), style="red", markup=False, highlight=False)
        raise typer.Exit(2) from exc


def _core(settings: Settings) -> Core:
    try:
        from bot.service import Service
    except ImportError as exc:
        raise _fail("no_service", detail=type(exc).__name__) from exc
    return Service(settings)  # type: ignore[no-any-return]


def serve(
    http: Annotated[bool, typer.Option("--http", help="Socket Mode ではなく HTTP で受ける（POST /slack/events）")] = False,
    port: Annotated[int, typer.Option("--port", help="HTTP の待ち受けポート")] = 3000,
    host: Annotated[str, typer.Option("--host", help="HTTP の待ち受けアドレス")] = "0.0.0.0",
    log_level: Annotated[str, typer.Option("--log-level", help="ログの詳しさ（DEBUG/INFO/WARNING）")] = "INFO",
) -> None:
    """Slack アプリを動かす（SLACK_APP_TOKEN があれば Socket Mode、--http なら HTTP）。"""
    from slack_bolt.error import BoltError

    from bot.app import create_app
    from bot.serve import configure_logging, run_http, run_socket_mode

    settings = _settings()
    if not settings.slack_bot_token:
        raise _fail("no_bot_token")
    socket_mode = bool(settings.slack_app_token) and not http
    if not socket_mode and not http:
        raise _fail("no_mode")
    if http and not settings.slack_signing_secret:
        raise _fail("no_signing_secret")
    configure_logging(log_level, secrets=[settings.slack_bot_token, settings.slack_app_token,
                                          settings.slack_signing_secret])
    core = _core(settings)
    try:
        app = create_app(settings, core)
    except BoltError as exc:
        raise _fail("auth_failed", code=1, detail=type(exc).__name__) from exc
    if socket_mode:
        err.print(_message("starting_socket"), markup=False, highlight=False)
        run_socket_mode(app, str(settings.slack_app_token))
    else:
        err.print(_message("starting_http", host=host, port=port), markup=False, highlight=False)
        run_http(app, host=host, port=port, log_level=log_level.lower())


def manifest(
    url: Annotated[str | None, typer.Option("--url", help="HTTP で受ける場合の公開 URL（例: https://bot.example.jp）。省略時は Socket Mode")] = None,
    name: Annotated[str | None, typer.Option("--name", help="審議会名（省略時は app.yaml の council.name）")] = None,
) -> None:
    """Slack アプリのマニフェスト（YAML）を表示する。「From an app manifest」に貼り付けて使う。"""
    council = name
    if council is None:
        try:
            council = load_settings().config.name
        except ConfigError:
            council = render("slack/labels.j2", key="council_fallback")
    typer.echo(manifest_yaml(council, request_url=url), nl=False)


def feedback(
    as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False,
) -> None:
    """回答への 👍/👎 を、質問・回答・根拠とともに一覧する（品質の見直し用）。"""
    records = _core(_settings()).feedback()
    if as_json:
        typer.echo(json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=2))
        return
    up = sum(1 for r in records if r.rating > 0)
    typer.echo(render("slack/feedback_list.j2", items=records, up=up, down=len(records) - up))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("manifest")(manifest)
    app.command("feedback")(feedback)
