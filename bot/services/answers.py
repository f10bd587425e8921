"""Answers: the knowledge engine over the database, rebuilt when the stored corpus changes.

The engine is built lazily from stored records and terms (no re-tokenising). ONE corpus stamp
(``bot.storage.knowledge.corpus_stamp``: counts, largest ids, latest ingest time) decides both whether a
long-running ``serve`` must rebuild after an ``ingest`` and whether the index cache on disk still fits. The
cache (``knowledge.index_cache``; beside a SQLite file, else under the settings' cache folder) lets a restart
load the index in about a second. Passage texts stay in the database and are read on demand.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from bot.settings import Settings
from bot.storage import knowledge as store
from bot.storage import toshin as toshin_store
from bot.storage.db import Database, database_file, database_name, open_database
from knowledge import index_cache
from knowledge.corpus import StoredPassages
from knowledge.engine import Engine
from knowledge.lineage import latest_followups, listing_order, still_open
from knowledge.model import Answer, ConsultationRecord, FollowUp, ParsedDocument
from knowledge.structure import parse_document

log = logging.getLogger(__name__)
FRESH_WAIT = 2.0  # seconds a question waits for a rebuild before the previous engine answers it


def index_cache_folder(db: Database, settings: Settings) -> Path | None:
    """Where the index of ``db`` is cached: ``kb.db.index`` beside a SQLite file, else a folder per database
    under the cache home; None when caching is off or the database lives in memory."""
    if not settings.index_cache:
        return None
    path = database_file(db)
    if path is not None:
        return Path(f"{path}.index")
    if db.dialect.name == "sqlite":
        return None  # in memory
    return settings.cache_home / "shingikai" / hashlib.sha256(database_name(db).encode()).hexdigest()[:16]


class EngineBuilder:
    """Builds the search engine over everything stored in ``db`` (or loads it from the cache ``folder``).

    ``builds`` and ``loads`` count what happened, for logs and tests.
    """

    def __init__(self, db: Database, folder: Path | None) -> None:
        self.db = db
        self.folder = folder
        self.builds = 0
        self.loads = 0

    def build(self, stamp: dict[str, Any] | None = None) -> Engine:
        db, folder = self.db, self.folder
        fetch = store.text_fetcher(db)
        stamp = stamp if stamp is not None else store.corpus_stamp(db)
        consultations = store.consultations(db, with_qa=False)
        if folder is not None:
            t0 = time.perf_counter()
            prebuilt = index_cache.load(folder, stamp, fetch)
            if prebuilt is not None:
                self.loads += 1
                log.info("index loaded from %s in %.1f s", folder, time.perf_counter() - t0)
                return Engine(consultations, prebuilt)
        t0 = time.perf_counter()
        known = {c.id for c in consultations}  # an ingest may commit between the two reads: only passages
        passages = (p for p in store.iter_passages(db)  # whose consultation was read (the rest: next rebuild)
                    if p[0].consultation_id is None or p[0].consultation_id in known)
        engine = Engine(consultations, StoredPassages(passages, fetch))
        self.builds += 1
        log.info("index built in %.1f s", time.perf_counter() - t0)
        if folder is not None and store.corpus_stamp(db) == stamp:  # not when an ingest ran meanwhile
            index_cache.save(folder, stamp, engine.corpus)
        return engine


class AnswerService:
    """``bot.ports.Answers`` over one database."""

    def __init__(self, db: Database, builder: EngineBuilder,
                 schedule: Callable[[], Sequence[Any]] | None = None, *, fresh_wait: float = FRESH_WAIT) -> None:
        self.db = db
        self.builder = builder
        self.schedule = schedule  # the upcoming meetings, for 「次の審議会はいつ?」
        self.fresh_wait = fresh_wait
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._stamp: dict[str, Any] | None = None
        self._build: Future[Engine] | None = None

    @classmethod
    def open(cls, settings: Settings, db: Database | None = None,
             schedule: Callable[[], Sequence[Any]] | None = None) -> AnswerService:
        db = db if db is not None else open_database(settings.database_url)
        return cls(db, EngineBuilder(db, index_cache_folder(db, settings)), schedule)

    def engine(self) -> Engine:
        """The current engine, rebuilt when documents were added, replaced or removed since it was built.

        One rebuild at a time, on a thread of its own. A question waits for it up to ``fresh_wait`` seconds and
        is otherwise answered from the engine it replaces: while an ingest commits file after file, members
        keep getting answers instead of each waiting for (and starting) a rebuild of the whole index.
        """
        stamp = store.corpus_stamp(self.db)
        with self._lock:
            if self._engine is not None and stamp == self._stamp:
                return self._engine
            if self._build is None:
                self._build = self._start_build(stamp)
            build, current = self._build, self._engine
        if current is None:
            return build.result()  # nothing to answer from yet
        try:
            return build.result(timeout=self.fresh_wait)
        except TimeoutError:
            return current

    def _start_build(self, stamp: dict[str, Any]) -> Future[Engine]:
        future: Future[Engine] = Future()

        def run() -> None:
            try:
                engine = self.builder.build(stamp)
            except BaseException as exc:  # handed to whoever waits for the build
                with self._lock:
                    self._build = None
                future.set_exception(exc)
                return
            with self._lock:
                self._engine, self._stamp, self._build = engine, stamp, None
            future.set_result(engine)

        threading.Thread(target=run, name="shingikai-index-build", daemon=True).start()
        return future

    def ask(self, question: str, context_consultation_id: int | None = None) -> Answer:
        meetings = self.schedule() if self.schedule is not None else ()
        return self.engine().ask(question, context_consultation_id=context_consultation_id,
                                 scheduled_meetings=meetings)

    def pending(self) -> list[ConsultationRecord]:
        """Pending and unknown-outcome records no later record followed up, oldest meeting first."""
        return still_open(store.consultations(self.db, with_qa=False))

    def consultations(self) -> list[ConsultationRecord]:
        """Every record in the listing order, each carried-over one with what became of it (``followed_by``)."""
        return with_followups(listing_order(store.consultations(self.db)))

    def consultation(self, consultation_id: int) -> ConsultationRecord | None:
        """One record for ``show``: with what became of it and, found in a 答申, that 答申's structure."""
        record = store.consultation(self.db, consultation_id)
        if record is None:
            return None
        if record.doc_kind == "toshin":
            record.toshin = toshin_store.toshin_of(self.db, record.id, parse=structure_of)
        others = [c for c in store.consultations(self.db, with_qa=False) if c.id != record.id]
        return with_followups([record, *others])[0]


def structure_of(text: str) -> ParsedDocument:
    """A stored document's structure, read again from its stored (normalised) text."""
    return parse_document(text, "")


def with_followups(records: list[ConsultationRecord]) -> list[ConsultationRecord]:
    """``records`` with ``followed_by`` set where a later record of the same matter exists (``knowledge.lineage``)."""
    latest = latest_followups(records)
    for c in records:
        later = latest.get(c.id)
        if later is not None:
            c.followed_by = FollowUp(consultation_id=later.id, meeting_date=later.meeting_date,
                                     doc_kind=later.doc_kind, status=later.status, outcome=later.outcome)
    return records
