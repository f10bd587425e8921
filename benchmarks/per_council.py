"""The evaluation as a council would meet it: each question set against a knowledge base holding only the five
seeds and the documents that set asks about (one council's shelf, a few documents), not the whole evaluation
corpus of every council that ``shingikai eval eval/sets/`` searches (``eval/corpus.py``).

The independent sets the issue reports were built this way (a handful of documents mixed with the seeds), so
these figures are the ones to compare with them; the pooled figures of ``shingikai eval`` are harder (a question
naming no council can be answered from another council's record). Both halves are printed, the test half as
aggregate figures only.

    uv run python benchmarks/per_council.py              # both halves
    uv run python benchmarks/per_council.py --split tune # the tuning half only, with its misses (--misses)
    uv run python benchmarks/per_council.py --split test --sets fresh5   # one set only
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalkit import SETS, corpus_docs  # noqa: E402

from eval.corpus import SHARED  # noqa: E402
from knowledge.engine import Engine  # noqa: E402
from knowledge.evaluate import ItemResult, Summary, load_items, run_items, summarize  # noqa: E402
from templates.answer import answer_text  # noqa: E402


def _row(name: str, n_docs: int, s: Summary) -> str:
    return (f"| {name} | {n_docs} | {s.answerable}+{s.unanswerable} | {s.key_at_1:.3f} | {s.answer:.3f} | "
            f"{s.mrr:.3f} | {s.found:.3f} | {s.abstention:.3f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description="質問集ごとに、シードとその質問集の資料だけを入れた知識ベースで評価する")
    ap.add_argument("--split", choices=("tune", "test", "both"), default="both")
    ap.add_argument("--misses", action="store_true", help="調整用の誤りを表示する（検証用は表示しない）")
    ap.add_argument("--sets", nargs="*", help="この質問集だけ（例: fresh5）。既定はすべて")
    args = ap.parse_args()
    docs, _chars, _s = corpus_docs()
    by_name = dict(docs)
    seeds = {p.name for p in (SHARED / "seeds").iterdir()}
    splits = ("tune", "test") if args.split == "both" else (args.split,)
    print("| set | documents | questions | key@1 | answer | MRR | found | abstention |")
    print("|---|---|---|---|---|---|---|---|")
    pooled: dict[str, list[ItemResult]] = {s: [] for s in splits}
    for split in splits:
        for path in sorted(SETS.glob(f"*_{split}.jsonl")):
            name = path.stem.removesuffix(f"_{split}")
            if args.sets and name not in args.sets:
                continue
            its = load_items(path)
            own = {it.source for it in its if it.source}
            shelf = [(n, by_name[n]) for n in sorted(own | seeds) if n in by_name]
            engine = Engine.from_parsed(shelf)  # type: ignore[arg-type]
            results = run_items(its, engine.ask, answer_text)
            pooled[split].extend(results)
            print(_row(f"{name}_{split}", len(shelf), summarize(results)))
            if args.misses and split == "tune":
                for r in summarize(results).misses:
                    top = r.answer.hits[0] if r.answer.hits else None
                    print(f"    MISS {r.item.q} | {r.item.source} {r.item.keys} | "
                          f"{'found' if r.answer.found else 'none'} "
                          f"{top.source + ' ' + top.passage[:60] if top else '-'}")
    for split in splits:
        print(_row(f"**{split}**", 0, summarize(pooled[split])))
    if len(splits) == 2:
        tune, test = summarize(pooled["tune"]), summarize(pooled["test"])
        gap = [getattr(test, f) - getattr(tune, f) for f in ("key_at_1", "answer", "mrr", "found", "abstention")]
        print("| gap (test − tune) | | | " + " | ".join(f"{g:+.3f}" for g in gap) + " |")


if __name__ == "__main__":
    main()
