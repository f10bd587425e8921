"""Serving the Bolt app: HTTP (Starlette + Bolt's request adapter under uvicorn) or Socket Mode.

HTTP: ``POST /slack/events`` for events, slash commands and interactivity (Bolt verifies the signature
and the timestamp of every request: 401 otherwise), ``GET /healthz`` for load balancers. Bolt's
dispatch is synchronous, so it runs in Starlette's thread pool and never blocks the event loop.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable

import uvicorn
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1_000_000
_TOKEN_PATTERN = re.compile(r"xox[abposre]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")


def asgi_app(app: App, *, path: str = EVENTS_PATH) -> Starlette:
    """The ASGI application uvicorn serves."""

    async def slack_events(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return Response(status_code=413)
        bolt_response = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(bolt_response)

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(routes=[
        Route(path, slack_events, methods=["POST"]),
        Route(HEALTH_PATH, healthz, methods=["GET", "HEAD"]),
    ])


def http_server(app: App, *, host: str = "0.0.0.0", port: int = 3000, log_level: str = "info") -> uvicorn.Server:
    config = uvicorn.Config(asgi_app(app), host=host, port=port, log_level=log_level, server_header=False,
                            proxy_headers=True, log_config=None)
    return uvicorn.Server(config)


def run_http(app: App, *, host: str = "0.0.0.0", port: int = 3000, log_level: str = "info") -> None:
    """Serve until interrupted (uvicorn handles SIGINT/SIGTERM)."""
    http_server(app, host=host, port=port, log_level=log_level).run()


class BackgroundServer:
    """uvicorn in a thread on a loopback port (tests, local stand-ins). ``url`` is known once started."""

    def __init__(self, app: App, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.server = http_server(app, host=host, port=port, log_level="warning")
        self.thread = threading.Thread(target=self.server.run, name="shingikai-http", daemon=True)
        self.url = ""

    def start(self, timeout: float = 10.0) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the HTTP server did not start")
            time.sleep(0.02)
        host, port = self.server.servers[0].sockets[0].getsockname()[:2]
        self.url = f"http://{host}:{port}"
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def socket_mode_handler(app: App, app_token: str, **kwargs: object) -> SocketModeHandler:
    """Bolt's built-in Socket Mode handler (its Web API calls use the app's client, so ``SLACK_API_URL`` too)."""
    return SocketModeHandler(app, app_token, **kwargs)  # type: ignore[arg-type]


def run_socket_mode(app: App, app_token: str) -> None:
    socket_mode_handler(app, app_token).start()


class RedactTokens(logging.Filter):
    """Replaces Slack tokens (and any given secret) in log records, whatever logged them."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "(redacted)")
        return _TOKEN_PATTERN.sub("(redacted)", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


def configure_logging(level: str = "INFO", secrets: Iterable[str | None] = ()) -> None:
    """Log to stderr with tokens redacted on every handler."""
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redact = RedactTokens(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
