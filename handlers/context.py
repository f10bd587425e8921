"""What a handler finds in Bolt's request context: the ports, the council's name, the bot's mention.

``bot.app.create_app`` puts a ``bot.ports.Ports`` into every request's context (``context["ports"]``), so
handlers are plain functions with Bolt's named parameters that tests call with a dict as the context.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.ports import Ports
from templates import texts
from templates.mrkdwn import Mrkdwn, mention

PORTS_KEY = "ports"
COUNCIL_KEY = "council_name"
FOLLOWUPS_KEY = "thread_followups"  # app.yaml slack.thread_followups_without_mention


def ports_of(context: Mapping[str, Any]) -> Ports:
    ports = context.get(PORTS_KEY)
    if ports is None:
        raise RuntimeError("no ports in the request context (create_app registers them)")
    return ports  # type: ignore[no-any-return]


def mention_of(context: Mapping[str, Any]) -> Mrkdwn:
    """How to write the bot's mention in a message (Slack renders ``<@U…>`` as the bot's name)."""
    bot_user_id = context.get("bot_user_id")
    return mention(str(bot_user_id)) if bot_user_id else texts.label("bot_mention")


def council_of(context: Mapping[str, Any]) -> str:
    """The council's name as written in app.yaml (raw: the Slack templates escape it)."""
    return str(context.get(COUNCIL_KEY) or texts.label("council_fallback"))


def followups_of(context: Mapping[str, Any]) -> bool:
    """Whether thread replies without a mention are answered (app.yaml; off unless the app sets it)."""
    return bool(context.get(FOLLOWUPS_KEY))
