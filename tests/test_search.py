"""Ranking on a small hand-made corpus (a fictional council): paraphrase, 表記ゆれ, loose labels, places."""

from __future__ import annotations

import numpy as np

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
    assert parse_query("次の審査会いつ頃?").intent == "next_meeting"
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


def _meeting_engine() -> Engine:
    """One consultation with a long intro naming its topic, two Q&A pairs, and a header with the meeting times;
    the same matter again at a later meeting, where what was deferred is answered."""
    c1 = _c(1, "諮問第3号", "水道の検針情報の目的外利用について")
    c2 = _c(2, "諮問第3号", "水道の検針情報の目的外利用について", source="kaede_13.txt", session="第13回",
            date="2023-09-14")
    later = {"source": "kaede_13.txt", "session": "第13回", "date": "2023-09-14"}
    return Engine.from_records([c1, c2], [
        _p(1, "開催日時 令和5年6月15日(木) 14:00 ~ 15:48\n開催場所 かえで市役所 第1委員会室", "header"),
        _p(2, c1.title, "title", c1),
        _p(3, "本諮問は、ひとり暮らし高齢者の見守りのため、水道の検針情報を高齢者支援課に提供するものである。"
              "対象は75歳以上の世帯で、検針で使用水量が0であった世帯の住所と氏名を提供する。", "body", c1),
        _p(4, "委員：提供された情報はいつまで持つのか。\n実施機関：対応が終わってから1年で削除する。", "qa", c1),
        _p(5, "委員：情報はどう受け渡すのか。\n実施機関：庁内の専用フォルダに置く。", "qa", c1),
        _p(6, "委員：委託先の認証は。\n実施機関：次回までに資料を示す予定である。", "qa", c1),
        _p(7, "第13回 令和5年9月14日 開会10時00分 閉会11時30分", "header", **later),
        _p(8, c2.title, "title", c2, **later),
        _p(9, "委員：委託先の認証は確認できたか。\n実施機関：委託先はISMS認証を取得している。", "qa", c2, **later),
    ])


MEETING_ENGINE = _meeting_engine()


def test_focus_words_pick_the_pair_over_the_intro() -> None:
    """The topic words (水道, 検針, 見守り) name the consultation; the focus word (消す ~ 削除) picks the pair."""
    hits = MEETING_ENGINE.search("水道の検針データを見守りに使う件、データはいつ消すの?")
    assert hits[0].passage_id == 4


def test_question_on_the_meeting_goes_to_its_header() -> None:
    a = MEETING_ENGINE.ask("2023年6月のかえで市の審議会、何時に終わった?")
    assert a.found and a.sources[0].passage_id == 1 and "15:48" in (a.quote or "")
    q = parse_query("第13回の審議会はどこで開かれた?")
    assert q.meeting_fact == "place" and q.session_nums == {"13"}
    assert parse_query("委託先の認証は何時に確認したの?").meeting_fact is None  # not about the meeting
    assert not MEETING_ENGINE.ask("2019年のかえで市の審議会は何時に終わった?").found  # no such meeting


def test_later_record_of_the_matter_is_preferred() -> None:
    assert MEETING_ENGINE.search("委託先の認証はどうなってる?")[0].passage_id == 9


def test_place_inside_a_longer_proper_noun_is_not_the_place() -> None:
    places = frozenset({"かえで", "多摩"})
    assert parse_query("多摩中央公園の指定期間は?", places).places == []
    assert parse_query("多摩市の公園の件は?", places).places[-1:] in (["多摩市"], ["多摩"])
    assert parse_query("多摩の公園の件は?", places).places == ["多摩"]


def test_lost_one_character_prefix_is_not_matched_by_the_rest() -> None:
    """再委託 is not 委託: a passage on the 委託 alone does not cover 再委託."""
    c = _c(1, "諮問第3号", "資格確認業務の委託について")
    engine = Engine.from_records([c], [
        _p(1, c.title, "title", c),
        _p(2, "保険年金課から資料に基づき委託の内容を説明。", "body", c),
        _p(3, "委員：再委託を認めるのか。\n実施機関：再委託は原則禁止とする。", "qa", c),
    ])
    assert engine.search("資格確認の委託で再委託はいいの?")[0].passage_id == 3


def _answer_engine() -> Engine:
    """A 答申 of a fictional 審査会: its head (number, date, addressee) lies outside its one consultation."""
    src, council, session = "hinata_toshin_dai41.txt", "ひなた町情報公開・個人情報保護審査会", "答申第41号"
    c = _c(1, "諮問第63号", "「町営プールの事故報告書」の非開示決定に対する審査請求", source=src, session=session,
           date="2024-03-08", council=council, municipality="ひなた町")
    other = _c(2, "諮問第5号", "水道料金システムの外部委託について", outcome="可")
    kw = {"source": src, "session": session, "date": "2024-03-08", "council": council, "municipality": "ひなた町"}
    return Engine.from_records([c, other], [
        _p(1, "ひなた町情報公開・個人情報保護審査会答申（答申第41号）令和6年3月8日 ひなた町長 様", "header", **kw),
        _p(2, c.title, "title", c, **kw),
        _p(3, "審査請求人は、令和5年7月3日付けで本件処分の取消しを求めた。実施機関は事故の報告書を保有している。", "body", c, **kw),
        _p(4, "実施機関は、事故報告書のうち監視員の氏名を非開示とした。", "body", c, **kw),
        _p(5, "委員：委託先の選定方法は。\n実施機関：3社によるプロポーザルで選定した。", "qa", other),
    ])


