"""How often the quote loses what answers: the questions whose first hit is right (key@1) but whose posted answer
does not hold every key, over the TUNING questions of ``eval/sets`` (the test half is never read here).

    uv run python benchmarks/quotes.py           # per set: answerable, key@1, answer, key@1 but not answer
    uv run python benchmarks/quotes.py --show    # and each such question: keys, the quote, the passage
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalkit import SET_NAMES, eval_engine, items  # noqa: E402

from knowledge.evaluate import run_items  # noqa: E402
from templates.answer import answer_text  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description="1 位は正しいのに回答文が答えの語句を落とした問（調整用のみ）")
    ap.add_argument("--show", action="store_true", help="該当する問ごとに語句・引用・候補の本文を表示する")
    args = ap.parse_args()
    engine = eval_engine()
    print("| set | answerable | key@1 | answer | key@1, not answer |")
    print("|---|---|---|---|---|")
    shown = []
    totals = [0, 0, 0, 0]
    for name in SET_NAMES:
        its = [it for _n, it in items("tune", (name,)) if not it.unanswerable]
        results = run_items(its, engine.ask, answer_text)
        lost = [r for r in results if r.key_at_1 and not r.answer_ok]
        row = [len(results), sum(r.key_at_1 for r in results), sum(r.answer_ok for r in results), len(lost)]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(f"| {name}_tune | {row[0]} | {row[1]} | {row[2]} | {row[3]} |")
        shown.extend(lost)
    print(f"| all | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} |")
    if args.show:
        for r in shown:
            print("\n" + "=" * 80)
            print(f"Q: {r.item.q}\nkeys: {r.item.keys}  found={r.answer.found}\n--- answer\n{r.text}")
            print(f"--- passage ({len(r.answer.hits[0].passage)} chars)\n{r.answer.hits[0].passage}")


if __name__ == "__main__":
    main()
