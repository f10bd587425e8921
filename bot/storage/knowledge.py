"""Reading the knowledge base back as plain records (``knowledge.model``) for the search engine and listings."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.storage.tables import ConsultationRow, Document, PassageRow
from knowledge.model import STATUSES, ConsultationRecord, ConsultationStatus, PassageRecord, QAPair

NO_OUTCOME = "審議済み（結論の記載なし）"  # what older parses stored for an outcome the text does not record


def status_of(stored: str | None, outcome: str | None) -> ConsultationStatus:
    """The stored status as one of ``knowledge.model.STATUSES``; a row from an older parse that filed "no
    outcome recorded" as decided reads back as "unknown"."""
    if stored == "decided" and (outcome or "").strip() in ("", NO_OUTCOME):
        return "unknown"
    return stored if stored in STATUSES else "unknown"  # type: ignore[return-value]

_CONSULTATION_COLS = (
    ConsultationRow.id, ConsultationRow.label, ConsultationRow.title, ConsultationRow.department,
    ConsultationRow.kind, ConsultationRow.status, ConsultationRow.outcome, ConsultationRow.reason,
    ConsultationRow.requests, Document.source, Document.council, Document.municipality, Document.session,
    Document.meeting_date, Document.doc_kind, ConsultationRow.withdrawn,
)


def _consultations(engine: Engine, *, where: Any = None, with_qa: bool = True) -> list[ConsultationRecord]:
    """Consultation records, oldest meeting first; only the columns needed (never the documents' text)."""
    with Session(engine) as s:
        return records_in(s, where=where, with_qa=with_qa)


def records_in(s: Session, *, where: Any = None, with_qa: bool = True) -> list[ConsultationRecord]:
    """``_consultations`` within the session's transaction."""
    cols = (*_CONSULTATION_COLS, ConsultationRow.qa) if with_qa else _CONSULTATION_COLS
    stmt = select(*cols).join(Document, ConsultationRow.document_id == Document.id)  # type: ignore[arg-type]
    if where is not None:
        stmt = stmt.where(where)
    stmt = stmt.order_by(Document.meeting_date, Document.source, ConsultationRow.ordinal)  # type: ignore[arg-type]
    rows = s.execute(stmt).all()
    return [
        ConsultationRecord(
            id=r[0], label=r[1], title=r[2], department=r[3], kind=r[4],
            status=status_of(r[5], r[6]), outcome=r[6], reason=r[7], requests=list(r[8]),
            source=r[9], council=r[10], municipality=r[11], session=r[12], meeting_date=r[13],
            doc_kind=r[14] if r[14] in ("minutes", "toshin") else None, withdrawn=bool(r[15]),
            qa=[QAPair(**q) for q in r[16]] if with_qa else [],
        )
        for r in rows
    ]


def consultations(engine: Engine, *, status: str | None = None, with_qa: bool = True) -> list[ConsultationRecord]:
    """All current consultations (or those of one status; never the withdrawn), oldest meeting first, then in
    document order.

    ``with_qa=False`` leaves the Q&A pairs out: the search engine indexes them as passages already, and at
    tens of thousands of consultations they would cost more memory than the index itself.
    """
    where = ConsultationRow.withdrawn.is_(False)  # type: ignore[attr-defined]
    if status:
        where = and_(where, ConsultationRow.status == status)  # type: ignore[arg-type]
    return _consultations(engine, where=where, with_qa=with_qa)


def consultation(engine: Engine, consultation_id: int) -> ConsultationRecord | None:
    """One consultation by ID, withdrawn ones too (``show`` says so)."""
    found = _consultations(engine, where=ConsultationRow.id == consultation_id)  # type: ignore[arg-type]
    return found[0] if found else None


