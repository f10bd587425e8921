"""What each part of the ranking adds: the evaluation sets asked with the full ranking, then with one part
switched off at a time (``knowledge.search.Parts``). Prints one row per configuration, for the tuning half
and the test half (aggregate figures only), with the change from the full ranking.

    uv run python benchmarks/ablation.py              # both halves
    uv run python benchmarks/ablation.py --split tune # the tuning half only (what decisions are made on)
    uv run python benchmarks/ablation.py --calibrate  # the coverage an answer needs, swept on the tuning half

A part whose removal costs nothing on the tuning half is a candidate for removal; the test half only reports.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalkit import eval_engine, items  # noqa: E402

from knowledge.evaluate import run_items, summarize  # noqa: E402
from knowledge.search import ALL_PARTS, Parts  # noqa: E402
from templates.answer import answer_text  # noqa: E402

LABELS = {
    "bigrams": "文字バイグラム",
    "thesaurus": "同義語辞書",
    "title_match": "諮問の件名の一致",
    "coverage": "被覆率での並べ替え",
    "context": "諮問・会議内の語の加点",
    "focus": "焦点語のない箇所の減点",
    "names": "自治体・回・日付・番号の一致",
    "kinds": "箇所の種類（問答・見出し）",
    "later": "同じ案件の後の記録",
    "answer_type": "答えの型（日付・数と単位）",
    "type_year": "問いの年の日付",
}
METRICS = ("key_at_1", "answer", "mrr", "found", "abstention")


def measure(engine: object, parts: Parts, split: str) -> dict[str, float]:
    engine.ranker.parts = parts  # type: ignore[attr-defined]
    results = run_items([it for _name, it in items(split)], engine.ask, answer_text)  # type: ignore[attr-defined]
    s = summarize(results)
    return {m: getattr(s, m) for m in METRICS}


def calibrate(engine: object) -> None:
    """answer, found and abstention on the tuning half for coverage thresholds around the one in use."""
    import knowledge.weights as eng

    kept = eng.COVER_MIN
    print("| COVER_MIN | answer | found | abstention | answer + abstention |")
    print("|---|---|---|---|---|")
    for value in (0.50, 0.54, 0.58, 0.62, 0.64, 0.66, 0.68, 0.70, 0.74, 0.78):
        eng.COVER_MIN = value
        m = measure(engine, ALL_PARTS, "tune")
        print(f"| {value:.2f} | {m['answer']:.3f} | {m['found']:.3f} | {m['abstention']:.3f} | "
              f"{m['answer'] + m['abstention']:.3f} |")
    eng.COVER_MIN = kept


def main() -> None:
    ap = argparse.ArgumentParser(description="検索の各部分を 1 つずつ外したときの評価値（調整用と検証用）")
    ap.add_argument("--split", choices=("tune", "test", "both"), default="both")
    ap.add_argument("--calibrate", action="store_true", help="回答に必要な被覆率を調整用で掃引する")
    args = ap.parse_args()
    if args.calibrate:
        calibrate(eval_engine())
        return
    splits = ("tune", "test") if args.split == "both" else (args.split,)
    engine = eval_engine()
    configs = [("（すべて）", ALL_PARTS)] + [(f"− {LABELS[f.name]}", replace(ALL_PARTS, **{f.name: False}))
                                           for f in fields(Parts)]
    full = {split: measure(engine, ALL_PARTS, split) for split in splits}
    head = " | ".join(f"{split} key@1 (Δ) | {split} answer | {split} found | {split} abstention" for split in splits)
    print(f"| 構成 | {head} |")
    print("|---" * (1 + 4 * len(splits)) + "|")
    for name, parts in configs:
        cells = []
        for split in splits:
            m = full[split] if parts == ALL_PARTS else measure(engine, parts, split)
            delta = m["key_at_1"] - full[split]["key_at_1"]
            cells.append(f"{m['key_at_1']:.3f} ({delta:+.3f}) | {m['answer']:.3f} | {m['found']:.3f} | "
                         f"{m['abstention']:.3f}")
        print(f"| {name} | {' | '.join(cells)} |")
    engine.ranker.parts = ALL_PARTS  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
