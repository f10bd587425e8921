"""The real ``Core``: the knowledge engine over the database, plus the bot's own state (events, threads, feedback).

The search engine is built lazily from stored records and terms (no re-tokenising) and rebuilt when the set
of ingested documents changes, so a long-running ``serve`` picks up a new ``ingest`` without a restart.
The built index is saved to a cache (``knowledge.index_cache``: beside a SQLite file, else under
``$XDG_CACHE_HOME/shingikai``) so a restart loads it in about a second; ``SHINGIKAI_INDEX_CACHE=off`` turns the
cache off. Passage texts stay in the database and are read on demand.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine as DbEngine
from sqlmodel import Session

from bot import repository
from bot.core import FeedbackRecord, ScheduledMeeting
from bot.settings import Settings
from bot.storage import Document, open_database
from knowledge import index_cache
from knowledge.corpus import StoredPassages
from knowledge.engine import Engine
from knowledge.lineage import still_pending
from knowledge.model import Answer, ConsultationRecord

log = logging.getLogger(__name__)
_OFF = {"0", "off", "false", "no"}
builds = 0  # engines built from passages (not loaded from a cache) in this process; tests read it


def index_cache_dir(db: DbEngine) -> Path | None:
    """The index cache folder of ``db``, or None when caching is off (``SHINGIKAI_INDEX_CACHE=off``)."""
    if os.environ.get("SHINGIKAI_INDEX_CACHE", "").strip().lower() in _OFF:
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return index_cache.cache_dir(db.url.render_as_string(hide_password=True), base)


def build_engine(db: DbEngine, *, cache: Path | bool | None = True) -> Engine:
    """The search engine over everything stored in ``db``.

    With ``cache`` (True: the default folder of the database; a Path: that folder) the index is loaded from the
    cache when it was built for the same stored corpus, else built and saved there. Texts are read on demand.
    """
    global builds
    folder = index_cache_dir(db) if cache is True else (cache or None)
    fetch = repository.text_fetcher(db)
    stamp = repository.passage_stamp(db) if folder is not None else {}
    consultations = repository.consultations(db, with_qa=False)
    if folder is not None:
        t0 = time.perf_counter()
        prebuilt = index_cache.load(folder, stamp, fetch)
        if prebuilt is not None:
            log.info("index loaded from %s in %.1f s", folder, time.perf_counter() - t0)
            return Engine(consultations, prebuilt)
    t0 = time.perf_counter()
    engine = Engine(consultations, StoredPassages(repository.iter_passages(db), fetch))
    builds += 1
    log.info("index built in %.1f s", time.perf_counter() - t0)
    if folder is not None and repository.passage_stamp(db) == stamp:  # not when an ingest ran meanwhile
        index_cache.save(folder, stamp, engine.corpus)
    return engine


def load_engine(settings: Settings) -> Engine:
    """Open the configured database (upgrading its schema) and build the engine over it."""
    return build_engine(open_database(settings.database_url))


class Service:
    """Implements ``bot.core.Core`` over one database."""

    def __init__(self, settings: Settings, db: DbEngine | None = None) -> None:
        self.settings = settings
        self.db = db if db is not None else open_database(settings.database_url)
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._stamp: tuple[Any, ...] | None = None

    def _corpus_stamp(self) -> tuple[Any, ...]:
        with Session(self.db) as s:
            row = s.execute(select(func.count(Document.id), func.max(Document.id), func.max(Document.ingested_at))).one()  # type: ignore[arg-type]
        return tuple(row)

    def engine(self) -> Engine:
        """The current engine, rebuilt when documents were added, replaced or removed since it was built."""
        stamp = self._corpus_stamp()
        with self._lock:
            if self._engine is None or stamp != self._stamp:
                self._engine = build_engine(self.db)
                self._stamp = stamp
            return self._engine

    def ask(self, question: str, context_consultation_id: int | None = None) -> Answer:
        return self.engine().ask(question, context_consultation_id=context_consultation_id,
                                 scheduled_meetings=self.meetings())

    def pending(self) -> list[ConsultationRecord]:
        return still_pending(repository.consultations(self.db))

    def consultations(self) -> list[ConsultationRecord]:
        return repository.consultations(self.db)

    def consultation(self, consultation_id: int) -> ConsultationRecord | None:
        return repository.consultation(self.db, consultation_id)

    def meetings(self) -> list[ScheduledMeeting]:
        return []  # the meeting schedule comes with the scheduling work; until then none is scheduled

    def claim_event(self, event_id: str) -> bool:
        return repository.claim_event(self.db, event_id)

    def remember_thread(self, channel: str, thread_ts: str, consultation_id: int | None) -> None:
        repository.remember_thread(self.db, channel, thread_ts, consultation_id)

    def thread_consultation(self, channel: str, thread_ts: str) -> int | None:
        return repository.thread_consultation(self.db, channel, thread_ts)

    def save_feedback(
        self, user: str, channel: str, message_ts: str, question: str, answer: str, rating: int,
        hits: list[dict[str, Any]],
    ) -> None:
        repository.save_feedback(self.db, user, channel, message_ts, question, answer, rating, hits)

    def feedback(self) -> list[FeedbackRecord]:
        return repository.feedback(self.db)