def iter_passages(engine: Engine, chunk: int = 20000) -> Iterator[tuple[PassageRecord, str]]:
    """Every passage as a record with its stored index terms, in id order (streamed in chunks)."""
    cols = (
        PassageRow.id, PassageRow.kind, PassageRow.text, PassageRow.start, PassageRow.terms,
        PassageRow.consultation_id, Document.source, Document.council, Document.municipality, Document.session,
        Document.meeting_date, ConsultationRow.label, ConsultationRow.title, ConsultationRow.status,
        ConsultationRow.outcome,
    )
    last = 0
    with Session(engine) as s:
        while True:
            stmt = (
                select(*cols)
                .join(Document, PassageRow.document_id == Document.id)  # type: ignore[arg-type]
                .outerjoin(ConsultationRow, PassageRow.consultation_id == ConsultationRow.id)  # type: ignore[arg-type]
                .where(PassageRow.id > last)  # type: ignore[arg-type,operator]
                .order_by(PassageRow.id)
                .limit(chunk)
            )
            rows = s.execute(stmt).all()
            if not rows:
                return
            for r in rows:
                rec = PassageRecord(
                    id=r[0], kind=r[1], text=r[2], start=r[3], consultation_id=r[5], source=r[6], council=r[7],
                    municipality=r[8], session=r[9], meeting_date=r[10], consultation_label=r[11],
                    consultation_title=r[12], status=status_of(r[13], r[14]) if r[13] else None, outcome=r[14],
                )
                yield rec, r[4]
            last = rows[-1][0]


def passages_of_sources(engine: Engine, sources: Iterable[str]) -> list[PassageRecord]:
    """Every passage of the documents named ``sources`` (file names), in document order."""
    wanted = sorted(set(sources))
    if not wanted:
        return []
    cols = (
        PassageRow.id, PassageRow.kind, PassageRow.text, PassageRow.start, PassageRow.consultation_id,
        Document.source, Document.council, Document.municipality, Document.session, Document.meeting_date,
        ConsultationRow.label, ConsultationRow.title, ConsultationRow.status, ConsultationRow.outcome,
    )
    stmt = (
        select(*cols)
        .join(Document, PassageRow.document_id == Document.id)  # type: ignore[arg-type]
        .outerjoin(ConsultationRow, PassageRow.consultation_id == ConsultationRow.id)  # type: ignore[arg-type]
        .where(Document.source.in_(wanted))  # type: ignore[attr-defined]
        .order_by(Document.source, PassageRow.start, PassageRow.id)
    )
    with Session(engine) as s:
        rows = s.execute(stmt).all()
    return [
        PassageRecord(
            id=r[0], kind=r[1], text=r[2], start=r[3], consultation_id=r[4], source=r[5], council=r[6],
            municipality=r[7], session=r[8], meeting_date=r[9], consultation_label=r[10], consultation_title=r[11],
            status=r[12], outcome=r[13],
        )
        for r in rows
    ]


def consultation_texts(engine: Engine, ids: Iterable[int] | None = None) -> dict[int, str]:
    """Consultation id -> the text of its passages joined by newlines (what ``knowledge.precedents`` reads);
    every consultation's, or those of ``ids`` only."""
    with Session(engine) as s:
        return texts_in(s, ids)


def texts_in(s: Session, ids: Iterable[int] | None = None) -> dict[int, str]:
    """``consultation_texts`` within the session's transaction."""
    stmt = (select(PassageRow.consultation_id, PassageRow.text)
            .where(PassageRow.consultation_id.is_not(None))  # type: ignore[union-attr]
            .order_by(PassageRow.consultation_id, PassageRow.start, PassageRow.id))
    out: dict[int, list[str]] = {}
    for chunk in chunks(ids):
        where = stmt if chunk is None else stmt.where(PassageRow.consultation_id.in_(chunk))  # type: ignore[union-attr]
        for cid, text in s.execute(where):
            out.setdefault(int(cid), []).append(text)
    return {k: "\n".join(v) for k, v in out.items()}


