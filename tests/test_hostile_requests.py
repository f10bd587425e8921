"""Hostile or odd HTTP requests get 4xx, never a 500 or a traceback; large bodies are refused without reading them.

Issue 8, items 8 and 9. Over a real socket (uvicorn), as Slack or an attacker would send them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import httpx
import pytest

from bot.serve import MAX_BODY_BYTES
from tests.support.slack_stub import SIGNING_SECRET, Harness, event_body

pytestmark = pytest.mark.wire


def post_raw(h: Harness, body: bytes, content_type: str, *, signed: bool = True,
             headers: dict[str, str] | None = None) -> httpx.Response:
    all_headers = {"Content-Type": content_type}
    if signed:
        ts = str(int(time.time()))
        digest = hmac.new(SIGNING_SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
        all_headers.update({"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"})
    all_headers.update(headers or {})
    return httpx.post(h.server.url + "/slack/events", content=body, headers=all_headers, timeout=10)


def no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records if r.exc_info]


JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(("body", "content_type"), [
    (b'{"type": "event_callback", "event": ', JSON),  # malformed JSON
    (b'[{"type": "event_callback"}]', JSON),  # a JSON array
    (b"payload=%7Bnot+json", FORM),  # a form payload that is not JSON
    (b"payload=%5B1%2C2%5D", FORM),  # a form payload that is a list
    ('{"type": "event_callback", "text": "納税"}'.encode("shift_jis"), JSON),  # not UTF-8
    (b"\xff\xfe\x00garbage", FORM),  # not UTF-8 either
], ids=["bad-json", "json-array", "payload-not-json", "payload-list", "shift-jis", "binary-form"])
def test_signed_unreadable_bodies_get_400_without_a_traceback(h: Harness, caplog: pytest.LogCaptureFixture,
                                                                body: bytes, content_type: str) -> None:
    caplog.set_level(logging.DEBUG)
    response = post_raw(h, body, content_type)
    assert response.status_code == 400
    h.drain()
    no_traceback(caplog)
    assert h.fakes.ledger.store.claimed == set()


@pytest.mark.parametrize("timestamp", ["abc", "", "1e9", "-5", "１７００００００００".encode()])
def test_a_non_numeric_timestamp_gets_401_without_a_traceback(h: Harness, caplog: pytest.LogCaptureFixture,
                                                               timestamp: str | bytes) -> None:
    caplog.set_level(logging.DEBUG)
    body = event_body({"type": "app_mention", "text": "x", "channel": "C1", "ts": "1.1"}, event_id="EvTs")
    headers = {"Content-Type": JSON, "X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=" + "0" * 64}
    response = httpx.post(h.server.url + "/slack/events", content=body.encode(), headers=headers, timeout=10)
    assert response.status_code == 401
    no_traceback(caplog)


def test_an_unsigned_malformed_body_gets_401(h: Harness, caplog: pytest.LogCaptureFixture) -> None:
    response = post_raw(h, b"{not json", JSON, signed=False, headers={"X-Slack-Request-Timestamp": "abc"})
    assert response.status_code == 401
    no_traceback(caplog)


def test_an_unhandled_event_type_gets_200_and_is_not_recorded(h: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    body = event_body({"type": "reaction_added", "user": "U0MEMBER1", "reaction": "thumbsup",
                       "item": {"type": "message", "channel": "C0COUNCIL", "ts": "1.1"}}, event_id="EvReaction")
    response = h.post(body, content_type=JSON)
    assert response.status_code == 200
    h.drain()
    assert h.fakes.ledger.store.claimed == set()
    assert h.stub.of("chat.postMessage") == []
    no_traceback(caplog)


def test_a_handled_event_is_still_recorded(h: Harness) -> None:
    body = event_body({"type": "message", "channel_type": "im", "user": "U0MEMBER1", "text": "納税の件は？",
                       "ts": "1700009000.000100", "channel": "D0MEMBER1"}, event_id="EvHandled")
    assert h.post(body, content_type=JSON).status_code == 200
    h.stub.wait_for("chat.postMessage")
    h.drain()
    assert "slack_event:EvHandled" in h.fakes.ledger.store.claimed


def test_a_declared_large_body_is_refused_before_it_is_sent(h: Harness) -> None:
    """Content-Length over the limit: 413 at once, without waiting for (or reading) the body."""
    url = urlparse(h.server.url)
    with socket.create_connection((url.hostname, url.port), timeout=5) as sock:
        sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     + f"Content-Length: {200 * 1024 * 1024}\r\n\r\n".encode() + b"{" * 1000)
        reply = sock.recv(200)
    assert reply.startswith(b"HTTP/1.1 413"), reply


def test_a_chunked_body_stops_being_read_at_the_limit(h: Harness) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        piece = b"x" * 65536
        for _ in range(20 * 1024 * 1024 // len(piece)):  # 20 MB offered, in chunks with no Content-Length
            sent += len(piece)
            yield piece

    try:
        response = httpx.post(h.server.url + "/slack/events", content=chunks(),
                              headers={"Content-Type": JSON}, timeout=10)
        assert response.status_code == 413
    except httpx.HTTPError:
        pass  # the server may close the connection while the client is still sending: refused either way
    assert sent < 10 * MAX_BODY_BYTES, f"the server read {sent} bytes"


def test_a_body_just_under_the_limit_is_still_served(h: Harness) -> None:
    padding = "x" * (MAX_BODY_BYTES - 400)
    body = json.dumps({"token": "t", "challenge": "c1", "type": "url_verification", "pad": padding})
    response = h.post(body, content_type=JSON, headers={})
    assert response.status_code == 200 and response.json() == {"challenge": "c1"}
