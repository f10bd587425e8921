"""A question wrapped as people type it (greeting, 至急, 【確認】, a mention, a URL, emoji, Slack markup) gets the
same answer as the bare question; "どうなってる" asks for an outcome only when nothing more specific is asked."""

from __future__ import annotations

from knowledge.query import parse_query, strip_noise
from knowledge.wrappers import WRAPPERS, wrap
from templates.answer import answer_text
from tests.test_search import ENGINE, MEETING_ENGINE

QUESTIONS = (
    "USBメモリで持ち出せる?", "委員の報酬はいくら?", "継続審議の案件は?", "諮問第2号はどうなった?",
    "水道の検針データを見守りに使う件、データはいつ消すの?", "2023年6月のかえで市の審議会、何時に終わった?",
)


def test_noise_is_stripped() -> None:
    for name, wrapped in wrap("吹田の決済の件どうなった?").items():
        assert strip_noise(wrapped) == "吹田の決済の件どうなった?", name
    # a link's label is what was written when it names something; a label that only points at the record goes
    assert strip_noise("<https://a.jp/b|決済機能> の件") == "決済機能 の件"
    assert strip_noise("<https://a.jp/b|前回の議事録> 吹田の件は?") == "吹田の件は?"
    assert strip_noise("至急") == "至急"  # nothing but noise: kept as typed


def test_wrapped_questions_get_the_same_answer() -> None:
    same = total = 0
    for engine in (ENGINE, MEETING_ENGINE):
        for q in QUESTIONS:
            bare = engine.ask(q)
            for wrapped in wrap(q).values():
                a = engine.ask(wrapped)
                total += 1
                first = (a.hits[0].passage_id if a.hits else None, a.found, a.kind)
                same += first == (bare.hits[0].passage_id if bare.hits else None, bare.found, bare.kind)
    assert total == 2 * len(QUESTIONS) * len(WRAPPERS)
    assert same / total >= 0.95, f"{same}/{total}"


def test_how_is_it_asks_an_outcome_only_of_the_consultation() -> None:
    assert parse_query("吹田の決済の件どうなった?").intent == "outcome"
    assert parse_query("ひとり親の食料支援の委託はどうなった?").intent == "outcome"
    assert parse_query("諮問3号はどうなってる?").intent == "outcome"
    assert parse_query("コンビニで接種証明書を取るときの本人確認はどうなってる?").intent == "fact"
    assert parse_query("諮問3号のデータの保存期間はどうなってる?").intent == "fact"


def test_a_question_word_asks_the_fact_not_the_outcome() -> None:
    """答申/結論 in a question that asks いつ/誰/理由 asks that fact; without one it asks how the matter ended."""
    assert parse_query("部活事故の件の答申、2007年の何月何日に出た?").intent == "fact"
    assert parse_query("結論を出した部会の委員って誰?").intent == "fact"
    assert parse_query("答申で非開示が妥当とされた理由は?").intent == "fact"
    assert parse_query("決済機能の件どうなった?").intent == "outcome"
    assert parse_query("健康管理システムの件、なんで止まってるの?").intent == "outcome"
    assert parse_query("諮問第21号の答申は?").intent == "outcome"
    assert parse_query("電子決済の件って、前回なんで継続審議になったんだっけ").intent == "fact"  # why, not the list
    assert parse_query("継続審議になってるのある?").intent == "pending"
    assert parse_query("432号、部会で審議するって決まったのはいつ?").intent == "fact"  # 決まった + いつ: the day
    assert parse_query("申立人が身体検査の結果にこだわってたのはなんで?").intent == "fact"  # a reason, not 結果
    assert parse_query("教委が伏せたのは何の結果だから配慮が要るって?").intent == "fact"
    assert parse_query("介護認定の答申、結局どういう結論？").intent == "outcome"  # どういう asks the outcome itself
    assert parse_query("いじめ報告書の答申、結局どこまで開示しろって結論?").intent == "outcome"  # どこまで: how far, no place
    assert parse_query("介護認定の答申はいつでどういう結論?").intent == "fact"  # いつ: a fact of it
    assert parse_query("介護答申の請求人って何歳の人？").intent == "fact"  # 何歳: a fact, whatever its counter
    assert parse_query("吹田の次回審議会の日程って決まった？").intent == "next_meeting"  # 次回審議会 is no 次回審議


