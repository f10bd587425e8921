"""Precedents: similar consultations of other documents (one per matter), by kind, data and safeguards."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.lineage import same_matter
from knowledge.model import ConsultationRecord
from knowledge.precedents import SAFEGUARDS, kinds_of_record, profile, similar
from tests.draft_corpus import Corpus, demo_files, load

KEYS = {"id", "source", "label", "title", "kind", "status", "outcome", "score", "why"}


@pytest.fixture(scope="module")
def demo() -> Corpus:
    return load(demo_files())


@pytest.fixture
def everything(seeds_dir: Path) -> Corpus:
    return load([*sorted(seeds_dir.glob("*.txt")), *demo_files()])


def by_id(corpus: Corpus) -> dict[int, ConsultationRecord]:
    return {c.id: c for c in corpus.consultations}


def test_kinds_are_normalised_from_kind_and_title() -> None:
    rec = ConsultationRecord(id=1, source="a", label="諮問第1号", title="健診業務の外部委託（再委託を含む）",
                             department=None, kind=None, status="decided", outcome="可", reason=None, requests=[],
                             qa=[], council=None, municipality="架空市", session=None, meeting_date="2024-01-01")
    assert kinds_of_record(rec) == {"外部委託"}
    assert "特定個人情報保護評価" in kinds_of_record(rec, "全項目評価書の第三者点検")


def test_safeguards_come_from_one_vocabulary(demo: Corpus) -> None:
    names = [name for name, _ in SAFEGUARDS]
    c = demo.find("2024-02", "第21号")
    p = profile(c, demo.texts()[c.id])
    assert {"暗号化", "多要素認証", "ISMS・Pマーク"} <= set(p.safeguards) <= set(names)


def test_an_outsourcing_item_finds_outsourcing_items_of_other_meetings(demo: Corpus) -> None:
    target = demo.find("2023-05", "諮問事項イ")
    found = similar(target, demo.consultations, demo.texts(), k=3)
    assert found and all(p.source != target.source for p in found)
    assert all("外部委託" in (p.kind or "") for p in found)
    assert all("同じ種類: 外部委託" in p.why for p in found)
    assert all(set(p.to_dict()) == KEYS for p in found)
    assert found == similar(target, demo.consultations, demo.texts(), k=3)  # deterministic


def test_an_outsourcing_item_finds_outsourcing_items_of_other_councils(everything: Corpus) -> None:
    target = everything.find("001_", "諮問第10号")
    found = similar(target, everything.consultations, everything.texts(), k=5)
    records = by_id(everything)
    assert len(found) == 5
    assert all("外部委託" in (p.kind or "") for p in found[:3])
    assert all(records[p.id].municipality != target.municipality for p in found)
    assert any(w.startswith("共通する安全対策") and "廃棄・消去" in w for p in found[:3] for w in p.why)
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)


def test_an_assessment_item_finds_assessment_items_preferring_other_councils(everything: Corpus) -> None:
    records = by_id(everything)
    ichikawa = everything.find("000_", "諮問事項ア")
    found = similar(ichikawa, everything.consultations, everything.texts(), k=5)
    assert found[0].kind == "特定個人情報保護評価" and records[found[0].id].municipality == "みどり野市"
    assert "同じ種類: 特定個人情報保護評価" in found[0].why
    assert all(p.source != ichikawa.source for p in found)  # イ is another matter, but in the same document
    midorino = everything.find("2023-05", "諮問事項ア")
    found = similar(midorino, everything.consultations, everything.texts(), k=5)
    assessments = [p for p in found if p.kind == "特定個人情報保護評価"]
    assert {records[p.id].label for p in assessments} == {"諮問事項ア", "諮問事項イ"}
    assert all(records[p.id].municipality == "市川市" for p in assessments)
    assert found[:2] == assessments


def test_one_matter_seen_at_two_meetings_counts_once_as_its_latest_record(everything: Corpus) -> None:
    records = by_id(everything)
    target = everything.find("004_", "案件(1)")  # 吹田市: 電子申込システムへの決済機能 (結合)
    found = similar(target, everything.consultations, everything.texts(), k=10)
    matter = [p for p in found if records[p.id].municipality == "みどり野市" and "第21号" in p.label]
    assert len(matter) == 1 and matter[0].source.startswith("2024-02_答申")  # the 答申, not the 継続審議 minutes
    assert matter[0].status == "decided"
    assert any("口座・決済" in w for w in matter[0].why)
    assert not any(same_matter(target, records[p.id]) for p in found)


def test_a_profile_is_kept_as_json_and_read_back_only_under_the_same_rules(demo: Corpus) -> None:
    import json

    from knowledge.precedents import PROFILE_VERSION, Profile

    c = demo.find("2024-02", "第21号")
    p = profile(c, demo.texts()[c.id])
    kept = json.loads(json.dumps(p.to_stored(), ensure_ascii=False))
    assert kept["v"] == PROFILE_VERSION and Profile.from_stored(kept) == p
    assert Profile.from_stored({**kept, "v": "other rules"}) is None and Profile.from_stored(None) is None


def test_a_parsed_documents_profiles_are_those_of_its_stored_records(demo: Corpus) -> None:
    """What ingest keeps (made from the parsed document) is what the records and their passages give."""
    from knowledge.decode import decode_bytes, to_plain_text
    from knowledge.precedents import document_profiles
    from knowledge.structure import parse_document
    from tests.draft_corpus import demo_files

    texts = demo.texts()
    for path in demo_files():
        doc = parse_document(to_plain_text(decode_bytes(path.read_bytes(), path.name), path.name), path.name)
        records = [c for c in demo.consultations if c.source == path.name]
        assert len(records) == len(doc.consultations)
        assert document_profiles(doc) == [profile(c, texts.get(c.id, "")) for c in records]
