"""Writing ingested documents: a file's meeting, consultations and passages (with their index terms)."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.clock import Clock
from bot.storage.db import write_session
from bot.storage.tables import ConsultationRow, Document, PassageRow
from knowledge.model import ParsedDocument


def known_hashes(engine: Engine) -> dict[str, str]:
    """``source`` -> sha256 of every stored document (to skip files that did not change)."""
    with Session(engine) as session:
        return {src: sha for src, sha in session.execute(select(Document.source, Document.sha256)).all()}


class DocumentWriter:
    """Stores documents, each in a short transaction of its own (readers and other writers get their turn
    between files; on SQLite the write lock is held for one file at a time)."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def __enter__(self) -> DocumentWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        return None

    def write(self, path: Path, source: str, sha256: str, doc: ParsedDocument, terms: list[str]) -> bool:
        """Replace (or add) the document for ``source`` with its consultations and passages; True if replaced."""
        with write_session(self.engine) as session:
            replaced = self._write(session, path, source, sha256, doc, terms)
            session.commit()
        return replaced

    def _write(self, session: Session, path: Path, source: str, sha256: str, doc: ParsedDocument,
               terms: list[str]) -> bool:
        old = session.execute(select(Document.id).where(Document.source == source)).first()  # type: ignore[arg-type]
        if old is not None:
            session.execute(delete(PassageRow).where(PassageRow.document_id == old[0]))  # type: ignore[arg-type]
            session.execute(delete(ConsultationRow).where(ConsultationRow.document_id == old[0]))  # type: ignore[arg-type]
            session.execute(delete(Document).where(Document.id == old[0]))  # type: ignore[arg-type]
        m = doc.meeting
        row = Document(
            source=source, path=str(path), sha256=sha256, chars=len(doc.text), doc_kind=doc.doc_kind,
            council=m.council, municipality=m.municipality, session=m.session, meeting_date=m.date,
            date_text=m.date_text, start_time=m.start_time, end_time=m.end_time, place=m.place, chair=m.chair,
            present=m.present, absent=m.absent, secretariat=m.secretariat, warnings=doc.warnings, text=doc.text,
            ingested_at=self.clock.now(),
        )
        session.add(row)
        session.flush()
        cons_ids: list[int] = []
        if doc.consultations:  # one INSERT ... RETURNING for all (an ORM flush per row cost the main process)
            crows = [
                {"document_id": row.id, "ordinal": i, "label": c.label, "title": c.title, "department": c.department,
                 "kind": c.kind, "status": c.status, "outcome": c.outcome, "reason": c.reason, "requests": c.requests,
                 "qa": [vars(q) for q in c.qa], "start": c.start, "end": c.end}
                for i, c in enumerate(doc.consultations)
            ]
            stmt = insert(ConsultationRow).returning(ConsultationRow.id, sort_by_parameter_order=True)  # type: ignore[arg-type]
            cons_ids = [r[0] for r in session.execute(stmt, crows).all()]
        rows = [
            {
                "document_id": row.id, "kind": p.kind, "text": p.text, "start": p.start, "end": p.end, "terms": t,
                "consultation_id": cons_ids[p.consultation_index] if p.consultation_index is not None else None,
            }
            for p, t in zip(doc.passages, terms, strict=True)
        ]
        if rows:
            session.execute(insert(PassageRow), rows)
        return old is not None
