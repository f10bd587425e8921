"""Serving the Bolt app: HTTP (Starlette + Bolt's request adapter under uvicorn) or Socket Mode.

HTTP: ``POST /slack/events`` for events, slash commands and interactivity, ``GET /healthz`` for load
balancers. Before Bolt sees a request: a body over ``MAX_BODY_BYTES`` is refused (413) by its Content-Length,
or once that much of a chunked body has been read; the signature and timestamp are checked (401, the body
never logged); a signed body that is not a JSON object or a form (bad JSON, an array, a ``payload`` that is
not an object, bytes that are not UTF-8) gets 400. Bolt checks the signature again and dispatches; its
dispatch is synchronous, so it runs in Starlette's thread pool and never blocks the event loop.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
import time
from collections.abc import Iterable

import uvicorn
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_bolt.request.internals import parse_body
from slack_sdk.signature import Clock as SignatureClock
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1_000_000
MAX_SIGNATURE_AGE = 60 * 5  # seconds, as Slack (and Bolt) allow
_TOKEN_PATTERN = re.compile(r"xox[abposre]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")
log = logging.getLogger("shingikai.http")


class BodyTooLarge(Exception):
    """The request body is larger than the limit."""


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, or BodyTooLarge: by its Content-Length before reading anything, else once ``limit`` bytes of a
    chunked (or mis-declared) body have arrived; never more than ``limit`` + one chunk held in memory."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isascii() or not declared.isdigit() or int(declared) > limit):
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def signature_ok(secret: str, body: bytes, timestamp: str | None, signature: str | None, now: float) -> bool:
    """Slack's v0 signature over the raw bytes, and a timestamp (whole seconds) within five minutes of ``now``."""
    if not timestamp or not signature or not timestamp.isascii() or not timestamp.isdigit():
        return False
    if abs(now - int(timestamp)) > MAX_SIGNATURE_AGE:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def readable_body(body: bytes, content_type: str | None) -> bool:
    """True when Bolt can read the body: UTF-8, and a JSON object or a form (whose ``payload`` is an object)."""
    try:
        parsed = parse_body(body.decode("utf-8"), content_type.split(";")[0] if content_type else None)
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(parsed, dict)


def asgi_app(app: App, *, path: str = EVENTS_PATH, signing_secret: str | None = None) -> Starlette:
    """The ASGI application uvicorn serves (``signing_secret``: the app's, unless given)."""
    secret = signing_secret if signing_secret is not None else app._signing_secret  # noqa: SLF001 - Bolt keeps it
    clock = SignatureClock()  # slack_sdk's clock, the one Bolt's own check uses

    async def slack_events(request: Request) -> Response:
        try:
            body = await read_body(request)
        except BodyTooLarge:
            log.warning("request body over %d bytes refused (413)", MAX_BODY_BYTES)
            return Response(status_code=413, headers={"Connection": "close"})  # the rest is never read
        headers = request.headers
        if not signature_ok(secret, body, headers.get("x-slack-request-timestamp"),
                            headers.get("x-slack-signature"), clock.now()):
            log.warning("invalid request signature or timestamp: 401 (request body not logged)")
            return Response(status_code=401)
        if not readable_body(body, headers.get("content-type")):
            log.warning("signed request with a body that is not a JSON object or a form: 400")
            return Response(status_code=400)
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
