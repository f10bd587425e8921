"""A draft 答申 as Slack messages for the secretariat channel, with its review buttons (承認 / 修正依頼), the
approved state that replaces them, and the 修正依頼 modal. Words in ``templates/desk/messages.j2``."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from templates.blocks.messages import FALLBACK_CHARS, Message, chunk_text
from templates.desk import message
from templates.mrkdwn import escape

DRAFT_APPROVE = "draft_approve"
DRAFT_CHANGES = "draft_changes"
REVIEW_BLOCK = "draft_review"
CHANGES_MODAL = "draft_changes_modal"
COMMENT_BLOCK = "comment"
COMMENT_INPUT = "comment_input"
SECTIONS_PER_MESSAGE = 3  # ~8,400 characters: under Slack's practical ~12,000 per message
COMMENT_MAX = 3000


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text[:3000])])


def review_block(draft_id: int) -> ActionsBlock:
    value = str(draft_id)
    return ActionsBlock(block_id=REVIEW_BLOCK, elements=[
        ButtonElement(text=PlainTextObject(text=message("approve_button")), action_id=DRAFT_APPROVE, value=value,
                      style="primary"),
        ButtonElement(text=PlainTextObject(text=message("changes_button")), action_id=DRAFT_CHANGES, value=value),
    ])


def approved_block(who: str, at: str) -> SectionBlock:
    """``who`` is mrkdwn already (a mention, or an escaped name)."""
    return SectionBlock(text=MarkdownTextObject(text=message("approved_line", who=who, at=at)))


def draft_messages(*, draft_id: int, consultation_id: int, label: str, title: str, text: str, requested_by: str,
                   approved: tuple[str, str] | None = None) -> list[Message]:
    """The draft as messages: the first carries the header, the start of the text and the review buttons (or,
    once ``approved`` = (who, when), the approved line instead); the rest of the text follows in its thread."""
    header = message("draft_header", label=escape(label), title=escape(title), id=consultation_id, user=requested_by)
    chunks = chunk_text(escape(text)) or ["…"]
    groups = [chunks[i:i + SECTIONS_PER_MESSAGE] for i in range(0, len(chunks), SECTIONS_PER_MESSAGE)]
    messages: list[Message] = []
    for i, group in enumerate(groups):
        blocks: list[Block] = [_context(header)] if i == 0 else []
        blocks.extend(SectionBlock(text=MarkdownTextObject(text=c)) for c in group)
        if len(groups) > 1:
            blocks.append(_context(message("draft_part", n=i + 1, total=len(groups))))
        if i == 0:
            if len(groups) > 1:
                blocks.append(_context(message("draft_continued")))
            blocks.append(approved_block(*approved) if approved else review_block(draft_id))
        plain = header + "\n" + "\n".join(group) if i == 0 else "\n".join(group)
        messages.append(Message(text=plain[:FALLBACK_CHARS], blocks=blocks))
    return messages


def changes_modal(draft_id: int) -> View:
    """The 修正依頼 modal; its submission carries the draft's id in ``private_metadata``."""
    return View(
        type="modal", callback_id=CHANGES_MODAL, private_metadata=str(draft_id),
        title=PlainTextObject(text=message("modal_title")), submit=PlainTextObject(text=message("modal_submit")),
        close=PlainTextObject(text=message("modal_close")),
        blocks=[InputBlock(
            block_id=COMMENT_BLOCK, label=PlainTextObject(text=message("modal_label")),
            element=PlainTextInputElement(action_id=COMMENT_INPUT, multiline=True, max_length=COMMENT_MAX),
            hint=PlainTextObject(text=message("modal_hint")),
        )],
    )
