from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from knowledge.decode import decode_bytes, to_plain_text
from knowledge.model import ParsedDocument
from knowledge.structure import parse_document
from tests.support.words import worded

FIXTURES = Path(__file__).parent / "fixtures"


def load(path: Path) -> ParsedDocument:
    text = to_plain_text(decode_bytes(path.read_bytes(), path.name), path.name)
    return parse_document(text, path.name)


def seed(seeds_dir: Path, prefix: str) -> ParsedDocument:
    matches = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"シード {prefix} がありません")
    return load(matches[0])


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def labels(doc: ParsedDocument) -> list[str]:
    return [c.label for c in doc.consultations]


def assert_passages_sound(doc: ParsedDocument) -> None:
    covered = bytearray(len(doc.text))
    for p in doc.passages:
        assert p.text == doc.text[p.start : p.end], (p.kind, p.start)
        assert p.text and p.text == p.text.strip()
        assert p.consultation_index is None or 0 <= p.consultation_index < len(doc.consultations)
        covered[p.start : p.end] = b"\x01" * (p.end - p.start)
    missing = [i for i, ch in enumerate(doc.text) if not covered[i] and not ch.isspace()]
    assert not missing, f"passages leave text uncovered at {missing[:5]}: {doc.text[missing[0] : missing[0] + 30]!r}"
    body = [p for p in doc.passages if p.kind in ("body", "header")]
    assert all(len(p.text) < 1200 for p in body)


def assert_consultations_sound(doc: ParsedDocument) -> None:
    for c in doc.consultations:
        assert c.title, c.label
        assert c.status in ("decided", "pending", "unknown")
        assert bool(c.outcome) == (c.status != "unknown"), c.label  # an outcome only where the text records one
        for qa in c.qa:
            assert qa.question and qa.answer
            assert doc.text[qa.start : qa.end].strip()
    kinds = {(p.kind, p.consultation_index) for p in doc.passages}
    outcomes = [p for p in doc.passages if p.kind == "outcome"]
    for i, c in enumerate(doc.consultations):
        assert ("title", i) in kinds, c.label
        if c.status == "unknown":
            continue
        # a decision shared by several consultations (オ・カ) is one passage
        assert any(p.consultation_index == i or c.start <= p.start < c.end for p in outcomes), c.label


def test_ichikawa_tabular_header_and_verbatim_minutes(seeds_dir: Path) -> None:
    doc = seed(seeds_dir, "000")
    m = doc.meeting
    assert doc.doc_kind == "minutes"
    assert (m.municipality, m.council, m.session) == ("市川市", "市川市個人情報保護審議会", "令和4年度第2回")
    assert (m.date, m.start_time, m.end_time) == ("2022-12-20", "15:00", "15:53")
    assert m.place and "第3委員会室" in m.place
    assert len(m.present) == 7 and m.chair == "小林 俊之"
    assert m.secretariat
    assert labels(doc) == ["諮問事項ア", "諮問事項イ"]
    ka, ki = doc.consultations
    assert ka.department == "新型コロナウイルス対策課" and ki.department == "市民課"
    assert ka.kind == "特定個人情報保護評価"
    # the minutes record no decision: (委員一同異議なし) only agrees to closing the questions (質疑を終えます)
    assert [(c.status, c.outcome) for c in doc.consultations] == [("unknown", ""), ("unknown", "")]
    assert len(ka.qa) >= 2 and ka.qa[0].asker == "松原副会長" and "対策課" in (ka.qa[0].answerer or "")
    assert "専用タブレット" in ka.qa[1].question and "国から貸与" in ka.qa[1].answer
    assert_consultations_sound(doc)
    assert_passages_sound(doc)
    assert worded(doc.warnings) == [
        "結論の記載が見つからない諮問があります（諮問事項ア、諮問事項イ）。「結論の記載なし」として登録しました"
    ]


def test_higashimurayama_bullet_qa(seeds_dir: Path) -> None:
    doc = seed(seeds_dir, "001")
    m = doc.meeting
    assert (m.municipality, m.session, m.date) == ("東村山市", "平成26年度第5回", "2015-01-21")
    assert (m.start_time, m.end_time) == ("18:30", "21:10")
    assert len(m.present) == 6 and m.chair == "臼井雅子" and m.absent == ["水戸部瑞江"]
    assert labels(doc) == ["諮問第10号", "諮問第11号", "諮問第12号"]
    assert [c.department for c in doc.consultations] == ["生活福祉課", "情報政策課", "情報政策課"]
    assert all(c.status == "decided" and c.outcome.startswith("可") for c in doc.consultations)
    first = doc.consultations[0]
    assert first.title == "東村山市生活困窮者自立支援事業施行準備業務委託"
    assert "外部委託" in (first.kind or "")
    assert first.qa[0].question.endswith("どのくらいか。") and first.qa[0].answer.startswith("90世帯")
    assert first.qa[0].answerer == "生活福祉課"
    assert any(q.answer.startswith("お見込みのとおり") for q in first.qa)
    assert all(len(c.qa) >= 5 for c in doc.consultations)
    assert_consultations_sound(doc)
    assert_passages_sound(doc)


