"""Evaluation of answers against a question set (pure: no I/O besides reading the set).

A line is ``{"q", "source", "keys"}`` (answerable) or ``{"q", "unanswerable": true}``.

* key@1: the first hit is from ``source`` and its passage contains every key;
* answer: the posted answer is found, its text contains every key, and its first hit is from ``source``;
* MRR: 1 / rank of the first hit from ``source`` containing every key (0 when none of the hits does);
* found: answerable questions answered (``found`` true); abstention: unanswerable ones not answered.

Keys and texts are compared after NFKC and with all whitespace removed. The answer's text is given by the
caller (``templates.answer.answer_text`` for the engine): this module never words an answer.

Several files (or the folder ``eval/sets/``) make a ``Report``: one summary per file, the pooled summary of
the tuning files (``*_tune.jsonl``), of the test files (``*_test.jsonl``) and the gap (test − tune). Misses of
a test file are never kept in a report: the test half is read only as aggregate figures.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from knowledge.model import Answer, Hit
from knowledge.structure_text import compact


@dataclass
class EvalItem:
    q: str
    source: str | None = None
    keys: list[str] = field(default_factory=list)
    unanswerable: bool = False


@dataclass
class ItemResult:
    item: EvalItem
    answer: Answer
    text: str  # the answer as worded
    latency_ms: float
    key_at_1: bool = False
    answer_ok: bool = False
    rr: float = 0.0

    @property
    def ok(self) -> bool:
        return (not self.answer.found) if self.item.unanswerable else (self.key_at_1 and self.answer_ok)


@dataclass
class Summary:
    answerable: int
    unanswerable: int
    key_at_1: float
    answer: float
    mrr: float
    found: float  # share of answerable questions answered
    abstention: float  # share of unanswerable questions not answered
    mean_ms: float
    p95_ms: float
    misses: list[ItemResult]


def load_items(path: Path) -> list[EvalItem]:
    items: list[EvalItem] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        items.append(EvalItem(q=d["q"], source=d.get("source"), keys=list(d.get("keys", [])),
                              unanswerable=bool(d.get("unanswerable", False))))
    return items


def _has_keys(text: str, keys: list[str]) -> bool:
    c = compact(text)
    return all(compact(k) in c for k in keys)


def same_source(source: str, wanted: str | None) -> bool:
    """A hit's ``source`` (a path under the ingested folder, e.g. ``2021/議事録.txt``) is the set's file: equal,
    or, when the set names a bare file name, the path's last part is that name."""
    if wanted is None:
        return False
    if source == wanted:
        return True
    return "/" not in wanted and source.rsplit("/", 1)[-1] == wanted


def _relevant(hit: Hit, item: EvalItem) -> bool:
    return same_source(hit.source, item.source) and _has_keys(hit.passage, item.keys)


def judge(item: EvalItem, answer: Answer, text: str, latency_ms: float) -> ItemResult:
    """The metrics of one answer (``text``: the answer as worded)."""
    r = ItemResult(item, answer, text, latency_ms)
    if item.unanswerable:
        return r
    hits = answer.hits
    r.key_at_1 = bool(hits) and _relevant(hits[0], item)
    r.answer_ok = (answer.found and bool(hits) and same_source(hits[0].source, item.source)
                   and _has_keys(text, item.keys))
    r.rr = next((1.0 / (i + 1) for i, h in enumerate(hits) if _relevant(h, item)), 0.0)
    return r


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def summarize(results: list[ItemResult]) -> Summary:
    ans = [r for r in results if not r.item.unanswerable]
    una = [r for r in results if r.item.unanswerable]
    lat = [r.latency_ms for r in results]
    return Summary(
        answerable=len(ans), unanswerable=len(una),
        key_at_1=_mean([float(r.key_at_1) for r in ans]), answer=_mean([float(r.answer_ok) for r in ans]),
        mrr=_mean([r.rr for r in ans]), found=_mean([float(r.answer.found) for r in ans]),
        abstention=_mean([float(not r.answer.found) for r in una]),
        mean_ms=_mean(lat), p95_ms=percentile(lat, 95), misses=[r for r in results if not r.ok],
    )


