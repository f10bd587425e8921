"""The words of an answer: ``knowledge.model.Answer`` (data) rendered with ``templates/*.j2``.

``answer_text`` is what the CLI prints and what the eval's "answer" metric reads: for a fact, the quote first, then
the meeting and consultation it comes from, the outcome when asked, 「関連する箇所」 (close candidates, short and
cited) and the 出典 lines; ``answer_body`` is the same without the 出典 lines (Slack shows them as context blocks).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.model import Answer, Outcome
from templates.listing import display_label, pending_list
from templates.render import render, render_mrkdwn

Renderer = Callable[..., str]

TITLE_MAX = 60
REASON_MAX = 120
REQUEST_MAX = 500  # a request asked for (「付言で何か言ってる?」) is stated whole, up to this
_WS = re.compile(r"\s+")


def short(text: str, limit: int = TITLE_MAX) -> str:
    """``text`` on one line, cut with "…" to at most ``limit`` characters."""
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote_lines(quote: str) -> list[str]:
    return [line for line in quote.split("\n") if line.strip()] or [quote]


def outcome_text(o: Outcome, render: Renderer = render) -> str:
    """The sentence stating a consultation's outcome (with its requests)."""
    requests = [short(r, REQUEST_MAX if o.requests_asked else REASON_MAX) for r in o.requests]
    return render("outcome.j2", c=o, meeting=o.meeting, title=short(o.title), reason=o.reason, requests=requests)


def answer_text(answer: Answer) -> str:
    """The whole answer, 出典 included."""
    return _render(answer, with_sources=True)


def answer_body(answer: Answer, *, mrkdwn: bool = False) -> str:
    """The answer without its 出典 lines; ``mrkdwn``: for Slack (every value escaped, ``templates.mrkdwn``)."""
    return _render(answer, with_sources=False, render=render_mrkdwn if mrkdwn else render)


def _render(a: Answer, *, with_sources: bool, render: Renderer = render) -> str:
    if a.kind == "fact" and a.lead is not None:  # the quote first, then where it comes from
        cited = render("answer_lead.j2", meeting=a.lead.meeting, label=a.lead.label,
                       title=short(a.lead.title) if a.lead.title else None)
        note = outcome_text(a.outcome, render) if a.outcome is not None else None
        related = [(_WS.sub(" ", r.quote).strip(), r.hit) for r in a.related]
        return render("answer.j2", lead=None, quote_lines=quote_lines(a.quote or ""), cited=cited, outcome_note=note,
                      related=related, namesakes=[], slack=render is render_mrkdwn, sources=a.sources,
                      with_sources=with_sources)
    if a.kind == "outcome" and a.outcome is not None:  # the conclusion first, then the quote that supports it
        namesakes = [(r.quote, r.hit) for r in a.namesakes]
        return render("answer.j2", lead=outcome_text(a.outcome, render), quote_lines=quote_lines(a.quote) if a.quote else [],
                      cited=None, outcome_note=None, related=[], namesakes=namesakes, slack=render is render_mrkdwn,
                      sources=a.sources, with_sources=with_sources)
    if a.kind == "pending":
        listed = sorted(a.items, key=lambda i: i.status == "unknown")  # as the list shows them (stable sort)
        sources = [(i.source, i.meeting, display_label(i.label)) for i in listed] if with_sources else []
        return pending_list(a.items, mrkdwn=render is render_mrkdwn, place=a.place, sources=sources)
    if a.kind == "agenda":
        return render("agenda.j2", items=a.items, slack=render is render_mrkdwn, sources=a.sources,
                      with_sources=with_sources)
    if a.kind == "next_meeting":
        return render("no_meeting.j2", meetings=a.meetings)
    if a.kind == "empty_kb":
        return render("empty_kb.j2")
    return render("not_found.j2", place=a.place, meeting=a.missing_meeting)
