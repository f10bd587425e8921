"""A local stand-in for Slack, for wire tests: the Web API (recording every call), response_url endpoints,
and request signing exactly as Slack does it (the Socket Mode WebSocket stand-in is in test_slack_socket).

Start with ``SlackStub().start()``; point the app at ``stub.api_url`` (``SLACK_API_URL``). Script
failures with ``stub.script("chat.postMessage", status=500)`` or ``status=429, retry_after=1``.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator

from bot.app import Worker, build_client, create_app
from bot.ports import Ports
from bot.serve import BackgroundServer
from bot.settings import Channels, CouncilConfig, Settings, SlackOptions
from tests.support.fakes import Fakes

BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM_ID = "T0000001"
APP_ID = "A0000001"


@dataclass
class Call:
    """One request the stub received: ``method`` is the Web API method (or ``response_url`` for those)."""

    method: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float  # time.monotonic()
    path: str = ""
    status: int = 200  # what the stub answered
    ok: bool = True  # answered 200 with ``"ok": true``


@dataclass
class Script:
    method: str | None  # None: any method
    status: int
    times: int
    retry_after: int | None = None
    body: dict[str, Any] | None = None


@dataclass
class SlackStub:
    calls: list[Call] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    ws_url: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))

    # -- lifecycle --------------------------------------------------------------------------------------
    def start(self) -> SlackStub:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                status, headers, payload = stub._answer(self.path, dict(self.headers.items()), raw)
                data = payload.encode("utf-8")
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # a short poll so that stop() returns at once (serve_forever's default polls every 0.5 s)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.base_url}/response/{name}"

    # -- scripting and inspection -----------------------------------------------------------------------
    def script(self, method: str | None, *, status: int = 200, times: int = 1, retry_after: int | None = None,
               body: dict[str, Any] | None = None) -> None:
        """The next ``times`` calls to ``method`` get ``status`` (and ``Retry-After``, or a Slack error body)."""
        with self._lock:
            self.scripts.append(Script(method, status, times, retry_after, body))

    def of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [c for c in self.of(method) if c.ok]
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"expected {count} successful {method} call(s), got {self.of(method)}")

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.scripts.clear()

    # -- answering --------------------------------------------------------------------------------------
    def _answer(self, path: str, headers: dict[str, str], raw: str) -> tuple[int, dict[str, str], str]:
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
        body = _parse_body(raw, content_type)
        if path.startswith("/upload/"):  # the upload URL files.getUploadURLExternal hands out (files_upload_v2)
            method = "file_upload"
            body = {"file_id": path.removeprefix("/upload/"), "content": raw}
        else:
            method = path.split("?")[0].removeprefix("/api/") if path.startswith("/api/") else "response_url"
        scripted = self._take_script(method)
        status, extra, payload = 200, {}, self._ok(method, body)
        if scripted is not None:
            status = scripted.status
            if scripted.retry_after is not None:
                extra["Retry-After"] = str(scripted.retry_after)
            payload = scripted.body or {"ok": False, "error": "ratelimited" if status == 429 else "fatal_error"}
        ok = status == 200 and bool(payload.get("ok"))
        with self._lock:
            self.calls.append(Call(method, body, headers, time.monotonic(), path, status, ok))
        if method in ("response_url", "file_upload"):
            return status, {"Content-Type": "text/plain"}, "ok" if status == 200 else "error"
        return status, {"Content-Type": "application/json; charset=utf-8", **extra}, json.dumps(payload)

    def _take_script(self, method: str) -> Script | None:
        with self._lock:
            for s in self.scripts:
                if s.times > 0 and s.method in (None, method):
                    s.times -= 1
                    return s
        return None

    def _ok(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        ts = f"{1700000000 + next(self._ts)}.000100"
        if method == "auth.test":
            return {"ok": True, "url": "https://stub.slack.test/", "team": "Stub", "user": "shingikai",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method == "chat.postMessage":
            message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts,
                       "text": body.get("text", ""), "thread_ts": body.get("thread_ts")}
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": message}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.update":
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts"), "text": body.get("text", "")}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V0000001", "type": "home", **(body.get("view") or {})}}
        if method == "views.open":
            return {"ok": True, "view": {"id": "V0000002", **(body.get("view") or {})}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{ts.split('.')[0]}"
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.base_url}/upload/{file_id}"}
        if method == "files.completeUploadExternal":
            files = body.get("files") or "[]"
            files = json.loads(files) if isinstance(files, str) else files
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.ws_url} if self.ws_url else {"ok": False, "error": "not_allowed"}
        return {"ok": True}


def _parse_body(raw: str, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        data = json.loads(raw)
        return data if isinstance(data, dict) else {"_": data}
    body: dict[str, Any] = dict(parse_qsl(raw, keep_blank_values=True))
    for key in ("blocks", "view", "payload"):
        if isinstance(body.get(key), str):
            try:
                body[key] = json.loads(body[key])
            except ValueError:
                pass
    return body


# -- signing requests as Slack does --------------------------------------------------------------------
def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """``X-Slack-Signature`` (``v0=`` HMAC-SHA256 of ``v0:{timestamp}:{body}``) and the timestamp header."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Signature": f"v0={digest}", "X-Slack-Request-Timestamp": ts}


def event_body(event: dict[str, Any], *, event_id: str, event_time: int | None = None) -> str:
    """An Events API ``event_callback`` envelope, as JSON (the content type Slack uses for events)."""
    return json.dumps({
        "token": "legacy-verification-token", "team_id": TEAM_ID, "api_app_id": APP_ID, "event": event,
        "type": "event_callback", "event_id": event_id, "event_time": event_time or int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False, "event_context": "4-eyJldCI6ImFwcF9tZW50aW9uIn0",
    }, ensure_ascii=False)


