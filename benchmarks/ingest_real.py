"""Ingest throughput on real text: the evaluation corpus (``eval/corpus.py``: the seeds and the real 答申 from
``../shared``, the demo corpus, the layout fixtures, ``eval/documents``) ingested into a fresh SQLite database.

    uv run python benchmarks/ingest_real.py                      # 20 copies, 3 runs
    uv run python benchmarks/ingest_real.py --copies 40 --runs 5 --workers 3

The corpus is small (27 files), so it is laid out ``--copies`` times, each copy in a sub-folder of its own
(distinct paths). A copy's files are the real files with ``k`` newlines added at the end (copy ``k``): the text
ingested is the same, but each file's content hash differs, so every copy is parsed, tokenised and stored as a
document of its own (identical content would be recognised and skipped). Each run ingests into a new database
with ``bot.services.ingest.ingest_paths`` (what ``shingikai ingest`` calls) in this process: the time is the
wall time of that call — collecting the files, reading, decoding, parsing and tokenising in the worker processes
(started by the call), storing — and excludes Python start-up, imports, the migrations and the summary.
Characters are those of the documents' decoded text. CPU s is the user and system time of this process and its
workers during the call: on a machine shared with other work it varies less than the wall time. It also reports the write transactions: how many, and how
long each held the write lock (the bot's own writes wait at most that long during an ingest).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.services.ingest import default_workers, ingest_paths  # noqa: E402
from bot.storage.db import open_database, sqlite_url  # noqa: E402
from bot.storage.documents import DocumentWriter  # noqa: E402
from eval.corpus import assemble  # noqa: E402


def lay_out(dest: Path, copies: int) -> int:
    """``copies`` copies of the evaluation corpus under ``dest``; the number of files per copy."""
    original = dest / "original"
    missing = assemble(original)
    if missing:
        raise SystemExit("実文書が見つかりません（../shared が必要です）: " + ", ".join(missing))
    files = sorted(p for p in original.iterdir() if p.is_file())
    for k in range(copies):
        folder = dest / "corpus" / f"copy_{k:03d}"
        folder.mkdir(parents=True)
        for p in files:
            (folder / p.name).write_bytes(p.read_bytes() + b"\n" * (k + 1))
    return len(files)


def timed_writes(held: list[float]) -> Callable[[], None]:
    """Record how long each ``DocumentWriter.write_many`` call (one transaction) takes; returns the undo."""
    original = DocumentWriter.write_many

    def write_many(self: DocumentWriter, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            held.append(time.perf_counter() - started)

    DocumentWriter.write_many = write_many  # type: ignore[method-assign]
    return lambda: setattr(DocumentWriter, "write_many", original)


def cpu_seconds() -> float:
    """User and system time of this process and of its finished children (the worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(corpus: Path, db_path: Path, workers: int) -> dict[str, Any]:
    db = open_database(sqlite_url(db_path))
    held: list[float] = []
    undo = timed_writes(held)
    try:
        started, cpu = time.perf_counter(), cpu_seconds()
        results = ingest_paths(db, [corpus], workers=workers)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    finally:
        undo()
        db.dispose()
    statuses = Counter(r.status for r in results)
    chars = sum(r.chars for r in results)
    return {"files": len(results), "statuses": dict(statuses), "chars": chars, "seconds": seconds,
            "cps": chars / seconds, "cpu": cpu, "transactions": len(held), "held_p50_ms": statistics.median(held) * 1000,
            "held_max_ms": max(held) * 1000}


def main() -> None:
    ap = argparse.ArgumentParser(description="実文書（評価用コーパス）の取り込み速度（文字/秒）")
    ap.add_argument("--copies", type=int, default=20, help="コーパスを何部並べるか（部ごとに別フォルダ）")
    ap.add_argument("--runs", type=int, default=3, help="計測の回数（毎回新しいデータベース）")
    ap.add_argument("--workers", type=int, default=None, help="解析のワーカー数（既定: 使える CPU の数、最大 8）")
    args = ap.parse_args()
    workers = args.workers or default_workers()
    with tempfile.TemporaryDirectory(prefix="shingikai-ingest-real-") as tmp:
        work = Path(tmp)
        per_copy = lay_out(work, args.copies)
        print(f"実文書 {per_copy} 件 × {args.copies} 部（部ごとに別フォルダ、末尾の改行数だけ違う）、ワーカー {workers}")
        print("| run | files | chars | ingest s | chars/s | CPU s | transactions | lock held p50 ms | lock held max ms |")
        print("|---|---|---|---|---|---|---|---|---|")
        rates = []
        for i in range(args.runs):
            r = run(work / "corpus", work / f"kb_{i}.db", workers)
            if r["statuses"] != {"added": r["files"]}:
                raise SystemExit(f"追加されなかったファイルがあります: {r['statuses']}")
            rates.append(r["cps"])
            print(f"| {i + 1} | {r['files']:,} | {r['chars']:,} | {r['seconds']:.2f} | {r['cps']:,.0f} "
                  f"| {r['cpu']:.1f} | {r['transactions']} | {r['held_p50_ms']:.1f} | {r['held_max_ms']:.1f} |", flush=True)
        print(f"chars/s: 最小 {min(rates):,.0f}、中央 {statistics.median(rates):,.0f}、最大 {max(rates):,.0f}"
              "（ingest_paths の呼び出しの経過時間。Python の起動・import・マイグレーションを除く）")


if __name__ == "__main__":
    main()
