"""Writing ingested documents: a file's meeting, consultations and passages (with their index terms).

A document is its place (``path``, the absolute path: unique) and its content (``sha256``):

* content already stored (the same file again, or moved or renamed) is not stored twice; a moved file's
  ``path`` and ``source`` follow it when its old place no longer exists;
* a changed file at a stored place replaces that document in place: its consultations keep their IDs
  (``bot.storage.identity``), one no longer found is kept ``withdrawn`` (its precedent profile dropped: it has
  no passages any more), the passages are rebuilt;
* anything else is a new document, whatever its name.

A 答申's structure (``bot.storage.toshin``) is written with its document and replaced with it.

Files are written a few at a time (``write_many``): one short transaction (``write_session``) that stops taking
files once it has held the write lock for a given time, each file in a savepoint of its own. Readers and other
writers get their turn between transactions, and a file that fails is rolled back alone (its savepoint) while the
others of its transaction are stored. Rows are written with Core statements built once (no ORM unit of work).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.clock import Clock
from bot.storage import toshin
from bot.storage.db import transaction_open, write_session
from bot.storage.identity import Known, match_consultations
from bot.storage.tables import ConsultationRow, Document, PassageRow
from knowledge.model import Consultation, ParsedDocument

Written = Literal["added", "updated", "unchanged"]
Profiles = Sequence[Mapping[str, Any] | None]  # one precedent profile per consultation of the document (stored form)

_DOCS = cast(Table, Document.__table__)
_CONS = cast(Table, ConsultationRow.__table__)
_PASS = cast(Table, PassageRow.__table__)
# Built once: a constant statement's cache key is computed once, not at every file.
_AT_PLACE = select(_DOCS.c.id, _DOCS.c.sha256).where(_DOCS.c.path == bindparam("p"))
_SAME_CONTENT = select(_DOCS.c.id, _DOCS.c.path).where(_DOCS.c.sha256 == bindparam("s")).order_by(_DOCS.c.id).limit(1)
_MOVE = update(_DOCS).where(_DOCS.c.id == bindparam("i"))
_ADD_DOCUMENT = insert(_DOCS).returning(_DOCS.c.id)
_REPLACE_DOCUMENT = update(_DOCS).where(_DOCS.c.id == bindparam("i"))
_DROP_PASSAGES = delete(_PASS).where(_PASS.c.document_id == bindparam("i"))
_OLD_CONSULTATIONS = (select(_CONS.c.id, _CONS.c.label, _CONS.c.title)
                      .where(_CONS.c.document_id == bindparam("i")).order_by(_CONS.c.ordinal))
_KEEP_CONSULTATION = update(_CONS).where(_CONS.c.id == bindparam("i"))
_ADD_CONSULTATIONS = insert(_CONS).returning(_CONS.c.id, sort_by_parameter_order=True)
_ADD_PASSAGES = insert(_PASS)


class ToStore(NamedTuple):
    """One file to store: its place (absolute), how 出典 names it, its content hash, the parsed document (None:
    its content is known to be stored already, only a move is recorded) and its passages' index terms."""

    path: Path
    source: str
    sha256: str
    doc: ParsedDocument | None
    terms: list[str]
    profiles: Profiles | None = None  # the precedent profile of each consultation (None: made when first needed)


def known_hashes(engine: Engine) -> dict[str, str]:
    """``path`` -> sha256 of every stored document (to skip reading files that did not change)."""
    with Session(engine) as session:
        return {p: sha for p, sha in session.execute(select(Document.path, Document.sha256)).all()}


def _consultation_values(c: Consultation, ordinal: int, profiles: Profiles | None) -> dict[str, Any]:
    return {"ordinal": ordinal, "label": c.label, "title": c.title, "department": c.department, "kind": c.kind,
            "status": c.status, "outcome": c.outcome, "reason": c.reason, "requests": c.requests,
            "qa": [vars(q) for q in c.qa], "start": c.start, "end": c.end, "withdrawn": False,
            "profile": _profile(profiles, ordinal)}


def _profile(profiles: Profiles | None, ordinal: int) -> dict[str, Any] | None:
    found = profiles[ordinal] if profiles is not None else None
    return dict(found) if found else None


def _document_values(path: Path, source: str, sha256: str, doc: ParsedDocument) -> dict[str, Any]:
    m = doc.meeting
    return {"source": source, "path": str(path), "sha256": sha256, "chars": len(doc.text), "doc_kind": doc.doc_kind,
            "council": m.council, "municipality": m.municipality, "session": m.session, "meeting_date": m.date,
            "date_text": m.date_text, "start_time": m.start_time, "end_time": m.end_time, "place": m.place,
            "chair": m.chair, "present": m.present, "absent": m.absent, "secretariat": m.secretariat,
            "warnings": [w.as_json() for w in doc.warnings], "text": doc.text}


class TransactionLost(Exception):
    """A file's failure ended the whole transaction (SQLite rolls back by itself on some errors)."""