def test_answer_number_and_bare_number_name_the_answer() -> None:
    """「41号」 names the 答申 by the number it bears (its consultation is 諮問第63号); 「63号を…」 its label."""
    q = parse_query("答申41号は何月何日付?")
    assert q.label_nums == {"41"}
    engine = _answer_engine()
    a = engine.ask("答申41号は何月何日付?")
    assert a.found and a.sources[0].passage_id == 1  # the date asked, not how it ended
    assert parse_query("63号を審議した部会は?").label_nums == {"63"}
    assert parse_query("3号館の会議室").label_nums == set()  # a building, not a label


def test_head_of_an_answer_belongs_to_its_consultation() -> None:
    """The head of a 答申 carries its date: a question naming the matter finds it there."""
    engine = _answer_engine()
    assert engine.search("プールの事故の件の答申、何月何日に出た?")[0].passage_id == 1


def test_a_counter_asked_with_nani_wants_that_counter() -> None:
    from knowledge.query import answer_type

    wants = answer_type("委託先は何社から選んだ?")
    assert wants is not None and wants.search("3社によるプロポーザル") and not wants.search("3名")
    assert answer_type("何機関で構成?").search("38機関")  # type: ignore[union-attr]
    assert answer_type("パスワードって何使ってる?") is None  # 何 before a verb asks no count


def test_a_meeting_no_record_is_of_is_not_answered_from_another() -> None:
    """「第13回でどうなった?」 with only 第12回 ingested: not the 12th meeting's outcome, and the answer says why."""
    from templates.answer import answer_text

    engine = make_engine()
    a = engine.ask("かえで市の第13回審議会で予防接種記録システムの委託はどうなった?")
    assert not a.found and a.missing_meeting == "第13回"
    assert "第13回の会議のものがなく" in answer_text(a)
    assert engine.ask("かえで市の第12回審議会で予防接種記録システムの委託はどうなった?").found


def test_how_many_years_wants_a_duration_not_a_date() -> None:
    from knowledge.query import answer_type

    wants = answer_type("記録は何年保存する?")
    assert wants is not None
    assert wants.search("5年間保存する") and wants.search("保存期間は10年とする")
    assert not wants.search("令和5年に導入した") and not wants.search("平成19年12月26日")


def test_the_day_of_an_answer_is_a_date_question() -> None:
    """「答申日は?」 asks a date (not how the matter ended)."""
    q = parse_query("プールの事故の件、答申日は?")
    assert q.intent == "fact" and q.asks_date and q.wants is not None and q.wants.search("令和6年3月8日")


def test_a_passage_of_the_matter_named_by_its_title_is_found_by_its_other_words() -> None:
    """The title names the matter (プールの事故); the passage that answers says only 監視員の氏名: it is still found."""
    engine = _answer_engine()
    hits = engine.search("プールの事故報告書の件、監視員の名前は出してもらえた?")
    assert hits[0].passage_id == 4
    from dataclasses import replace

    from knowledge.search import ALL_PARTS, Ranker

    assert Ranker(engine.corpus, replace(ALL_PARTS, title_match=False)).parts.title_match is False


def test_when_was_the_answer_given_goes_to_the_head_of_the_answer() -> None:
    engine = _answer_engine()
    a = engine.ask("プールの事故報告書の件、答申っていつ出た?")
    assert a.found and a.hits[0].passage_id == 1 and "令和6年3月8日" in (a.quote or "")


def test_a_meeting_typed_loosely_and_who_was_absent() -> None:
    q = parse_query("かえで市の12回を休んだ委員は?", frozenset({"かえで市", "かえで"}))
    assert q.session_nums == {"12"} and q.meeting_fact == "attendance"
    assert q.wants is not None and q.wants.search("欠席：山田") and not q.wants.search("出席：5名")
    assert parse_query("令和5年度1回目の会議、何時に始まった?").session_nums == {"1"}
    assert parse_query("年1回の研修はある?").session_nums == set()  # a frequency, not a meeting


def test_how_many_wants_a_count() -> None:
    from knowledge.query import answer_type

    article = answer_type("聞き取り票、どの条文を根拠に伏せたの?")
    assert article is not None and article.search("旧条例第17条第4号に該当") and not article.search("条例の規定により")
    procedures = answer_type("決済機能、最初は何手続でスタート?")
    assert procedures is not None and procedures.search("23手続で開始") and not procedures.search("手続を23件")
    named = answer_type("協議会はいくつの機関で構成?")
    assert named is not None and named.search("38機関で構成") and not named.search("38人")
    loose = answer_type("自主防災組織は市内にいくつある?")
    assert loose is not None and loose.search("87団体") and not loose.search("令和6年")


def test_how_many_came_asks_attendance_and_which_number_a_label() -> None:
    from knowledge.query import answer_type

    q = parse_query("12月の会、委員は何人来てた?")
    assert any(c.word == "出席" and not c.soft for c in q.concepts)
    wants = answer_type("予約システムの諮問って何号?")
    assert wants is not None and wants.search("諮問（第1050号）") and not wants.search("1050件")


def test_when_was_the_meeting() -> None:
    assert parse_query("かえで市の令和5年度4回目の審議会っていつ?", frozenset({"かえで市", "かえで"})).meeting_fact == "date"


def test_how_many_kinds_wants_a_number_of_kinds() -> None:
    from knowledge.query import answer_type

    wants = answer_type("決済アプリは何種類使える?")
    assert wants is not None and wants.search("スマートフォン決済アプリ4種") and wants.search("3種類")
    assert not wants.search("種別を選ぶ")


def test_a_persons_name_wants_a_name() -> None:
    from knowledge.query import answer_type

    wants = answer_type("担当課の課長の名前は?")
    assert wants is not None
    assert wants.search("出席：高森 和彦(会長)") and wants.search("委員 佐伯雅之、委員 大河内美保")
    assert not wants.search("職員の氏名は非開示とした")  # says there is a name, not which
    assert answer_type("アプリの名前は?") is None  # a thing's name: no pattern