def run_items(items: Sequence[EvalItem], ask: Callable[[str], Answer], render: Callable[[Answer], str], *,
              warm_up: bool = False) -> list[ItemResult]:
    """Ask every item's question, word the answer with ``render`` (both timed) and judge it.

    With ``warm_up`` the first question is asked once before, untimed (caches).
    """
    if warm_up and items:
        ask(items[0].q)
    results = []
    for item in items:
        t0 = time.perf_counter()
        answer = ask(item.q)
        text = render(answer)
        results.append(judge(item, answer, text, (time.perf_counter() - t0) * 1000))
    return results


def run(items: Sequence[EvalItem], ask: Callable[[str], Answer], render: Callable[[Answer], str], *,
        warm_up: bool = False) -> Summary:
    """``run_items`` summarized."""
    return summarize(run_items(items, ask, render, warm_up=warm_up))


Split = Literal["tune", "test", "dev"]
GAP_FIELDS = ("key_at_1", "answer", "mrr", "found", "abstention", "mean_ms", "p95_ms")


def split_of(path: Path) -> Split:
    """Which half a question file belongs to, by its name: ``*_tune.jsonl``, ``*_test.jsonl``, else a dev set."""
    stem = path.stem
    return "tune" if stem.endswith("_tune") else "test" if stem.endswith("_test") else "dev"


def expand(paths: Sequence[Path]) -> list[Path]:
    """Question files: a folder stands for its ``*.jsonl`` files (sorted), a file for itself."""
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.jsonl")) if p.is_dir() else [p])
    return out


@dataclass
class FileRow:
    name: str
    split: Split
    summary: Summary


@dataclass
class Report:
    """Per-file summaries, the pooled tune and test summaries and their gap (test − tune, per metric)."""

    rows: list[FileRow]
    tune: Summary | None
    test: Summary | None
    gap: dict[str, float] | None


def _strip_misses(s: Summary) -> Summary:
    return Summary(**{**vars(s), "misses": []})


def report(files: Sequence[Path], ask: Callable[[str], Answer], render: Callable[[Answer], str]) -> Report:
    """Run every file; pool the tune files and the test files; the misses of test files are dropped."""
    rows: list[FileRow] = []
    pooled: dict[Split, list[ItemResult]] = {"tune": [], "test": [], "dev": []}
    for i, path in enumerate(files):
        split = split_of(path)
        results = run_items(load_items(path), ask, render, warm_up=i == 0)
        pooled[split].extend(results)
        s = summarize(results)
        rows.append(FileRow(path.name, split, _strip_misses(s) if split == "test" else s))
    tune = summarize(pooled["tune"]) if pooled["tune"] else None
    test = _strip_misses(summarize(pooled["test"])) if pooled["test"] else None
    gap = {f: getattr(test, f) - getattr(tune, f) for f in GAP_FIELDS} if tune and test else None
    return Report(rows, tune, test, gap)


def summary_json(s: Summary, *, misses: bool) -> dict[str, object]:
    data: dict[str, object] = {k: v for k, v in vars(s).items() if k != "misses"}
    if misses:
        data["misses"] = [r.item.q for r in s.misses]
    return data


def report_json(r: Report) -> dict[str, object]:
    """The report as plain data (test files and the test total carry no misses)."""
    return {
        "files": [{"file": row.name, "split": row.split, **summary_json(row.summary, misses=row.split != "test")}
                  for row in r.rows],
        "tune": summary_json(r.tune, misses=False) if r.tune else None,
        "test": summary_json(r.test, misses=False) if r.test else None,
        "gap": r.gap,
    }


def hit_json(h: Hit) -> dict[str, object]:
    return {"source": h.source, "meeting": h.meeting, "consultation": h.consultation, "passage": h.passage,
            "score": round(float(h.score), 4)}


def answer_json(a: Answer, text: str) -> dict[str, object]:
    """What ``ask --json`` prints for an answer worded as ``text``."""
    return {"question": a.question, "found": a.found, "answer": text, "hits": [hit_json(h) for h in a.hits]}