def command_body(text: str, *, response_url: str, user: str = "U0MEMBER1", channel: str = "C0COUNCIL") -> str:
    """A slash command POST body, form-encoded as Slack sends it."""
    return urlencode({
        "token": "legacy-verification-token", "team_id": TEAM_ID, "team_domain": "stub", "channel_id": channel,
        "channel_name": "council", "user_id": user, "user_name": "member", "command": "/shingikai", "text": text,
        "api_app_id": APP_ID, "is_enterprise_install": "false", "response_url": response_url,
        "trigger_id": f"trigger.{int(time.time() * 1000)}",
    })


def actions_body(payload: dict[str, Any]) -> str:
    """An interactivity POST body: form-encoded ``payload=`` JSON."""
    return urlencode({"payload": json.dumps(payload, ensure_ascii=False)})


# -- the whole app over a real socket ------------------------------------------------------------------
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-1234567890-0987654321-StubBotTokenValue"
APP_TOKEN = "xapp-1-A0000001-1234567890-StubAppTokenValue"


def make_settings(api_url: str, *, signing_secret: str | None = SIGNING_SECRET, app_token: str | None = None,
                  database_url: str = "sqlite://", cache_home: Path | None = None,
                  thread_followups: bool = False) -> Settings:
    config = CouncilConfig(name="市川市個人情報保護審議会", municipality="市川市",
                           channels=Channels(members="C0COUNCIL", secretariat="C0SECRET"),
                           slack=SlackOptions(thread_followups_without_mention=thread_followups))
    homes = {"cache_home": cache_home, "data_home": cache_home} if cache_home else {}
    return Settings(database_url=database_url, config=config, slack_bot_token=BOT_TOKEN, slack_app_token=app_token,
                    slack_signing_secret=signing_secret, slack_api_url=api_url, **homes)


FAST_RETRIES = FixedValueRetryIntervalCalculator(0.01)  # slack_sdk's real back-off made tiny (Retry-After still counts)


def fast_client(settings: Settings) -> WebClient:
    """The app's WebClient as production builds it, with tiny waits between server-error retries."""
    return build_client(settings, retry_intervals=FAST_RETRIES)


class Harness:
    """Stub Slack + the Bolt app (HTTP mode) served by uvicorn on a loopback port.

    ``ports``: a ``Fakes`` (then ``h.fakes`` is it) or real ``Ports``.
    """

    def __init__(self, ports: Fakes | Ports | None = None, *, stub: SlackStub | None = None,
                 settings: Settings | None = None) -> None:
        self.stub = stub or SlackStub().start()
        ports = Fakes() if ports is None else ports
        self.fakes = ports if isinstance(ports, Fakes) else None
        self.ports = ports.ports if isinstance(ports, Fakes) else ports
        self.settings = settings or make_settings(self.stub.api_url)
        self.worker = Worker()
        self.app = create_app(self.settings, self.ports, client=fast_client(self.settings), executor=self.worker)
        self.server = BackgroundServer(self.app).start()
        self.startup_calls = list(self.stub.calls)  # the token check (auth.test) made while starting

    def reset(self) -> Harness:
        """Ready for the next test without restarting the server: work drained, the stub's calls and scripts
        back to just after start-up, fresh fakes behind the same ``Ports`` (the app holds that object)."""
        self.drain()
        self.stub.reset()
        with self.stub._lock:
            self.stub.calls.extend(self.startup_calls)
        if self.fakes is not None:
            self.fakes = Fakes()
            for name in ("answers", "conversations", "feedback", "ledger", "drafts", "meetings", "members"):
                setattr(self.ports, name, getattr(self.fakes, name))
        return self

    def post(self, body: str, *, content_type: str, signed: bool = True, timestamp: int | None = None,
             secret: str = SIGNING_SECRET, headers: dict[str, str] | None = None) -> Any:
        import httpx

        all_headers = {"Content-Type": content_type, "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)"}
        if signed:
            all_headers.update(sign(secret, body, timestamp))
        all_headers.update(headers or {})
        return httpx.post(self.server.url + "/slack/events", content=body.encode("utf-8"), headers=all_headers,
                          timeout=10)

    def event(self, event: dict[str, Any], *, event_id: str, **kwargs: Any) -> Any:
        return self.post(event_body(event, event_id=event_id), content_type="application/json", **kwargs)

    def command(self, text: str, **kwargs: Any) -> Any:
        body = command_body(text, response_url=self.stub.response_url())
        return self.post(body, content_type="application/x-www-form-urlencoded", **kwargs)

    def action(self, payload: dict[str, Any], **kwargs: Any) -> Any:
        return self.post(actions_body(payload), content_type="application/x-www-form-urlencoded", **kwargs)

    def drain(self, timeout: float = 30.0) -> None:
        assert self.worker.drain(timeout), "handlers did not finish"

    def close(self, *, stop_stub: bool = True) -> None:
        self.server.stop()
        self.worker.drain(10)
        self.worker.shutdown(wait=False)
        if stop_stub:
            self.stub.stop()


def mention(text: str, *, ts: str, channel: str = "C0COUNCIL", user: str = "U0MEMBER1",
            thread_ts: str | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": channel,
                             "event_ts": ts, "client_msg_id": f"msg-{ts}"}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def direct_message(text: str, *, ts: str, channel: str = "D0MEMBER1", user: str = "U0MEMBER1",
                   thread_ts: str | None = None, **extra: Any) -> dict[str, Any]:
    event: dict[str, Any] = {"type": "message", "channel_type": "im", "user": user, "text": text, "ts": ts,
                             "channel": channel, "event_ts": ts, **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event