def test_fujisawa_toshin(seeds_dir: Path) -> None:
    doc = seed(seeds_dir, "002")
    m = doc.meeting
    assert doc.doc_kind == "toshin"
    assert (m.municipality, m.council, m.date) == ("藤沢市", "藤沢市個人情報保護制度運営審議会", "2021-01-14")
    assert labels(doc) == ["第1050号"]
    (c,) = doc.consultations
    assert c.title == "個人番号及び個人番号カードに関することに係るコンピュータ処理について"
    assert c.status == "decided" and c.outcome.startswith("適当")
    assert c.kind == "電子計算機処理"
    outcome = next(p for p in doc.passages if p.kind == "outcome")
    assert "適当であると認められる" in outcome.text
    assert_consultations_sound(doc)
    assert_passages_sound(doc)


def test_tama_kana_headings_and_turns(seeds_dir: Path) -> None:
    doc = seed(seeds_dir, "003")
    m = doc.meeting
    assert (m.municipality, m.session, m.date) == ("多摩市", "令和3年度第7回", "2021-12-23")
    assert (m.start_time, m.end_time) == ("10:00", "12:00")
    assert len(m.present) == 7 and m.chair == "藤﨑"
    assert labels(doc) == [f"諮問{k}" for k in "アイウエオカキク"]  # 諮問工 (OCR) is エ; 漏洩報告 are not consultations
    by = {c.label: c for c in doc.consultations}
    assert by["諮問イ"].kind == "本人以外収集" and by["諮問ウ"].kind == "目的外利用"
    assert by["諮問キ"].kind == "指定管理者" and by["諮問ク"].kind == "条例改正"
    assert by["諮問エ"].department == "健康福祉部健康推進課"
    assert all(c.status == "decided" for c in doc.consultations)
    assert all(by[k].outcome.startswith("同意") for k in "諮問ア 諮問イ 諮問ウ 諮問エ 諮問オ 諮問カ 諮問キ".split())
    assert by["諮問オ"].qa and by["諮問カ"].qa  # shared discussion
    assert by["諮問ア"].qa[0].asker == "委員" and by["諮問ア"].qa[0].answerer == "納税"
    assert any(q.asker == "会長" for q in by["諮問ア"].qa)
    assert "刑事訴訟法" in by["諮問ク"].qa[-1].answer
    assert_consultations_sound(doc)
    assert_passages_sound(doc)


def test_suita_pending_cases(seeds_dir: Path) -> None:
    doc = seed(seeds_dir, "004")
    m = doc.meeting
    assert (m.municipality, m.council, m.session) == ("吹田市", "吹田市個人情報保護審議会", "第74回")
    assert (m.date, m.start_time, m.end_time) == ("2022-01-21", "15:00", "17:07")
    assert len(m.present) == 9 and len(m.absent) == 2 and m.chair == "畠田 健治"
    assert labels(doc) == ["案件(1)", "案件(2)", "案件(3)"]
    c1, c2, c3 = doc.consultations
    assert c1.status == "decided" and c1.outcome.startswith("同意")
    assert any("万全な対策" in r for r in c1.requests)
    assert c2.status == "pending" and "追加資料" in c2.outcome and c2.reason and "追加資料" in c2.reason
    assert c3.status == "pending" and c3.reason and "予定時間超過" in c3.reason
    assert c1.department == "行政経営部 情報政策室" and c3.department == "地域教育部 放課後子ども育成室"
    assert len(c1.qa) >= 3 and len(c2.qa) >= 5
    assert c1.qa[0].asker == "委員" and c1.qa[0].answerer == "実施機関"
    outcome = [p.text for p in doc.passages if p.kind == "outcome" and "全員一致で同意" in p.text]
    assert len(outcome) == 1 and "万全な対策" in outcome[0]  # the decision and its request, said in one line
    assert_passages_sound(doc)


def test_seed_totals(seeds_dir: Path) -> None:
    docs = [load(p) for p in sorted(seeds_dir.glob("*.txt"))]
    consultations = [c for d in docs for c in d.consultations]
    assert len(consultations) == 17
    pending = [c.label for c in consultations if c.status == "pending"]
    assert pending == ["案件(2)", "案件(3)"]


