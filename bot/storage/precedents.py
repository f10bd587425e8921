"""Precedent profiles kept with the consultations (``consultations.profile``), so that ranking precedents reads
no passage text.

Ingest stores each consultation's profile with it (``bot.storage.documents``). A consultation stored without one
(before migration 0007, or by rules since changed) gets it here, the first time precedents are ranked: its rows
are locked first and its record and passages read in that same short transaction, so a re-ingest of its
document meanwhile comes wholly before (its text is what the profile is made of) or wholly after (it replaces
the profile with its own).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from bot.storage.db import write_session
from bot.storage.knowledge import chunks, records_in, texts_in
from bot.storage.tables import ConsultationRow
from knowledge.model import ConsultationRecord

log = logging.getLogger("shingikai.storage")
Maker = Callable[[ConsultationRecord, str], dict[str, Any]]  # record, passages' text -> the profile (stored form)
CHUNK = 200  # consultations a transaction makes profiles for (the SQLite write lock is held for about 0.4 s)


def kept_profiles(engine: Engine) -> dict[int, dict[str, Any]]:
    """Consultation id -> its kept profile (stored form); consultations with none are left out."""
    with Session(engine) as s:
        return {int(i): p for i, p in s.execute(select(ConsultationRow.id, ConsultationRow.profile)) if p}


def make_profiles(engine: Engine, ids: Iterable[int], make: Maker) -> dict[int, dict[str, Any]]:
    """Make the profiles of the consultations ``ids`` from their record (with Q&A) and passages, and keep them;
    what was made. A database that takes no writes (read-only, or locked past the busy timeout) gets them made
    all the same, not kept."""
    made: dict[int, dict[str, Any]] = {}
    for chunk in chunks(ids, CHUNK):
        assert chunk is not None
        try:
            made.update(_make_and_keep(engine, chunk, make))
        except OperationalError as exc:
            log.warning("precedent profiles made but not kept: %s", str(exc.orig or exc).splitlines()[0])
            with Session(engine) as s:
                made.update(_make(s, chunk, make))
    return made


def _make(s: Session, ids: list[int], make: Maker) -> dict[int, dict[str, Any]]:
    records = records_in(s, where=ConsultationRow.id.in_(ids))  # type: ignore[union-attr]
    texts = texts_in(s, ids)
    return {c.id: make(c, texts.get(c.id, "")) for c in records}


def _make_and_keep(engine: Engine, ids: list[int], make: Maker) -> dict[int, dict[str, Any]]:
    with write_session(engine) as s:
        s.execute(select(ConsultationRow.id).where(ConsultationRow.id.in_(ids)).with_for_update()).all()  # type: ignore[union-attr]
        made = _make(s, ids, make)
        if made:
            stmt = (update(ConsultationRow).where(ConsultationRow.id == bindparam("cid"))  # type: ignore[arg-type]
                    .values(profile=bindparam("made")))
            s.connection().execute(stmt, [{"cid": i, "made": p} for i, p in made.items()])
        s.commit()
    return made
