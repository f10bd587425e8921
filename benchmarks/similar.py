"""``shingikai similar`` at scale: synthetic minutes (as ``benchmarks/scale.py`` makes them), ingested, then the
precedents of a few consultations timed in fresh processes.

    uv run python benchmarks/similar.py                      # 1,000 and 10,000 minutes
    uv run python benchmarks/similar.py --sizes 1000         # one size
    uv run python benchmarks/similar.py --sizes 1000 --keep /tmp/similarwork   # keep the minutes and the DB

For each size: ``shingikai ingest`` into a new SQLite database (which keeps every consultation's precedent
profile); then a new process times ``DeskService.similar`` for TARGETS consultations spread over the ids (the
first call of the process, then the others), the same ranking made the old way (every passage's text read and
every profile made again, ``knowledge.precedents.similar``; skip with --no-reference) for the first target, and
checks both give the same precedents; last, ``shingikai similar ID`` end to end (process start to exit).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from scale import ROOT, each_size, generate, synthetic_parser

TARGETS = 5
CLI = "from bot.cli import main; main()"
CHILD = r"""
import json, sys, time
from bot.clock import FixedClock
from bot.services.desk import DeskService
from bot.settings import Settings
from bot.storage import knowledge as kb
from bot.storage.db import open_database
from knowledge.precedents import similar
url, targets, reference = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
db = open_database(url)
desk = DeskService(db, Settings.from_env({"SHINGIKAI_DATABASE_URL": url}), FixedClock())
ids = [c.id for c in kb.consultations(db, with_qa=False)]
chosen = [ids[(len(ids) - 1) * i // max(1, targets - 1)] for i in range(targets)]
times, found = [], {}
for cid in chosen:
    t = time.perf_counter()
    found[cid] = [p.to_dict() for p in desk.similar(cid) or []]
    times.append(time.perf_counter() - t)
out = {"consultations": len(ids), "targets": chosen, "first_s": times[0], "next_s": sorted(times[1:]) or [times[0]]}
if reference:
    t = time.perf_counter()
    target = kb.consultation(db, chosen[0])
    old = [p.to_dict() for p in similar(target, kb.consultations(db), kb.consultation_texts(db), k=5)]
    out["reference_s"] = time.perf_counter() - t
    out["same"] = old == found[chosen[0]]
print(json.dumps(out))
"""


def run(size: int, seeds: list[Path], work: Path, targets: int, reference: bool) -> dict[str, object]:
    corpus = work / f"corpus_{size}"
    generate(seeds, corpus, size)
    db = work / f"kb_{size}.db"
    url = f"sqlite:///{db}"
    env = {**os.environ, "SHINGIKAI_DATABASE_URL": url, "SHINGIKAI_INDEX_CACHE": "off"}
    t0 = time.time()
    ingest = subprocess.run([sys.executable, "-c", CLI, "ingest", str(corpus)], env=env, cwd=ROOT,
                            capture_output=True, text=True)
    ingest_s = time.time() - t0
    if ingest.returncode not in (0, 1):
        raise SystemExit(f"ingest failed:\n{ingest.stderr[-3000:]}")
    child = subprocess.run([sys.executable, "-c", CHILD, url, str(targets), "1" if reference else "0"], env=env,
                           cwd=ROOT, capture_output=True, text=True)
    if child.returncode != 0:
        raise SystemExit(f"similar failed:\n{child.stderr[-3000:]}")
    res: dict[str, object] = json.loads(child.stdout.strip().splitlines()[-1])
    target = res["targets"][0]  # type: ignore[index]
    t0 = time.time()
    cli = subprocess.run([sys.executable, "-c", CLI, "similar", str(target)], env=env, cwd=ROOT,
                         capture_output=True, text=True)
    if cli.returncode != 0:
        raise SystemExit(f"shingikai similar failed:\n{cli.stderr[-3000:]}")
    res.update(size=size, ingest_s=ingest_s, cli_s=time.time() - t0)
    return res


def main() -> None:
    ap = synthetic_parser(__doc__)
    ap.add_argument("--targets", type=int, default=TARGETS, help="類似案件を探す諮問の数")
    ap.add_argument("--no-reference", action="store_true", help="旧方式（全段落を読む）を計らない")
    args = ap.parse_args()

    def row(size: int, seeds: list[Path], work: Path) -> str:
        r = run(size, seeds, work, args.targets, not args.no_reference)
        nxt = r["next_s"]
        assert isinstance(nxt, list)
        old = f"{r['reference_s']:.1f}" if "reference_s" in r else "-"
        same = ("yes" if r["same"] else "NO") if "same" in r else "-"
        return (f"| {size:,} | {r['consultations']:,} | {r['ingest_s']:.0f} | {r['first_s']:.2f} "
                f"| {min(nxt):.2f}–{max(nxt):.2f} | {old} | {same} | {r['cli_s']:.1f} |")

    each_size(args, ("minutes", "consultations", "ingest s", "similar: first call s", "similar: next calls s (min–max)",
                     "old way (every passage) s", "same precedents", "`shingikai similar ID` s"), row)


if __name__ == "__main__":
    main()
