"""BM25 over two fields, held in compact numpy arrays (CSR postings with precomputed term weights).

* words: the stored Sudachi terms of each passage (``knowledge.tokenize``), mapped to ids with a dict.
* bigrams: character bigrams of the NFKC text, computed vectorised from code points (never stored, never
  Python strings); only bigrams with at least one kanji, katakana, Latin letter or digit are kept.

Building streams passages in batches so memory stays near the size of the final arrays.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import islice

import numpy as np

from knowledge.tokenize import normalize

K1 = 1.2
B = 0.75
_BATCH = 20_000
_SEP = 0x0A  # a newline joins texts in a batch; it never forms a kept bigram


def _content_mask(cp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(characters that may form a bigram, hiragana)."""
    hira = (cp >= 0x3041) & (cp <= 0x309F)
    strong = (
        ((cp >= 0x4E00) & (cp <= 0x9FFF))
        | ((cp >= 0x3400) & (cp <= 0x4DBF))
        | ((cp >= 0x30A1) & (cp <= 0x30FF))
        | ((cp >= 0x30) & (cp <= 0x39))
        | ((cp >= 0x61) & (cp <= 0x7A))
        | (cp == 0x3005)
    )
    return strong | hira, hira


def bigram_keys(text: str) -> np.ndarray:
    """The kept bigrams of one (already normalised) text as uint64 keys, in order, with repeats."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if cp.size < 2:
        return np.zeros(0, dtype=np.uint64)
    ok, hira = _content_mask(cp)
    keep = ok[:-1] & ok[1:] & ~(hira[:-1] & hira[1:])
    keys = (cp[:-1].astype(np.uint64) << np.uint64(21)) | cp[1:].astype(np.uint64)
    return keys[keep]


Batch = tuple[np.ndarray, np.ndarray, np.ndarray]  # (doc int32, term int32, tf uint16), sorted by (doc, term)


class Field:
    """One BM25 field: postings (doc index, weight) grouped by term id, and idf per term.

    Built from batches of (doc, term, tf) without ever holding one array of all postings but the final ones:
    each batch is scattered into place (docs stay ascending within a term).
    """

    def __init__(self, n_docs: int, n_terms: int, df: np.ndarray, doc_len: np.ndarray) -> None:
        self.n_docs = n_docs
        df = np.pad(df, (0, max(0, n_terms - df.size)))[:n_terms].astype(np.int64)
        self.indptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=self.indptr[1:])
        total = int(self.indptr[-1])
        self.docs = np.zeros(total, dtype=np.int32)
        self.weights = np.zeros(total, dtype=np.float16)
        self.df = df.astype(np.int32)
        self.idf = np.log(1 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(doc_len.mean()) if doc_len.size else 1.0
        self._norm = (K1 * (1 - B + B * doc_len / max(avg, 1e-9))).astype(np.float32)
        self._fill = self.indptr[:-1].copy()

    def scatter(self, batch: Batch) -> None:
        docs, terms, tfs = batch
        if terms.size == 0:
            return
        # one sort of packed (term, doc, tf) keys: by term, then doc (pairs are unique)
        packed = np.sort((terms.astype(np.uint64) << np.uint64(40)) | (docs.astype(np.uint64) << np.uint64(16))
                         | tfs.astype(np.uint64))
        t = (packed >> np.uint64(40)).astype(np.int64)
        d = ((packed >> np.uint64(16)) & np.uint64(0xFFFFFF)).astype(np.int64)
        tf = (packed & np.uint64(0xFFFF)).astype(np.float32)
        del packed
        rank = np.arange(t.size) - np.searchsorted(t, t, side="left")
        pos = self._fill[t] + rank
        self.docs[pos] = d
        self.weights[pos] = (tf * (K1 + 1) / (tf + self._norm[d])).astype(np.float16)
        self._fill += np.bincount(t, minlength=self._fill.size)

    def finish(self) -> Field:
        del self._norm, self._fill
        return self

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays that make up the field (for persisting; ``from_arrays`` restores it)."""
        return {"indptr": self.indptr, "docs": self.docs, "weights": self.weights, "df": self.df, "idf": self.idf}

    @classmethod
    def from_arrays(cls, n_docs: int, arrays: dict[str, np.ndarray]) -> Field:
        """A field over saved arrays (which may be read-only memory maps)."""
        field = cls.__new__(cls)
        field.n_docs = n_docs
        field.indptr, field.docs, field.weights = arrays["indptr"], arrays["docs"], arrays["weights"]
        field.df, field.idf = arrays["df"], arrays["idf"]
        return field

    def idf_of(self, term_id: int | None) -> float:
        """idf of a term; a term the corpus never contains gets the idf of a term seen once."""
        if term_id is None:
            return math.log(1 + (self.n_docs - 0.5) / 1.5)
        return float(self.idf[term_id])

    def add_scores(self, scores: np.ndarray, term_id: int, weight: float) -> None:
        a, b = self.indptr[term_id], self.indptr[term_id + 1]
        if b > a:
            scores[self.docs[a:b]] += self.weights[a:b] * np.float32(weight * self.idf[term_id])

    def postings(self, term_id: int) -> np.ndarray:
        return self.docs[self.indptr[term_id] : self.indptr[term_id + 1]]

    @property
    def nbytes(self) -> int:
        return self.docs.nbytes + self.weights.nbytes + self.indptr.nbytes + self.idf.nbytes + self.df.nbytes


