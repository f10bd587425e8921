"""The Slack app manifest a council pastes into "Create New App → From an app manifest".

Without ``request_url`` the app uses Socket Mode (no public URL needed; run ``shingikai serve`` with
``SLACK_APP_TOKEN``). With it, Slack sends events, the slash command and button clicks to
``{request_url}/slack/events`` (run ``shingikai serve --http``).
"""

from __future__ import annotations

from typing import Any

import yaml

from bot.serve import EVENTS_PATH
from handlers.commands.registry import COMMAND
from handlers.commands.shingikai import SUBCOMMANDS
from templates.render import render

BOT_SCOPES = ["app_mentions:read", "chat:write", "commands", "im:history", "channels:history", "groups:history",
              "files:write"]
BOT_EVENTS = ["app_home_opened", "app_mention", "message.im", "message.channels", "message.groups"]
NAME_LIMIT = 35
DESCRIPTION_LIMIT = 140


def _text(key: str, council: str) -> str:
    return render("slack/manifest.j2", key=key, council=council)


def build_manifest(council: str, *, request_url: str | None = None) -> dict[str, Any]:
    """The manifest as a dict; ``request_url`` is the public base URL for HTTP mode (None: Socket Mode)."""
    endpoint = request_url.rstrip("/") + EVENTS_PATH if request_url else None
    name = _text("display_name", council)
    command: dict[str, Any] = {
        "command": COMMAND,
        "description": SUBCOMMANDS.description(),
        "usage_hint": SUBCOMMANDS.usage_hint(),
        "should_escape": False,
    }
    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if endpoint:
        command["url"] = endpoint
        events = {"request_url": endpoint, **events}
        interactivity["request_url"] = endpoint
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name[:NAME_LIMIT],
            "description": _text("description", council)[:DESCRIPTION_LIMIT],
            "long_description": _text("long_description", council),
            "background_color": "#1d4e89",
        },
        "features": {
            "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True,
                         "messages_tab_read_only_enabled": False},
            "bot_user": {"display_name": name[:80], "always_online": True},
            "slash_commands": [command],
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": endpoint is None,
            "token_rotation_enabled": False,
        },
    }


def manifest_yaml(council: str, *, request_url: str | None = None) -> str:
    return yaml.safe_dump(build_manifest(council, request_url=request_url), allow_unicode=True, sort_keys=False)
