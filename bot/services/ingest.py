"""Ingest files of minutes and 答申 into the database.

Each file is read, decoded (encoding detected), parsed into meeting / consultations / passages, and its
passages tokenised for search and its consultations' precedent profiles made (``knowledge.precedents``) — in
worker processes when there are many files. Storing happens in the main
process, a few files per short transaction (``BATCH_FILES``, ``BATCH_SECONDS``: the bot keeps answering and
writing meanwhile), each file in a savepoint of its own. A document is its place and its
content (``bot.storage.documents``): two files with one name in different folders are two documents, the same
content again (or moved) changes nothing, a changed file replaces its earlier version (its consultations keep
their IDs). ``source``, what 出典 shows, is the path under the ingested folder (or the file name of a file
given alone). An unreadable file, or one that cannot be stored, is skipped with its name and a reason while
everything else, stored before or in the same run, stays.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from bot.clock import Clock, SystemClock
from bot.storage.db import Database
from bot.storage.documents import DocumentWriter, ToStore, Written, known_hashes
from bot.workers import die_with_parent
from knowledge.decode import DOCUMENT_SUFFIXES, MAX_BYTES, UnreadableFile, read_document
from knowledge.doc_warnings import DocWarning
from knowledge.model import ParsedDocument
from knowledge.passage_context import search_texts
from knowledge.precedents import document_profiles
from knowledge.structure import parse_document
from knowledge.tokenize import index_terms_joined_many

Status = Literal["added", "updated", "unchanged", "skipped"]
log = logging.getLogger(__name__)


@dataclass
class FileResult:
    """What happened to one file (shown to the operator)."""

    path: Path
    source: str
    status: Status
    problem: str | None = None  # why it was skipped, worded by templates/cli/unreadable.j2 with ``params``
    warnings: list[DocWarning] = field(default_factory=list)
    consultations: int = 0
    chars: int = 0
    params: dict[str, object] = field(default_factory=dict)

    @classmethod
    def skipped(cls, path: Path, source: str, problem: str, **params: object) -> FileResult:
        return cls(path, source, "skipped", problem, params=params)


@dataclass
class Prepared:
    """A file read, parsed and tokenised, ready to store."""

    path: Path
    source: str
    sha256: str
    doc: ParsedDocument
    terms: list[str]
    profiles: list[dict[str, Any]]  # each consultation's precedent profile (``knowledge.precedents``), stored form


class SourceFile(NamedTuple):
    """A file to ingest: where it is (absolute) and how 出典 names it (its path under the ingested folder)."""

    path: Path
    source: str


def collect_files(paths: Iterable[Path]) -> tuple[list[SourceFile], list[FileResult]]:
    """Expand folders (recursively, documents only: text, Markdown, HTML, PDF, .docx); report what is missing or of
    another format. A file reached twice (a folder and a file in it) is taken once."""
    files: list[SourceFile] = []
    problems: list[FileResult] = []
    seen: set[Path] = set()

    def add(path: Path, source: str) -> None:
        place = path.resolve()
        if place not in seen:
            seen.add(place)
            files.append(SourceFile(place, source))

    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = child.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if child.suffix.lower() in DOCUMENT_SUFFIXES:
                    add(child, relative.as_posix())
                else:
                    problems.append(FileResult.skipped(child, relative.as_posix(), "unsupported",
                                                       suffix=child.suffix.lower()))
        elif path.is_file():
            add(path, path.name)
        else:
            problems.append(FileResult.skipped(path, path.name, "not_found"))
    return files, problems


def read_checked(path: Path) -> bytes:
    """The file's bytes, or UnreadableFile when it is too large to be minutes."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnreadableFile("too_large", limit_mb=MAX_BYTES // (1024 * 1024), size=size)
    return path.read_bytes()


# Changed whenever reading a document gives other passages or index terms (parsing, tokenising): a stored hash
# is of the content read by this pipeline, so the next ingest reads every document again instead of keeping
# what an older pipeline made of it.
PIPELINE = "2026-12-02 a name wrapped across the lines of a PDF list (session 32)"


def content_hash(data: bytes) -> str:
    """The stored hash of a file's content, as read by this version of the pipeline."""
    return hashlib.sha256(PIPELINE.encode() + b"\0" + data).hexdigest()


