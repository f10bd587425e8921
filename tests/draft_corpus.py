"""Records of the demo corpus and of the seeds, built in memory (as storage would number them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from knowledge.decode import decode_bytes, to_plain_text
from knowledge.model import ConsultationRecord, PassageRecord
from knowledge.records import flatten
from knowledge.structure import parse_document

DEMO_DIR = Path(__file__).resolve().parents[1] / "demo_corpus"


@dataclass
class Corpus:
    consultations: list[ConsultationRecord]
    passages: list[PassageRecord]

    def texts(self) -> dict[int, str]:
        """Consultation id -> the text of its passages (what ``knowledge.precedents.similar`` reads)."""
        out: dict[int, list[str]] = {}
        for p in self.passages:
            if p.consultation_id is not None:
                out.setdefault(p.consultation_id, []).append(p.text)
        return {k: "\n".join(v) for k, v in out.items()}

    def find(self, source_prefix: str, label: str) -> ConsultationRecord:
        return next(c for c in self.consultations if c.source.startswith(source_prefix) and c.label == label)


def demo_files() -> list[Path]:
    return sorted(p for p in DEMO_DIR.iterdir() if p.suffix in (".txt", ".md", ".html"))


def load(paths: Iterable[Path]) -> Corpus:
    consultations: list[ConsultationRecord] = []
    passages: list[PassageRecord] = []
    for path in paths:
        text = to_plain_text(decode_bytes(path.read_bytes(), path.name), path.name)
        cs, ps = flatten(path.name, parse_document(text, path.name), len(consultations) + 1, len(passages) + 1)
        consultations += cs
        passages += ps
    return Corpus(consultations, passages)
