"""Assemble the evaluation corpus in one folder: every document the question sets in ``eval/sets/`` ask about.

    uv run python eval/corpus.py DEST      # prints what it copied and what is missing

The corpus mixes every council (so a question can be answered from the wrong one): the five seeds and the 24 real
答申 from ``../shared`` (read there, never copied into the project), the demo corpus, the layout fixtures (the
Shift_JIS one encoded as it is tested; and the last rounds of ``tests/fixtures/layouts7``, asked about by
``sets/layouts10_test.jsonl`` and ``sets/layouts12_test.jsonl``; the 答申 of ``tests/fixtures/toshin9`` asked about by
``sets/toshin10_test.jsonl``) and ``eval/documents/`` (written by us for the evaluation).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REAL_TOSHIN = ("答申第526号.txt", "答申第1003号.txt", "答申第454号.txt", "答申第924号.txt", "答申第1235号.txt",
               "答申第390号.txt",
               # asked about only by sets/fresh_test.jsonl (written in session 15, never tuned on)
               "答申第164号.txt", "答申第1317号.txt", "答申第364号.txt", "答申第1052号.txt",
               # sets/toshin2_tune.jsonl and sets/toshin2_test.jsonl (written in session 16 by two writers who saw
               # only their four documents; split by document before any tuning)
               "答申第1276号.txt", "答申第1334号.txt", "答申第242号.txt", "答申第432号.txt",
               "答申第1279号.txt", "答申第1490号.txt", "答申第564号.txt", "答申第942号.txt",
               # sets/toshin3_tune.jsonl (468, 951, 2201-2233) and sets/toshin3_test.jsonl (292, 809, 2188-2191),
               # written in session 17 by two writers who saw only their three documents, split before any tuning
               "答申第468号.txt", "答申第951号.txt", "答申第2201号から第2233号まで.txt",
               "答申第292号.txt", "答申第809号.txt", "答申第2188号から第2191号まで.txt")
DOC_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}
# sets asking of layout and 答申 fixtures (tests/fixtures/layouts7 layout10*..layout27*, tests/fixtures/toshin9
# toshin10_*..toshin20_*), written with them by writers who saw only their documents; test halves only
_FIXTURE_SETS = tuple(f"layouts{n}_test.jsonl" for n in (10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76)) + tuple(
    f"toshin{n}_test.jsonl" for n in (10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63))


def assemble(dest: Path) -> list[str]:
    """Copy the corpus into ``dest``; return what could not be found (a missing ../shared)."""
    dest.mkdir(parents=True, exist_ok=True)
    missing: list[str] = []
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        for p in sorted(seeds.iterdir()):
            shutil.copyfile(p, dest / p.name)
    else:
        missing.append(str(seeds))
    for name in REAL_TOSHIN:
        src = SHARED / "real" / "toshin" / name
        if src.is_file():
            shutil.copyfile(src, dest / name)
        else:
            missing.append(str(src))
    for folder in (ROOT / "demo_corpus", ROOT / "eval" / "documents"):
        for p in sorted(folder.iterdir()):
            if p.suffix.lower() in DOC_SUFFIXES:
                shutil.copyfile(p, dest / p.name)
    asked = {json.loads(line).get("source") for name in _FIXTURE_SETS
             for line in (ROOT / "eval" / "sets" / name).read_text(encoding="utf-8").splitlines() if line.strip()}
    for folder, pattern in (("layouts7", "layout[1-9][0-9]*"), ("toshin9", "toshin[1-9][0-9]_*")):  # the fixtures those sets ask of
        for p in sorted((ROOT / "tests" / "fixtures" / folder).glob(pattern)):
            if p.name in asked:
                shutil.copyfile(p, dest / p.name)
    for p in sorted((ROOT / "tests" / "fixtures" / "layouts").iterdir()):
        if p.name.endswith(".src"):  # kept as UTF-8 in git, tested as the Shift_JIS file a council sends
            text = p.read_text(encoding="utf-8").replace("\n", "\r\n")
            (dest / p.name.removesuffix(".src")).write_bytes(text.encode("cp932"))
        elif p.suffix.lower() in DOC_SUFFIXES:
            shutil.copyfile(p, dest / p.name)
    return missing


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("使い方: uv run python eval/corpus.py 出力フォルダ")
    lost = assemble(Path(sys.argv[1]))
    print(f"{sum(1 for _ in Path(sys.argv[1]).iterdir())} 件を {sys.argv[1]} に用意しました")
    for m in lost:
        print(f"見つかりません: {m}")
