"""How often the quote loses what answers, over the TUNING questions of ``eval/sets`` (the test half is never read
here):

* end to end: the questions whose first hit is right (key@1) but whose posted answer does not hold every key;
* the quote alone: for each question, the first passage of its file that holds every key, quoted for the question
  (``trim_quote``) — does the quote still hold them, and how long is it.

    uv run python benchmarks/quotes.py           # both tables
    uv run python benchmarks/quotes.py --show    # and each question lost: keys, the answer or quote, the passage
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalkit import SET_NAMES, eval_engine, items  # noqa: E402

from knowledge.engine import Engine  # noqa: E402
from knowledge.evaluate import EvalItem, run_items, same_source  # noqa: E402
from knowledge.evaluate import _has_keys as has_keys  # noqa: E402
from knowledge.model import KIND_CODE  # noqa: E402
from knowledge.query import parse_query  # noqa: E402
from knowledge.quote import MAX_QUOTE, trim_quote  # noqa: E402
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
    quotes(engine, args.show)


def quotes(engine: Engine, show: bool) -> None:
    """The quote alone, given the passage that holds the keys."""
    c = engine.corpus
    print("\n| set | with a key passage | quote holds the keys | passages over the limit | of them, quote holds the keys | mean quote | quotes over the limit |")
    print("|---|---|---|---|---|---|---|")
    for name in SET_NAMES:
        held = over = kept = 0
        sizes: list[int] = []
        for _n, it in items("tune", (name,)):
            pos = None if it.unanswerable else _key_passage(engine, it)
            if pos is None:
                continue
            q = parse_query(it.q, engine.known_places)
            quote = trim_quote(c.texts[pos], q, engine._weights(q), qa=int(c.kinds[pos]) == KIND_CODE["qa"])
            sizes.append(len(quote))
            ok = has_keys(quote, it.keys)
            held += ok
            if len(c.texts[pos]) > MAX_QUOTE:
                over += 1
                kept += ok
            if show and not ok:
                print(f"\nQ: {it.q}  keys: {it.keys}\n--- quote\n{quote}\n--- passage\n{c.texts[pos]}")
        mean = sum(sizes) / len(sizes) if sizes else 0.0
        longer = sum(n > MAX_QUOTE for n in sizes)
        print(f"| {name}_tune | {len(sizes)} | {held} | {over} | {kept} | {mean:.0f} | {longer} |")


def _key_passage(engine: Engine, it: EvalItem) -> int | None:
    c = engine.corpus
    for pos in range(len(c)):
        if same_source(c.meetings[int(c.meeting[pos])].source, it.source) and has_keys(c.texts[pos], it.keys):
            return pos
    return None


if __name__ == "__main__":
    main()