def test_casual_questions_about_a_meeting_are_meeting_facts() -> None:
    """Which meeting (12月の回, 第3回) and casual words (スタート, やった) do not hide what is asked of the meeting."""
    places = frozenset({"市川", "日出"})
    assert parse_query("市川の2022年12月の審議会って何時スタート?", places).meeting_fact == "time"
    assert parse_query("市川市の個人情報保護審議会、12月の回はどこの部屋でやった?", places).meeting_fact == "place"
    assert parse_query("日出市の第3回、会議室どこだった？", places).meeting_fact == "place"
    assert parse_query("USBメモリは何時間で消去?", places).meeting_fact is None  # a fact of the matter, not the meeting
    assert parse_query("委員会室で何を話した?", places).meeting_fact is None
    assert parse_query("市川の第2回っていつやったんだっけ？2022年の12月だったよね", places).meeting_fact == "date"
    assert parse_query("日出の第74回って何日だっけ？", places).meeting_fact == "date"
    assert parse_query("パブコメっていつやった?", places).meeting_fact is None  # when the matter's step was


def test_what_the_head_of_a_toshin_says_is_asked_of_its_header() -> None:
    """Who chaired or signed, the date a 答申 bears and to whom it is addressed are in its head."""
    places = frozenset({"北風", "藤沢"})
    assert parse_query("北風市の答申88号って2024年の何月何日付？", places).meeting_fact == "date"
    assert parse_query("北風の審査会の会長って誰？", places).meeting_fact == "chair"
    q = parse_query("藤沢の答申の宛先の市長は?", places)
    assert (q.meeting_fact, q.intent) == ("addressee", "fact")
    assert parse_query("データはいつ消すの?", places).meeting_fact is None
    assert parse_query("決済機能の件の答申はどうなった?", places).intent == "outcome"


def test_a_label_alone_finds_its_consultation() -> None:
    """"8号の件どうなった?" has no word to search with but the label: the consultation is still found."""
    from knowledge.query import parse_query as parse

    q = parse("8号の件どうなった?")
    assert q.names_consultation and not [c for c in q.concepts if not c.soft]
    a = ENGINE.ask("8号の件どうなった?")
    assert a.found and a.kind == "outcome" and a.hits


def test_where_a_thing_is_entrusted_or_kept_asks_for_an_organisation_or_a_place() -> None:
    from knowledge.query import answer_type

    company = answer_type("ひとり親の食料配送、どこに委託するの?")
    assert company is not None and company.search("npo法人") and not company.search("外部委託について")
    place = answer_type("データセンターはどこに置かれる?")
    assert place is not None and place.search("国内のデータセンター")
    assert answer_type("データセンターは何の会議で話した?") is None


_MINUTES = """令和7年度第1回みずほ市個人情報保護審議会 会議録
日時 令和7年6月10日（火）午後2時から午後3時まで
場所 みずほ市役所 3階 第1会議室
出席委員 青山 一郎（会長）、井上 花子、上田 次郎
1 諮問第3号 マイナンバーカード交付予約システムの導入について
市民課長：予約システムを導入し、交付の待ち時間を短くします。
井上委員：予約用のパスワードはどのように設定するのか。
市民課長：初期パスワードは生年月日とし、初回ログイン時に変更を求めます。
上田委員：ログインする端末の盗難対策は。
市民課長：端末はワイヤーロックで固定し、画面ロックを設定します。
審議の結果、諮問第3号は原案のとおり承認された。
"""