def test_a_named_municipality_is_not_answered_from_another_council() -> None:
    engine = make_engine()
    a = engine.ask("もみじ町の予防接種記録をUSBメモリで持ち出すことはある?")
    assert not a.found  # only かえで市 said so
    assert engine.ask("かえで市の予防接種記録をUSBメモリで持ち出すことはある?").found


def test_a_month_named_without_a_year_must_be_a_meeting_month() -> None:
    engine = make_engine()  # かえで市 met in June
    a = engine.ask("かえで市の3月の審議会で予防接種記録システムの委託はどうなった?")
    assert not a.found and a.missing_meeting == "3月"
    assert parse_query("6月の審議会でどうなった?").meeting_months == {6}
    assert parse_query("2023年6月の審議会でどうなった?").meeting_months == set()  # a year: q.months


def test_gyosha_and_jigyosha_are_one_word() -> None:
    q = parse_query("決済代行業者との通信は暗号化する?")
    assert any("代行事業者" in "".join(c.alts) for c in q.concepts)


def test_a_frequency_is_not_a_meeting() -> None:
    """「年に1回は見直す?」「1回で決まった?」 name no meeting (and so never make one 'missing')."""
    for question in ("評価書は年に1回は見直すの?", "5年に1回は再評価する?", "1回で決まった?", "過去に3回は継続になった?",
                     "年に1回の会議で報告する?"):
        assert parse_query(question).session_nums == set(), question
    assert parse_query("吹田の74回を欠席した委員は?").session_nums == {"74"}


def test_a_heading_alone_answers_nothing() -> None:
    """「１　審査会の結論」 left alone by a PDF's layout is not quoted as the answer to a question on the conclusion."""
    engine = _answer_engine()
    c = engine.corpus.consultations[1]
    frag = Engine.from_records(list(engine.corpus.consultations.values()), [
        _p(1, "１　審査会の結論", "body", c, source=c.source, session=c.session, date=c.meeting_date, council=c.council,
           municipality=c.municipality),
        _p(2, "実施機関が監視員の氏名を非開示とした決定は妥当であると審査会は結論づけた。", "body", c, source=c.source,
           session=c.session, date=c.meeting_date, council=c.council, municipality=c.municipality),
    ])
    assert frag.search("プールの事故の件で審査会の結論は?")[0].passage_id == 2


def test_a_word_naming_the_meeting_is_present_in_every_passage_of_it() -> None:
    """「かえで市の6月の会、委員は何人出てた?」: 6月 and 会 name the meeting; the passage saying how many attended
    (which says neither) covers the question and is given as the answer, not 7月's."""
    june = _p(1, "事務局：本日は委員6名中5名が出席しており、会議は成立しています。")
    july = _p(2, "事務局：本日は委員6名中6名が出席しております。", source="kaede_13.txt", session="第13回",
              date="2023-07-20")
    other = _p(3, "委員：6月の広報誌に掲載した件について、会としての意見を伺いたい。", source="kaede_13.txt",
               session="第13回", date="2023-07-20")
    engine = Engine.from_records([], [june, july, other])
    answer = engine.ask("かえで市の6月の会、委員は何人出てた?")
    assert answer.found and answer.hits[0].passage_id == 1


def test_the_day_something_was_done_is_a_date_question() -> None:
    for question in ("教育委員会からヒアリングした日", "保健師が来た日は?", "決まった日にちは?"):
        q = parse_query(question)
        assert q.asks_date and q.wants is not None and q.wants.search("平成19年11月2日"), question
    assert not parse_query("来た日本人の数").asks_date


def test_when_wants_a_date_and_until_when_also_a_bound() -> None:
    """「いつ?」 wants a date (令和5年, 11月2日), not any passage saying から or まで; 「いつまでに?」 also takes a bound
    said without a date (開始日までに). 生年月日 asks no date."""
    when = parse_query("原本が返ってきたのはいつ?").wants
    assert when is not None and when.search("平成19年11月2日に返還された") and not when.search("押収されてから現在まで")
    until = parse_query("SLAはいつまでに結ぶ?").wants
    assert until is not None and until.search("サービス提供開始日までに締結する")
    assert not parse_query("窓口予約で生年月日は取るの?").asks_date
    assert parse_query("窓口予約で生年月日は取るの?").wants is None


def test_who_is_the_member_wants_a_name() -> None:
    """「部会の委員って誰?」「宛先の市長だれ?」 want a person's name as minutes write it (高森 和彦, 委員 藤原静雄,
    川合委員が指名), not a speaker's label (大野委員：) nor 出席委員; 「休んだ委員だれ?」 still wants 欠席."""
    wants = parse_query("526号を審議した部会の委員って誰?").wants
    assert wants is not None
    assert wants.search("委員 藤原静雄、委員 青木孝") and wants.search("みどり野市長 川端 俊介 様")
    assert wants.search("署名委員は川合委員が指名された")
    assert not wants.search("大野委員：再委託はありますか。") and not wants.search("出席委員の報告")
    absent = parse_query("かえで市の12回を休んだ委員だれ?", frozenset({"かえで市", "かえで"}))
    assert absent.meeting_fact == "attendance" and absent.wants is not None and absent.wants.search("欠席：山田")


def _next_engine() -> Engine:
    said = _p(1, "事務局：次回は7月下旬の開催を予定しております。日程は改めてご案内いたします。")
    other = _p(2, "事務局：次回の審議会は、令和6年10月22日に本庁舎で開催する予定です。", source="momiji_3.txt",
               session="令和6年度第2回", date="2024-08-01", council="もみじ町個人情報保護審議会", municipality="もみじ町")
    vague = _p(3, "事務局：次回開催の日程調整その他事務連絡。本日は令和5年6月15日です。", source="kaede_11.txt",
               session="第11回", date="2023-04-10")
    return Engine.from_records([], [said, other, vague])


