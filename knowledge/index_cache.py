"""The built corpus index on disk, so a restart loads arrays instead of rebuilding (and never re-tokenises).

A cache is one folder of ``.npy`` arrays (loaded as read-only memory maps: only the postings a question
touches are read into memory), the word vocabulary, the meeting table and ``manifest.json``, which holds the
stamp the cache was built for and the size and CRC-32 of every file. A cache whose stamp differs, whose
manifest is missing, or whose files do not match their size or checksum is ignored (and rebuilt by the
caller). Writing goes to a temporary folder beside the target that is renamed into place, so a crash leaves
either the old cache or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.corpus import Corpus, MeetingInfo, Prebuilt
from knowledge.index import Field, Index
from knowledge.texts import Fetch, LazyTexts

log = logging.getLogger(__name__)

FORMAT = 1
_CODE = ("index.py", "corpus.py", "tokenize.py", "parties.py")  # what the arrays depend on besides the stored data
_COLUMNS = ("ids", "kinds", "meeting", "consultation", "parties")
_FIELD = ("indptr", "docs", "weights", "df", "idf")


def code_hash() -> str:
    """Hash of the code that decides the index's content (normalisation, bigrams, weights, layout)."""
    h = hashlib.sha256(str(FORMAT).encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def full_stamp(stamp: dict[str, Any]) -> dict[str, Any]:
    """The data stamp (counts, max ids, ingest times) with the format and code hash added."""
    return {**{k: str(v) for k, v in stamp.items()}, "format": FORMAT, "code": code_hash()}


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 24):
            crc = zlib.crc32(chunk, crc)
    return crc


def _arrays(corpus: Corpus) -> dict[str, np.ndarray]:
    index = corpus.index
    out = {name: np.asarray(getattr(corpus, name)) for name in _COLUMNS}
    out |= {f"words_{k}": v for k, v in index.words.arrays().items()}
    if index.bigrams is not None:
        out |= {f"bigrams_{k}": v for k, v in index.bigrams.arrays().items()}
    out |= {"bigram_keys": index.bigram_keys, "bigram_key_ids": index.bigram_key_ids}
    return out


def save(directory: Path, stamp: dict[str, Any], corpus: Corpus) -> bool:
    """Write the corpus's index to ``directory`` (replacing what is there); False when it could not."""
    directory = Path(directory)
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.tmp-", dir=directory.parent))
    except OSError as exc:
        log.warning("index cache not written (%s): %s", directory, exc)
        return False
    try:
        for name, arr in _arrays(corpus).items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(arr), allow_pickle=False)
        terms = [""] * len(corpus.index.vocab)
        for term, i in corpus.index.vocab.items():
            terms[i] = term
        (tmp / "vocab.txt").write_text("\n".join(terms), encoding="utf-8")
        meetings = [[m.source, m.council, m.municipality, m.session, m.meeting_date] for m in corpus.meetings]
        (tmp / "meetings.json").write_text(json.dumps(meetings, ensure_ascii=False), encoding="utf-8")
        files = {p.name: [p.stat().st_size, _crc(p)] for p in sorted(tmp.iterdir())}
        manifest = {"stamp": full_stamp(stamp), "n_docs": corpus.index.n_docs, "vocab": len(terms),
                    "bigrams": corpus.index.bigrams is not None, "files": files}
        (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        _swap(tmp, directory)
        return True
    except OSError as exc:
        log.warning("index cache not written (%s): %s", directory, exc)
        shutil.rmtree(tmp, ignore_errors=True)
        return False


def _swap(tmp: Path, directory: Path) -> None:
    """Put ``tmp`` where ``directory`` is: renames only (processes that mapped the old files keep them)."""
    old = None
    if directory.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{directory.name}.old-", dir=directory.parent))
        os.rename(directory, old / "cache")
    os.rename(tmp, directory)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def load(directory: Path, stamp: dict[str, Any], fetch: Fetch | None = None) -> Prebuilt | None:
    """The saved corpus parts when ``directory`` holds a sound cache for ``stamp``; else None.

    The corpus's texts are read on demand with ``fetch`` (passage ids -> texts); without it they read as "".
    """
    directory = Path(directory)
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("stamp") != full_stamp(stamp):
            return None
        for name, (size, crc) in manifest["files"].items():
            path = directory / name
            if path.stat().st_size != size or _crc(path) != crc:
                log.warning("index cache %s: %s is damaged; rebuilding", directory, name)
                return None
        return _read(directory, manifest, fetch)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        if not isinstance(exc, FileNotFoundError):
            log.warning("index cache %s unreadable (%s); rebuilding", directory, exc)
        return None


def _read(directory: Path, manifest: dict[str, Any], fetch: Fetch | None) -> Prebuilt:
    def arr(name: str) -> np.ndarray:
        return np.load(directory / f"{name}.npy", mmap_mode="r", allow_pickle=False)

    n_docs = int(manifest["n_docs"])
    words = Field.from_arrays(n_docs, {k: arr(f"words_{k}") for k in _FIELD})
    bigrams = Field.from_arrays(n_docs, {k: arr(f"bigrams_{k}") for k in _FIELD}) if manifest["bigrams"] else None
    raw = (directory / "vocab.txt").read_text(encoding="utf-8")
    terms = raw.split("\n") if manifest["vocab"] else []
    if len(terms) != manifest["vocab"]:
        raise ValueError("vocabulary size does not match the manifest")
    vocab = dict(zip(terms, range(len(terms)), strict=True))
    index = Index.restore(vocab, arr("bigram_keys"), arr("bigram_key_ids"), words, bigrams)
    meetings = [MeetingInfo(*m) for m in json.loads((directory / "meetings.json").read_text(encoding="utf-8"))]
    cols = {name: np.array(arr(name)) for name in _COLUMNS}  # small, read whole anyway: plain arrays
    if any(c.size != n_docs for c in cols.values()):
        raise ValueError("column sizes do not match the manifest")
    text_seq: Sequence[str] = LazyTexts(cols["ids"], fetch) if fetch is not None else [""] * n_docs
    return Prebuilt(index, cols["ids"], cols["kinds"], cols["meeting"], cols["consultation"], meetings, text_seq,
                    cols["parties"])

