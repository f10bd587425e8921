"""Ranking on a small hand-made corpus (a fictional council): paraphrase, 表記ゆれ, loose labels, places."""

from __future__ import annotations

from knowledge.engine import Engine
from knowledge.model import ConsultationRecord, PassageRecord
from knowledge.query import parse_query

COUNCIL = "かえで市個人情報保護審議会"


def _c(cid: int, label: str, title: str, status: str = "decided", outcome: str = "可", reason: str | None = None,
       source: str = "kaede_12.txt", session: str = "第12回", date: str = "2023-06-15",
       council: str = COUNCIL, municipality: str = "かえで市") -> ConsultationRecord:
    return ConsultationRecord(id=cid, source=source, label=label, title=title, department=None, kind=None,
                              status=status, outcome=outcome, reason=reason, requests=[], qa=[], council=council,
                              municipality=municipality, session=session, meeting_date=date)  # type: ignore[arg-type]


def _p(pid: int, text: str, kind: str = "body", c: ConsultationRecord | None = None, source: str = "kaede_12.txt",
       session: str = "第12回", date: str = "2023-06-15", council: str = COUNCIL,
       municipality: str = "かえで市") -> PassageRecord:
    return PassageRecord(id=pid, source=source, kind=kind, text=text, start=0, council=council,  # type: ignore[arg-type]
                         municipality=municipality, session=session, meeting_date=date,
                         consultation_id=c.id if c else None, consultation_label=c.label if c else None,
                         consultation_title=c.title if c else None, status=c.status if c else None,
                         outcome=c.outcome if c else None)


def make_engine() -> Engine:
    c1 = _c(1, "諮問第7号", "予防接種記録システムの外部委託について", outcome="可")
    c2 = _c(2, "諮問第8号", "電子申請システムへの決済機能の追加について", status="pending", outcome="継続審議",
            reason="事業者の選定資料の提出待ちのため")
    c3 = _c(3, "諮問事項イ", "図書館システムのクラウド移行について", source="momiji_3.txt", session="令和5年度第3回",
            date="2024-01-20", council="もみじ町情報公開・個人情報保護審議会", municipality="もみじ町")
    ps = [
        _p(1, "かえで市個人情報保護審議会 第12回 令和5年6月15日 出席委員 6名中5名", "header"),
        _p(2, c1.title, "title", c1),
        _p(3, "委員：接種記録のデータをUSBメモリで持ち出すことはあるのか。\n実施機関：外部媒体への書き出しは禁止しており、"
              "端末のUSBポートは無効化しています。", "qa", c1),
        _p(4, "委員：委託先が変わった場合、古いデータはどうするのか。\n実施機関：契約終了時に受託者にデータを消去させ、"
              "消去証明書を提出させます。", "qa", c1),
        _p(5, "審議の結果、諮問第7号は諮問のとおり可とされた。", "outcome", c1),
        _p(6, c2.title, "title", c2),
        _p(7, "委員：クレジットカード番号は市が保持するのか。\n実施機関：カード番号は決済代行事業者のみが扱い、"
              "市のシステムには残りません。", "qa", c2),
        _p(8, "意見公募手続（パブリックコメント）を7月に実施し、寄せられた意見は3件でした。", "body", c2),
        _p(9, c3.title, "title", c3, source="momiji_3.txt", session="令和5年度第3回", date="2024-01-20",
           council=c3.council or "", municipality="もみじ町"),
        _p(10, "委員：貸出履歴はクラウド事業者から見えるのか。\n実施機関：貸出履歴は暗号化して保存し、事業者は"
               "復号できません。返却後の貸出履歴は翌日に削除します。", "qa", c3, source="momiji_3.txt",
           session="令和5年度第3回", date="2024-01-20", council=c3.council or "", municipality="もみじ町"),
    ]
    return Engine.from_records([c1, c2, c3], ps)


ENGINE = make_engine()


def top(question: str, ctx: int | None = None) -> int | None:
    hits = ENGINE.search(question, ctx)
    return hits[0].passage_id if hits else None


