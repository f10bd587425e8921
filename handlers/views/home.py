"""App Home: how to ask (with examples and the commands) and the pending consultations."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_sdk import WebClient
from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock, PlainTextObject
from slack_sdk.models.views import View

from bot.ports import Ports
from handlers.commands.registry import COMMAND
from handlers.commands.shingikai import SUBCOMMANDS
from handlers.context import council_of, mention_of, ports_of
from handlers.replies import meetings_blocks
from templates import texts
from templates.blocks.messages import label, mrkdwn_sections, pending_blocks

log = logging.getLogger("shingikai.slack")
HOME_MAX_BLOCKS = 100
MEETINGS_ON_HOME = 20  # blocks


def home_view(ports: Ports, context: Mapping[str, Any], user: str | None = None, *, start: int = 0) -> View:
    """The Home tab; ``user``: whose meeting answers to show; ``start``: the first item of the pending list's page
    (「続きを表示」 moves it on)."""
    council = council_of(context)
    blocks: list[Block] = [_header(label("home_title", council=council))]
    blocks += mrkdwn_sections(texts.howto_text(mention=mention_of(context), command=COMMAND, forms=SUBCOMMANDS.forms()),
                              max_blocks=10)
    if user:
        blocks += [DividerBlock(), _header(label("home_meetings")), *meetings_blocks(ports, user)[:MEETINGS_ON_HOME]]
    items = ports.answers.pending()
    start = start if 0 <= start < len(items) else 0
    blocks += [DividerBlock(), _header(label("home_pending", n=sum(1 for c in items if c.status == "pending")))]
    blocks += pending_blocks(items, command=COMMAND, start=start, heading=False)[1]
    return View(type="home", blocks=blocks[:HOME_MAX_BLOCKS])


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=text[:150], emoji=True))


def publish_home(client: WebClient, ports: Ports, context: Mapping[str, Any], user: str) -> None:
    client.views_publish(user_id=user, view=home_view(ports, context, user))


def handle_home_opened(event: dict[str, Any], body: dict[str, Any], client: WebClient,
                       context: Mapping[str, Any]) -> None:
    if event.get("tab") not in (None, "home"):
        return
    user = str(event.get("user", ""))
    ref = str(body.get("event_id") or f"home:{user}")
    try:
        publish_home(client, ports_of(context), context, user)
    except Exception as exc:  # no silent failure: log it and show a short notice on the Home tab
        log.error("could not publish App Home: event_id=%s: %s", ref, type(exc).__name__, exc_info=exc)
        try:
            notice = View(type="home", blocks=mrkdwn_sections(texts.text("error", ref=ref)))
            client.views_publish(user_id=user, view=notice)
        except Exception as again:  # the notice itself must never raise
            log.error("could not publish the App Home notice: event_id=%s: %s", ref, type(again).__name__)
