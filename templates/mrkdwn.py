"""The one escaping function for Slack mrkdwn, applied where text enters a Slack message (``templates/``).

Every Slack text is rendered by ``templates.render.render_mrkdwn``, whose Jinja environment passes every
``{{ value }}`` through ``escape`` — documents, questions, the council's name, everything — unless the value
is already ``Mrkdwn`` (the output of another Slack template, or a mention the bot writes on purpose). So the
wording in ``templates/slack/*.j2`` may use markup (``*bold*``, backticks) and nothing a person or a document
wrote can.
"""

from __future__ import annotations

import re
from typing import Any

_FENCE = re.compile(r"`{3,}")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
ZWSP = "\u200b"


class Mrkdwn(str):
    """Text that is already Slack mrkdwn (escaped data plus the templates' own markup): never escaped again."""

    __slots__ = ()


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as markup, and break code fences (```) so that a
    quoted fence cannot open a code block around the rest of the message."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _FENCE.sub(lambda m: ZWSP.join(m.group(0)), text)


def unescape(text: str) -> str:
    """Slack's text back as written (``&lt;`` → ``<``…): for what the bot stores from a message it received."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def mrkdwn_value(value: Any) -> Any:
    """How a ``{{ value }}`` enters a Slack template: ``Mrkdwn`` as is, anything else escaped."""
    if isinstance(value, Mrkdwn):
        return value
    return escape(value if isinstance(value, str) else str(value))


def mention(user_id: str) -> Mrkdwn:
    """``<@U…>``: a mention the bot writes on purpose (of itself, or of the person who asked)."""
    if not _USER_ID.match(user_id):
        raise ValueError(f"not a Slack user id: {user_id!r}")
    return Mrkdwn(f"<@{user_id}>")


def escape_all(value: Any) -> Any:
    """``escape`` every string inside ``value`` (lists and dicts walked; other values kept): for templates
    rendered with the plain environment from records (the desk and the digest)."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list | tuple):
        return [escape_all(v) for v in value]
    if isinstance(value, dict):
        return {k: escape_all(v) for k, v in value.items()}
    return value
