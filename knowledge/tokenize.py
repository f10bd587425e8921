"""Index terms for Japanese text: Sudachi-normalised content words (fast, batchable, multi-process).

The public API (what storage and search rely on):

* ``index_terms(text) -> list[str]``: the BM25 word terms of one passage.
* ``index_terms_many(texts, workers=2) -> list[list[str]]``: the same for many texts, tokenised in large
  chunks, in parallel processes for big batches.
* ``index_terms_joined_many(texts, workers=2) -> list[str]``: the same, already joined for storage
  (``terms_to_str``); the cheapest form to persist.
* ``query_terms(text) -> list[str]``: the terms of a question (same normalisation as the index).
* ``terms_to_str(terms) -> str`` / ``terms_from_str(s) -> list[str]``: the stored form (space separated;
  terms never contain whitespace).
* ``normalize(text) -> str``: NFKC + lower case, the form everything is compared in.

Word terms are Sudachi ``normalized_form`` of content words (SplitMode.C) plus their SplitMode.A parts
for compounds (個人番号カード -> 個人番号カード, 個人, 番号, カード), numbers with their counter joined
(50円, 10年, 7名) and without. Character bigrams are not part of the stored terms: the index derives
them from the passage text itself, vectorised (see ``knowledge.index``), which is cheaper than storing.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections.abc import Collection
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, NamedTuple

# Sudachi refuses inputs over 49,149 bytes; Japanese is <= 3 bytes a char in UTF-8 (4 for rare ones).
_MAX_CHUNK_CHARS = 12_000
_SERIAL_BELOW_CHARS = 300_000

_DROP, _WORD, _NUMBER, _COUNTER = 0, 1, 2, 3

# Normalised forms that carry no meaning for search (Sudachi normalized_form spelling).
STOPWORDS: frozenset[str] = frozenset(
    """
    為る 居る 成る 有る 在る 無い ない 良い いい 出来る できる 言う いう 思う 行く 来る 見る 下さる 致す 頂く 申す
    事 こと 物 もの 為 ため 様 よう 方 ほう 所 ところ 等 など 的 何 なに 其れ それ 此れ これ 彼 あれ 其の 此の
    旨 辺 点 中 上 下 内 後 前 際 場合 形 件 今 今回 本日 はい えー あの その この ええ ちょっと
    付く つく お願い 願う 有り難い ありがとう 宜しい よろしい 御座る ござる 参る 頂戴 存じる 伺う 申し上げる
    """.split()
)

_state: dict[str, Any] = {}
_local = threading.local()
_dictionary_lock = threading.Lock()


def normalize(text: str) -> str:
    """NFKC and lower case: the form queries and passages are compared in."""
    return unicodedata.normalize("NFKC", text).lower()


# Letters spaced apart by a PDF's layout (S L A, I D, U S B): one word, as a question types it.
_SPACED_LETTERS = re.compile(r"(?<![a-z0-9])[a-z](?: [a-z])+(?![a-z0-9])")


def join_spaced_letters(text: str) -> str:
    """``normalize``d text with letters spaced one by one (``s l a``) written together (``sla``); same length
    or shorter, only such runs change."""
    return _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), text)


def _pos_kind(pos: tuple[str, ...]) -> int:
    major, minor = pos[0], pos[1]
    if major == "名詞":
        if minor == "数詞":
            return _NUMBER
        if pos[2] == "助数詞可能":
            return _COUNTER
        return _WORD
    if major == "動詞":
        return _DROP if minor == "非自立可能" else _WORD
    if major in ("形容詞", "形状詞"):
        return _DROP if minor == "非自立可能" else _WORD
    if major == "接尾辞" and minor == "名詞的":
        return _COUNTER
    return _DROP


def _tools() -> tuple[Any, Any, list[int]]:
    """This thread's Sudachi tokenizer and the per-process POS-id -> kind table.

    A Sudachi tokenizer must not be used by two threads at once ("Tokenizer is already in use"), and the Slack
    app answers on several worker threads: the dictionary is loaded once per process, each thread gets its own
    tokenizer from it.
    """
    tok = getattr(_local, "tok", None)
    if tok is None:
        with _dictionary_lock:
            if "dictionary" not in _state:
                from sudachipy import Dictionary, SplitMode

                dictionary = Dictionary()
                kinds: list[int] = []
                pos_id = 0
                while (pos := dictionary.pos_of(pos_id)) is not None:
                    kinds.append(_pos_kind(tuple(pos)))
                    pos_id += 1
                _state["dictionary"] = dictionary
                _state["mode_c"] = SplitMode.C
                _state["mode_a"] = SplitMode.A
                _state["kinds"] = kinds
            tok = _state["dictionary"].tokenizer(_state["mode_c"], fields={"pos", "normalized_form", "split_a"})
        _local.tok = tok
    return tok, _state["mode_a"], _state["kinds"]


def _word_ok(form: str) -> bool:
    if form in STOPWORDS or not form or form[0] == "@":
        return False
    if len(form) == 1 and ("\u3040" <= form <= "\u309f" or not form.isalnum()):
        return False
    return True


def _chunks(texts: list[str]) -> list[tuple[str, list[int], list[bool]]]:
    """Join consecutive texts into Sudachi-sized chunks.

    Each chunk carries the start offset of each piece in it and whether the piece continues the previous
    text (a text longer than a chunk is cut into pieces).
    """
    out: list[tuple[str, list[int], list[bool]]] = []
    parts: list[str] = []
    starts: list[int] = []
    cont: list[bool] = []
    size = 0
    for text in texts:
        pieces = [text] if len(text) <= _MAX_CHUNK_CHARS else _split_long(text)
        for j, piece in enumerate(pieces):
            if parts and size + len(piece) + 1 > _MAX_CHUNK_CHARS:
                out.append(("\n".join(parts), starts, cont))
                parts, starts, cont, size = [], [], [], 0
            starts.append(size)
            cont.append(j > 0)
            parts.append(piece)
            size += len(piece) + 1
    if parts:
        out.append(("\n".join(parts), starts, cont))
    return out


def _split_long(text: str) -> list[str]:
    pieces: list[str] = []
    while len(text) > _MAX_CHUNK_CHARS:
        cut = max(text.rfind("\n", 0, _MAX_CHUNK_CHARS), text.rfind("。", 0, _MAX_CHUNK_CHARS))
        cut = cut + 1 if cut > _MAX_CHUNK_CHARS // 2 else _MAX_CHUNK_CHARS
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


# Word ids at or above this are Sudachi's out-of-vocabulary words: one id per part of speech, whatever the surface.
_OOV_IDS = 0xF000_0000


class _Word(NamedTuple):
    """What one word gives the terms: its kind, its normalised form (a number's without leading zeros), whether
    that form is a term, its SplitMode.A sub-terms, whether it is a noun."""

    kind: int
    form: str
    ok: bool
    subs: tuple[str, ...]
    noun: bool


def _word_of(m: Any, mode_a: Any, kinds: list[int]) -> _Word:
    kind = kinds[m.part_of_speech_id()]
    form = m.normalized_form().lower()
    if kind == _NUMBER:
        return _Word(kind, form.lstrip("0") or "0", False, (), True)
    ok = kind != _DROP and _word_ok(form)
    subs: tuple[str, ...] = ()
    if ok and len(form) >= 3 and kind == _WORD:
        parts = m.split(mode_a)
        if len(parts) > 1:
            found = (p.normalized_form().lower() for p in parts)
            subs = tuple(sub for sub in found if len(sub) >= 2 and sub != form and _word_ok(sub))
    return _Word(kind, form, ok, subs, m.part_of_speech()[0] == "名詞")


# Per process: a dictionary word's _Word, by its word id (the same id is the same entry: same part of speech,
# normalised form and split). Bounded by the dictionary's vocabulary actually met.
_words: dict[int, _Word] = {}


def _learn(m: Any, wid: int, mode_a: Any, kinds: list[int]) -> _Word:
    """The _Word of a word not met yet in this process (kept unless out of the vocabulary)."""
    word = _word_of(m, mode_a, kinds)
    if wid < _OOV_IDS:
        _words[wid] = word
    return word


def _word(m: Any, mode_a: Any, kinds: list[int]) -> _Word:
    wid = m.word_id()
    return _words.get(wid) or _learn(m, wid, mode_a, kinds)


def _terms_of_chunk(chunk: str, starts: list[int]) -> list[list[str]]:
    """Tokenise one chunk; return the terms of each piece in it."""
    tok, mode_a, kinds = _tools()
    words = _words
    bounds = [*starts, len(chunk) + 1]
    per_piece: list[list[str]] = [[] for _ in starts]
    piece = 0
    terms = per_piece[0]
    number: str | None = None
    for m in tok.tokenize(chunk):
        begin = m.begin()
        if begin >= bounds[piece + 1]:
            while begin >= bounds[piece + 1]:
                piece += 1
            terms = per_piece[piece]
            number = None
        wid = m.word_id()  # _word, written out: this loop runs once per word of every document
        word = words.get(wid) or _learn(m, wid, mode_a, kinds)
        kind = word.kind
        if kind == _DROP:
            number = None
            continue
        if kind == _NUMBER:
            number = word.form
            terms.append(number)
            continue
        if kind == _COUNTER and number is not None:
            terms.append(number + word.form)
        number = None
        if word.ok:
            terms.append(word.form)
            terms.extend(word.subs)
    return per_piece


def _serial(texts: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for chunk, starts, cont in _chunks([join_spaced_letters(normalize(t)) for t in texts]):
        for terms, continued in zip(_terms_of_chunk(chunk, starts), cont, strict=True):
            if continued:
                out[-1].extend(terms)
            else:
                out.append(terms)
    return out


def _serial_joined(texts: list[str]) -> list[str]:
    return [" ".join(t) for t in _serial(texts)]


def index_terms(text: str) -> list[str]:
    """The word terms of one passage (Sudachi normalised content words, compounds also split)."""
    return _serial([text])[0]


def query_terms(text: str) -> list[str]:
    """The word terms of a question, normalised exactly like passages."""
    return _serial([text])[0]


class Unit(NamedTuple):
    """A content word of a question: its normalised form, its SplitMode.A parts, whether it is a noun."""

    word: str
    parts: tuple[str, ...]
    noun: bool


def query_units(text: str, keep: Collection[str] = ()) -> list[Unit]:
    """The content words of a question, each with its SplitMode.A parts (the sub-terms ``query_terms`` adds).

    Numbers with a counter come as one unit ("50円", parts ("50", "円")). A one-character suffix noun right
    after a noun makes a compound with it (録画+機 -> 録画機, parts (録画, 機)). Auxiliary-capable verbs
    (置く, 貰う, 終わる) are dropped unless listed in ``keep`` (the thesaurus knows their paraphrases).
    Search uses the units to count which of a question's concepts a passage covers.
    """
    tok, mode_a, kinds = _tools()
    units: list[Unit] = []
    number: str | None = None
    for piece in _split_long(normalize(text)):
        prev_end, prev_noun = -1, False
        for m in tok.tokenize(piece):
            word = _word(m, mode_a, kinds)
            kind, form = word.kind, word.form
            adjacent, prev_end = m.begin() == prev_end, m.end()
            was_noun, prev_noun = prev_noun, False
            if kind == _DROP:
                number = None
                if form in keep:
                    units.append(Unit(form, (), False))
                continue
            if kind == _NUMBER:
                number = form
                units.append(Unit(number, (), True))
                continue
            if kind == _COUNTER and number is not None:
                units[-1] = Unit(number + form, (number, form), True)
                number = None
                continue
            if kind == _COUNTER and len(form) == 1 and adjacent and was_noun and units and word.ok:
                head = units[-1]
                units[-1] = Unit(head.word + form, (head.word, form), True)
                continue
            number = None
            if not word.ok:
                continue
            prev_noun = word.noun
            units.append(Unit(form, word.subs, word.noun))
    return units


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def index_terms_joined_many(texts: list[str], workers: int | None = None) -> list[str]:
    """The stored form (``terms_to_str``) of each text; parallel across processes for big batches."""
    workers = default_workers() if workers is None else workers
    total = sum(len(t) for t in texts)
    if workers <= 1 or total < _SERIAL_BELOW_CHARS:
        return _serial_joined(texts)
    n_slices = workers * 4
    step = max(1, -(-len(texts) // n_slices))
    slices = [texts[i : i + step] for i in range(0, len(texts), step)]
    context = get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        out: list[str] = []
        for part in pool.map(_serial_joined, slices):
            out.extend(part)
    return out


def index_terms_many(texts: list[str], workers: int | None = None) -> list[list[str]]:
    """``index_terms`` for each text, in order; serial for small batches, multi-process for big ones."""
    return [terms_from_str(s) for s in index_terms_joined_many(texts, workers)]


def terms_to_str(terms: list[str]) -> str:
    return " ".join(terms)


def terms_from_str(stored: str) -> list[str]:
    return stored.split()