def test_how_is_it_after_a_point_of_the_matter_asks_that_point() -> None:
    """「予約用のパスワードってどうなってる?」 names no matter (no 件/号, no title's words): it asks that point, not
    how the consultation ended; 「交付予約システムの導入どうなった?」 names the matter by its title."""
    from knowledge.engine import Engine
    from knowledge.structure import parse_document

    engine = Engine.from_parsed([("mizuho.txt", parse_document(_MINUTES, "mizuho.txt"))])
    point = engine.ask("予約用のパスワードってどうなってる?")
    assert point.kind == "fact" and "生年月日" in point.hits[0].passage
    assert engine.ask("端末の盗難対策ってどうなってる?").hits[0].passage.count("ワイヤーロック") == 1
    assert engine.ask("交付予約システムの導入どうなった?").kind == "outcome"
    assert engine.ask("予約システムの件どうなった?").kind == "outcome"


def test_a_municipality_named_only_in_the_text_is_searched_not_refused() -> None:
    """「東峰市に渡る情報って何項目?」: 東峰市 has no records of its own but みずほ市's minutes speak of it (a joined
    system); the question is answered from them. A municipality nowhere in the records is still refused."""
    from knowledge.engine import Engine
    from knowledge.structure import parse_document

    text = _MINUTES.replace("審議の結果、", "上田委員：東峰市に渡る情報は。\n市民課長：氏名と予約番号の二項目です。\n審議の結果、")
    engine = Engine.from_parsed([("mizuho.txt", parse_document(text, "mizuho.txt"))])
    assert "二項目" in (engine.ask("東峰市に渡る情報って何項目?").quote or "")
    refused = engine.ask("大阪市の審議会で防犯カメラの件はどうなった?")
    assert not refused.found and refused.place == "大阪市"


def test_a_step_said_in_the_question_does_not_make_a_near_miss_answerable() -> None:
    """「マイナ保険証の件で諮問はあった?」 asks of a matter the demo council never had; 「諮問は…あった」 is how the
    member says it, not a word every consultation's passages hold."""
    from pathlib import Path

    from knowledge.decode import read_document
    from knowledge.engine import Engine
    from knowledge.structure import parse_document

    folder = Path(__file__).resolve().parent.parent / "demo_corpus"
    docs = [(p.name, parse_document(read_document(p.read_bytes(), p.name), p.name))
            for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".html", ".md")]
    engine = Engine.from_parsed(docs)
    assert not engine.ask("マイナ保険証の件で諮問はあった?").found


def test_the_second_consultation_is_the_second_of_the_meeting_meant() -> None:
    """「2つ目の諮問ってどうなった?」 names no label: the second consultation of the latest minutes."""
    from knowledge.engine import Engine
    from knowledge.structure import parse_document

    text = _MINUTES.replace("審議の結果、諮問第3号は原案のとおり承認された。\n", "審議の結果、諮問第3号は原案のとおり承認された。\n"
                            "2 諮問第4号 図書館の利用者カードの更新について\n市民課長：更新の案内を郵送します。\n"
                            "審議の結果、諮問第4号は継続審議とした。\n")
    engine = Engine.from_parsed([("mizuho.txt", parse_document(text, "mizuho.txt"))])
    assert parse_query("案件の2つ目はどうなった?").ordinal == 2
    second = engine.ask("2つ目の諮問ってどうなった?")
    assert second.kind == "outcome" and "継続審議" in answer_text(second)
    assert "承認" in answer_text(engine.ask("1つ目の諮問はどうなった?"))


def test_what_a_word_means_is_asked_through_fillers() -> None:
    assert parse_query("VRSってそもそも何？どこが作ったシステム？").defines == "vrs"
    assert parse_query("LGWANって何の略?").defines == "lgwan"
    assert parse_query("VRS用のタブレットって誰が用意するの?").defines is None