def test_the_next_meeting_a_past_meeting_spoke_of_is_read_in_its_minutes() -> None:
    """「第12回のとき、次の会議はいつって話だった?」 names a past meeting: its minutes' 次回 sentence answers, not the
    schedule the bot keeps and not another meeting's 次回; minutes saying no date of it do not answer."""
    engine = _next_engine()
    said = engine.ask("第12回のとき、次の会議はいつ頃って話だった?")
    assert said.found and said.hits[0].passage_id == 1 and "7月下旬" in (said.quote or "")
    q = parse_query("第39回の時点で、次の第40回はいつ予定?")
    assert q.next_in_minutes and q.intent == "fact" and q.session_nums == {"39", "40"}
    assert not engine.ask("第11回のとき、次回はいつって話だった?").found  # the date there is not the next meeting's
    latest = engine.ask("次の審議会はいつ?")  # no schedule kept: what the latest minutes (もみじ町, 2024) said
    assert latest.found and "令和6年10月22日" in (latest.quote or "")
    assert engine.ask("次の審議会はいつ?", scheduled_meetings=["第13回"]).kind == "next_meeting"  # the schedule kept


def test_a_municipality_whose_schedule_the_bot_does_not_keep_is_read_in_its_minutes() -> None:
    engine = Engine.from_records([], [_p(2, "事務局：次回の審議会は、令和6年10月22日に本庁舎で開催する予定です。",
                                         source="momiji_3.txt", session="令和6年度第2回", date="2024-08-01",
                                         council="もみじ町個人情報保護審議会", municipality="もみじ町")])
    answer = engine.ask("もみじ町の次の審議会っていつ?")
    assert answer.found and "令和6年10月22日" in (answer.quote or "")


def _pool_toshin(src: str, session: str, label: str) -> tuple[ConsultationRecord, dict[str, str]]:
    """A 答申 of ひなた町's 審査会 on the pool's accident report: its consultation and the fields of its passages."""
    council = "ひなた町情報公開・個人情報保護審査会"
    c = _c(1, label, "町営プールの事故報告書の非開示決定に対する審査請求", source=src, session=session,
           date="2024-03-08", council=council, municipality="ひなた町")
    return c, {"source": src, "session": session, "date": "2024-03-08", "council": council, "municipality": "ひなた町"}


def test_when_did_the_answer_come_out_is_the_letters_own_date() -> None:
    """「…の答申っていつ出た?」: the head line bearing the 答申's own date (found although it has none of the
    question's words), not the head sentence 「…付けで諮問された…について答申します」 with the 諮問's date."""
    c, kw = _pool_toshin("hinata_toshin_dai42.txt", "答申第42号", "諮問第64号")
    engine = Engine.from_records([c], [
        _p(1, "令和6年3月8日 ひなた町長 様 ひなた町情報公開・個人情報保護審査会 会長 山田 太郎", "header", c, **kw),
        _p(2, "令和5年7月20日付けで諮問された町営プールの事故報告書の非開示決定について、次のとおり答申します。",
           "header", c, **kw),
        _p(3, c.title, "title", c, **kw),
        _p(4, "実施機関は、事故報告書のうち監視員の氏名を非開示とした。", "body", c, **kw),
    ])
    a = engine.ask("プールの事故報告書の答申っていつ出た?")
    assert a.found and a.hits[0].passage_id == 1 and "令和6年3月8日" in (a.quote or "")
    assert not parse_query("答申のあと実際に開示したのはいつ?").asks_letter_date
    assert parse_query("答申日は?").asks_letter_date and not parse_query("諮問っていつ?").asks_letter_date


def test_the_head_of_an_answer_says_to_whom_and_which_inquiry() -> None:
    """「プールの件の答申、宛先は誰?」「諮問の文書番号は?」: the head of the 答申 answers, found by the matter's words
    anywhere in the 答申 (the head has none of them), never a passage that only says 同様 or a number."""
    c, kw = _pool_toshin("hinata_toshin_dai42.txt", "答申第42号", "諮問第64号")
    engine = Engine.from_records([c], [
        _p(1, "令和6年3月8日 ひなた町長 山本 一郎 様 ひなた町情報公開・個人情報保護審査会 会長 山田 太郎", "header", c, **kw),
        _p(2, "令和5年7月20日ひ総第118号による次の諮問について、別紙のとおり答申します。", "body", c, **kw),
        _p(3, c.title, "title", c, **kw),
        _p(4, "実施機関は、プールの事故報告書のうち監視員の氏名を、前年と同様に非開示とした。", "body", c, **kw),
        _p(5, "プールの監視員は、事故の後、第3号の様式で報告した。", "body", c, **kw),
        _p(6, "（第二部会）委員 山田太郎、委員 佐藤花子、委員 鈴木一郎", "body", c, **kw),
    ])
    members = engine.ask("42号を担当した委員って誰だった?")  # the number alone names the 答申
    assert members.found and members.hits[0].passage_id == 6 and "佐藤花子" in (members.quote or "")
    to_whom = engine.ask("プールの事故の件の答申、宛先は誰?")
    assert to_whom.found and to_whom.hits[0].passage_id == 1 and "山本 一郎" in (to_whom.quote or "")
    number = engine.ask("プールの事故報告書の件、諮問の文書番号って何だった?")
    assert number.found and number.hits[0].passage_id == 2 and "ひ総第118号" in (number.quote or "")
    assert parse_query("1276号の宛先は?").letter_fact == "addressee"
    assert parse_query("1276号を担当した委員って誰だった?").letter_fact == "members"
    assert parse_query("通知の宛先は?").letter_fact is None  # no 答申, 諮問 or number: not the head of a 答申


