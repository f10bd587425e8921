"""The digest as a Slack message: the text of ``templates/digest`` in section blocks (what the CLI's dry run
prints is this message's ``text``)."""

from __future__ import annotations

from typing import Any

from templates.blocks.messages import Message, chunk_text, mrkdwn_sections
from templates.digest import digest_text

FALLBACK_CHARS = 3000


def digest_message(data: Any) -> Message:
    text = digest_text(data)
    fallback = text if len(text) <= FALLBACK_CHARS else chunk_text(text, FALLBACK_CHARS)[0]
    return Message(text=fallback, blocks=mrkdwn_sections(text))
