"""Flatten a ParsedDocument into the records storage keeps (for in-memory use in tests and benchmarks).

``bot.repository`` builds identical records from the database; this is the same mapping without one.
"""

from __future__ import annotations

from knowledge.model import ConsultationRecord, ParsedDocument, PassageRecord


def flatten(
    source: str, doc: ParsedDocument, first_consultation_id: int = 1, first_passage_id: int = 1
) -> tuple[list[ConsultationRecord], list[PassageRecord]]:
    """Consultation and passage records of one document, numbered from the given first ids."""
    m = doc.meeting
    consultations = [
        ConsultationRecord(
            id=first_consultation_id + i, source=source, label=c.label, title=c.title, department=c.department,
            kind=c.kind, status=c.status, outcome=c.outcome, reason=c.reason, requests=list(c.requests),
            qa=list(c.qa), council=m.council, municipality=m.municipality, session=m.session, meeting_date=m.date,
        )
        for i, c in enumerate(doc.consultations)
    ]
    passages: list[PassageRecord] = []
    for i, p in enumerate(doc.passages):
        c = consultations[p.consultation_index] if p.consultation_index is not None else None
        passages.append(
            PassageRecord(
                id=first_passage_id + i, source=source, kind=p.kind, text=p.text, start=p.start, council=m.council,
                municipality=m.municipality, session=m.session, meeting_date=m.date,
                consultation_id=c.id if c else None, consultation_label=c.label if c else None,
                consultation_title=c.title if c else None, status=c.status if c else None,
                outcome=c.outcome if c else None,
            )
        )
    return consultations, passages
