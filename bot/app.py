"""The Bolt app: one ``App`` over the ``Ports``, the same for HTTP and Socket Mode.

``process_before_response=False``: Bolt answers Slack (the ack) as soon as a listener calls ``ack()``
(events are acknowledged before the listener runs) and the slow work continues on a ``Worker`` thread,
so every request is acknowledged well within Slack's 3 seconds. Tests drain the worker to wait for it.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler
from slack_sdk.http_retry.interval_calculator import RetryIntervalCalculator

from bot.ports import Ports
from bot.settings import Settings
from handlers import actions, commands, events, views
from handlers.context import COUNCIL_KEY, FOLLOWUPS_KEY, PORTS_KEY

log = logging.getLogger("shingikai.slack")
DEFAULT_API_URL = "https://slack.com/api/"


class Worker(ThreadPoolExecutor):
    """The listener executor: runs handlers after the ack; ``drain`` waits until all submitted work is done."""

    def __init__(self, max_workers: int = 8) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="shingikai-worker")
        self._pending: set[Future[Any]] = set()
        self._lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)
        return future

    def _done(self, future: Future[Any]) -> None:
        with self._lock:
            self._pending.discard(future)

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait for every submitted task (including ones submitted meanwhile); False on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                pending = list(self._pending)
            if not pending:
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            wait(pending, timeout=remaining)


def api_url(settings: Settings) -> str:
    """The Web API base URL: ``SLACK_API_URL`` when set (GovSlack, a test stand-in), else Slack's."""
    url = settings.slack_api_url or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def build_client(settings: Settings, *, max_rate_limit_retries: int = 3, max_server_error_retries: int = 2,
                 retry_intervals: RetryIntervalCalculator | None = None) -> WebClient:
    """A WebClient for ``settings`` that waits out 429s (``Retry-After``) and retries 500/503 a little.

    ``retry_intervals`` replaces slack_sdk's back-off between server-error retries (tests make it tiny).
    """
    client = WebClient(token=settings.slack_bot_token, base_url=api_url(settings))
    interval = {"interval_calculator": retry_intervals} if retry_intervals is not None else {}
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=max_rate_limit_retries, **interval))
    client.retry_handlers.append(ServerErrorRetryHandler(max_retry_count=max_server_error_retries, **interval))
    return client


def create_app(settings: Settings, ports: Ports, *, client: WebClient | None = None, executor: Worker | None = None,
               token_verification: bool = True) -> App:
    """The Bolt App with every handler registered.

    ``token_verification`` calls ``auth.test`` now (a bad token fails at start-up, not at the first question).
    Without a signing secret (Socket Mode needs none) HTTP requests can never verify: a random secret is used.
    """
    bolt_logger = logging.getLogger("shingikai.bolt")
    if not any(isinstance(f, _QuietClientWarning) for f in bolt_logger.filters):
        bolt_logger.addFilter(_QuietClientWarning())
    app = App(
        name="shingikai",
        client=client or build_client(settings),
        signing_secret=settings.slack_signing_secret or secrets.token_hex(32),
        process_before_response=False,
        listener_executor=executor or Worker(),
        token_verification_enabled=token_verification,
        logger=bolt_logger,
    )
    council = settings.config.name
    followups = settings.config.slack.thread_followups_without_mention

    def provide(context: dict[str, Any], next: Callable[[], None]) -> None:
        context[PORTS_KEY] = ports
        context[COUNCIL_KEY] = council
        context[FOLLOWUPS_KEY] = followups
        next()

    app.middleware(provide)  # first: every other middleware and listener reads the ports from the context
    events.register(app)
    commands.register(app)
    actions.register(app)
    views.register(app)
    events.register_fallback(app)  # last: any other event type gets 200 and is not recorded
    app.error(_log_unhandled)
    return app


class _QuietClientWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and then warns that the given client wins: expected here, not news.

    Bolt also logs the whole body of a request whose signature fails: members' questions must not reach the
    log that way, so that record keeps only its first words.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith("Invalid request signature detected"):
            record.msg, record.args = "Invalid request signature detected (request body not logged)", ()
        return not message.startswith("As you gave `client` as well")


def _log_unhandled(error: Exception, body: dict[str, Any]) -> None:
    """Anything a handler did not catch itself: log it with the event id; the app keeps serving."""
    ref = body.get("event_id") or body.get("trigger_id") or body.get("type")
    log.error("unhandled error: event_id=%s: %s", ref, type(error).__name__, exc_info=error)