def _pairs(doc_ids: np.ndarray, term_ids: np.ndarray, shift: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique (doc, term) pairs with their counts."""
    if doc_ids.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    combined = (doc_ids.astype(np.uint64) << np.uint64(shift)) | term_ids.astype(np.uint64)
    uniq, counts = np.unique(combined, return_counts=True)
    docs = (uniq >> np.uint64(shift)).astype(np.int64)
    terms = (uniq & np.uint64((1 << shift) - 1)).astype(np.int64)
    return docs, terms, counts


def _add_counts(acc: np.ndarray, terms: np.ndarray, n_terms: int) -> np.ndarray:
    counts = np.bincount(terms, minlength=n_terms)
    if acc.size < counts.size:
        acc = np.pad(acc, (0, counts.size - acc.size))
    acc[: counts.size] += counts
    return acc


class Index:
    """BM25 word and bigram fields over passages numbered 0..n-1 in the order given.

    ``terms`` may be a one-shot iterator (it is consumed once, in step with ``texts``); the bigram field is
    built in two passes over ``texts`` (count, then place) so memory stays near the final arrays.
    """

    def __init__(self, texts: Sequence[str], terms: Iterable[str | list[str]], *, bigrams: bool = True) -> None:
        self.vocab: dict[str, int] = defaultdict(lambda: len(self.vocab))
        batches: list[Batch] = []
        lengths: list[np.ndarray] = []
        df = np.zeros(0, dtype=np.int64)
        it = iter(terms)
        lookup = self.vocab.__getitem__
        start = 0
        while True:  # ``texts`` may grow while ``terms`` is read (a corpus streams both from one source)
            strs = [t if isinstance(t, str) else " ".join(t) for t in islice(it, _BATCH)]
            if not strs:
                break
            stop = start + len(strs)
            counts = np.fromiter((len(t.split()) for t in strs), dtype=np.int64, count=len(strs))
            lengths.append(counts.astype(np.float32))
            ids = np.asarray(list(map(lookup, " ".join(strs).split())), dtype=np.int64)
            del strs
            docs = np.repeat(np.arange(start, stop, dtype=np.int64), counts)
            d, t, c = _pairs(docs, ids, 32)
            batches.append((d.astype(np.int32), t.astype(np.int32), np.minimum(c, 65535).astype(np.uint16)))
            df = _add_counts(df, t, len(self.vocab))
            start = stop
        n = start
        self.n_docs = n
        w_len = np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.float32)
        self.words = Field(n, len(self.vocab), df, w_len)
        for b in batches:
            self.words.scatter(b)
        self.words.finish()
        del batches
        self.vocab = dict(self.vocab)  # lookups must not add terms
        self.bigram_vocab: dict[int, int] = {}
        self.bigrams: Field | None = self._bigram_field(texts) if bigrams else None
        # the bigram vocabulary as sorted keys and their ids: a dict of Python ints would cost ~100 bytes each
        keys = np.fromiter(self.bigram_vocab.keys(), dtype=np.uint64, count=len(self.bigram_vocab))
        ids = np.fromiter(self.bigram_vocab.values(), dtype=np.int32, count=len(self.bigram_vocab))
        del self.bigram_vocab
        order = np.argsort(keys)
        self.bigram_keys, self.bigram_key_ids = keys[order], ids[order]

    @classmethod
    def restore(cls, vocab: dict[str, int], bigram_keys: np.ndarray, bigram_key_ids: np.ndarray, words: Field,
                bigrams: Field | None) -> Index:
        """An index from saved parts (``bigram_keys`` sorted ascending, ``bigram_key_ids`` their ids)."""
        index = cls.__new__(cls)
        index.vocab, index.n_docs, index.words, index.bigrams = vocab, words.n_docs, words, bigrams
        index.bigram_keys, index.bigram_key_ids = bigram_keys, bigram_key_ids
        return index

    def _bigram_batch(self, texts: Sequence[str], start: int, stop: int) -> tuple[Batch, np.ndarray]:
        """(doc, bigram id, tf) of texts[start:stop] and their bigram counts (lengths)."""
        batch = [normalize(t) for t in texts[start:stop]]
        cp = np.frombuffer("\n".join(batch).encode("utf-32-le"), dtype=np.uint32)
        lens = np.fromiter((len(t) + 1 for t in batch), dtype=np.int64, count=len(batch))
        lengths = np.zeros(stop - start, dtype=np.float32)
        if cp.size < 2:
            empty = np.zeros(0, dtype=np.int32)
            return (empty, empty, np.zeros(0, dtype=np.uint16)), lengths
        doc_of = np.repeat(np.arange(stop - start, dtype=np.int64), lens)[: cp.size]
        ok, hira = _content_mask(cp)
        keep = ok[:-1] & ok[1:] & ~(hira[:-1] & hira[1:])
        keys = ((cp[:-1].astype(np.uint64) << np.uint64(21)) | cp[1:].astype(np.uint64))[keep]
        docs = doc_of[:-1][keep]
        lengths[:] = np.bincount(docs, minlength=stop - start)
        uniq = np.unique(keys)
        setdefault, vocab = self.bigram_vocab.setdefault, self.bigram_vocab
        gid = np.fromiter((setdefault(k, len(vocab)) for k in uniq.tolist()), dtype=np.int64, count=uniq.size)
        d, t, c = _pairs(docs, gid[np.searchsorted(uniq, keys)], 32)
        return ((d + start).astype(np.int32), t.astype(np.int32), np.minimum(c, 65535).astype(np.uint16)), lengths

    def _bigram_field(self, texts: Sequence[str]) -> Field:
        n = len(texts)
        lengths = np.zeros(n, dtype=np.float32)
        df = np.zeros(0, dtype=np.int64)
        for start in range(0, n, _BATCH):  # pass 1: vocabulary, document frequencies, lengths
            stop = min(n, start + _BATCH)
            (_d, t, _c), lengths[start:stop] = self._bigram_batch(texts, start, stop)
            df = _add_counts(df, t, len(self.bigram_vocab))
        field = Field(n, len(self.bigram_vocab), df, lengths)
        for start in range(0, n, _BATCH):  # pass 2: postings into place
            field.scatter(self._bigram_batch(texts, start, min(n, start + _BATCH))[0])
        return field.finish()

    def word_id(self, term: str) -> int | None:
        return self.vocab.get(term)

    def bigram_ids(self, text: str) -> list[int | None]:
        """Ids of the kept bigrams of ``text`` (normalised here); None for bigrams the corpus lacks."""
        keys = bigram_keys(normalize(text))
        if keys.size == 0 or self.bigram_keys.size == 0:
            return [None] * int(keys.size)
        pos = np.minimum(np.searchsorted(self.bigram_keys, keys), self.bigram_keys.size - 1)
        found = self.bigram_keys[pos] == keys
        ids = self.bigram_key_ids[pos].tolist()
        return [i if f else None for i, f in zip(ids, found.tolist(), strict=True)]

    @property
    def nbytes(self) -> int:
        vocab = self.bigram_keys.nbytes + self.bigram_key_ids.nbytes
        return self.words.nbytes + (self.bigrams.nbytes if self.bigrams else 0) + vocab