def test_what_followed_an_answer_is_not_read_in_the_answer_itself() -> None:
    """「答申のあと町は実際に出したの?」: a 答申 cannot tell what followed it; its conclusion is no answer (the bot
    says it does not know), while minutes that report the follow-up can answer."""
    c, kw = _pool_toshin("hinata_toshin_dai45.txt", "答申第45号", "諮問第67号")
    head = _p(1, "令和6年3月8日 ひなた町長 様 ひなた町情報公開・個人情報保護審査会 会長 山田 太郎", "header", c, **kw)
    ruling = _p(2, "町長が事故報告書を非開示とした決定は妥当ではなく、監視員の氏名を除き開示すべきである。", "outcome", c, **kw)
    question = "プールの事故報告書の件、答申のあと町は実際に事故報告書を開示したの?"
    assert parse_query(question).after_answer and parse_query(question).intent == "fact"
    assert not Engine.from_records([c], [head, ruling]).ask(question).found
    report = _p(3, "事務局：プールの事故報告書は、答申を受けて令和6年4月1日に監視員の氏名を除き開示しました。", "body",
                source="hinata_minutes_r6_1.txt", session="令和6年度第1回", date="2024-05-10")
    answer = Engine.from_records([c], [head, ruling, report]).ask(question)
    assert answer.found and answer.hits[0].passage_id == 3


def test_the_requests_asked_are_the_passage_saying_them() -> None:
    """「9号の件で付けた要望って何?」: of the passages naming the 要望 of 諮問第9号, the one saying what it asks."""
    c = _c(1, "諮問第9号", "ヤングケアラー支援事業における本人以外からの個人情報の収集について")
    said = ("要望の内容は、一つ、情報の収集後、原則として1か月以内に子ども本人に説明し意向を確認する手順を手引きに明記すること、"
            "二つ、収集件数及び廃棄した件数を、次年度の第1回審議会に報告すること、の2点です。")
    c.requests = ["会長：ただいまのご意見を、審議会としての要望として付したいと思います。", said]
    engine = Engine.from_records([c], [
        _p(1, "会長：ただいまのご意見を、審議会としての要望として付したいと思います。", "body", c),
        _p(2, said, "body", c),
        _p(3, "この要望を付して、諮問第9号については承認することとしてよろしいでしょうか。（異議なし）", "body", c),
        _p(4, "会長：諮問第9号は、要望を付して承認とします。", "outcome", c),
    ])
    assert parse_query("9号の件で審議会が付けた要望って何?").asks_requests
    assert engine.ask("9号の件で審議会が付けた要望って何?").hits[0].passage_id == 2


def test_a_date_asked_of_one_step_stands_beside_that_step() -> None:
    """「諮問っていつ?」: of two passages with the matter's words and a date, the one whose date stands beside 諮問
    (a 審査会の経過 step across a line break counts), not the date of the decision."""
    src = "hinata_toshin_dai43.txt"
    c = _c(1, "諮問第65号", "町営プールの事故報告書の非開示決定に対する審査請求", source=src)
    engine = Engine.from_records([c], [
        _p(1, "プールの事故報告書について、実施機関は令和5年6月1日付けで非開示決定を行った。", "body", c, source=src),
        _p(2, "令和5年7月20日\n・実施機関から事故報告書の諮問書を受理", "body", c, source=src),
    ])
    assert parse_query("プールの事故報告書の件、諮問っていつ?").event.word == "諮問"  # type: ignore[union-attr]
    assert parse_query("戻ってきたのいつ?").event is None  # a verb: no one word says what happened
    assert parse_query("予約のデータっていつ消える?").event is None  # データ is what, 消える when
    asked = parse_query("異議申立てが出されたのって何月何日?").event  # written 申立て, normalised 申し立て
    assert asked is not None and asked.word in ("異議申し立て", "異議申立て")  # the step as written: 異議 + 申し立て, or the whole word
    assert engine.ask("プールの事故報告書の件、諮問っていつ?").hits[0].passage_id == 2
    decision_only = Engine.from_records([c], [_p(1, "プールの事故報告書について、実施機関は令和5年6月1日付けで非開示決定"
                                                    "を行った。", "body", c, source=src),
                                              _p(2, "本件は、町長から審査会に諮問されたものである。", "body", c, source=src)])
    assert not decision_only.ask("プールの事故報告書の件、諮問っていつ?").found  # the date of another step


def test_a_step_said_as_a_phrase_is_found_as_the_answer_records_it() -> None:
    """「市から話を聞いたのっていつ?」 is the 経過's 「実施機関から事情聴取」; 「市が出さないって決めたのはいつ?」 the
    「…付けで行った非開示決定」; the phrase's own words (話, 聞く) are how the member says it, not the record."""
    from knowledge.steps import steps_in

    assert [s.words[0] for s in steps_in("市から話を聞いたのっていつ?")] == ["事情聴取"]
    assert [s.words[0] for s in steps_in("申立人から直接意見を聞いたのは?")] == ["意見陳述"]
    assert [s.words[0] for s in steps_in("市が出さないって決めたのは")] == ["非開示決定"]
    assert [s.words[0] for s in steps_in("一部だけ出すって決めたのいつ")] == ["一部開示決定"]
    assert steps_in("話を聞いた感想は?") == []
    src = "hinata_toshin_dai44.txt"
    c = _c(1, "諮問第66号", "町営プールの事故報告書の非開示決定に対する異議申立て", source=src)
    engine = Engine.from_records([c], [
        _p(1, "本件異議申立ての趣旨は、プールの事故報告書の開示請求に対し、町長が令和5年6月1日付けで行った非開示決定の"
              "取消しを求めるものである。", "body", c, source=src),
        _p(2, "町は、プールの事故報告書を令和5年4月から保存しており、事故の後に監視員から話を聞いたと説明した。", "body", c,
           source=src),
        _p(3, "令和5年9月1日\n（第12回第一部会）\n・実施機関から事情聴取\n・審議", "body", c, source=src),
    ])
    assert engine.ask("プールの事故報告書の件、町が出さないって決めたのはいつ?").hits[0].passage_id == 1
    assert engine.ask("プールの事故報告書の件で審査会が町から話を聞いたのっていつ?").hits[0].passage_id == 3


