"""Socket Mode: the app connects (apps.connections.open → WebSocket) and dispatches envelopes."""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

import pytest

from bot.app import Worker, create_app
from bot.serve import socket_mode_handler
from tests.support.fakes import Fakes
from tests.support.slack_stub import (
    APP_ID,
    APP_TOKEN,
    BOT_USER_ID,
    SlackStub,
    command_body,
    event_body,
    fast_client,
    make_settings,
    mention,
)

pytestmark = pytest.mark.wire

_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


# -- a minimal WebSocket endpoint for Socket Mode ------------------------------------------------------
class SocketModeStub:
    """Accepts one WebSocket client, sends ``hello`` then queued envelopes, records what the client sends."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.received: list[dict[str, Any]] = []
        self.conn: socket.socket | None = None
        self.connected = threading.Event()
        self._send_lock = threading.Lock()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        host, port = self.listener.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket=stub"

    def send_json(self, message: dict[str, Any]) -> None:
        assert self.conn is not None
        self._send_frame(0x1, json.dumps(message).encode("utf-8"))

    def wait_received(self, predicate: Any, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in list(self.received):
                if predicate(message):
                    return message
            time.sleep(0.02)
        raise AssertionError(f"no matching WebSocket message; received {self.received}")

    def close(self) -> None:
        for s in (self.conn, self.listener):
            try:
                if s is not None:
                    s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                if s is not None:
                    s.close()
            except OSError:
                pass

    def _serve(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        request = b""
        while b"\r\n\r\n" not in request:
            request += conn.recv(4096)
        key = next(line.split(":", 1)[1].strip() for line in request.decode().split("\r\n")
                   if line.lower().startswith("sec-websocket-key:"))
        accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
        conn.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Accept: {accept}\r\n\r\n").encode())
        self.conn = conn
        self.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": APP_ID},
                        "debug_info": {"host": "stub", "approximate_connection_time": 3600}})
        self.connected.set()
        self._read_loop(conn)

    def _read_loop(self, conn: socket.socket) -> None:
        buffer = b""
        try:
            while True:
                frame, buffer = _read_frame(conn, buffer)
                if frame is None:
                    return
                opcode, payload = frame
                if opcode == 0x1:
                    self.received.append(json.loads(payload.decode("utf-8")))
                elif opcode == 0x9:
                    self._send_frame(0xA, payload)
                elif opcode == 0x8:
                    return
        except OSError:
            return

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([n])
        elif n < 65536:
            header += bytes([126]) + struct.pack(">H", n)
        else:
            header += bytes([127]) + struct.pack(">Q", n)
        with self._send_lock:
            assert self.conn is not None
            self.conn.sendall(header + payload)


def _read_frame(conn: socket.socket, buffer: bytes) -> tuple[tuple[int, bytes] | None, bytes]:
    def need(n: int) -> bool:
        nonlocal buffer
        while len(buffer) < n:
            chunk = conn.recv(65536)
            if not chunk:
                return False
            buffer += chunk
        return True

    if not need(2):
        return None, buffer
    opcode, length, masked = buffer[0] & 0x0F, buffer[1] & 0x7F, buffer[1] & 0x80
    offset = 2
    if length == 126:
        if not need(4):
            return None, buffer
        length, offset = struct.unpack(">H", buffer[2:4])[0], 4
    elif length == 127:
        if not need(10):
            return None, buffer
        length, offset = struct.unpack(">Q", buffer[2:10])[0], 10
    mask = b""
    if masked:
        if not need(offset + 4):
            return None, buffer
        mask, offset = buffer[offset:offset + 4], offset + 4
    if not need(offset + length):
        return None, buffer
    payload = buffer[offset:offset + length]
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return (opcode, payload), buffer[offset + length:]


class Running:
    def __init__(self) -> None:
        self.stub = SlackStub().start()
        self.ws = SocketModeStub()
        self.stub.ws_url = self.ws.url
        self.fakes = Fakes()
        self.worker = Worker()
        settings = make_settings(self.stub.api_url, signing_secret=None, app_token=APP_TOKEN)
        self.app = create_app(settings, self.fakes.ports, client=fast_client(settings), executor=self.worker)
        self.handler = socket_mode_handler(self.app, APP_TOKEN)

    def envelope(self, envelope_id: str, kind: str, payload: dict[str, Any], **extra: Any) -> dict[str, Any]:
        message = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                   "accepts_response_payload": kind != "events_api", **extra}
        self.ws.send_json(message)
        return self.ws.wait_received(lambda m: m.get("envelope_id") == envelope_id)

    def close(self) -> None:
        self.ws.close()  # first: the client's blocking read ends now, not at its 3 s receive timeout
        client = self.handler.client
        client.closed = True
        client.message_queue.put(None)  # wakes the message processor's 1 s queue poll (None is skipped)
        self.handler.close()
        self.worker.drain(10)
        self.stub.stop()


@pytest.fixture
def running() -> Iterator[Running]:
    r = Running()
    yield r
    r.close()


def test_socket_mode_connects_and_answers_an_app_mention(running: Running) -> None:
    running.handler.connect()
    assert running.ws.connected.wait(10)
    [opened] = running.stub.of("apps.connections.open")
    assert opened.headers.get("Authorization") == f"Bearer {APP_TOKEN}"  # the app-level token, via SLACK_API_URL

    payload = json.loads(event_body(mention(f"<@{BOT_USER_ID}> 納税の件は？", ts="1700004000.000100"), event_id="EvWs"))
    ack = running.envelope("env-1", "events_api", payload, retry_attempt=0, retry_reason="")
    assert ack == {"envelope_id": "env-1"}
    [post] = running.stub.wait_for("chat.postMessage")
    assert (post.body["channel"], post.body["thread_ts"]) == ("C0COUNCIL", "1700004000.000100")

    # Slack re-sends the same event after a timeout: acknowledged, not answered again
    running.envelope("env-2", "events_api", payload, retry_attempt=1, retry_reason="timeout")
    assert running.worker.drain(10)
    assert len(running.stub.of("chat.postMessage")) == 1


def test_socket_mode_slash_command_acks_with_the_help(running: Running) -> None:
    running.handler.connect()
    assert running.ws.connected.wait(10)
    payload = dict(parse_qsl(command_body("help", response_url="https://hooks.slack.test/x")))
    ack = running.envelope("env-3", "slash_commands", payload)
    assert ack["envelope_id"] == "env-3"
    assert ack["payload"]["response_type"] == "ephemeral"
    assert "/shingikai pending" in ack["payload"]["text"]
