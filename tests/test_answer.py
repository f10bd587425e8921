"""Answers: the quote, the meeting and consultation, 出典, outcomes, status questions, abstention."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from knowledge.decode import decode_bytes, to_plain_text
from knowledge.engine import Engine
from knowledge.query import parse_query
from knowledge.quote import trim_quote
from knowledge.structure import parse_document
from templates.answer import answer_text
from tests.test_search import ENGINE


def test_fact_answer_quotes_and_lists_sources() -> None:
    a = ENGINE.ask("USBメモリでデータを持ち出せる?")
    assert a.found
    assert "USBポートは無効化" in answer_text(a)
    assert "出典:" in answer_text(a) and "kaede_12.txt" in answer_text(a) and "諮問第7号" in answer_text(a)
    assert "第12回" in answer_text(a) and "2023-06-15" in answer_text(a)
    assert a.sources and a.sources[0].source == "kaede_12.txt"
    assert a.consultation_id == 1


def test_outcome_question_states_outcome() -> None:
    a = ENGINE.ask("予防接種記録システムの委託の件はどうなった?")
    assert a.found and a.consultation_id == 1
    assert "「可」" in answer_text(a)


def test_outcome_of_pending_consultation_by_loose_label() -> None:
    a = ENGINE.ask("諮問８号はどうなった？")
    assert a.found and a.consultation_id == 2
    assert "継続審議" in answer_text(a) and "選定資料の提出待ち" in answer_text(a)


def test_pending_list_is_from_structure() -> None:
    a = ENGINE.ask("まだ結論が出ていない案件は?")
    assert a.found
    assert "電子申請システムへの決済機能" in answer_text(a)
    assert "予防接種" not in answer_text(a)
    assert ENGINE.ask("継続審議になってるのある?").found


def test_next_meeting_without_schedule_says_none() -> None:
    a = ENGINE.ask("次の審議会はいつ?")
    assert not a.found and "予定" in answer_text(a)

    @dataclass
    class Meeting:
        title: str
        starts_at: str
        place: str | None = None

    a = ENGINE.ask("次の審議会はいつ?", scheduled_meetings=[Meeting("第13回審議会", "2023-09-01T14:00:00+09:00")])
    assert a.found and "第13回審議会" in answer_text(a)


def test_no_answer_abstains() -> None:
    for q in ("市役所の駐車場は何台とめられる?", "委員の報酬はいくら?", "大阪市の審議会で防犯カメラの件はどうなった?"):
        a = ENGINE.ask(q)
        assert not a.found, q
        assert "見つかりませんでした" in answer_text(a)
        assert "出典" not in answer_text(a)


def test_follow_up_uses_thread_consultation() -> None:
    a = ENGINE.ask("その件はどうなった?", context_consultation_id=2)
    assert a.consultation_id == 2 and "継続審議" in answer_text(a)


def test_trim_quote_keeps_the_answering_sentence() -> None:
    text = "前置きの説明です。" * 30 + "保存期間は5年とし、期間満了後に溶解処理します。" + "後段の説明です。" * 30
    q = parse_query("保存期間は何年?")
    quote = trim_quote(text, q, {"保存": 3.0, "期間": 2.0})
    assert "保存期間は5年" in quote and len(quote) < 300


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def seed_engine() -> Engine:
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS} (they live in ../shared/seeds beside the repo)")
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = to_plain_text(decode_bytes(path.read_bytes(), path.name), path.name)
        docs.append((path.name, parse_document(text, path.name)))
    return Engine.from_parsed(docs)


def test_seeds_status_question_lists_pending_from_structure(seed_engine: Engine) -> None:
    pending = seed_engine.pending()
    a = seed_engine.ask("継続審議になってる案件ってどれ?")
    assert pending and a.found
    for c in pending:
        assert c.label in answer_text(a) and c.source in answer_text(a)


def test_seeds_outcome_by_loose_label_and_abstention(seed_engine: Engine) -> None:
    c = next(c for c in seed_engine.pending() if c.municipality)
    num = "".join(ch for ch in c.label if ch.isdigit())
    a = seed_engine.ask(f"{c.municipality[:-1]}の案件{num}はどうなった?")
    assert a.found and a.consultation_id == c.id and "まだ結論が出ていません" in answer_text(a) and c.outcome in answer_text(a)
    assert not seed_engine.ask("市営プールの夏の営業時間は何時まで?").found


def test_outcome_of_matter_seen_twice_is_its_latest_record() -> None:
    """A 継続審議 consultation later settled by a 答申: 「諮問第8号はどうなった?」 gives the 答申, and it is no
    longer pending."""
    from tests.test_search import _c, _p

    c1 = _c(1, "諮問第8号", "電子申請システムへの決済機能の追加について", status="pending", outcome="継続審議")
    c2 = _c(2, "諮問第8号", "電子申請システムへの決済機能の追加について", outcome="適当", source="toshin_8.txt",
            session="答申", date="2023-09-01")
    engine = Engine.from_records([c1, c2], [
        _p(1, c1.title, "title", c1),
        _p(2, "事業者の選定資料が出るまで継続審議とする。", "outcome", c1),
        _p(3, "決済機能の追加は適当であると認められる。", "outcome", c2, source="toshin_8.txt", session="答申",
           date="2023-09-01"),
    ])
    assert engine.pending() == []
    a = engine.ask("諮問第8号はどうなった?")
    assert a.found and a.consultation_id == 2 and "適当" in answer_text(a)


def test_answer_quotes_the_focused_pair_not_the_intro() -> None:
    from tests.test_search import MEETING_ENGINE

    a = MEETING_ENGINE.ask("水道の検針データを見守りに使う件、データはいつ削除するの?")
    assert a.found and a.sources[0].passage_id == 4 and "1年で削除" in (a.quote or "")


def test_an_empty_knowledge_base_says_nothing_is_ingested_yet() -> None:
    answer = Engine.from_parsed([]).ask("決済機能の件どうなった?")
    assert answer.found is False and answer.kind == "empty_kb"
    assert "取り込まれていない" in answer_text(answer) and "shingikai ingest" in answer_text(answer)


def test_quote_drops_a_closing_bracket_left_from_a_note_before_the_passage() -> None:
    from knowledge.quote import tidy

    assert tidy("諮問案件(3)については、予定時間超過のため、次回審議となった。)") == "諮問案件(3)については、予定時間超過のため、次回審議となった。"
    assert tidy("（注）次回に送る。") == "（注）次回に送る。"
    assert tidy("案件(1)と(2)を審議した。") == "案件(1)と(2)を審議した。"


def test_quote_is_cleaned_of_notes_bullets_and_page_breaks() -> None:
    from knowledge.quote import clean

    text = "※ 以下、質疑等\n- 委員：生活保護\n\nの手前で支援できないか。\n- 実施機関：検討します。"
    assert clean(text) == "委員：生活保護の手前で支援できないか。\n実施機関：検討します。"
    kept = "※諮問案件(3)については、予定時間超過のため、次回審議となった。"
    assert clean(kept) == kept  # a note that says something stays


def test_related_are_the_close_candidates_short_cited_and_not_the_same_text() -> None:
    from knowledge.answer import CLOSE, MAX_RELATED, RELATED_QUOTE, Scored, related
    from knowledge.model import Hit
    from tests.test_search import _c, _p

    c = _c(1, "諮問第7号", "予防接種記録システムの外部委託について")
    texts = ["契約の終了後、委託先はデータを消去し、消去証明書を提出する。",
             "消去の時期について委員から質問があった。" + "事務局は、契約の終了から30日以内に委託先がデータを消去すると答えた。"
             + "消去の方法は、専用ソフトによる上書きとする。" * 4,
             "契約の終了後、委託先はデータを消去し、消去証明書を提出する。",  # the same text at another place
             "紙の申込書は保存期間の満了後に溶解処理で消去する。",
             "バックアップのデータも同じ時期に消去する。"]
    engine = Engine.from_records([c], [_p(i + 1, t, "body", c) for i, t in enumerate(texts)])
    q = parse_query("委託先はデータをいつ消去する?")
    weights = {k.word: 1.0 for k in q.concepts}

    def scored(pos: int, score: float) -> Scored:
        return Scored(Hit(source="kaede_12.txt", meeting="かえで市 第12回", consultation="諮問第7号",
                          passage=texts[pos], score=score, passage_id=pos + 1), pos, 1.0)

    best = scored(0, 10.0)
    close = [scored(1, 9.5), scored(2, 9.0), scored(3, 8.5), scored(4, 8.1)]
    got = related(q, best, close, engine.corpus, weights)
    assert [r.hit.passage_id for r in got] == [2, 4] and len(got) == MAX_RELATED  # the copy of the best is left out
    assert "30日以内" in got[0].quote and len(got[0].quote) <= RELATED_QUOTE
    assert related(q, best, [scored(3, 10.0 * CLOSE - 0.1)], engine.corpus, weights) == []  # not close: none


def test_two_meetings_saying_the_same_give_the_best_and_the_other_under_related() -> None:
    from tests.test_search import _c, _p

    c1 = _c(1, "諮問第3号", "図書館システムの更新について")
    c2 = _c(2, "諮問第9号", "図書館の電子書籍サービスについて", source="kaede_13.txt", session="第13回", date="2023-09-01")
    engine = Engine.from_records([c1, c2], [
        _p(1, "委員：図書館の利用者データは何年保存するのか。\n事務局：利用者データは退会から5年保存します。", "qa", c1),
        _p(2, "委員：電子書籍の図書館利用者データは何年保存するのか。\n事務局：利用者データは退会から5年保存します。",
           "qa", c2, source="kaede_13.txt", session="第13回", date="2023-09-01"),
        _p(3, "防犯カメラの映像は1週間で上書きされる。", "body", c1),
        _p(4, "電子書籍サービスの委託先は株式会社サンプルである。", "body", c2, source="kaede_13.txt", session="第13回",
           date="2023-09-01"),
    ])
    a = engine.ask("図書館の利用者データは何年保存する?")
    assert a.found and a.kind == "fact" and [r.hit.passage_id for r in a.related] == [2]
    assert a.related[0].hit.score >= 0.8 * a.sources[0].score
    text = answer_text(a)
    assert text.index("> ") < text.index("関連する箇所:") < text.index("出典:") and "kaede_13.txt）" in text
    alone = engine.ask("防犯カメラの映像は上書きされる?")
    assert alone.found and alone.related == [] and "関連する箇所" not in answer_text(alone)


def test_a_document_without_structure_is_answered_from_its_text() -> None:
    """No header, no consultation: still searched and answered, its 出典 named once."""
    from knowledge.engine import Engine
    from knowledge.structure import parse_document
    from templates.answer import answer_text

    text = "市の図書館では、貸出の記録を返却後すぐに消去している。\n利用者の読書の秘密を守るためである。\n"
    doc = parse_document(text, "memo.txt")
    assert doc.warnings  # ingest says it once
    a = Engine.from_parsed([("memo.txt", doc)]).ask("図書館の貸出記録はいつ消す?")
    assert a.found and "すぐに消去" in (a.quote or "")
    assert "• memo.txt\n" in answer_text(a) + "\n" and "memo.txt — memo.txt" not in answer_text(a)


def test_a_label_two_councils_used_lists_the_other() -> None:
    """「8号の件どうなった?」 with 諮問第8号 at かえで市 and at another council: the answer names the other too."""
    from knowledge.engine import Engine
    from templates.answer import answer_body, answer_text
    from tests.test_search import _c, _p

    a = _c(1, "諮問第8号", "電子申請システムへの決済機能の追加について", status="pending", outcome="継続審議")
    b = _c(2, "諮問第8号", "図書館システムの<クラウド>移行について", outcome="適当", source="momiji_3.txt",
           council="もみじ町個人情報保護審議会", municipality="もみじ町", session="第3回", date="2024-01-20")
    engine = Engine.from_records([a, b], [
        _p(1, "諮問第8号は継続審議とする。", "outcome", a),
        _p(2, "諮問第8号は適当と認める。", "outcome", b, source="momiji_3.txt", council="もみじ町個人情報保護審議会",
           municipality="もみじ町", session="第3回", date="2024-01-20"),
    ])
    ans = engine.ask("8号の件どうなった?")
    assert ans.kind == "outcome" and len(ans.namesakes) == 1
    text = answer_text(ans)
    assert "同じ番号の諮問（ほかの審議会）" in text and ("適当" in text and "継続審議" in text)
    assert "&lt;クラウド&gt;" in answer_body(ans, mrkdwn=True) and "<クラウド>" in text  # escaped for Slack only
    assert not engine.ask("かえで市の8号の件どうなった?").namesakes  # a municipality named: no doubt


def test_what_a_named_meeting_dealt_with_lists_its_consultations() -> None:
    from templates.answer import answer_body, answer_text
    from tests.test_search import make_engine

    a = make_engine().ask("かえで市の第12回で何を審議した?")
    assert a.kind == "agenda" and [i.label for i in a.items] == ["諮問第7号", "諮問第8号"]
    text = answer_text(a)
    assert "第12回（2023-06-15）で審議した諮問（2件）" in text and "結論: 可" in text and "継続審議" in text
    assert "*かえで市個人情報保護審議会 第12回（2023-06-15）で審議した諮問（2件）*" in answer_body(a, mrkdwn=True)
    assert make_engine().ask("かえで市の第13回で何を審議した?").kind == "not_found"  # no such meeting


def test_a_request_asked_for_is_stated_whole() -> None:
    """「付言で何か言ってる?」: the 答申's 付言 is what is asked; it is stated whole, not cut after 120 characters as
    when the requests only accompany the conclusion."""
    from knowledge.model import Outcome
    from templates.answer import outcome_text

    said = "実施機関においては、" + "調査の経過を記録として残すよう努め、" * 8 + "報告書本体の提供を検討されたい。"
    asked = Outcome(meeting="答申第27号", label="答申第27号", title="いじめ重大事態調査報告書", status="decided",
                    outcome="一部開示すべき（要望あり）", reason=None, requests=[said], requests_asked=True)
    assert "報告書本体の提供" in outcome_text(asked)
    aside = Outcome(**{**vars(asked), "requests_asked": False})
    assert "報告書本体の提供" not in outcome_text(aside) and "…" in outcome_text(aside)
    assert parse_query("いじめの答申、付言で何か言ってる?").asks_requests


def test_a_question_with_only_the_place_the_step_and_when_is_answered_from_that_place() -> None:
    """「鶴巣の件、諮問いつだっけ?」 holds no content word but the step asked: the date beside 諮問 in that town's
    答申 answers it; another town's date does not."""
    from templates.answer import answer_text as words

    def letter(town: str, day: str, number: int) -> tuple[str, object]:
        text = (f"{town}審答申第{number}号\n令和6年11月18日\n\n{town}長　様\n\n{town}情報公開・個人情報保護審査会\n\n"
                f"保有個人情報の部分開示決定に対する審査請求について（答申）\n\n"
                f"令和6年{day}付け第412号で諮問のあった事案について、次のとおり答申します。\n\n"
                "第1　審査会の結論\n実施機関が行った部分開示決定は、妥当である。\n")
        return f"{town}.txt", parse_document(text, f"{town}.txt")

    engine = Engine.from_parsed([letter("鶴巣市", "5月24日", 27), letter("鴫杁市", "7月29日", 15)])  # type: ignore[list-item]
    answer = engine.ask("鶴巣の件、諮問いつだっけ?")
    assert answer.found and "5月24日" in words(answer) and "7月29日" not in words(answer).split("関連する箇所")[0]


