"""Writing ingested documents: a file's meeting, consultations and passages (with their index terms).

A document is its place (``path``, the absolute path: unique) and its content (``sha256``):

* content already stored (the same file again, or moved or renamed) is not stored twice; a moved file's
  ``path`` and ``source`` follow it when its old place no longer exists;
* a changed file at a stored place replaces that document in place: its consultations keep their IDs
  (``bot.storage.identity``), one no longer found is kept ``withdrawn`` (its precedent profile dropped: it has
  no passages any more), the passages are rebuilt;
* anything else is a new document, whatever its name.

Each file is written in a short transaction of its own (``write_session``): readers and other writers get their
turn between files, and a file that fails leaves the others stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.clock import Clock
from bot.storage.db import write_session
from bot.storage.identity import Known, match_consultations
from bot.storage.tables import ConsultationRow, Document, PassageRow
from knowledge.model import Consultation, ParsedDocument

Written = Literal["added", "updated", "unchanged"]
Profiles = Sequence[Mapping[str, Any] | None]  # one precedent profile per consultation of the document (stored form)


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
            "warnings": doc.warnings, "text": doc.text}


class DocumentWriter:
    """Stores documents, each in a short transaction of its own."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def __enter__(self) -> DocumentWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def write(self, path: Path, source: str, sha256: str, doc: ParsedDocument | None, terms: list[str],
              profiles: Profiles | None = None) -> Written:
        """Store the file at ``path`` (absolute) shown as ``source``. ``doc`` None: its content is known to be
        stored already (only a move is recorded). ``profiles``: the precedent profile of each consultation (None:
        made when first needed). A concurrent writer adding the same place first (PostgreSQL) is retried once:
        then it is an update or nothing."""
        for attempt in (0, 1):
            try:
                with write_session(self.engine) as session:
                    outcome = self._write(session, path, source, sha256, doc, terms, profiles)
                    session.commit()
                return outcome
            except IntegrityError:
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _write(self, session: Session, path: Path, source: str, sha256: str, doc: ParsedDocument | None,
               terms: list[str], profiles: Profiles | None = None) -> Written:
        now = self.clock.now()
        at_place = session.execute(select(Document.id, Document.sha256)
                                   .where(Document.path == str(path))).first()  # type: ignore[arg-type]
        if at_place is not None and at_place[1] == sha256:
            return "unchanged"
        same = session.execute(select(Document.id, Document.path).where(Document.sha256 == sha256)  # type: ignore[arg-type]
                               .order_by(Document.id)).first()
        if same is not None:  # this content is stored: moved here, or a copy of a file still in its place
            if at_place is None and not Path(same[1]).exists():
                session.execute(update(Document).where(Document.id == same[0])  # type: ignore[arg-type]
                                .values(path=str(path), source=source, ingested_at=now))
            return "unchanged"
        if doc is None:
            raise ValueError(f"{path}: content not stored yet, the parsed document is needed")
        values = {**_document_values(path, source, sha256, doc), "ingested_at": now}
        if at_place is None:
            doc_id = session.execute(insert(Document).values(**values).returning(Document.id)).scalar_one()  # type: ignore[arg-type]
            cons_ids = self._insert_consultations(session, doc_id, list(enumerate(doc.consultations)), profiles)
            self._insert_passages(session, doc_id, doc, terms, cons_ids)
            return "added"
        doc_id = at_place[0]
        session.execute(update(Document).where(Document.id == doc_id).values(**values))  # type: ignore[arg-type]
        session.execute(delete(PassageRow).where(PassageRow.document_id == doc_id))  # type: ignore[arg-type]
        cons_ids = self._reconcile(session, doc_id, doc.consultations, profiles)
        self._insert_passages(session, doc_id, doc, terms, cons_ids)
        return "updated"

    def _reconcile(self, session: Session, doc_id: int, consultations: list[Consultation],
                   profiles: Profiles | None) -> list[int]:
        """Update the document's stored consultations in place (IDs kept), add the new ones, withdraw the rest;
        the ids in the order of ``consultations``."""
        cols = (ConsultationRow.id, ConsultationRow.label, ConsultationRow.title)
        old = [Known(*r) for r in session.execute(select(*cols).where(ConsultationRow.document_id == doc_id)  # type: ignore[arg-type]
                                                  .order_by(ConsultationRow.ordinal)).all()]
        matched = match_consultations(old, [(c.label, c.title) for c in consultations])
        for i, old_id in matched.items():
            session.execute(update(ConsultationRow).where(ConsultationRow.id == old_id)  # type: ignore[arg-type]
                            .values(**_consultation_values(consultations[i], i, profiles)))
        gone = {k.id for k in old} - set(matched.values())
        if gone:
            session.execute(update(ConsultationRow).where(ConsultationRow.id.in_(gone))  # type: ignore[union-attr]
                            .values(withdrawn=True, profile=None))
        fresh = [(i, c) for i, c in enumerate(consultations) if i not in matched]
        added = dict(zip([i for i, _ in fresh], self._insert_consultations(session, doc_id, fresh, profiles),
                         strict=True))
        return [matched[i] if i in matched else added[i] for i in range(len(consultations))]

    @staticmethod
    def _insert_consultations(session: Session, doc_id: int, items: list[tuple[int, Consultation]],
                              profiles: Profiles | None) -> list[int]:
        if not items:
            return []
        rows = [{"document_id": doc_id, **_consultation_values(c, i, profiles)} for i, c in items]
        stmt = insert(ConsultationRow).returning(ConsultationRow.id, sort_by_parameter_order=True)  # type: ignore[arg-type]
        return [r[0] for r in session.execute(stmt, rows).all()]  # one INSERT ... RETURNING for all

    @staticmethod
    def _insert_passages(session: Session, doc_id: int, doc: ParsedDocument, terms: list[str],
                         cons_ids: list[int]) -> None:
        rows = [
            {"document_id": doc_id, "kind": p.kind, "text": p.text, "start": p.start, "end": p.end, "terms": t,
             "consultation_id": cons_ids[p.consultation_index] if p.consultation_index is not None else None}
            for p, t in zip(doc.passages, terms, strict=True)
        ]
        if rows:
            session.execute(insert(PassageRow), rows)
