"""Draft 答申 and their review: stored text and JSON, where the draft was posted, comments and the approval.

Approving is one conditional UPDATE (``status != 'approved'``): two clicks, or two instances, approve once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.ports import StoredDraft
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


def add_comment(engine: Engine, draft_id: int, user: str, text: str, *, now: datetime) -> bool:
    """Keep a change request; the draft is then ``changes_requested`` unless it was approved meanwhile."""
    with Session(engine) as s:
        row = s.execute(select(DraftRow).where(DraftRow.id == draft_id).with_for_update()).scalars().first()  # type: ignore[arg-type]
        if row is None:
            return False
        row.comments = [*row.comments, {"user": user, "at": now.isoformat(), "text": text}]
        if row.status != "approved":
            row.status = "changes_requested"
        s.add(row)
        s.commit()
    return True
