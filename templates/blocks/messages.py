"""Block Kit messages for answers and listings, kept within Slack's limits.

Limits honoured here: 50 blocks per message, 3,000 characters per section text, and a practical
~12,000 characters per message. A long answer is cut at sentence ends and split across several thread
replies; the last one carries the 出典 (context blocks) and the 👍/👎 buttons. Every message has a plain
``text`` fallback. All wording comes from ``templates/slack/*.j2`` rendered by ``render_mrkdwn``: every value
in every field (fallback text, sections, context, headers, buttons) is escaped there, once (``templates.mrkdwn``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from knowledge.model import Answer, ConsultationRecord, Hit
from templates.answer import answer_body
from templates.listing import PAGE_SIZE
from templates.mrkdwn import Mrkdwn
from templates.render import render_mrkdwn
from templates.texts import pending_text

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
SECTION_CHUNK = 2800  # margin under SECTION_LIMIT
MESSAGE_CHARS = 11000  # body characters per message (Slack truncates around 12,000 / 40,000)
FALLBACK_CHARS = 3000
MAX_SOURCES = 10
BUTTON_VALUE_LIMIT = 2000
FEEDBACK_BLOCK_ID = "feedback"
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"
PENDING_MORE = "pending_more"  # 「続きを表示」 under a page of the pending list; its value is the next start
_SENTENCE_END = re.compile(r"(?<=[。．！？!?\n])")


@dataclass
class Message:
    """One Slack message: fallback ``text`` plus Block Kit ``blocks``."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": [b.to_dict() for b in self.blocks]}


def label(key: str, **ctx: Any) -> Mrkdwn:
    return render_mrkdwn("slack/labels.j2", key=key, **ctx)


