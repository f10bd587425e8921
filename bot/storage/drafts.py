"""Draft 答申 and their review: stored text and JSON, where the draft was posted, comments and the approval.

Approving is one conditional UPDATE (``status != 'approved'``): two clicks, or two instances, approve once.
A change request reads the draft under its row's lock (``write_session`` + ``locked``) and decides there: two
requests keep both comments, and a request meeting an approval either comes first (kept, then approved) or is
refused ("already") — it never turns an approved draft back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.ports import StoredDraft
from bot.storage.db import locked, write_session
from bot.storage.tables import DraftRow


def _record(row: DraftRow) -> StoredDraft:
    return StoredDraft(
        id=row.id or 0, consultation_id=row.consultation_id, text=row.text, data=dict(row.data), status=row.status,
        requested_by=row.requested_by, created_at=row.created_at, channel=row.channel, ts=row.ts,
        approved_by=row.approved_by, approved_at=row.approved_at, comments=list(row.comments),
    )


def create_draft(engine: Engine, consultation_id: int, text: str, data: dict[str, Any], *, requested_by: str,
                 now: datetime) -> StoredDraft:
    with Session(engine) as s:
        row = DraftRow(consultation_id=consultation_id, text=text, data=data, status="draft",
                       requested_by=requested_by, created_at=now, comments=[])
        s.add(row)
        s.commit()
        s.refresh(row)
        return _record(row)


def get_draft(engine: Engine, draft_id: int) -> StoredDraft | None:
    with Session(engine) as s:
        row = s.get(DraftRow, draft_id)
        return _record(row) if row is not None else None


def set_posted(engine: Engine, draft_id: int, channel: str, ts: str) -> None:
    with Session(engine) as s:
        s.execute(update(DraftRow).where(DraftRow.id == draft_id).values(channel=channel, ts=ts))  # type: ignore[arg-type]
        s.commit()


def drafts_of(engine: Engine, consultation_id: int) -> list[StoredDraft]:
    """The drafts of one consultation, oldest first."""
    stmt = select(DraftRow).where(DraftRow.consultation_id == consultation_id).order_by(DraftRow.id)  # type: ignore[arg-type]
    with Session(engine) as s:
        return [_record(r) for r in s.execute(stmt).scalars().all()]


def approve(engine: Engine, draft_id: int, user: str, *, now: datetime) -> bool:
    """Mark the draft approved by ``user`` at ``now``; False when it was approved already (or does not exist)."""
    stmt = (update(DraftRow)
            .where(DraftRow.id == draft_id, DraftRow.status != "approved")  # type: ignore[arg-type]
            .values(status="approved", approved_by=user, approved_at=now))
    with Session(engine) as s:
        done = s.execute(stmt).rowcount  # type: ignore[attr-defined]
        s.commit()
    return bool(done)


def add_comment(engine: Engine, draft_id: int, user: str, text: str, *,
                now: datetime) -> Literal["done", "already", "not_found"]:
    """Keep a change request; the draft is then ``changes_requested``. "already" (nothing kept) when it is
    approved, "not_found" when there is no such draft."""
    with write_session(engine) as s:
        row = locked(s, DraftRow, draft_id)
        if row is None:
            return "not_found"
        if row.status == "approved":
            return "already"
        row.comments = [*row.comments, {"user": user, "at": now.isoformat(), "text": text}]
        row.status = "changes_requested"
        s.add(row)
        s.commit()
    return "done"