def test_paraphrase_via_thesaurus() -> None:
    assert top("ﾊﾟﾌﾞｺﾒで意見は何件きた?") == 8
    assert top("USBで持ち出せるの?") == 3
    assert top("外部記録媒体に書き出せる?") == 3
    assert top("ワクチンの記録を委託する件で、契約が終わったらデータは破棄される?") == 4


def test_width_and_spelling_variants() -> None:
    assert top("ＵＳＢメモリで持ち出すことは？") == 3
    assert top("クレジットカードの番号は市が保持する？") == top("ｸﾚｼﾞｯﾄｶｰﾄﾞの番号は市が保持する?") == 7


def test_own_passage_beats_neighbour_sharing_words() -> None:
    # both Q&A of 諮問第7号 mention the data; the question is about what happens when the contract ends
    assert top("委託先が変わったら古いデータはどうなる?") == 4


def test_loose_labels_and_meeting() -> None:
    q = parse_query("諮問7号はどうなった？")
    assert q.label_nums == {"7"} and q.intent == "outcome"
    assert parse_query("案件２の結論").label_nums == {"2"}
    assert parse_query("イの件どうなった").label_kana == {"イ"}
    q = parse_query("令和5年度第3回の審議会")
    assert q.session_nums == {"3"} and {2023, 2024} <= q.years
    assert parse_query("2024年1月の審議会").months == {(2024, 1)}


def test_named_municipality_boosts_its_minutes() -> None:
    hits = ENGINE.search("もみじ町の貸出履歴の扱いは?")
    assert hits[0].source == "momiji_3.txt"
    assert top("もみじの図書館システムの件") in (9, 10)


def test_query_classification() -> None:
    assert parse_query("まだ結論が出ていない案件は?").intent == "pending"
    assert parse_query("継続審議になっているのは？").intent == "pending"
    assert parse_query("次の審議会はいつ?").intent == "next_meeting"
    assert parse_query("決済機能の件はどうなった?").intent == "outcome"
    assert parse_query("委託先はどこ?").intent == "fact"


def test_suffix_compound_and_thesaurus_paraphrase() -> None:
    """録画機 (録画+機) is one concept; its paraphrase レコーダー and 置く -> 保管 find the passage."""
    from knowledge.tokenize import query_units

    units = query_units("録画機はどこに置く", keep={"置く"})
    assert units[0].word == "録画機" and units[0].parts == ("録画", "機")
    assert [u.word for u in units][-1] == "置く"
    c = _c(9, "諮問第9号", "公民館への防犯カメラの設置について")
    engine = Engine.from_records([c], [
        _p(1, c.title, "title", c),
        _p(2, "本諮問は、公民館に防犯カメラを設置し、映像を記録するものである。", "body", c),
        _p(3, "映像を記録するネットワークビデオレコーダーは施錠した事務室内に保管する。", "body", c),
        _p(4, "カメラの台数は4台で、撮影範囲は出入口に限る。", "body", c),
    ])
    assert "レコーダー" in engine.search("公民館の防犯カメラの録画機はどこに置く?")[0].passage


def test_place_like_word_unknown_to_corpus_stays_a_content_word() -> None:
    q = parse_query("水道の検針データはいつ消すの?", frozenset({"かえで市"}))
    assert "水道" in [c.word for c in q.concepts]


def test_focus_word_in_one_other_passage_does_not_lend_coverage() -> None:
    """A rare word of a single passage of the consultation is that passage's subject, not its neighbours'."""
    c = _c(9, "諮問第9号", "データセンターの利用について")
    engine = Engine.from_records([c], [
        _p(1, c.title, "title", c),
        _p(2, "本諮問は、基幹系システムをデータセンターへ移す件である。データセンターは国内にある。", "body", c),
        _p(3, "データセンターは耐震構造で、非常用電源を備え、データは暗号化して保管している。", "body", c),
        _p(4, "入館時はセキュリティゲートにより共連れを防止している。", "body", c),
    ])
    assert "共連れ" in engine.search("データセンターで共連れってどう防いでる?")[0].passage