def test_the_speaker_the_member_says_asked_opens_the_answer() -> None:
    """「副会長が聞いてたタブレット、市で買うの?」: of two turns on the tablets, the one 副会長 opened; the hearsay is
    otherwise no word of the question (青木さん, whom no minutes name, changes nothing)."""
    from knowledge.query import asker_of

    assert asker_of("<@U1> 副会長が聞いてたVRS用のタブレット、市で買うの?") == "副会長"
    assert asker_of("青木さんが聞いてたんだけど、吹田の決済の件") == "青木" and asker_of("タブレットは?") is None
    member = _p(1, "【田中委員】\nタブレットは市で購入するのですか。\n【事務局】\n市の予算で購入します。", "qa")
    vice = _p(2, "【松原副会長】\nもう一点、専用タブレットは市で用意するのですか。\n【事務局】\n国から貸与されるものです。", "qa")
    engine = Engine.from_records([], [member, vice])
    assert engine.ask("副会長が聞いてたタブレット、市で買うの?").hits[0].passage_id == 2
    assert engine.ask("青木さんが聞いてたタブレット、市で買うの?").hits[0].passage_id == \
        engine.ask("タブレット、市で買うの?").hits[0].passage_id


def test_a_paragraph_going_on_from_the_one_before_is_found_by_its_words() -> None:
    """「…パブリックコメントを実施しました。」/「実施した結果、特に意見はございませんでした。」: the second paragraph
    is indexed with the first's last sentence (it opens referring back), so 「パブコメで市民から意見きた?」 finds it;
    a paragraph that does not refer back is indexed by its own words only."""
    from knowledge.model import Passage
    from knowledge.passage_context import search_texts

    first = "市民への意見聴取として、30日間、パブリックコメントを実施しました。"
    goes_on = "実施した結果、特に意見はございませんでした。"
    own = "次に、評価書の内容をご説明します。"
    ps = [Passage(first, 0, len(first)), Passage(goes_on, len(first) + 2, len(first) + 2 + len(goes_on)),
          Passage(own, len(first) + 4 + len(goes_on), len(first) + 4 + len(goes_on) + len(own))]
    texts = search_texts(ps)
    assert texts[1].startswith(first) and texts[1].endswith(goes_on) and texts[2] == own
    assert search_texts(ps, ["a", "b", "b"])[1] == goes_on  # another matter: its own words
    from dataclasses import replace

    records = [replace(_p(i + 1, p.text), start=p.start) for i, p in enumerate(ps)]
    hits = Engine.from_records([], records).search("パブコメの結果、意見は?")
    assert [h.passage_id for h in hits[:2]] == [2, 1]


def test_the_chair_and_the_inquiry_number_of_an_answer_asked_loosely() -> None:
    """「42号の諮問、文書番号なんだった?」 (a comma between) and 「42号の答申、会長の名前は?」: the head of the 答申
    answers (会 長 山 田 太 郎, the chair who signs it), not the conclusion nor the 部会's members."""
    c, kw = _pool_toshin("hinata_toshin_dai42.txt", "答申第42号", "答申第42号")
    engine = Engine.from_records([c], [
        _p(1, "令和6年3月8日 ひなた町長 山本 一郎 様 ひなた町情報公開・個人情報保護審査会 会 長 山 田 太 郎 "
              "令和5年7月20日ひ総第118号による次の諮問について、別紙のとおり答申します。", "header", c, **kw),
        _p(2, c.title, "title", c, **kw),
        _p(3, "町長が事故報告書を非開示とした決定は妥当である。", "outcome", c, **kw),
        _p(4, "（第二部会）委員 佐藤花子、委員 鈴木一郎", "body", c, **kw),
    ])
    q = parse_query("42号の答申、会長の名前は?")
    assert q.intent == "fact" and q.letter_fact == "chair"
    chair = engine.ask("42号の答申、会長の名前は?")
    assert chair.found and chair.hits[0].passage_id == 1 and "山 田 太 郎" in (chair.quote or "")
    assert parse_query("42号の諮問、文書番号なんだった?").letter_fact == "inquiry"
    number = engine.ask("42号の諮問、文書番号なんだった?")
    assert number.found and number.hits[0].passage_id == 1 and "ひ総第118号" in (number.quote or "")
    assert parse_query("42号の答申はどうなった?").intent == "outcome"


def test_a_ward_is_not_the_city_of_the_same_name() -> None:
    """「青葉区の書類の件…」: the corpus knows 青葉市; 青葉区 (a ward of another city) is not it, and stays a word of
    the question instead of narrowing the search to 青葉市's records."""
    known = frozenset({"青葉", "青葉市", "多摩", "多摩市"})
    ward = parse_query("青葉区の書類の件、市長が諮問したのはいつ?", known)
    assert ward.places == ["青葉区"] and "青葉区" in {c.word for c in ward.concepts}
    assert set(parse_query("多摩市の件どうなった?", known).places) >= {"多摩市"}
    assert parse_query("青葉の審議会はいつ?", known).places == ["青葉"]


