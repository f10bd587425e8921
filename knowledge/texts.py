"""Passage texts read on demand: a sequence that fetches texts by passage id, keeping only a few in memory.

At 10,000 minutes the texts of 650,000 passages would cost more memory than the index; search reads the
texts of a few hundred candidates per question at most, so they are fetched when asked for (one query per
miss, or per batch for slices and lists of positions) and the most recent ones are kept in an LRU cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import overload

import numpy as np

# ids -> {id: text}; ids the store no longer has are simply absent
Fetch = Callable[[list[int]], dict[int, str]]
BATCH = 500


class LazyTexts(Sequence[str]):
    """``texts[pos]`` of passages 0..n-1 whose ids are ``ids``; a missing passage reads as ""."""

    def __init__(self, ids: np.ndarray, fetch: Fetch, *, cache_size: int = 4096) -> None:
        self.ids = ids
        self._fetch = fetch
        self._cache: OrderedDict[int, str] = OrderedDict()
        self._size = cache_size
        self._lock = threading.Lock()
        self.fetches = 0  # queries made (for tests and benchmarks)

    def __len__(self) -> int:
        return int(self.ids.size)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return self.many(range(*index.indices(len(self))))
        pos = int(index)
        if pos < 0:
            pos += len(self)
        if not 0 <= pos < len(self):
            raise IndexError(index)
        with self._lock:
            text = self._cache.get(pos)
            if text is not None:
                self._cache.move_to_end(pos)
                return text
        return self.many([pos])[0]

    def many(self, positions: Iterable[int]) -> list[str]:
        """Texts of several positions, fetched in batches (cached ones are not fetched again)."""
        pos = [int(p) for p in positions]
        out: dict[int, str] = {}
        with self._lock:
            for p in pos:
                text = self._cache.get(p)
                if text is not None:
                    out[p] = text
        missing = [p for p in dict.fromkeys(pos) if p not in out]
        for start in range(0, len(missing), BATCH):
            chunk = missing[start : start + BATCH]
            ids = self.ids[chunk].tolist()
            found = self._fetch(ids)
            with self._lock:
                self.fetches += 1
                for p, i in zip(chunk, ids, strict=True):
                    text = out[p] = found.get(i, "")
                    if len(chunk) <= 64:  # a bulk read (index building) would only flush the cache
                        self._remember(p, text)
        return [out[p] for p in pos]

    def prefetch(self, positions: Iterable[int]) -> None:
        """Fetch the texts of ``positions`` in one batch so the next single reads hit the cache."""
        pos = [int(p) for p in positions][: self._size // 2]
        with self._lock:
            missing = [p for p in pos if p not in self._cache]
        if missing:
            found = self._fetch(self.ids[missing].tolist())
            with self._lock:
                self.fetches += 1
                for p in missing:
                    self._remember(p, found.get(int(self.ids[p]), ""))

    def _remember(self, pos: int, text: str) -> None:
        self._cache[pos] = text
        self._cache.move_to_end(pos)
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)

