"""App Home: pending consultations, upcoming meetings, and how to ask (with examples)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock, PlainTextObject
from slack_sdk.models.views import View

from bot.core import Core
from handlers.common import COMMAND, core_of, council_of, mention_of, timezone_of
from handlers.views import meetings_text, pending_text
from templates.blocks.messages import label, mrkdwn_sections
from templates.render import render

log = logging.getLogger("shingikai.slack")
HOME_MAX_BLOCKS = 100
PENDING_ON_HOME = 10
MEETINGS_ON_HOME = 5


def home_view(core: Core, context: Mapping[str, Any], *, now: datetime | None = None) -> View:
    council = council_of(context)
    tz = timezone_of(context)
    blocks: list[Block] = [_header(label("home_title", council=council))]
    blocks += mrkdwn_sections(render("slack/home_howto.j2", mention=mention_of(context), command=COMMAND),
                              max_blocks=10)
    blocks += [DividerBlock(), _header(label("home_pending"))]
    blocks += mrkdwn_sections(pending_text(core, limit=PENDING_ON_HOME), max_blocks=30)
    blocks += [DividerBlock(), _header(label("home_meetings"))]
    blocks += mrkdwn_sections(meetings_text(core, tz, now=now, limit=MEETINGS_ON_HOME), max_blocks=10)
    return View(type="home", blocks=blocks[:HOME_MAX_BLOCKS])


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=text[:150], emoji=True))


def handle_home_opened(event: dict[str, Any], body: dict[str, Any], client: WebClient,
                       context: Mapping[str, Any]) -> None:
    if event.get("tab") not in (None, "home"):
        return
    user = str(event.get("user", ""))
    ref = str(body.get("event_id") or f"home:{user}")
    try:
        client.views_publish(user_id=user, view=home_view(core_of(context), context))
    except Exception as exc:  # no silent failure: log it and show a short notice on the Home tab
        log.error("could not publish App Home: event_id=%s: %s", ref, type(exc).__name__, exc_info=exc)
        try:
            notice = View(type="home", blocks=mrkdwn_sections(render("slack/error.j2", ref=ref)))
            client.views_publish(user_id=user, view=notice)
        except Exception as again:  # the notice itself must never raise
            log.error("could not publish the App Home notice: event_id=%s: %s", ref, type(again).__name__)


def register(app: App) -> None:
    app.event("app_home_opened")(handle_home_opened)
