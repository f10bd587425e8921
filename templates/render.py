"""Render user-facing text from jinja2 templates under ``templates/``.

``name`` is the path relative to this folder, e.g. ``render("cli/show.j2", c=record)``. Output is stripped.
``render`` is for the terminal (text as written); ``render_mrkdwn`` is for Slack: every ``{{ value }}`` is
escaped by ``templates.mrkdwn`` (the one escaping edge) unless it is ``Mrkdwn`` already, and the result is
``Mrkdwn``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from templates.labels import display_label, meeting_of
from templates.mrkdwn import Mrkdwn, mrkdwn_value

_OPTIONS: dict[str, Any] = {
    "loader": FileSystemLoader(Path(__file__).resolve().parent),
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "undefined": StrictUndefined,
}
_ENV = Environment(**_OPTIONS)
_MRKDWN_ENV = Environment(finalize=mrkdwn_value, **_OPTIONS)
for _env in (_ENV, _MRKDWN_ENV):
    _env.filters["consultation_label"] = display_label
    _env.filters["meeting"] = meeting_of


def render(name: str, **ctx: Any) -> str:
    """The template ``name`` rendered with ``ctx``, surrounding whitespace removed (terminal text)."""
    return _ENV.get_template(name).render(**ctx).strip()


def render_mrkdwn(name: str, **ctx: Any) -> Mrkdwn:
    """The template ``name`` rendered for Slack: every value escaped (``templates.mrkdwn``), unless ``Mrkdwn``."""
    return Mrkdwn(_MRKDWN_ENV.get_template(name).render(**ctx).strip())