def chunk_text(text: str, limit: int = SECTION_CHUNK) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` characters, cutting after sentence ends when possible."""
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > limit:  # a single overlong sentence: cut hard
            room = limit - len(current)
            pieces.append(current + sentence[:room])
            current, sentence = "", sentence[room:]
        if len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current += sentence
    if current.strip():
        pieces.append(current)
    return [p.strip("\n") for p in pieces if p.strip()]


def mrkdwn_sections(text: str, *, max_blocks: int = MAX_BLOCKS) -> list[Block]:
    """Section blocks for a mrkdwn text of any length (at most ``max_blocks``)."""
    chunks = chunk_text(text)[:max_blocks]
    return [SectionBlock(text=MarkdownTextObject(text=c)) for c in chunks]


def text_message(text: Mrkdwn) -> Message:
    """A simple mrkdwn message (help, hints, listings), from a Slack template (``render_mrkdwn``)."""
    return Message(text=_fallback(text), blocks=mrkdwn_sections(text))


def more_button(start: int) -> ActionsBlock:
    """「続きを表示」: the next page of the pending list starts at ``start``."""
    return ActionsBlock(block_id=f"{PENDING_MORE}:{start}", elements=[
        ButtonElement(text=PlainTextObject(text=label("more"), emoji=True), action_id=PENDING_MORE, value=str(start)),
    ])


def pending_blocks(items: list[ConsultationRecord], *, command: str, start: int = 0, heading: bool = True,
                   page: int = PAGE_SIZE) -> tuple[str, list[Block]]:
    """One page of the pending list as sections, with 「続きを表示」 when items remain; and its plain text."""
    text = pending_text(items, command=command, start=start, limit=page, heading=heading)
    blocks: list[Block] = list(mrkdwn_sections(text, max_blocks=MAX_BLOCKS - 1))
    if start + page < len(items):
        blocks.append(more_button(start + page))
    return text, blocks


def pending_message(items: list[ConsultationRecord], *, command: str, start: int = 0) -> Message:
    text, blocks = pending_blocks(items, command=command, start=start)
    return Message(text=_fallback(text), blocks=blocks)


def source_blocks(sources: list[Hit]) -> list[Block]:
    """出典 as context blocks: a heading, then one block per source (at most MAX_SOURCES)."""
    if not sources:
        return []
    blocks: list[Block] = [ContextBlock(elements=[MarkdownTextObject(text=label("sources"))])]
    for s in sources[:MAX_SOURCES]:
        line = render_mrkdwn("slack/source.j2", s=s)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=line[:SECTION_LIMIT])]))
    if len(sources) > MAX_SOURCES:
        more = label("sources_more", n=len(sources) - MAX_SOURCES)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    return blocks


def feedback_value(question: str, hits: list[Hit]) -> str:
    """What a 👍/👎 click needs to store: the question and the hits, compact JSON under 2,000 characters."""
    compact = [hit_record(h) for h in hits[:5]]
    q = question[:500]
    while True:
        value = json.dumps({"q": q, "h": compact}, ensure_ascii=False, separators=(",", ":"))
        if len(value) <= BUTTON_VALUE_LIMIT:
            return value
        if compact:
            compact.pop()
        else:
            q = q[: len(q) // 2]


def hit_record(h: Hit) -> dict[str, Any]:
    return {
        "source": h.source, "meeting": h.meeting, "consultation": h.consultation, "passage_id": h.passage_id,
        "consultation_id": h.consultation_id, "meeting_date": h.meeting_date, "score": round(float(h.score), 4),
    }


def feedback_block(question: str, hits: list[Hit], *, up: int = 0, down: int = 0) -> ActionsBlock:
    """👍/👎 under an answer; once voted on, the buttons show the tally ("👍 2" / "👎 1")."""
    value = feedback_value(question, hits)
    return _feedback_buttons(value, up=up, down=down)


def _feedback_buttons(value: str, *, up: int, down: int) -> ActionsBlock:
    return ActionsBlock(
        block_id=FEEDBACK_BLOCK_ID,
        elements=[
            ButtonElement(text=PlainTextObject(text=label("feedback_up", n=up), emoji=True), action_id=FEEDBACK_UP,
                          value=value),
            ButtonElement(text=PlainTextObject(text=label("feedback_down", n=down), emoji=True),
                          action_id=FEEDBACK_DOWN, value=value),
        ],
    )


def with_tally(blocks: list[dict[str, Any]], *, up: int, down: int) -> list[dict[str, Any]]:
    """A posted answer's blocks (as Slack sends them back) with the 👍/👎 buttons showing the tally."""
    out = []
    for block in blocks:
        if block.get("block_id") == FEEDBACK_BLOCK_ID:
            value = str((block.get("elements") or [{}])[0].get("value") or "")
            block = _feedback_buttons(value, up=up, down=down).to_dict()
        out.append(block)
    return out


def answer_messages(answer: Answer, *, header: str | None = None) -> list[Message]:
    """The thread replies for an answer: body split to fit, then 出典 and feedback on the last one."""
    tail = [DividerBlock(), *source_blocks(answer.sources), feedback_block(answer.question, answer.hits)]
    body = answer_body(answer, mrkdwn=True)  # 出典 are shown as context blocks instead
    sections = chunk_text(body) or ["…"]
    groups = _group(sections, room_first=MAX_BLOCKS - 2, room_last=MAX_BLOCKS - len(tail) - 2)
    messages: list[Message] = []
    for i, group in enumerate(groups):
        blocks: list[Block] = []
        if i == 0 and header:
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=header[:SECTION_LIMIT])]))
        blocks.extend(SectionBlock(text=MarkdownTextObject(text=c)) for c in group)
        if len(groups) > 1:
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=label("part", n=i + 1, total=len(groups)))]))
        plain = "\n".join(group)
        if i == len(groups) - 1:
            blocks.extend(tail)
            plain = _with_sources(plain, answer.sources)
        messages.append(Message(text=_fallback(plain), blocks=blocks))
    return messages


def _group(sections: list[str], *, room_first: int, room_last: int) -> list[list[str]]:
    """Pack sections into messages under MESSAGE_CHARS and the block limit (the last needs room for the tail)."""
    groups: list[list[str]] = [[]]
    size = 0
    for s in sections:
        if groups[-1] and (size + len(s) > MESSAGE_CHARS or len(groups[-1]) >= room_first):
            groups.append([])
            size = 0
        groups[-1].append(s)
        size += len(s)
    if len(groups[-1]) > room_last:  # the tail does not fit beside the last group: give it its own part
        keep = groups[-1][:room_last]
        rest = groups[-1][room_last:]
        groups[-1] = keep
        groups.append(rest)
    return groups


def _with_sources(plain: str, sources: list[Hit]) -> str:
    if not sources:
        return plain
    return plain + "\n\n" + render_mrkdwn("slack/sources_fallback.j2", sources=sources[:MAX_SOURCES])


_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,3}$")


def _fallback(text: str) -> str:
    """The plain ``text`` of a message (notifications), cut to FALLBACK_CHARS without splitting an ``&lt;``."""
    text = text.strip() or "…"
    if len(text) <= FALLBACK_CHARS:
        return text
    return _PARTIAL_ENTITY.sub("", text[: FALLBACK_CHARS - 1]) + "…"
