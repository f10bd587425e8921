"""What the parser makes of documents in layouts written for this check (``tests/fixtures/layouts_more/``: each
document beside a JSON of its structure as a careful reader gives it — council, municipality, date, session, members,
chair, and each consultation's label, title, status, outcome, requests and number of Q&A pairs). Prints every
difference.

    uv run python benchmarks/structure_check.py [folder]

A difference is a place to look, not always an error (次回審議 and 継続審議 are the same status).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.decode import read_document  # noqa: E402
from knowledge.model import Consultation  # noqa: E402
from knowledge.structure import parse_document  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "layouts_more"


def n(s: str | None) -> str:
    """Compared without spaces and parentheses, NFKC (案件(1) as 案件1, 佐伯 和夫 as 佐伯和夫)."""
    return re.sub(r"[\s()（）]", "", unicodedata.normalize("NFKC", s or ""))


def _consultation(exp: dict, c: Consultation) -> list[str]:
    label = exp["label"]
    errs = []
    if n(exp["title"]) != n(c.title):
        errs.append(f"{label} title: expected {exp['title']!r} got {c.title!r}")
    if exp["status"] != c.status:
        errs.append(f"{label} status: expected {exp['status']} got {c.status}")
    if n(exp["outcome"]) != n(c.outcome.split("（")[0]):
        errs.append(f"{label} outcome: expected {exp['outcome']} got {c.outcome}")
    if exp["has_requests"] != bool(c.requests or "要望" in c.outcome):
        errs.append(f"{label} requests: expected {exp['has_requests']} got {c.requests}")
    if exp["qa_pairs"] != len(c.qa):
        errs.append(f"{label} Q&A pairs: expected {exp['qa_pairs']} got {len(c.qa)}")
    return errs


def differences(path: Path, expected: dict) -> list[str]:
    """What the parse of the document at ``path`` differs in from ``expected``."""
    doc = parse_document(read_document(path.read_bytes(), path.name), path.name)
    m = doc.meeting
    errs = []
    for key in ("council", "municipality", "date", "session", "chair"):
        want, got = expected.get(key), getattr(m, key)
        if (n(want) if want else None) != (n(got) if got else None):
            errs.append(f"{key}: expected {want!r} got {got!r}")
    for key in ("present", "absent"):
        want_names, got_names = [n(x) for x in expected.get(key, [])], [n(x) for x in getattr(m, key)]
        if want_names != got_names:
            errs.append(f"{key}: expected {expected.get(key)} got {getattr(m, key)}")
    found = {n(c.label): c for c in doc.consultations}
    for exp in expected["consultations"]:
        c = found.get(n(exp["label"]))
        errs.extend(_consultation(exp, c) if c else [f"consultation {exp['label']} missing (got {list(found)})"])
    if len(doc.consultations) != len(expected["consultations"]):
        errs.append(f"consultations: expected {len(expected['consultations'])} got {[c.label for c in doc.consultations]}")
    return errs


def documents(folder: Path) -> list[tuple[Path, dict]]:
    """(document, its expected structure) for every JSON in ``folder``."""
    out = []
    for j in sorted(folder.glob("*.json")):
        doc = next(p for p in folder.iterdir() if p.stem == j.stem and p.suffix != ".json")
        out.append((doc, json.loads(j.read_text(encoding="utf-8"))))
    return out


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES
    total = 0
    for path, expected in documents(folder):
        errs = differences(path, expected)
        total += len(errs)
        print(f"== {path.name}: 違い {len(errs)} 件")
        for e in errs:
            print("   ", e)
    print(f"合計 {total} 件")


if __name__ == "__main__":
    main()
