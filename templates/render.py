"""Render user-facing text from jinja2 templates under ``templates/``.

Minimal loader (written by the Slack issue; the templates owner may extend it). ``name`` is the path
relative to this folder, e.g. ``render("slack/help.j2", command="/shingikai")``. Output is stripped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent),
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)


def render(name: str, **ctx: Any) -> str:
    """The template ``name`` rendered with ``ctx``, surrounding whitespace removed."""
    return _ENV.get_template(name).render(**ctx).strip()
