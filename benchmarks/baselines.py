"""Our engine beside two plain baselines, on the same corpora and questions.

    uv run python benchmarks/baselines.py            # seeds (../shared/seeds) + demo corpus

(a) rapidfuzz: ``fuzz.partial_ratio(question, paragraph)`` over every paragraph, best first.
(b) bigram BM25: bm25s over character bigrams of every paragraph (NFKC, whitespace removed).

A baseline's answer is its top paragraph. It has no notion of "not found", so it is given one: a threshold
on its top score, set at the 5th percentile of its top scores on the answerable questions (so it answers
about 95% of them, like our target), which is then applied to the unanswerable ones.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.decode import decode_bytes, to_plain_text  # noqa: E402
from knowledge.engine import Engine  # noqa: E402
from knowledge.evaluate import EvalItem, Summary, load_items, percentile, run  # noqa: E402
from knowledge.model import Answer, Hit  # noqa: E402
from knowledge.structure import parse_document  # noqa: E402
from templates.answer import answer_text  # noqa: E402

Ranker = Callable[[str], list[tuple[int, float]]]


def read_corpus(folder: Path) -> list[tuple[str, str]]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in {".txt", ".md", ".html", ".htm"})
    return [(p.name, to_plain_text(decode_bytes(p.read_bytes(), p.name), p.name)) for p in files]


def paragraphs(docs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(source, paragraph) for every non-empty paragraph (blank-line separated; long ones cut at lines)."""
    out: list[tuple[str, str]] = []
    for name, text in docs:
        for para in re.split(r"\n\s*\n", text):
            para = para.strip()
            while len(para) > 600:
                cut = para.rfind("\n", 0, 600)
                cut = cut if cut > 100 else 600
                out.append((name, para[:cut]))
                para = para[cut:].strip()
            if para:
                out.append((name, para))
    return out


def bigrams(text: str) -> list[str]:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).lower())
    return [s[i : i + 2] for i in range(len(s) - 1)] or [s]


def fuzz_ranker(paras: list[tuple[str, str]]) -> Ranker:
    def rank(q: str) -> list[tuple[int, float]]:
        scores = [fuzz.partial_ratio(q, p) for _, p in paras]
        order = np.argsort(scores)[::-1][:10]
        return [(int(i), float(scores[i])) for i in order]

    return rank


def bm25_ranker(paras: list[tuple[str, str]]) -> Ranker:
    retriever = bm25s.BM25()
    retriever.index([bigrams(p) for _, p in paras], show_progress=False)

    def rank(q: str) -> list[tuple[int, float]]:
        scores = retriever.get_scores(bigrams(q))
        order = np.argsort(scores)[::-1][:10]
        return [(int(i), float(scores[i])) for i in order]

    return rank


def calibrate(rank: Ranker, items: list[EvalItem]) -> float:
    """The top score at the 5th percentile over the answerable questions."""
    tops = [r[0][1] for item in items if not item.unanswerable and (r := rank(item.q))]
    return percentile(tops, 5) if tops else 0.0


def run_baseline(rank: Ranker, paras: list[tuple[str, str]], items: list[EvalItem], threshold: float) -> Summary:
    """A baseline's answer is its top paragraph, when its score reaches ``threshold``."""

    def ask(q: str) -> Answer:
        hits = [Hit(source=paras[i][0], meeting="", consultation=None, passage=paras[i][1], score=s) for i, s in rank(q)]
        found = bool(hits) and hits[0].score >= threshold
        return Answer(q, found, "fact" if found else "not_found", hits, quote=hits[0].passage if found else None)

    return run(items, ask, lambda a: a.quote or "")


def run_engine(engine: Engine, items: list[EvalItem]) -> Summary:
    return run(items, engine.ask, answer_text)


def row(name: str, s: Summary) -> str:
    ans = f"{s.key_at_1:.3f} | {s.answer:.3f} | {s.mrr:.3f} | {s.found:.3f}" if s.answerable else "- | - | - | -"
    abst = f"{s.abstention:.3f}" if s.unanswerable else "-"
    return f"| {name} | {ans} | {abst} | {s.mean_ms:.1f} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--shared-eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = ap.parse_args()
    setups: list[tuple[str, Path, list[Path]]] = []
    if args.seeds.is_dir():
        sets = [args.shared_eval / "dev_questions.jsonl", ROOT / "eval" / "seed_paraphrase.jsonl",
                ROOT / "eval" / "seed_unanswerable.jsonl", ROOT / "benchmarks" / "unanswerable_general.jsonl"]
        setups.append(("seeds", args.seeds, [s for s in sets if s.exists()]))
    else:
        print(f"seeds not found at {args.seeds}: only the demo corpus is measured", file=sys.stderr)
    setups.append(("demo", ROOT / "demo_corpus", [ROOT / "demo_corpus" / "questions.jsonl"]))
    print("| corpus / questions | method | key@1 | answer | MRR | found | abstention | mean ms |")
    print("|---|---|---|---|---|---|---|---|")
    for corpus_name, folder, sets in setups:
        docs = read_corpus(folder)
        engine = Engine.from_parsed([(name, parse_document(text, name)) for name, text in docs])
        paras = paragraphs(docs)
        everything = [item for path in sets for item in load_items(path)]
        fz, bm = fuzz_ranker(paras), bm25_ranker(paras)
        fz_t, bm_t = calibrate(fz, everything), calibrate(bm, everything)
        for path in sets:
            items = load_items(path)
            label = f"{corpus_name} / {path.name} ({len(items)})"
            print(row(f"{label} | shingikai", run_engine(engine, items)))
            print(row(f"{label} | rapidfuzz partial_ratio", run_baseline(fz, paras, items, fz_t)))
            print(row(f"{label} | BM25 char bigrams", run_baseline(bm, paras, items, bm_t)))


if __name__ == "__main__":
    main()