def prepare(path: Path, source: str, known_sha: str | None = None) -> Prepared | FileResult:
    """Read, decode, parse and tokenise one file (runs in a worker process)."""
    try:
        data = read_checked(path)
        sha = content_hash(data)
        if sha == known_sha:
            return FileResult(path, source, "unchanged")
        text = read_document(data, path.name)
    except UnreadableFile as exc:
        return FileResult.skipped(path, source, exc.problem, **exc.params)
    except OSError as exc:
        return FileResult.skipped(path, source, "os_error", detail=exc.strerror or str(exc))
    try:
        doc = parse_document(text, path.name)
        texts = search_texts(doc.passages, [p.consultation_index for p in doc.passages])
        terms = index_terms_joined_many(texts, workers=1)
        profiles = [p.to_stored() for p in document_profiles(doc)]
    except Exception as exc:  # a reader's defect on one document: the others are ingested, this one is named
        return FileResult.skipped(path, source, "parse_failed", error=type(exc).__name__)
    return Prepared(path, source, sha, doc, terms, profiles)


def _prepare_star(args: tuple[Path, str, str | None]) -> Prepared | FileResult:
    return prepare(*args)


def default_workers() -> int:
    """One worker per core this process may use (at most 8): storing in the main process is cheap now, so a
    worker more than cores only adds contention.

    Measured on 2 cores, quiet machine, the real-text benchmark (540 files): 2 workers 730,000 chars/s, 3 workers
    667,000-686,000, 4 workers 635,000-700,000; 1,000 synthetic minutes in process: 2 workers 771,000-813,000,
    3 workers 734,000-740,000 (benchmarks/README.md).
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(8, cores))


def _results(files: list[SourceFile], known: dict[str, str], workers: int) -> Iterator[Prepared | FileResult]:
    jobs = [(f.path, f.source, known.get(str(f.path))) for f in files]
    if workers <= 1 or len(files) < 8:
        yield from map(_prepare_star, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
        yield from pool.map(_prepare_star, jobs, chunksize=max(1, min(32, len(jobs) // (workers * 8))))


# A transaction takes files until it has held the write lock this long (then the bot's own writes get their turn)
# and at most this many files; measured in benchmarks/README.md.
BATCH_SECONDS = 0.05
BATCH_FILES = 16


def _failed(item: Prepared, exc: Exception) -> FileResult:
    log.warning("could not store %s: %s", item.path, exc, exc_info=log.isEnabledFor(logging.DEBUG))
    detail = (str(exc).splitlines() or [""])[0][:200]
    return FileResult.skipped(item.path, item.source, "not_stored", error=type(exc).__name__, detail=detail)


def _stored(item: Prepared, outcome: Written | Exception) -> FileResult:
    if isinstance(outcome, Exception):
        return _failed(item, outcome)
    doc = item.doc
    return FileResult(item.path, item.source, outcome, None, list(doc.warnings), len(doc.consultations), len(doc.text))


def store_batch(writer: DocumentWriter, items: list[Prepared | FileResult], *,
                max_seconds: float | None = None) -> list[FileResult]:
    """Store the prepared files of ``items`` a few per transaction (each file in a savepoint: its failure is its
    own, reported by its name), each transaction taking files for at most ``max_seconds`` (default
    ``BATCH_SECONDS``); every item's result, in order."""
    max_seconds = BATCH_SECONDS if max_seconds is None else max_seconds
    pending = [ToStore(i.path, i.source, i.sha256, i.doc, i.terms, i.profiles) for i in items if isinstance(i, Prepared)]
    outcomes: list[Written | Exception] = []
    while len(outcomes) < len(pending):
        outcomes += writer.write_many(pending[len(outcomes):], max_seconds=max_seconds)
    done = iter(outcomes)
    return [_stored(item, next(done)) if isinstance(item, Prepared) else item for item in items]


def _batches(items: Iterable[Prepared | FileResult], size: int) -> Iterator[list[Prepared | FileResult]]:
    """Items in order, in lists holding ``size`` prepared files (the last fewer)."""
    batch: list[Prepared | FileResult] = []
    prepared = 0
    for item in items:
        batch.append(item)
        prepared += isinstance(item, Prepared)
        if prepared >= size:
            yield batch
            batch, prepared = [], 0
    if batch:
        yield batch


def ingest_paths(
    db: Database,
    paths: Iterable[Path],
    *,
    clock: Clock | None = None,
    workers: int | None = None,
    on_file: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Ingest files and folders; every file gets a FileResult (in input order, problems first)."""
    files, results = collect_files(paths)
    for r in results:
        if on_file:
            on_file(r)
    known = known_hashes(db)
    workers = workers if workers is not None else default_workers()
    with DocumentWriter(db, clock or SystemClock()) as writer:
        for batch in _batches(_results(files, known, workers), BATCH_FILES):
            for result in store_batch(writer, batch):
                results.append(result)
                if on_file:
                    on_file(result)
    return results
