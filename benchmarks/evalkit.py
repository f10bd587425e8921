"""The evaluation corpus as an in-memory engine, and the tuning/test question files (shared by the fitting,
ablation and wrapper scripts of this folder).

The corpus is assembled by ``eval/corpus.py`` (it needs ``../shared``) and parsed with the knowledge pipeline
itself, without a database: the same passages and index terms ``shingikai ingest`` stores.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.corpus import assemble  # noqa: E402
from knowledge.decode import UnreadableFile, read_document  # noqa: E402
from knowledge.engine import Engine  # noqa: E402
from knowledge.evaluate import EvalItem, load_items  # noqa: E402
from knowledge.structure import parse_document  # noqa: E402

SETS = ROOT / "eval" / "sets"
SET_NAMES = ("seeds", "layouts", "toshin", "newdocs", "toshin2", "toshin3", "fresh3", "fresh4", "fresh6", "seeds6", "seeds7", "fresh7", "fresh8", "fresh9")


def corpus_docs(folder: Path | None = None) -> tuple[list[tuple[str, object]], int, float]:
    """(name, parsed document) of every file of the assembled corpus, its characters and the parsing seconds."""
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="shingikai-eval-"))
        missing = assemble(folder)
        if missing:
            sys.exit("評価用コーパスの資料が見つかりません: " + ", ".join(missing))
    docs: list[tuple[str, object]] = []
    chars = 0
    t0 = time.perf_counter()
    for p in sorted(folder.iterdir()):
        try:
            text = read_document(p.read_bytes(), p.name)
        except UnreadableFile:
            continue
        chars += len(text)
        docs.append((p.name, parse_document(text, p.name)))
    return docs, chars, time.perf_counter() - t0


def eval_engine() -> Engine:
    docs, _chars, _s = corpus_docs()
    return Engine.from_parsed(docs)  # type: ignore[arg-type]


def items(split: str, names: tuple[str, ...] = SET_NAMES) -> list[tuple[str, EvalItem]]:
    """(set name, item) of every question of the ``split`` half ("tune" or "test"); a set with no file of that half
    (``fresh9`` has only a tuning half) adds none."""
    return [(name, it) for name in names if (SETS / f"{name}_{split}.jsonl").is_file()
            for it in load_items(SETS / f"{name}_{split}.jsonl")]