def chunks(ids: Iterable[int] | None, size: int = 500) -> list[list[int] | None]:
    """``ids`` in pieces an IN (...) can take; [None] for "no filter"."""
    if ids is None:
        return [None]
    wanted = sorted(set(ids))
    return [wanted[i:i + size] for i in range(0, len(wanted), size)]


@dataclass(frozen=True)
class IngestedDocument:
    """A stored document as the digest lists it."""

    source: str
    council: str | None
    municipality: str | None
    session: str | None
    meeting_date: str | None
    ingested_at: datetime


def documents_ingested_since(engine: Engine, since: datetime) -> list[IngestedDocument]:
    """Documents ingested (added or replaced) after ``since``, oldest ingest first."""
    stmt = (select(Document.source, Document.council, Document.municipality, Document.session,
                   Document.meeting_date, Document.ingested_at)
            .where(Document.ingested_at > since)  # type: ignore[arg-type,operator]
            .order_by(Document.ingested_at, Document.id))
    with Session(engine) as s:
        return [IngestedDocument(*r) for r in s.execute(stmt).all()]


def corpus_stamp(engine: Engine) -> dict[str, Any]:
    """What identifies the stored corpus: counts and largest ids of passages, consultations and documents, and
    the latest ingest time (any ingest, replacement or removal changes at least one). The one "corpus changed"
    test: the answers service rebuilds on a new stamp, and the index cache is keyed by it."""
    with Session(engine) as s:
        p = s.execute(select(func.count(PassageRow.id), func.max(PassageRow.id))).one()  # type: ignore[arg-type]
        c = s.execute(select(func.count(ConsultationRow.id), func.max(ConsultationRow.id))).one()  # type: ignore[arg-type]
        d = s.execute(select(func.count(Document.id), func.max(Document.id), func.max(Document.ingested_at))).one()  # type: ignore[arg-type]
    return {"passages": p[0], "max_passage": p[1], "consultations": c[0], "max_consultation": c[1],
            "documents": d[0], "max_document": d[1], "ingested_at": d[2]}


def passage_texts(engine: Engine, ids: list[int]) -> dict[int, str]:
    """Texts of the passages with these ids (ids no longer stored are left out)."""
    out: dict[int, str] = {}
    with Session(engine) as s:
        for start in range(0, len(ids), 500):
            stmt = select(PassageRow.id, PassageRow.text).where(PassageRow.id.in_(ids[start:start + 500]))  # type: ignore[union-attr]
            out.update((int(i), t) for i, t in s.execute(stmt).all())
    return out


def text_fetcher(engine: Engine) -> Callable[[list[int]], dict[int, str]]:
    """``passage_texts`` for the search hot path: one DBAPI connection kept open (and reopened after an
    error), a plain SQL statement, a lock around it; about 20 µs a call on SQLite instead of ~0.5 ms."""
    lock = threading.Lock()
    held: list[Any] = []
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"

    def fetch(ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        sql = f"SELECT id, text FROM passages WHERE id IN ({', '.join([mark] * len(ids))})"
        with lock:
            for attempt in (0, 1):
                try:
                    if not held:
                        held.append(engine.raw_connection())
                    cur = held[0].cursor()
                    try:
                        cur.execute(sql, list(ids))
                        rows = cur.fetchall()
                    finally:
                        cur.close()
                    held[0].rollback()  # end the read transaction (PostgreSQL would stay "idle in transaction")
                    return {int(i): t for i, t in rows}
                except Exception:
                    if held:
                        try:
                            held.pop().invalidate()
                        except Exception:  # noqa: BLE001 - the connection is being dropped anyway
                            pass
                    if attempt:
                        raise
        return {}

    def _close(held: list[Any] = held) -> None:
        for conn in held:
            try:
                conn.close()  # back to the pool
            except Exception:  # noqa: BLE001 - at garbage collection nothing can be done about it
                pass

    weakref.finalize(fetch, _close)  # when the engine holding the fetcher is dropped (a rebuild)
    return fetch
