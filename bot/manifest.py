"""The Slack app manifest a council pastes into "Create New App → From an app manifest".

Without ``request_url`` the app uses Socket Mode (no public URL needed; run ``shingikai serve`` with
``SLACK_APP_TOKEN``). With it, Slack sends events, the slash command and button clicks to
``{request_url}/slack/events`` (run ``shingikai serve --http``).

The app reads channel messages (``message.channels``/``message.groups`` and their ``*:history`` scopes) only
when app.yaml's ``slack.thread_followups_without_mention`` is on: without them Slack sends it mentions and DMs
only. The display name is app.yaml's ``short_name``, or the council's name cut at a word boundary.
"""

from __future__ import annotations

from typing import Any

import yaml

from bot.serve import EVENTS_PATH
from handlers.commands.registry import COMMAND
from handlers.commands.shingikai import SUBCOMMANDS
from templates.render import render

BOT_SCOPES = ["app_mentions:read", "chat:write", "commands", "im:history", "files:write"]
BOT_EVENTS = ["app_home_opened", "app_mention", "message.im"]
FOLLOWUP_SCOPES = ["channels:history", "groups:history"]  # every message of the channels the app is in
FOLLOWUP_EVENTS = ["message.channels", "message.groups"]
NAME_LIMIT = 35
_WORD_BREAKS = " \u3000・/／"
DESCRIPTION_LIMIT = 140


def _text(key: str, council: str) -> str:
    return render("slack/manifest.j2", key=key, council=council)


def display_name(council: str, short_name: str | None = None) -> str:
    """The app's name in Slack (at most NAME_LIMIT characters): ``short_name``, else "<council> アシスタント",
    the council's name, or that name cut at a word boundary (a space or ・) — never in the middle of a word."""
    for candidate in (short_name, _text("display_name", council), council):
        if candidate and len(candidate.strip()) <= NAME_LIMIT:
            return candidate.strip()
    for candidate in (short_name, council):
        head = (candidate or "")[: NAME_LIMIT + 1]
        cut = max(head.rfind(c) for c in _WORD_BREAKS)
        if cut > 0 and head[:cut].strip():
            return head[:cut].strip(_WORD_BREAKS)
    return _text("display_name", render("slack/labels.j2", key="council_fallback"))


def build_manifest(council: str, *, request_url: str | None = None, short_name: str | None = None,
                   thread_followups: bool = False) -> dict[str, Any]:
    """The manifest as a dict; ``request_url`` is the public base URL for HTTP mode (None: Socket Mode);
    ``thread_followups``: read channel messages to answer thread replies without a mention."""
    endpoint = request_url.rstrip("/") + EVENTS_PATH if request_url else None
    name = display_name(council, short_name)
    command: dict[str, Any] = {
        "command": COMMAND,
        "description": SUBCOMMANDS.description(),
        "usage_hint": SUBCOMMANDS.usage_hint(),
        "should_escape": False,
    }
    events: dict[str, Any] = {"bot_events": BOT_EVENTS + (FOLLOWUP_EVENTS if thread_followups else [])}
    scopes = BOT_SCOPES + (FOLLOWUP_SCOPES if thread_followups else [])
    interactivity: dict[str, Any] = {"is_enabled": True}
    if endpoint:
        command["url"] = endpoint
        events = {"request_url": endpoint, **events}
        interactivity["request_url"] = endpoint
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name,
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
        "oauth_config": {"scopes": {"bot": scopes}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": endpoint is None,
            "token_rotation_enabled": False,
        },
    }


def manifest_yaml(council: str, *, request_url: str | None = None, short_name: str | None = None,
                  thread_followups: bool = False) -> str:
    manifest = build_manifest(council, request_url=request_url, short_name=short_name,
                              thread_followups=thread_followups)
    return yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False)