def test_the_addressee_of_an_answer_named_by_words_of_its_body() -> None:
    """「タクシー券の件の答申、宛先は誰?」 of the real 答申第242号: its head names the matter by its title (共通乗車券),
    the body says タクシー; the head answers the addressee all the same."""
    path = Path(__file__).resolve().parents[2] / "shared" / "real" / "toshin" / "答申第242号.txt"
    if not path.is_file():
        pytest.skip(f"実在の答申がありません（{path}）: ../shared を置くと実行されます")
    from knowledge.decode import read_document

    shelf = [path, *sorted((path.parents[2] / "seeds").iterdir())]  # with the five seeds, as a council's shelf
    docs = [(p.name, parse_document(read_document(p.read_bytes(), p.name), p.name)) for p in shelf]
    answer = Engine.from_parsed(docs).ask("タクシー券の件の答申、宛先は誰?")  # type: ignore[arg-type]
    assert answer.found and "中田" in answer_text(answer)


def test_the_chair_of_the_shinsakai_is_read_from_its_answers_head() -> None:
    """「審査会の会長って誰?」 beside a 審議会's minutes: the 審査会's 答申 names its 会長 under the council."""
    from knowledge.decode import read_document

    fixtures = Path(__file__).resolve().parent / "fixtures"
    shelf = [fixtures / "toshin9" / "toshin14_banzawa.txt", fixtures / "layouts7" / "layout21b_somagaya.txt"]
    docs = [(p.name, parse_document(read_document(p.read_bytes(), p.name), p.name)) for p in shelf]
    answer = Engine.from_parsed(docs).ask("審査会の会長って誰？")  # type: ignore[arg-type]
    assert answer.found and "葛城" in answer_text(answer)


