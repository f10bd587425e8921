"""Slack texts (mrkdwn) built from the ``.j2`` templates; anything a person or a record wrote is escaped here."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from knowledge.model import ConsultationRecord
from templates.mrkdwn import escape, escape_all
from templates.render import render

QA_LIMIT = 5


def pending_text(items: list[ConsultationRecord], *, command: str, limit: int = 20) -> str:
    """Consultations still pending, newest meeting first (at most ``limit``)."""
    ordered = sorted(items, key=lambda c: (c.meeting_date or "", c.id), reverse=True)
    return render("slack/pending.j2", items=[escape_all(asdict(c)) for c in ordered[:limit]], total=len(ordered),
                  command=command)


def consultation_text(record: ConsultationRecord) -> str:
    return render("slack/consultation.j2", c=escape_all(asdict(record)), qa_limit=QA_LIMIT)


def not_found_text(consultation_id: int, *, command: str) -> str:
    return render("slack/consultation_not_found.j2", id=consultation_id, command=command)


def subcommand_text(name: str, part: str, *, command: str) -> str:
    """One subcommand's ``form`` (``show 番号``), ``help`` line or ``summary`` (for the manifest)."""
    return render("slack/subcommands.j2", sub=name, part=part, command=command)


def help_text(*, council: str, mention: str, command: str, subcommands: list[dict[str, str]]) -> str:
    return render("slack/help.j2", council=council, mention=mention, command=command, subcommands=subcommands)


def howto_text(*, mention: str, command: str, forms: list[str]) -> str:
    return render("slack/home_howto.j2", mention=mention, command=command, forms=forms)


def usage_hint_text(*, problem: str | None, word: str, arg: str, form: str | None, forms: list[str],
                    command: str) -> str:
    return render("slack/usage_hint.j2", problem=problem, sub=escape(word), arg=escape(arg), form=form, forms=forms,
                  command=command)


def ask_header(user: str, question: str) -> str:
    return render("slack/ask_header.j2", user=user, question=escape(question))


def ask_received(question: str) -> str:
    return render("slack/ask_received.j2", question=escape(question))


def text(name: str, **ctx: Any) -> str:
    """A fixed Slack text (``slack/<name>.j2``) whose context needs no escaping (ids, refs, numbers)."""
    return render(f"slack/{name}.j2", **ctx)
