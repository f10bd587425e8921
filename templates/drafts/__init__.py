"""The wording of a draft 答申: ``render_draft`` fills ``Draft.text`` from ``drafts/draft.j2``.

``knowledge.drafts`` builds the structure (sections of cited sentences, no fixed wording); the connective lines,
the notes for missing parts and the way citations are shown live in the template.
"""

from __future__ import annotations

from knowledge.drafts import HEADINGS, Draft
from templates.render import render

_KEY_OF = {heading: key for key, heading in HEADINGS.items()}


def render_draft(draft: Draft) -> str:
    """The whole draft as text (headings, connective lines, sentences with their 出典); also stored in ``draft.text``."""
    sections = [{"key": _KEY_OF.get(s.heading, "other"), "heading": s.heading, "sentences": s.sentences}
                for s in draft.sections]
    keys = {s["key"] for s in sections}
    subject = next((s["sentences"][0].text for s in sections if s["key"] == "subject" and s["sentences"]), None)
    has_requests = any(s["key"] == "requests" and s["sentences"] for s in sections)
    draft.text = render("drafts/draft.j2", sections=sections, subject=subject,
                        pending="open_points" in keys, has_requests=has_requests)
    return draft.text