def test_a_requests_introduction_answers_with_the_requests_it_introduces() -> None:
    """「付言で市に何をお願いしてる?」 best matched by 「第６　付言　本件審査の過程で、次の点が認められたので、…要望する。」:
    that sentence says nothing; the requests it introduces come with it."""
    text = ("答申第87号\n令和6年3月21日\n霞野原市長　様\n霞野原市情報公開・個人情報保護審査会\n\n"
            "保有個人情報の一部開示決定に係る審査請求について（答申）\n\n"
            "第１　審査会の結論\n　実施機関が行った一部開示決定は、妥当である。\n\n"
            "第２　審査会の判断\n　扶養届書の記載は不開示情報に当たる。\n\n"
            "第３　付言\n　本件審査の過程で、次の点が認められたので、実施機関に対し改善を要望する。\n"
            "１　今後は不開示部分ごとに根拠条項及び理由を具体的に記載されたい。\n"
            "２　審査会への説明に当たっては、記録を十分に確認した上で正確な説明を行うよう求める。\n\n"
            "第４　審査会の処理経過\n令和５年１２月１９日　諮問\n")
    doc = parse_document(text, "t.txt")
    a = Engine.from_parsed([("t.txt", doc)]).ask("付言で市に何をお願いしてる？")
    said = answer_text(a)
    assert a.found and "根拠条項" in said and "正確な説明" in said
