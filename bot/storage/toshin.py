"""A 答申's structure kept with its document: ``toshin`` (number, date, header), ``toshin_parts`` (the span of each
part in the document's text) and ``toshin_course`` (the rows of 審査会の経過).

Ingest writes it with the document, in the document's savepoint (``bot.storage.documents``): ``write`` after the
document is added, ``drop`` then ``write`` when it is replaced, so a re-ingest neither loses nor doubles it. A
document without a recognisable structure (minutes; a 答申 whose parts and table were not found) has none.

A 答申 stored before migration 0008 has none either: ``toshin_of`` reads its structure from the stored text the
first time it is asked for and keeps it, under the document's row lock (a re-ingest meanwhile comes wholly before
or wholly after). A database that takes no writes gets it read all the same, not kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, bindparam, delete, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from bot.storage.db import write_session
from bot.storage.tables import ConsultationRow, Document, ToshinCourseRow, ToshinPartRow, ToshinRow
from knowledge.model import TOSHIN_PARTS, CourseRow, ParsedDocument, ToshinRecord

log = logging.getLogger("shingikai.storage")
Parse = Callable[[str], ParsedDocument]  # a document's stored text -> its structure (``knowledge.structure``)

_TOSHIN = cast(Table, ToshinRow.__table__)
_PARTS = cast(Table, ToshinPartRow.__table__)
_COURSE = cast(Table, ToshinCourseRow.__table__)
_ADD_TOSHIN = insert(_TOSHIN)
_ADD_PARTS = insert(_PARTS)
_ADD_COURSE = insert(_COURSE)
_DROP = tuple(delete(t).where(t.c.document_id == bindparam("i")) for t in (_COURSE, _PARTS, _TOSHIN))
_HEADER = select(_TOSHIN).where(_TOSHIN.c.document_id == bindparam("i"))
_SPANS = select(_PARTS.c.part, _PARTS.c.start, _PARTS.c.end).where(_PARTS.c.document_id == bindparam("i"))
_ROWS = (select(_COURSE.c.date_text, _COURSE.c.steps, _COURSE.c.meeting, _COURSE.c.date)
         .where(_COURSE.c.document_id == bindparam("i")).order_by(_COURSE.c.position))


class Rows(NamedTuple):
    """A 答申's structure as stored: the ``toshin`` row, its parts' spans, its proceedings' rows."""

    toshin: dict[str, Any]
    parts: list[dict[str, Any]]
    course: list[dict[str, Any]]


def rows_of(doc_id: int, doc: ParsedDocument) -> Rows | None:
    """What ``write`` stores for ``doc``; None when it has no recognisable 答申 structure."""
    t = doc.toshin
    if t is None:
        return None
    parts = [{"document_id": doc_id, "part": name, "start": s, "end": e} for name, (s, e) in t.parts().items()]
    if not parts and not t.course:
        return None
    m = doc.meeting
    toshin = {"document_id": doc_id, "number": t.number, "date": m.date, "date_text": m.date_text,
              "addressee": t.addressee, "chair": t.chair, "subject": t.subject, "matter": t.matter,
              "members": t.members, "course_incomplete": t.course_incomplete}
    course = [{"document_id": doc_id, "position": i, "date": r.date, "date_text": r.date_text, "meeting": r.meeting,
               "steps": r.steps} for i, r in enumerate(t.course)]
    return Rows(toshin, parts, course)


def write(conn: Connection, doc_id: int, doc: ParsedDocument) -> None:
    """Store the structure of ``doc`` (nothing when it has none); the document has none stored yet."""
    rows = rows_of(doc_id, doc)
    if rows is not None:
        _write_rows(conn, rows)


def drop(conn: Connection, doc_id: int) -> None:
    """Remove the stored structure of a document (before it is replaced)."""
    for stmt in _DROP:
        conn.execute(stmt, {"i": doc_id})


def record_of(rows: Rows, text: str) -> ToshinRecord:
    """The structure as ``show`` reads it: each part's text cut from the document's ``text``."""
    t = rows.toshin
    spans = {p["part"]: text[p["start"] : p["end"]] for p in rows.parts}
    return ToshinRecord(
        number=t["number"], date=t["date"], date_text=t["date_text"], addressee=t["addressee"], chair=t["chair"],
        subject=t["subject"], matter=t["matter"], members=list(t["members"]),
        parts={name: spans[name] for name in TOSHIN_PARTS if name in spans},
        course=[CourseRow(r["date_text"], list(r["steps"]), r["meeting"], r["date"]) for r in rows.course],
        course_incomplete=bool(t["course_incomplete"]),
    )


def _stored(conn: Connection, doc_id: int) -> Rows | None:
    header = conn.execute(_HEADER, {"i": doc_id}).mappings().first()
    if header is None:
        return None
    parts = [dict(r) for r in conn.execute(_SPANS, {"i": doc_id}).mappings()]
    course = [dict(r) for r in conn.execute(_ROWS, {"i": doc_id}).mappings()]
    return Rows(dict(header), parts, course)


def _text(conn: Connection, doc_id: int) -> str:
    return conn.execute(select(Document.text).where(Document.id == doc_id)).scalar_one()  # type: ignore[arg-type]


def toshin_of(engine: Engine, consultation_id: int, parse: Parse) -> ToshinRecord | None:
    """The structure of the 答申 in which the consultation was found; None when that document is no 答申 or has no
    recognisable structure. One stored before migration 0008 is read from its text (``parse``) and kept."""
    where = ConsultationRow.id == consultation_id
    stmt = select(Document.id, Document.doc_kind).join(ConsultationRow).where(where)  # type: ignore[arg-type]
    with Session(engine) as s:
        doc = s.execute(stmt).first()
        if doc is None or doc.doc_kind != "toshin":
            return None
        conn = s.connection()
        rows = _stored(conn, doc.id)
        if rows is not None:
            return record_of(rows, _text(conn, doc.id) if rows.parts else "")
    try:
        return _read_and_keep(engine, doc.id, parse)
    except OperationalError as exc:
        log.warning("答申 structure read but not kept: %s", str(exc.orig or exc).splitlines()[0])
        with Session(engine) as s:
            return _parsed(_text(s.connection(), doc.id), doc.id, parse)


def _parsed(text: str, doc_id: int, parse: Parse) -> ToshinRecord | None:
    rows = rows_of(doc_id, parse(text))
    return record_of(rows, text) if rows is not None else None


def _read_and_keep(engine: Engine, doc_id: int, parse: Parse) -> ToshinRecord | None:
    with write_session(engine) as s:
        s.execute(select(Document.id).where(Document.id == doc_id).with_for_update()).all()  # type: ignore[arg-type]
        conn = s.connection()
        text = _text(conn, doc_id)
        rows = _stored(conn, doc_id)  # kept meanwhile (another reader, or a re-ingest)
        if rows is None:
            rows = rows_of(doc_id, parse(text))
            if rows is None:
                return None
            _write_rows(conn, rows)
            s.commit()
    return record_of(rows, text)


def _write_rows(conn: Connection, rows: Rows) -> None:
    conn.execute(_ADD_TOSHIN, rows.toshin)
    if rows.parts:
        conn.execute(_ADD_PARTS, rows.parts)
    if rows.course:
        conn.execute(_ADD_COURSE, rows.course)