def test_every_passage_given_as_answering_holds_what_is_asked() -> None:
    """「…の固定資産税って年いくらだった?」: when the best candidates hold no amount, the ones rising above them are
    checked too; a passage never checked is not taken as holding an amount (the bot says it does not know)."""
    passages = [_p(i, f"土地甲の固定資産税の課税台帳{i}は、平成{i}年に作成され、土地の所在と地番が記載されている。")
                for i in range(1, 41)]
    engine = Engine.from_records([], passages)
    ranked = engine.ranker.rank(parse_query("土地甲の固定資産税って年いくらだったの?"), k=10)
    assert ranked and not any(r.typed for r in ranked)
    assert not engine.ask("土地甲の固定資産税って年いくらだったの?").found
    priced = Engine.from_records([], [*passages, _p(41, "土地甲の固定資産税は、年額12万3千円であった。")])
    a = priced.ask("土地甲の固定資産税って年いくらだったの?")
    assert a.found and "12万3千円" in (a.quote or "")


def test_lengths_and_the_date_a_thing_was_done() -> None:
    """「何センチ食い込んでる?」 asks a length (not any number); 「公売が行われたのはいつ?」 the date of the 公売."""
    cm = parse_query("境界標は何センチくらい請求人の土地に食い込んでるの?").wants
    assert cm is not None and cm.search("約30センチ") and cm.search("2.5m") and not cm.search("平成4年")
    q = parse_query("滞納整理の件、不動産の公売が行われたのはいつ?")
    assert q.event is not None and q.event.word == "公売"


def test_who_held_a_role_is_a_name_beside_that_role() -> None:
    """「当時の区長って誰?」: a passage naming people (the 答申's members) does not answer it unless the role asked
    stands beside a name; the bot says it does not know rather than quote the members."""
    c, kw = _pool_toshin("hinata_toshin_dai43.txt", "答申第43号", "答申第43号")
    members = _p(1, "（第二部会）委員 佐藤 花子、委員 鈴木 一郎。区役所の窓口での対応の記録について判断した。", "body", c, **kw)
    q = parse_query("プールの件の当時の区長って誰だった?")
    assert q.event is not None and q.event.word == "区長"
    assert not Engine.from_records([c], [members]).ask("プールの件の当時の区長って誰だった?").found
    named = _p(2, "当時の区長 山本 一郎 は、プールの事故について区役所で記者会見を行った。", "body", c, **kw)
    a = Engine.from_records([c], [members, named]).ask("プールの件の当時の区長って誰だった?")
    assert a.found and a.hits[0].passage_id == 2
    assert parse_query("センターの医者って何ていう人?").wants is not None


def test_a_word_written_inside_a_longer_one_names_the_answer_it_is_in() -> None:
    """「技能職の件で…意見書を受け取ったのはいつ?」: the 答申 says 技能職員 throughout (cut 技能/職員) and 技能職 once;
    its 経過 row is about the 技能職 matter as much as any of its passages, over the same row of another 答申."""
    ours, kw = _pool_toshin("hinata_toshin_dai50.txt", "答申第50号", "答申第50号")
    ours = ConsultationRecord(**{**ours.__dict__, "title": "技能職員採用選考の成績の非開示決定に対する異議申立て"})
    other = _c(2, "答申第51号", "町営プールの事故報告書の非開示決定に対する異議申立て", source="hinata_toshin_dai51.txt",
               session="答申第51号", date="2024-03-08", council=kw["council"], municipality="ひなた町")
    kw51 = {**kw, "source": "hinata_toshin_dai51.txt", "session": "答申第51号"}
    passages = [
        _p(1, "令和6年3月8日 ひなた町長 様 ひなた町情報公開・個人情報保護審査会", "header", ours, **kw),
        _p(2, ours.title, "title", ours, **kw),
        _p(3, "技能職員の採用選考は、一次選考の筆記試験と二次選考の面接からなる。", "body", ours, **kw),
        _p(4, "技能職員の採用選考の成績は、受験者本人に口頭で伝えている。", "body", ours, **kw),
        _p(5, "申立人は、技能職の他の受験者と比べて不公平だと主張する。", "body", ours, **kw),
        _p(6, "令和5年6月19日 ・異議申立人から意見書を受理", "body", ours, **kw),
        _p(11, "令和6年3月8日 ひなた町長 様 ひなた町情報公開・個人情報保護審査会", "header", other, **kw51),
        _p(12, other.title, "title", other, **kw51),
        _p(13, "令和5年7月2日 ・異議申立人から意見書を受理", "body", other, **kw51),
    ]
    engine = Engine.from_records([ours, other], passages)
    everywhere = np.arange(len(engine.corpus))
    written = engine.ranker._written_in("技能職", everywhere[::2], everywhere[1::2])
    assert written is not None and written.size >= 4
    hits = engine.search("技能職の件で申立人の意見書を受け取ったのはいつ?")
    assert hits[0].passage_id == 6
    ranked = engine.ranker.rank(parse_query("技能職の件で申立人の意見書を受け取ったのはいつ?"))
    row = next(r for r in ranked if int(engine.corpus.ids[r.pos]) == 6)
    assert row.focus == 1.0  # 技能職 is the 答申's topic, not a word of one other passage the row lacks