def test_dev_question_keys_are_in_passages(seeds_dir: Path) -> None:
    path = seeds_dir.parent / "eval" / "dev_questions.jsonl"
    if not path.exists():
        pytest.skip(f"評価用の質問がありません: {path}")
    docs: dict[str, ParsedDocument] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        source = seeds_dir / item["source"]
        if not source.exists():
            continue
        doc = docs.setdefault(item["source"], load(source))
        keys = [norm(k) for k in item["keys"]]
        assert any(all(k in norm(p.text) for k in keys) for p in doc.passages), item["q"]


def test_shift_jis_fixture() -> None:
    doc = load(FIXTURES / "minutes_sjis.txt")
    m = doc.meeting
    assert (m.municipality, m.session, m.date, m.start_time, m.end_time) == (
        "北川市",
        "令和5年度第3回",
        "2023-11-08",
        "14:00",
        "15:30",
    )
    assert m.present == ["山田", "佐藤", "鈴木", "高橋", "田中"] and m.absent == ["伊藤"] and m.chair == "山田"
    assert labels(doc) == ["諮問第21号", "諮問第22号"]  # (3) 報告事項 is not a consultation
    c21, c22 = doc.consultations
    assert (c21.status, c21.outcome, c21.department) == ("decided", "可", "こども家庭課")
    assert c22.status == "pending" and c22.outcome == "継続審議（追加資料の提出待ち）"
    assert len(c21.qa) == 2 and c21.qa[1].answerer == "こども家庭課" and "金庫" in c21.qa[1].answer
    assert "継続審議" not in c22.qa[0].answer
    assert_passages_sound(doc)


def test_euc_jp_fixture() -> None:
    doc = load(FIXTURES / "minutes_eucjp.txt")
    assert (doc.meeting.municipality, doc.meeting.date, doc.meeting.chair) == ("南山町", "2024-02-05", "木村 花子")
    (c,) = doc.consultations
    assert (c.label, c.kind, c.department) == ("案件(1)", "目的外利用", "保健福祉課")
    assert c.outcome == "同意（要望あり）" and c.requests
    assert [q.asker for q in c.qa] == ["委員", "委員"] and c.qa[0].answer.startswith("氏名")
    assert_passages_sound(doc)


def test_html_fixture() -> None:
    doc = load(FIXTURES / "minutes.html")
    assert (doc.meeting.council, doc.meeting.date) == ("西浜市個人情報保護審議会", "2022-07-12")
    assert doc.meeting.present == ["岡本 誠", "前田 京子", "村上 健"]
    (c,) = doc.consultations
    assert (c.label, c.outcome, c.department) == ("諮問第3号", "可", "中央図書館")
    assert c.qa and c.qa[0].answerer == "中央図書館"
    assert_passages_sound(doc)


def test_impossible_date_is_a_warning() -> None:
    doc = load(FIXTURES / "bad_date.txt")
    assert doc.meeting.date is None
    assert "日付「令和5年14月24日」は存在しない日付です" in worded(doc.warnings)
    assert doc.meeting.council == "東浦市個人情報保護審議会" and doc.meeting.start_time == "15:00"
    (c,) = doc.consultations
    assert c.status == "decided" and c.outcome == "同意" and c.kind == "本人以外収集"
    assert_passages_sound(doc)


def test_missing_header_is_a_warning() -> None:
    doc = load(FIXTURES / "no_header.txt")
    assert doc.meeting.date is None and doc.meeting.council is None
    assert any("見出し" in w for w in worded(doc.warnings)) and any("開催日" in w for w in worded(doc.warnings))
    assert [p.kind for p in doc.passages] == ["qa", "qa"]
    assert_passages_sound(doc)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "諮問",
        "令和5年14月24日",
        "【委員】\n",
        "委員：",
        "(1)\n(2)\n",
        "○ 諮問第1号",
        "「" * 50,
        "\t" * 20,
    ],
)
def test_garbage_never_raises(text: str) -> None:
    doc = parse_document(text, "x.txt")
    assert doc.text == text
    for p in doc.passages:
        assert p.text == text[p.start : p.end]


def test_running_meeting_number_is_kept_beside_the_session() -> None:
    """「令和5年度第1回 …審議会（通算第31回）」: members say either 第1回 or 第31回."""
    from knowledge.corpus import MeetingInfo
    from knowledge.structure_header import parse_council

    session, council, _ = parse_council("令和5年度第1回 かえで市個人情報保護審議会（通算第31回）", "")
    assert session == "令和5年度第1回（通算第31回）" and council == "かえで市個人情報保護審議会"
    assert MeetingInfo("a.txt", council, "かえで市", session, None).session_nums() == {"1", "31"}
