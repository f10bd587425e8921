"""How many of the fields a careful reader finds the parser finds, per document and in total: council, date, start
and end time, place, the number of members present and absent, and each consultation (found by its title, its
label number, decided or pending). Documents and their ``expected.jsonl`` are in a folder (default
``tests/fixtures/layouts7``: written by writers who saw no parser code; what was read before the fixes is in
the test's docstring).

    uv run python benchmarks/layout_fields.py [folder ...]
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.decode import read_document  # noqa: E402
from knowledge.structure import parse_document  # noqa: E402


def _nfkc(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "")


def check(folder: Path, e: dict) -> dict[str, bool]:
    path = folder / e["file"]
    doc = parse_document(read_document(path.read_bytes(), path.name), path.name)
    m = doc.meeting
    fields = {
        "council": _nfkc(e["council"]).replace(" ", "") in _nfkc(m.council).replace(" ", ""),  # 審議会　第二部会: spaces aside
        "date": m.date == e["date"],
        "time": (m.start_time, m.end_time) == (e["start"], e["end"]),
        "place": _nfkc(e["place_contains"]) in _nfkc(m.place),
        "present": len(m.present) == e["present"],
        "absent": len(m.absent) == e["absent"],
        "consultations": len(doc.consultations) == len(e["consultations"]),
    }
    for i, want in enumerate(e["consultations"], 1):
        c = next((c for c in doc.consultations if _nfkc(want["title_contains"]) in _nfkc(c.title)), None)
        fields[f"c{i}.title"] = c is not None
        fields[f"c{i}.label"] = c is not None and _nfkc(want["label_number"]) in _nfkc(c.label)
        fields[f"c{i}.status"] = c is not None and c.status == want["outcome"]
    return fields


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or [ROOT / "tests" / "fixtures" / "layouts7"]
    right = total = 0
    for folder in folders:
        for line in (folder / "expected.jsonl").read_text(encoding="utf-8").splitlines():
            e = json.loads(line)
            fields = check(folder, e)
            wrong = [k for k, ok in fields.items() if not ok]
            right += len(fields) - len(wrong)
            total += len(fields)
            print(f"{e['file']}: {len(fields) - len(wrong)}/{len(fields)}" + (f"  違い: {', '.join(wrong)}" if wrong else ""))
    print(f"合計: {right}/{total} ({right / total:.3f})")


if __name__ == "__main__":
    main()