class DocumentWriter:
    """Stores documents a few per short transaction, each in a savepoint (``write_many``)."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def __enter__(self) -> DocumentWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def write_many(self, items: Sequence[ToStore], *, max_seconds: float) -> list[Written | Exception]:
        """Store files from the start of ``items`` in one transaction, each in a savepoint: a file that fails is
        rolled back alone and its exception stands in its place. No further file is begun once the transaction
        has held the write lock ``max_seconds`` (the first always is): the outcomes are those of the files
        taken, a prefix of ``items``. Should the transaction itself be lost (a failed commit or connection, or
        a file's error that rolled it all back), each file it had taken is written again in a transaction of its
        own, so that even then one file's failure costs no other. Never raises."""
        outcomes: list[Written | Exception] = []
        if not items:
            return outcomes
        try:
            with write_session(self.engine) as session:
                started = time.monotonic()
                for item in items:
                    if outcomes and time.monotonic() - started >= max_seconds:
                        break
                    outcomes.append(self._write_saved(session, item))
                    if isinstance(outcomes[-1], Exception) and not transaction_open(session):
                        raise TransactionLost(str(outcomes[-1]))
                session.commit()
            return outcomes
        except Exception as exc:  # noqa: BLE001 - the transaction is lost; its files one by one
            if not outcomes:  # it could not even begin (the lock not had within the busy timeout)
                return [exc]
            return [self._write_alone(item) for item in items[:len(outcomes)]]

    def _write_alone(self, item: ToStore) -> Written | Exception:
        try:
            with write_session(self.engine) as session:
                outcome = self._write_saved(session, item)
                session.commit()
            return outcome
        except Exception as exc:  # noqa: BLE001 - this file's failure, reported by its name
            return exc

    def _write_saved(self, session: Session, item: ToStore) -> Written | Exception:
        """One file in a savepoint. A concurrent writer adding the same place first (PostgreSQL) is retried
        once: then it is an update or nothing."""
        for attempt in (0, 1):
            try:
                with session.begin_nested():
                    return self._write(session, *item)
            except IntegrityError as exc:
                if attempt:
                    return exc
            except Exception as exc:  # noqa: BLE001 - this file's failure, reported by its name
                return exc
        raise AssertionError("unreachable")

    def _write(self, session: Session, path: Path, source: str, sha256: str, doc: ParsedDocument | None,
               terms: list[str], profiles: Profiles | None = None) -> Written:
        conn = session.connection()
        now = self.clock.now()
        at_place = conn.execute(_AT_PLACE, {"p": str(path)}).first()
        if at_place is not None and at_place[1] == sha256:
            return "unchanged"
        same = conn.execute(_SAME_CONTENT, {"s": sha256}).first()
        if same is not None:  # this content is stored: moved here, or a copy of a file still in its place
            if at_place is None and not Path(same[1]).exists():
                conn.execute(_MOVE, {"i": same[0], "path": str(path), "source": source, "ingested_at": now})
            return "unchanged"
        if doc is None:
            raise ValueError(f"{path}: content not stored yet, the parsed document is needed")
        values = {**_document_values(path, source, sha256, doc), "ingested_at": now}
        if at_place is None:
            doc_id = conn.execute(_ADD_DOCUMENT, values).scalar_one()
            cons_ids = self._insert_consultations(conn, doc_id, list(enumerate(doc.consultations)), profiles)
            self._insert_passages(conn, doc_id, doc, terms, cons_ids)
            toshin.write(conn, doc_id, doc)
            return "added"
        doc_id = at_place[0]
        conn.execute(_REPLACE_DOCUMENT, {"i": doc_id, **values})
        conn.execute(_DROP_PASSAGES, {"i": doc_id})
        toshin.drop(conn, doc_id)
        cons_ids = self._reconcile(conn, doc_id, doc.consultations, profiles)
        self._insert_passages(conn, doc_id, doc, terms, cons_ids)
        toshin.write(conn, doc_id, doc)
        return "updated"

    def _reconcile(self, conn: Connection, doc_id: int, consultations: list[Consultation],
                   profiles: Profiles | None) -> list[int]:
        """Update the document's stored consultations in place (IDs kept), add the new ones, withdraw the rest;
        the ids in the order of ``consultations``."""
        old = [Known(*r) for r in conn.execute(_OLD_CONSULTATIONS, {"i": doc_id}).all()]
        matched = match_consultations(old, [(c.label, c.title) for c in consultations])
        for i, old_id in matched.items():
            conn.execute(_KEEP_CONSULTATION, {"i": old_id, **_consultation_values(consultations[i], i, profiles)})
        gone = {k.id for k in old} - set(matched.values())
        if gone:
            conn.execute(update(_CONS).where(_CONS.c.id.in_(gone)).values(withdrawn=True, profile=None))
        fresh = [(i, c) for i, c in enumerate(consultations) if i not in matched]
        added = dict(zip([i for i, _ in fresh], self._insert_consultations(conn, doc_id, fresh, profiles),
                         strict=True))
        return [matched[i] if i in matched else added[i] for i in range(len(consultations))]

    @staticmethod
    def _insert_consultations(conn: Connection, doc_id: int, items: list[tuple[int, Consultation]],
                              profiles: Profiles | None) -> list[int]:
        if not items:
            return []
        rows = [{"document_id": doc_id, **_consultation_values(c, i, profiles)} for i, c in items]
        return [r[0] for r in conn.execute(_ADD_CONSULTATIONS, rows).all()]  # one INSERT ... RETURNING for all

    @staticmethod
    def _insert_passages(conn: Connection, doc_id: int, doc: ParsedDocument, terms: list[str],
                         cons_ids: list[int]) -> None:
        rows = [
            {"document_id": doc_id, "kind": p.kind, "text": p.text, "start": p.start, "end": p.end, "terms": t,
             "consultation_id": cons_ids[p.consultation_index] if p.consultation_index is not None else None}
            for p, t in zip(doc.passages, terms, strict=True)
        ]
        if rows:
            conn.execute(_ADD_PASSAGES, rows)
