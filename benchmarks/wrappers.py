"""How often a question wrapped as people type it (``knowledge.wrappers``) gets the same answer as the bare
question: same first hit and same found flag, per wrapper, over the TUNING questions of ``eval/sets``.

    uv run python benchmarks/wrappers.py            # tuning half (the default)
    uv run python benchmarks/wrappers.py --split test   # test half: aggregate figures only
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalkit import eval_engine, items  # noqa: E402

from knowledge.wrappers import WRAPPERS, wrap  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description="挨拶・至急・メンション・絵文字などで包んだ質問が同じ答えになる割合")
    ap.add_argument("--split", choices=("tune", "test"), default="tune")
    args = ap.parse_args()
    engine = eval_engine()
    same = dict.fromkeys(WRAPPERS, 0)
    questions = [it.q for _name, it in items(args.split)]
    for q in questions:
        bare = engine.ask(q)
        key = (bare.hits[0].passage_id if bare.hits else None, bare.found)
        for name, wrapped in wrap(q).items():
            a = engine.ask(wrapped)
            same[name] += (a.hits[0].passage_id if a.hits else None, a.found) == key
    print(f"| wrapper | example | same answer ({args.split}, {len(questions)} questions) |")
    print("|---|---|---|")
    for name, n in same.items():
        print(f"| {name} | `{WRAPPERS[name].format(q='…')}` | {n / len(questions):.3f} |")
    print(f"| all | | {sum(same.values()) / (len(questions) * len(WRAPPERS)):.3f} |")


if __name__ == "__main__":
    main()
