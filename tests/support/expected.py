"""Fixture folders holding documents beside an ``expected.jsonl`` of what a careful reader finds in each."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from knowledge.decode import read_document
from knowledge.model import ParsedDocument
from knowledge.structure import parse_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def expected_of(folder: str) -> list[dict]:
    lines = (FIXTURES / folder / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def parsed(folder: str, name: str) -> ParsedDocument:
    path = FIXTURES / folder / name
    return parse_document(read_document(path.read_bytes(), path.name), path.name)


def nfkc(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "")
