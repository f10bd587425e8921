"""The secretariat's desk: draft 答申 with their precedents, and their review (``bot.ports.Drafts``).

A draft is built from the record only (``knowledge.drafts.build_draft``): the consultation, every record (for
the matter's lineage), the passages of the documents concerned, and the top precedents (``knowledge.precedents
.rank`` over ALL consultations, by the profiles kept with them: no passage text is read, except to make the
profile of a consultation stored without one, once — ``bot.storage.precedents``). Review: only 事務局 and 会長 (app.yaml
``council.members``) may ask for a draft, approve it or request changes; an approval is stored once, with who
and when (the injected clock).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import tzinfo
from typing import Any

from bot.clock import Clock, SystemClock
from bot.ports import REVIEWER_ROLES, Review, StoredDraft
from bot.settings import Settings
from bot.storage import drafts as draft_store
from bot.storage import knowledge as store
from bot.storage import precedents as profiles_store
from bot.storage.db import Database, open_database
from knowledge.drafts import Draft, build_draft, latest_record
from knowledge.model import ConsultationRecord
from knowledge.precedents import Precedent, Profile, candidates_of, profile, rank
from templates.drafts import render_draft

DRAFT_PRECEDENTS = 3  # precedents a draft carries
SIMILAR_DEFAULT = 5  # precedents ``shingikai similar`` lists


@dataclass
class DraftResult:
    """A built draft with what it was built from."""

    consultation: ConsultationRecord
    draft: Draft
    precedents: list[Precedent]


class DeskService:
    """Drafts, precedents and their review over one database."""

    def __init__(self, db: Database, settings: Settings, clock: Clock | None = None) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()

    @classmethod
    def open(cls, settings: Settings, *, clock: Clock | None = None, db: Database | None = None) -> DeskService:
        return cls(db if db is not None else open_database(settings.database_url), settings, clock)

    @property
    def tz(self) -> tzinfo:
        return self.settings.config.tz

    # -- building -------------------------------------------------------------------------------------------
    def consultation(self, consultation_id: int) -> ConsultationRecord | None:
        return store.consultation(self.db, consultation_id)

    def similar(self, consultation_id: int, k: int = SIMILAR_DEFAULT) -> list[Precedent] | None:
        """The ``k`` most similar consultations of other meetings or councils; None for an unknown id."""
        target = store.consultation(self.db, consultation_id)
        if target is None:
            return None
        return self._precedents(target, store.consultations(self.db, with_qa=False), k)

    def build(self, consultation_id: int) -> DraftResult | None:
        """The draft 答申 of a consultation (None for an unknown id)."""
        target = store.consultation(self.db, consultation_id)
        if target is None:
            return None
        records = store.consultations(self.db)
        precedents = self._precedents(target, records, DRAFT_PRECEDENTS)
        matter = latest_record(target, records)
        sources = {r.source for r in matter} | {p.source for p in precedents}
        passages = store.passages_of_sources(self.db, sources)
        draft = build_draft(target, passages, records, precedents, render=render_draft)
        return DraftResult(target, draft, precedents)

    def _precedents(self, target: ConsultationRecord, records: list[ConsultationRecord], k: int) -> list[Precedent]:
        pool = candidates_of(target, records)
        if not pool:
            return []
        profiles = self._profiles([target.id, *(c.id for c in records)])  # all: any missing are made once
        if target.id not in profiles:  # gone meanwhile (its document replaced)
            return []
        return rank(target, profiles[target.id], [c for c in pool if c.id in profiles], profiles, k)

    def _profiles(self, ids: list[int]) -> dict[int, Profile]:
        """The kept profiles of ``ids``; those missing (or made by other rules) are made now, and kept."""
        kept = profiles_store.kept_profiles(self.db)
        found = {i: p for i in ids if (p := Profile.from_stored(kept.get(i))) is not None}
        missing = [i for i in ids if i not in found]
        if missing:
            def make(c: ConsultationRecord, text: str) -> dict[str, Any]:
                found[c.id] = profile(c, text)
                return found[c.id].to_stored()

            profiles_store.make_profiles(self.db, missing, make)
        return found

    # -- bot.ports.Drafts -----------------------------------------------------------------------------------
    def secretariat_channel(self) -> str:
        return self.settings.config.channels.secretariat

    def role(self, user: str) -> str | None:
        return next((m.role for m in self.settings.config.members if m.slack_id == user), None)

    def can_review(self, user: str) -> bool:
        return self.role(user) in REVIEWER_ROLES

    def member_name(self, user: str) -> str | None:
        return next((m.name for m in self.settings.config.members if m.slack_id == user), None)

    def create(self, consultation_id: int, requested_by: str) -> StoredDraft | None:
        built = self.build(consultation_id)
        if built is None:
            return None
        stored = draft_store.create_draft(self.db, consultation_id, built.draft.text, built.draft.to_dict(),
                                          requested_by=requested_by, now=self.clock.now())
        return self._local(stored)

    def posted(self, draft_id: int, channel: str, ts: str) -> None:
        draft_store.set_posted(self.db, draft_id, channel, ts)

    def draft(self, draft_id: int) -> StoredDraft | None:
        found = draft_store.get_draft(self.db, draft_id)
        return self._local(found) if found else None

    def current(self, consultation_id: int) -> StoredDraft | None:
        """The latest approved draft of the consultation; else its latest draft (awaiting review); else None."""
        drafts = draft_store.drafts_of(self.db, consultation_id)
        approved = [d for d in drafts if d.status == "approved"]
        chosen = (approved or drafts or [None])[-1]
        return self._local(chosen) if chosen else None

    def approve(self, draft_id: int, user: str) -> Review:
        if not self.can_review(user):
            return Review("forbidden")
        if draft_store.get_draft(self.db, draft_id) is None:
            return Review("not_found")
        done = draft_store.approve(self.db, draft_id, user, now=self.clock.now())
        return Review("done" if done else "already", self.draft(draft_id))

    def request_changes(self, draft_id: int, user: str, comment: str) -> Review:
        if not self.can_review(user):
            return Review("forbidden")
        outcome = draft_store.add_comment(self.db, draft_id, user, comment.strip(), now=self.clock.now())
        if outcome == "not_found":
            return Review("not_found")
        return Review(outcome, self.draft(draft_id))

    def _local(self, d: StoredDraft) -> StoredDraft:
        """Times in the council's zone (what people read)."""
        return replace(d, created_at=d.created_at.astimezone(self.tz),
                       approved_at=d.approved_at.astimezone(self.tz) if d.approved_at else None)
