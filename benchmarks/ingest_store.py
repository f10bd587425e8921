"""The storing side of an ingest alone, by transaction size: what ``BATCH_FILES`` / ``BATCH_SECONDS`` in
``bot/services/ingest.py`` were chosen from.

    uv run python benchmarks/ingest_store.py                          # SQLite, 5 copies of the real corpus
    uv run python benchmarks/ingest_store.py --url postgresql://postgres@127.0.0.1:5432/DBNAME   # an EMPTY database

The evaluation corpus (real text, see ``benchmarks/ingest_real.py``) is read, parsed and tokenised once; then,
for each transaction size, the prepared files are stored into an empty database (a new SQLite file, or the
given PostgreSQL database emptied first: give one made for this) with ``DocumentWriter.write_many``, that many
files per transaction. Per file: CPU ms of this process and wall ms; per transaction: how long it held the write
lock (median and largest).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_real import lay_out  # noqa: E402
from sqlalchemy import text  # noqa: E402

from bot.clock import SystemClock  # noqa: E402
from bot.services.ingest import Prepared, prepare  # noqa: E402
from bot.storage.db import open_database, sqlite_url  # noqa: E402
from bot.storage.documents import DocumentWriter, ToStore  # noqa: E402


def store(url: str, items: list[ToStore], size: int) -> tuple[float, float, list[float]]:
    db = open_database(url)
    if db.dialect.name != "sqlite":
        with db.begin() as conn:
            conn.execute(text("TRUNCATE documents, consultations, passages CASCADE"))
    writer = DocumentWriter(db, SystemClock())
    held: list[float] = []
    cpu, wall = time.process_time(), time.perf_counter()
    done = 0
    while done < len(items):
        started = time.perf_counter()
        outcomes = writer.write_many(items[done:done + size], max_seconds=3600.0)
        held.append(time.perf_counter() - started)
        if any(o != "added" for o in outcomes):
            raise SystemExit(f"保存できなかったファイルがあります: {outcomes}")
        done += len(outcomes)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    db.dispose()
    return cpu, wall, held


def main() -> None:
    ap = argparse.ArgumentParser(description="保存だけの速さ（1 トランザクションあたりのファイル数ごと）")
    ap.add_argument("--copies", type=int, default=5)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 8, 16, 32])
    ap.add_argument("--url", default=None, help="空の PostgreSQL データベース（既定: 新しい SQLite ファイル）")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="shingikai-ingest-store-") as tmp:
        work = Path(tmp)
        lay_out(work, args.copies)
        prepared = [prepare(p, p.name) for p in sorted((work / "corpus").rglob("*")) if p.is_file()]
        items = [ToStore(p.path, p.source, p.sha256, p.doc, p.terms) for p in prepared if isinstance(p, Prepared)]
        print(f"実文書 {len(items)} 件（{args.copies} 部）、{args.url.split('@')[-1] if args.url else 'SQLite'}")
        print("| files per transaction | CPU ms per file | wall ms per file | lock held p50 ms | lock held max ms |")
        print("|---|---|---|---|---|")
        for i, size in enumerate(args.sizes):
            cpu, wall, held = store(args.url or sqlite_url(work / f"kb_{i}.db"), items, size)
            print(f"| {size} | {cpu / len(items) * 1000:.2f} | {wall / len(items) * 1000:.2f} "
                  f"| {statistics.median(held) * 1000:.1f} | {max(held) * 1000:.1f} |", flush=True)


if __name__ == "__main__":
    main()
