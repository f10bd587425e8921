"""How records are named in every listing (filters of both Jinja environments, ``templates.render``)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_BARE_NUMBER = re.compile(r"^第\s*[0-9一二三四五六七八九十百千]+\s*号$")


def display_label(label: str) -> str:
    """A consultation's label as listings show it: a bare "第21号" (how a 答申 cites it) reads "諮問第21号"."""
    label = label.strip()
    return "諮問" + label if _BARE_NUMBER.match(unicodedata.normalize("NFKC", label)) else label


def meeting_of(c: Any, *, place: str = "council") -> str:
    """A record's meeting as the answers write it, "市川市個人情報保護審議会 令和4年度第2回（2022-12-20）"; with
    ``place="municipality"`` the shorter "市川市 令和4年度第2回（2022-12-20）". No stray spaces when a part is missing."""
    first = c.municipality or c.council if place == "municipality" else c.council or c.municipality
    name = " ".join(x for x in (first, c.session) if x) or c.source
    return f"{name}（{c.meeting_date}）" if c.meeting_date else name