def test_every_passage_of_the_best_matter_competes() -> None:
    """A passage of the 答申 asked about that repeats none of its topic words (the applicant's account, with the date
    of the request) is a candidate even when hundreds of passages elsewhere hold more of the question's words."""
    c, kw = _pool_toshin("hinata_toshin_dai60.txt", "答申第60号", "答申第60号")
    c = ConsultationRecord(**{**c.__dict__, "title": "滞納整理記録の一部開示決定に対する異議申立て"})
    ours = [_p(1, c.title, "title", c, **kw),
            _p(2, "本件滞納整理記録は、滞納整理の経過を記録したものである。", "body", c, **kw),
            _p(3, "申立人に係る開示請求書は令和5年8月22日に提出した。決定が遅れたのは不当である。", "body", c, **kw)]
    others = [_p(100 + i, f"本人による開示請求があり、開示請求書の記載に基づき本人の記録{i}を特定した。開示請求の件数は{i}件。",
                 source=f"other_{i}.txt") for i in range(320)]
    engine = Engine.from_records([c], [*ours, *others])
    ranked = engine.ranker.rank(parse_query("滞納整理記録の件、本人が開示請求出したのいつだったっけ?"), k=400)
    assert 3 in {int(engine.corpus.ids[r.pos]) for r in ranked}


def test_a_number_inside_an_answers_range_names_it() -> None:
    """「2218号で…」: a 答申 numbered 答申第2201号から第2233号まで answers to every number of its range."""
    from knowledge.corpus import label_keys

    assert {"2201", "2218", "2233"} <= label_keys("答申第2201号から第2233号まで")[0]
    assert label_keys("答申第２１８８号から第２１９１号まで")[0] == {"2188", "2189", "2190", "2191"}
    assert label_keys("諮問第10号")[0] == {"10"}


def test_the_last_or_first_of_tied_steps_answers_a_date_asked_of_it() -> None:
    """「最後に審議したのはいつ?」: of the 審査会の経過's 審議 steps, tied on the words, the last one; 「最初に…」 the first."""
    c = _c(1, "諮問第65号", "町営プールの事故報告書の非開示決定に対する審査請求", source="hinata.txt")
    steps = ["令和5年8月1日\n・審議（第21回部会）", "令和5年9月5日\n・審議（第22回部会）", "令和5年10月3日\n・審議（第23回部会）"]
    engine = Engine.from_records([c], [_p(i + 1, t, "body", c, source="hinata.txt") for i, t in enumerate(steps)])
    assert parse_query("プールの件、最後に審議したのはいつ?").extreme == 1
    assert engine.ask("プールの件、最後に審議したのはいつ?").hits[0].passage_id == 3
    assert engine.ask("プールの件、最初に審議したのはいつ?").hits[0].passage_id == 1


def test_a_question_on_what_the_applicant_said_is_answered_from_an_answer_not_minutes() -> None:
    """「面談の時間について請求人はどう言ってた?」: minutes have no 請求人; the 答申's passage answers it, not the minutes'
    passage on 面談の時間 that matches the words better."""
    from knowledge.engine import Engine
    from knowledge.structure import parse_document

    minutes = parse_document("桜川市個人情報保護審議会　会議録\n日時　令和6年5月1日\n\n諮問第1号　面談記録システムの導入について\n"
                             "○課長　面談の時間は、面談ごとに記録します。面談時間の上限は１時間です。\n"
                             "諮問第2号　防犯カメラの設置について\n○課長　画像は７日間保存します。\n", "m.txt")
    letter = parse_document("答申第12号\n令和4年8月25日\n北美萩町長　様\n北美萩町情報公開・個人情報保護審査会\n\n"
                            "保有個人情報の一部訂正決定に関する審査請求について（答申）\n\n"
                            "第１　審査会の結論\n　本件決定は、妥当である。\n\n第２　審査請求人の主張要旨\n"
                            "　認定調査の面談の時間は２０分程度で終わり、調査員は入浴の様子を実際には確かめなかった。\n\n"
                            "第３　審査会の判断\n　調査票の記載に誤りは認められない。\n", "t.txt")
    a = Engine.from_parsed([("m.txt", minutes), ("t.txt", letter)]).ask("面談の時間について請求人はどう言ってた？")
    assert a.hits and a.hits[0].source == "t.txt"


def test_numbered_answers_are_found_by_the_numbered_questions_they_answer() -> None:
    """Minutes of a meeting held in writing list the members' questions (「【委員からの意見・質問】」 (1) (2)) and then
    the answers by the same numbers (「【担当課の回答】」 (1) (2)): each answer passage is indexed with the question of
    its number, so 「退会した人のデータいつ消す?」 finds 「(2) 申出から30日以内に消去する。」, which has neither 退会 nor
    データ; a numbered list after another heading (【審議結果】) is not paired."""
    from dataclasses import replace

    from knowledge.model import Passage
    from knowledge.passage_context import search_texts

    parts = ["【委員からの意見・質問】\n（１）甲委員\n\u3000ログは誰が確認するのか。\n（２）乙委員\n\u3000退会した人のデータはいつ消去されるのか。",
             "【担当課の回答】\n（１）市の担当職員が毎月確認する。",
             "（２）申出から３０日以内に消去する。",
             "【審議結果】\n（１）全員が適当とした。"]
    ps, pos = [], 0
    for t in parts:
        ps.append(Passage(t, pos, pos + len(t)))
        pos += len(t) + 2
    texts = search_texts(ps)
    assert texts[1].startswith("甲委員\nログは誰が確認するのか。") and texts[1].endswith(parts[1])
    assert "退会した人のデータ" in texts[2] and "ログ" not in texts[2]
    assert texts[3] == parts[3] and texts[0] == parts[0]
    assert search_texts(ps, ["a", "b", "b", "b"])[1] == parts[1]  # the questions of another matter
    records = [replace(_p(i + 1, p.text), start=p.start) for i, p in enumerate(ps)]
    hits = Engine.from_records([], records).search("退会した人のデータいつ消す?")
    assert hits[0].passage_id == 3
