"""``shingikai serve``, ``shingikai manifest`` and ``shingikai feedback``.

``register(app, settings_factory=..., ports_factory=...)``: tests pass their own settings and fake ports.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import StartupProblem, say, settings_or_exit

if TYPE_CHECKING:
    from bot.ports import Ports
    from bot.settings import Settings

SettingsFactory = Callable[[], "Settings"]
PortsFactory = Callable[["Settings"], "Ports"]


def _message(key: str, **ctx: object) -> str:
    from templates.render import render

    return render("slack/cli_messages.j2", key=key, **ctx)


def _open_ports(settings: Settings) -> Ports:
    from bot.services import open_ports

    return open_ports(settings)


def _reason(exc: BaseException) -> str:
    """A short reason for one line: the innermost cause's message (e.g. "Connection refused")."""
    inner: BaseException = exc
    while getattr(inner, "reason", None) is not None and isinstance(inner.reason, BaseException):  # type: ignore[attr-defined]
        inner = inner.reason  # type: ignore[attr-defined]
    text = getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
    return text.splitlines()[0][:160]


def _fail(key: str, code: int = 2, **ctx: object) -> typer.Exit:
    say(_message(key, **ctx), style="red")
    return typer.Exit(code)


def manifest(
    url: Annotated[str | None, typer.Option("--url", help="HTTP で受ける場合の公開 URL（例: https://bot.example.jp）。省略時は Socket Mode")] = None,
    name: Annotated[str | None, typer.Option("--name", help="審議会名（省略時は app.yaml の council.name）")] = None,
) -> None:
    """Slack アプリのマニフェスト（YAML）を表示する

    Slack の「Create New App → From an app manifest」に貼り付けて使います。
    """
    from bot.manifest import manifest_yaml
    from bot.settings import ConfigError, load_settings
    from templates.render import render

    council, short_name, followups = name, None, False
    try:
        config = load_settings().config
        council = council or config.name
        short_name = None if name else config.short_name
        followups = config.slack.thread_followups_without_mention
    except ConfigError:
        council = council or render("slack/labels.j2", key="council_fallback")
    typer.echo(manifest_yaml(council, request_url=url, short_name=short_name, thread_followups=followups), nl=False)


def register(app: typer.Typer, *, settings_factory: SettingsFactory = settings_or_exit,
             ports_factory: PortsFactory | None = None) -> None:
    """``ports_factory`` None: the real ports, and ``serve`` also runs the scheduler (one leader per database)."""
    @app.command("serve")
    def serve(
        http: Annotated[bool, typer.Option("--http", help="Socket Mode ではなく HTTP で受ける（POST /slack/events）")] = False,
        port: Annotated[int, typer.Option("--port", help="HTTP の待ち受けポート")] = 3000,
        host: Annotated[str, typer.Option("--host", help="HTTP の待ち受けアドレス")] = "0.0.0.0",
        log_level: Annotated[str, typer.Option("--log-level", help="ログの詳しさ（DEBUG/INFO/WARNING）")] = "INFO",
    ) -> None:
        """Slack アプリを動かす

        SLACK_APP_TOKEN があれば Socket Mode で、--http を付けると HTTP（POST /slack/events）で受けます。
        """
        # the Slack stack (Bolt, uvicorn) is loaded only by the command that serves: the others start faster
        from slack_bolt.error import BoltError
        from slack_sdk.errors import SlackClientError

        from bot import serve as serving
        from bot.app import api_url, create_app

        settings = settings_factory()
        if not settings.slack_bot_token:
            raise _fail("no_bot_token")
        socket_mode = bool(settings.slack_app_token) and not http
        if not socket_mode and not http:
            raise _fail("no_mode")
        if http and not settings.slack_signing_secret:
            raise _fail("no_signing_secret")
        serving.configure_logging(log_level, secrets=[settings.slack_bot_token, settings.slack_app_token,
                                                      settings.slack_signing_secret])
        runner = None
        if ports_factory is None:
            from bot.app import build_client
            from bot.scheduling import scheduler_for

            client = build_client(settings)
            ports, runner = scheduler_for(settings, client)
        else:
            client = None
            ports = ports_factory(settings)
        try:
            app = create_app(settings, ports, client=client)
        except BoltError as exc:
            raise _fail("auth_failed", code=1, detail=type(exc).__name__) from exc
        except (OSError, SlackClientError) as exc:  # no answer from the Web API (refused, DNS, timeout)
            raise StartupProblem("slack_unreachable", url=api_url(settings), detail=_reason(exc)) from exc
        if runner is not None:
            runner.start()
        try:
            if socket_mode:
                say(_message("starting_socket"))
                try:
                    serving.run_socket_mode(app, str(settings.slack_app_token))
                except (OSError, SlackClientError) as exc:
                    raise StartupProblem("slack_unreachable", url=api_url(settings), detail=_reason(exc)) from exc
            else:
                say(_message("starting_http", host=host, port=port))
                serving.run_http(app, host=host, port=port, log_level=log_level.lower())
        finally:
            if runner is not None:
                runner.stop()

    app.command("manifest")(manifest)

    @app.command("feedback")
    def feedback(
        as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False,
    ) -> None:
        """回答への 👍/👎 の一覧

        質問・回答・根拠とともに表示します（回答の質の見直し用）。
        """
        from templates.render import render

        records = (ports_factory or _open_ports)(settings_factory()).feedback.feedback()
        if as_json:
            typer.echo(json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=2))
            return
        up = sum(1 for r in records if r.rating > 0)
        typer.echo(render("slack/feedback_list.j2", items=records, up=up, down=len(records) - up))
