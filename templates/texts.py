"""Slack texts (mrkdwn) built from the ``.j2`` templates with ``render_mrkdwn``: whatever a person, a record or
app.yaml wrote is escaped there, at the one edge (``templates.mrkdwn``); callers pass raw values."""

from __future__ import annotations

from typing import Any

from knowledge.model import ConsultationRecord
from templates.listing import PAGE_SIZE, pending_list
from templates.mrkdwn import Mrkdwn
from templates.render import render_mrkdwn
from templates.toshin import toshin_view

QA_LIMIT = 5


def pending_text(items: list[ConsultationRecord], *, command: str, start: int = 0, limit: int = PAGE_SIZE,
                 heading: bool = True) -> Mrkdwn:
    """One page of the pending list (``templates.listing``), in the order given (the listing order)."""
    return Mrkdwn(pending_list(items, mrkdwn=True, start=start, limit=limit, heading=heading, command=command))


def consultation_text(record: ConsultationRecord) -> Mrkdwn:
    """``/shingikai show``: the record; found in a 答申, its parts (excerpts) and proceedings too."""
    view = toshin_view(record.toshin, full=False) if record.toshin is not None else None
    return render_mrkdwn("slack/consultation.j2", c=record, qa_limit=QA_LIMIT, toshin=view)


def not_found_text(consultation_id: int, *, command: str) -> Mrkdwn:
    return render_mrkdwn("slack/consultation_not_found.j2", id=consultation_id, command=command)


def subcommand_text(name: str, part: str, *, command: str) -> Mrkdwn:
    """One subcommand's ``form`` (``show 番号``), ``help`` line or ``summary`` (for the manifest)."""
    return render_mrkdwn("slack/subcommands.j2", sub=name, part=part, command=command)


def help_text(*, council: str, mention: str, command: str, subcommands: list[dict[str, str]],
              followups: bool = False) -> Mrkdwn:
    return render_mrkdwn("slack/help.j2", council=council, mention=mention, command=command, subcommands=subcommands,
                         followups=followups)


def howto_text(*, mention: str, command: str, forms: list[str]) -> Mrkdwn:
    return render_mrkdwn("slack/home_howto.j2", mention=mention, command=command, forms=forms)


def usage_hint_text(*, problem: str | None, word: str, arg: str, form: str | None, forms: list[str],
                    command: str) -> Mrkdwn:
    return render_mrkdwn("slack/usage_hint.j2", problem=problem, sub=word, arg=arg, form=form, forms=forms,
                         command=command)


def ask_header(user: str, question: str) -> Mrkdwn:
    return render_mrkdwn("slack/ask_header.j2", user=user, question=question)


def ask_received(question: str) -> Mrkdwn:
    return render_mrkdwn("slack/ask_received.j2", question=question)


def label(key: str, **ctx: Any) -> Mrkdwn:
    """A short Slack label (``slack/labels.j2``): button texts, headings, the council's fallback name."""
    return render_mrkdwn("slack/labels.j2", key=key, **ctx)


def text(name: str, **ctx: Any) -> Mrkdwn:
    """A Slack text (``slack/<name>.j2``); its values are escaped like every other."""
    return render_mrkdwn(f"slack/{name}.j2", **ctx)
