"""Doubles for calling handlers directly (no server): a recording Web API client and Bolt's ack/respond.

``RecordingClient`` stands in for ``slack_sdk.WebClient``: every reply is recorded, and a reply sent twice
(same method, channel, thread and content) FAILS the test — "never sent twice" is one assertion, as in
zulip_bots' test_lib. ``one(method)`` fails on zero replies (or more than one) where one is expected. The
handlers catch exceptions to report them to the user, so violations are also kept and checked again by
``verify()`` (the ``recording`` fixture calls it after each test).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any
from unittest.mock import Mock

from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

REPLY_METHODS = {"chat_postMessage", "chat_postEphemeral", "chat_update", "views_publish", "views_open"}


@dataclass
class Sent:
    method: str
    kwargs: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.kwargs[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.kwargs.get(key, default)

    @property
    def all_text(self) -> str:
        blocks = self.kwargs.get("blocks") or (self.kwargs.get("view") or {}).get("blocks") or []
        blocks = [b if isinstance(b, dict) else b.to_dict() for b in blocks]
        return json.dumps(blocks, ensure_ascii=False) + str(self.kwargs.get("text") or "")


class DuplicateReply(AssertionError):
    pass


@dataclass
class RecordingClient:
    """The Web API methods the handlers use; ``fail`` scripts a Slack error for a method's next call."""

    sent: list[Sent] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))

    def fail(self, method: str, error: str) -> None:
        self.failures[method] = error

    def _record(self, method: str, kwargs: dict[str, Any]) -> SlackResponse:
        if method in self.failures:
            error = self.failures.pop(method)
            raise SlackApiError(error, _response(method, {"ok": False, "error": error}))
        view = kwargs.get("view")
        if view is not None and not isinstance(view, dict):
            kwargs = {**kwargs, "view": view.to_dict()}
        key = json.dumps([method, kwargs], ensure_ascii=False, sort_keys=True, default=str)
        if any(json.dumps([s.method, s.kwargs], ensure_ascii=False, sort_keys=True, default=str) == key
               for s in self.sent if s.method in REPLY_METHODS):
            self.violations.append(f"{method} sent twice: {kwargs}")
            raise DuplicateReply(f"{method} sent twice: {kwargs}")
        self.sent.append(Sent(method, kwargs))
        ts = f"{1700000000 + next(self._ts)}.000100"
        return _response(method, {"ok": True, "ts": ts, "channel": kwargs.get("channel"), "message_ts": ts})

    def chat_postMessage(self, **kwargs: Any) -> SlackResponse:  # noqa: N802 - slack_sdk's naming
        return self._record("chat_postMessage", kwargs)

    def chat_postEphemeral(self, **kwargs: Any) -> SlackResponse:  # noqa: N802
        return self._record("chat_postEphemeral", kwargs)

    def chat_update(self, **kwargs: Any) -> SlackResponse:  # noqa: N802
        return self._record("chat_update", kwargs)

    def views_publish(self, **kwargs: Any) -> SlackResponse:
        return self._record("views_publish", kwargs)

    def views_open(self, **kwargs: Any) -> SlackResponse:
        return self._record("views_open", kwargs)

    def of(self, method: str) -> list[Sent]:
        return [s for s in self.sent if s.method == method]

    def one(self, method: str) -> Sent:
        """The single ``method`` reply; fails on none or several."""
        found = self.of(method)
        assert len(found) == 1, f"expected exactly one {method}, got {len(found)}: {found}"
        return found[0]

    def verify(self) -> None:
        assert not self.violations, self.violations


def _response(method: str, data: dict[str, Any]) -> SlackResponse:
    return SlackResponse(client=None, http_verb="POST", api_url=f"https://slack.test/api/{method}", req_args={},
                         data=data, headers={}, status_code=200)


@dataclass
class Bolt:
    """Bolt's ``ack`` and ``respond`` as mocks (``Mock(spec=Ack)`` style), with what they were given."""

    ack: Mock = field(default_factory=Mock)
    respond: Mock = field(default_factory=Mock)

    def acked(self) -> dict[str, Any]:
        """The one ack's keyword arguments (fails unless acked exactly once)."""
        assert self.ack.call_count == 1, f"acked {self.ack.call_count} times"
        return dict(self.ack.call_args.kwargs)

    def responses(self) -> list[dict[str, Any]]:
        return [dict(c.kwargs) for c in self.respond.call_args_list]
