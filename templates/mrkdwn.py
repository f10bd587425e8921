"""The one escaping function for Slack mrkdwn, applied where text enters a message (``templates/``)."""

from __future__ import annotations

from typing import Any


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_all(value: Any) -> Any:
    """``escape`` every string inside ``value`` (lists and dicts walked; other values kept)."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list | tuple):
        return [escape_all(v) for v in value]
    if isinstance(value, dict):
        return {k: escape_all(v) for k, v in value.items()}
    return value
