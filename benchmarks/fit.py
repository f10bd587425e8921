"""Fitting the ranking's exponents on the TUNING half: is a learned weighting better than the hand-set one?

The ranking's score is a product of factors (lexical score, coverage, focus, what the question names, the kind of
passage, the question turn, the later record, the answer type); its logarithm is a weighted sum of their logarithms
with the weights of ``knowledge.weights``. This script learns those weights by pairwise logistic regression (a
passage that answers over one that does not, among each question's candidates), regularised towards the hand-set
ones, and compares the two by cross-validation over the tuning half's DOCUMENTS (a question is scored by weights
fitted on the other documents' questions). The test half is never read.

    uv run python benchmarks/fit.py
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalkit import eval_engine, items  # noqa: E402

from knowledge import weights as W  # noqa: E402
from knowledge.evaluate import _has_keys, same_source  # noqa: E402
from knowledge.query import parse_query  # noqa: E402

FEATURES = ("bm25", "coverage", "focus", "names", "kinds", "later", "untyped", "far")
HAND = np.array([W.BM25_POWER, W.COVERAGE_POWER, 1, 1, 1, 1, 1, math.log(W.TYPE_MISS), math.log(W.TYPE_FAR)])
FOLDS = 4
TOP = 30  # candidates per question the pairs are drawn from (by the hand-set score)


def collect(engine: object) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(document, features of the top candidates, which of them answer) per answerable tuning question."""
    ranker = engine.ranker  # type: ignore[attr-defined]
    c = engine.corpus  # type: ignore[attr-defined]
    out = []
    for _name, it in items("tune"):
        if it.unanswerable:
            continue
        q = parse_query(it.q, engine.known_places)  # type: ignore[attr-defined]
        if q.meeting_fact:  # headers are placed above the rest, not scored: leave these questions alone
            continue
        ranker.trace = {}
        ranker.rank(q, None, k=1)
        t, ranker.trace = ranker.trace, None
        if not t:
            continue
        order = np.argsort(-t["final"], kind="stable")[:TOP]
        x = np.stack([t.get(f, np.zeros(t["cands"].size))[order] for f in FEATURES], axis=1)
        rel = np.array([same_source(c.meetings[int(c.meeting[p])].source, it.source) and _has_keys(c.texts[p], it.keys)
                        for p in t["cands"][order].tolist()])
        out.append((it.source or "", x, rel))
    return out


def fit(data: list[tuple[str, np.ndarray, np.ndarray]], l2: float, steps: int = 400, lr: float = 0.05) -> np.ndarray:
    pairs = [x[r][:, None, :] - x[~r][None, :, :] for _d, x, r in data if r.any() and (~r).any()]
    d = np.concatenate([p.reshape(-1, len(FEATURES)) for p in pairs]) if pairs else np.zeros((0, len(FEATURES)))
    w = HAND.copy()
    for _ in range(steps):
        m = d @ w
        g = -(d * (1 / (1 + np.exp(np.clip(m, -30, 30))))[:, None]).mean(axis=0) + 2 * l2 * (w - HAND)
        w -= lr * g
    return w


def key_at_1(data: list[tuple[str, np.ndarray, np.ndarray]], w: np.ndarray) -> float:
    hits = [bool(r[int(np.argmax(x @ w))]) for _d, x, r in data]
    return sum(hits) / len(hits) if hits else 0.0


def main() -> None:
    data = collect(eval_engine())
    docs = sorted({d for d, _x, _r in data})
    fold_of = {d: i % FOLDS for i, d in enumerate(docs)}
    print(f"調整用の回答可能な質問 {len(data)} 問（会議そのものを問う質問を除く）、資料 {len(docs)} 件、{FOLDS} 分割の交差検証")
    print(f"手で決めた重み: key@1（上位 {TOP} 件の並べ替え） {key_at_1(data, HAND):.3f}")
    for l2 in (0.0, 0.01, 0.1, 1.0):
        held = []
        for k in range(FOLDS):
            train = [t for t in data if fold_of[t[0]] != k]
            test = [t for t in data if fold_of[t[0]] == k]
            w = fit(train, l2)
            held.extend(bool(r[int(np.argmax(x @ w))]) for _d, x, r in test)
        w_all = fit(data, l2)
        print(f"L2={l2:<5} 交差検証 key@1 {sum(held) / len(held):.3f}  全体で学習した重み: "
              + ", ".join(f"{f}={v:.2f}" for f, v in zip(FEATURES, w_all, strict=True)))


if __name__ == "__main__":
    main()
