"""Scale benchmark: a synthetic corpus of N minutes generated from the seeds, ingested and queried end to end.

    uv run python benchmarks/scale.py                 # 1,000 and 10,000 minutes
    uv run python benchmarks/scale.py --sizes 1000    # one size

For each size it writes N files (municipality names swapped, paragraphs reordered, numbers shifted — some
dates become impossible, as in real OCR'd minutes), then in fresh processes:

1. ``shingikai ingest`` into a new SQLite database: characters per second end to end (process start-up, decode,
   parse, tokenise in parallel, store), the CPU seconds of the ingest and its workers (on a machine shared with
   other work they vary less than the wall time) and the peak memory of the largest process;
2. a first start: a new process builds the engine from the database (stored terms, no re-tokenising), saves
   the index cache (``kb.db.index``) and answers one question (time from process start to the first answer,
   peak memory);
3. a restart: another process loads the engine from the cache and answers one question (time from process
   start to the first answer), then answers every question of the eval sets after a warm-up (p50/p95
   latency) and reports its peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_PLACES = ("東村山", "市川", "藤沢", "多摩", "吹田")
_HEADS = "青葉 桜井 緑川 若松 白石 朝日 富士見 大原 北野 南台 東山 西浦 宮前 高森 松原 柏木 梅田 竹里 花園 星川".split()
_TAILS = "台 野 丘 沢 原 浜 坂 里 谷 島".split()

CHILD = r"""
import json, resource, statistics, sys, time
t0 = float(sys.argv[1])
from pathlib import Path
from bot.services.answers import EngineBuilder
from bot.storage.db import database_file, open_database
db = open_database(sys.argv[2])
builder = EngineBuilder(db, Path(f"{database_file(db)}.index"))
engine = builder.build()
questions = json.loads(sys.argv[3])
engine.ask(questions[0])
first = time.time() - t0
if sys.argv[4] == "first":
    print(json.dumps({"first_answer_s": first, "built": builder.builds,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    raise SystemExit
for q in questions:  # warm-up
    engine.ask(q)
lat = []
for q in questions * 3:
    s = time.perf_counter(); engine.ask(q); lat.append((time.perf_counter() - s) * 1000)
lat.sort()
print(json.dumps({"first_answer_s": first, "built": builder.builds, "p50_ms": statistics.median(lat), "p95_ms": lat[int(0.95 * len(lat)) - 1],
                  "passages": len(engine.corpus), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "index_mb": engine.corpus.index.nbytes / 2**20}))
"""


def place_name(i: int) -> str:
    return _HEADS[i % len(_HEADS)] + _TAILS[(i // len(_HEADS)) % len(_TAILS)]


def mutate(text: str, i: int, rng: random.Random) -> str:
    """One synthetic minutes: another municipality, paragraphs of the body reordered, numbers shifted."""
    name = place_name(i)
    for stem in SEED_PLACES:
        text = text.replace(stem, name)
    paras = re.split(r"(\n\s*\n)", text)
    head = max(2, len(paras) // 5)
    body = paras[head:]
    for _ in range(len(body) // 4):  # swap a few neighbouring paragraphs
        j = rng.randrange(0, max(1, len(body) - 2), 2) if len(body) > 2 else 0
        if j + 2 < len(body):
            body[j], body[j + 2] = body[j + 2], body[j]
    text = "".join(paras[:head] + body)

    def shift(m: re.Match[str]) -> str:
        return str(int(m.group(0)) + rng.choice((0, 0, 1, 2, 3, -1))) if rng.random() < 0.5 else m.group(0)

    return re.sub(r"(?<![\d.])\d{1,2}(?![\d.])", shift, text)


def generate(seeds: list[Path], out: Path, n: int) -> int:
    rng = random.Random(n)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in seeds]
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        stem, text = texts[i % len(texts)]
        body = mutate(text, i // len(texts), rng)
        (out / f"{i:05d}_{stem}.txt").write_text(body, encoding="utf-8")
        total += len(body)
    return total


def questions() -> list[str]:
    sets = [ROOT.parent / "shared" / "eval" / "dev_questions.jsonl", ROOT / "eval" / "seed_paraphrase.jsonl",
            ROOT / "eval" / "seed_unanswerable.jsonl"]
    qs = [json.loads(line)["q"] for s in sets if s.exists() for line in s.read_text("utf-8").splitlines() if line]
    return qs or ["継続審議になっている案件は?"]


def run(size: int, seeds: list[Path], work: Path) -> dict[str, float]:
    corpus = work / f"corpus_{size}"
    chars = generate(seeds, corpus, size)
    db = work / f"kb_{size}.db"
    url = f"sqlite:///{db}"
    env = {**os.environ, "SHINGIKAI_DATABASE_URL": url}
    code = "import resource, sys\nfrom bot.cli import main\ntry:\n    main()\nfinally:\n" \
           "    r = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n" \
           "    print('PEAK_KB', r, file=sys.stderr)"
    t0, cpu0 = time.time(), children_cpu()
    proc = subprocess.run([sys.executable, "-c", code, "ingest", str(corpus)], env=env,
                          cwd=ROOT, capture_output=True, text=True)
    ingest_s, ingest_cpu = time.time() - t0, children_cpu() - cpu0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed:\n{proc.stderr[-3000:]}")
    peak = re.search(r"PEAK_KB (\d+)", proc.stderr)
    first = _query_process(url, env, "first")  # builds the index and writes the cache
    res = _query_process(url, env, "restart")  # loads the cache
    if res["built"]:
        raise SystemExit("the restart rebuilt the index instead of loading the cache")
    cache = Path(f"{db}.index")
    res.update(size=size, chars=chars, ingest_s=ingest_s, ingest_cps=chars / ingest_s, ingest_cpu=ingest_cpu,
               ingest_peak_mb=int(peak.group(1)) / 1024 if peak else float("nan"),
               db_mb=db.stat().st_size / 2**20, build_first_s=first["first_answer_s"], build_peak_mb=first["peak_mb"],
               cache_mb=sum(f.stat().st_size for f in cache.iterdir()) / 2**20 if cache.is_dir() else 0.0)
    return res


def children_cpu() -> float:
    """User and system seconds of the finished child processes (an ingest and its workers)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _query_process(url: str, env: dict[str, str], mode: str) -> dict[str, float]:
    t0 = time.time()
    child = subprocess.run([sys.executable, "-c", CHILD, str(t0), url, json.dumps(questions(), ensure_ascii=False),
                            mode], env=env, cwd=ROOT, capture_output=True, text=True)
    if child.returncode != 0:
        raise SystemExit(f"query process failed:\n{child.stderr[-3000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def synthetic_parser(doc: str | None) -> argparse.ArgumentParser:
    """The options of a benchmark over synthetic minutes (this one and ``similar.py``): how many, made from which
    seeds, in which folder."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="合成する議事録の件数（複数可）")
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds", help="合成のもとにする議事録のフォルダ")
    ap.add_argument("--keep", type=Path, default=None, help="作業フォルダを残す場所（既定: 一時フォルダ）")
    return ap


def each_size(args: argparse.Namespace, columns: Sequence[str], row: Callable[[int, list[Path], Path], str]) -> None:
    """Print a table of ``columns``, a ``row(size, seeds, work folder)`` for each of ``--sizes``."""
    seeds = sorted(args.seeds.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"シードの議事録がありません: {args.seeds}")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    with tempfile.TemporaryDirectory(prefix="shingikai-bench-") as tmp:
        work = args.keep or Path(tmp)
        for size in args.sizes:
            print(row(size, seeds, work), flush=True)


def main() -> None:
    args = synthetic_parser(__doc__).parse_args()

    def row(size: int, seeds: list[Path], work: Path) -> str:
        r = run(size, seeds, work)
        return (f"| {r['size']:,} | {r['chars']:,} | {r['passages']:,} | {r['ingest_s']:.1f} | {r['ingest_cps']:,.0f} "
                f"| {r['ingest_cpu']:.1f} | {r['ingest_peak_mb']:.0f} | {r['db_mb']:.0f} | {r['build_first_s']:.1f} "
                f"| {r['build_peak_mb']:.0f} | {r['cache_mb']:.0f} | {r['first_answer_s']:.2f} | {r['p50_ms']:.1f} "
                f"| {r['p95_ms']:.1f} | {r['peak_mb']:.0f} | {r['index_mb']:.0f} |")

    each_size(args, ("minutes", "chars", "passages", "ingest s", "ingest chars/s", "ingest CPU s", "ingest peak MB",
                     "DB MB", "first start: answer s", "first start: peak MB", "cache MB", "restart: first answer s",
                     "p50 ms", "p95 ms", "restart: peak MB", "index MB"), row)


if __name__ == "__main__":
    main()
