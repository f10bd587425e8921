"""Whose words a passage of a 答申 gives, and whose words a question asks for (knowledge.parties)."""

from __future__ import annotations

from knowledge.engine import Engine
from knowledge.parties import AGENCY, APPLICANT, COUNCIL, PartyMarks, asked_party
from knowledge.query import parse_query
from tests.test_search import _c, _p


def test_the_parts_of_an_answer_mark_the_passages_that_follow_them() -> None:
    marks = PartyMarks()
    doc = [
        "ひなた町情報公開・個人情報保護審査会答申（答申第42号）",
        "１　審査会の結論\n町長の決定は妥当である。",
        "２　審査請求の趣旨\n本件審査請求の趣旨は、決定の取消しを求めるものである。",
        "３　実施機関の非開示理由説明要旨\n監視員の氏名は個人に関する情報である。",
        "(1)監視員は非常勤職員であり、氏名は公にしていない。",
        "(2)報告書の様式は町が定めている。\n４　審査請求人の意見\n氏名は名札で公にされている。",
        "５　審査会の判断\n(1)実施機関の説明について",
        "《参考》審査会の経過",
        "令和6年1月10日 諮問書を受理",
    ]
    got = [marks.mark("dai42", t) for t in doc]
    assert got == [0, COUNCIL, APPLICANT, AGENCY, AGENCY, AGENCY | APPLICANT, COUNCIL, COUNCIL, 0]
    assert marks.mark("minutes", "(1)委員の意見") == 0  # another document starts with no part
    headed = ["第１　審査会の結論\n決定は妥当である。", "第３　審査請求人の主張\n玄関先で話しただけである。",
              "第４　実施機関の説明\n居間で約25分間話した。", "五　審査会の判断\n記録は正しい。"]
    assert [marks.mark("dai57", t) for t in headed] == [COUNCIL, APPLICANT, AGENCY, COUNCIL]  # 第N and 漢数字


def test_the_question_says_whose_words_it_asks_for() -> None:
    assert asked_party("申立人は何て言ってた?") == APPLICANT
    assert asked_party("点数を出すと何がまずいって市は言ってたの?") == AGENCY
    assert asked_party("市の説明だと引継書には何が書かれる?") == AGENCY
    assert asked_party("審査会はどう見てた?") == COUNCIL
    assert asked_party("日出市の審議会で中川委員は何て言ってた?") == 0  # a council's member, not a party of a 答申
    assert asked_party("吹田市の決済の件どうなった?") == 0
    # the one named last says it: what the agency said the applicant said
    assert asked_party("9/26の面接で申立人は娘のこと何て言ってたと市は説明してる?") == AGENCY
    assert asked_party("市は何分って言ってたけど、申立人はなんて主張?") == APPLICANT
    # the agency's grounds and what it withheld are its words too; when it decided is not (the 経過 says that)
    assert asked_party("1276号で市が非公開の根拠にしてた条文って何条?") == AGENCY
    assert asked_party("調査員の名前を市が伏せた理由は？") == AGENCY
    assert asked_party("タクシー券の請求、市が出さないって決めたのはいつ?") == 0
    # what was found or ordered, with no party named, is the 審査会's: 「…って認定した?」「どこまで開示しろって?」
    assert asked_party("調査員が家に来たの、本当は何日だったって認定した？") == COUNCIL
    assert asked_party("通報の音声、どこまで開示しろって？") == COUNCIL
    assert asked_party("請求人、通告したのは誰だと思ってるって言ってた？") == APPLICANT  # the party, then a comma
    assert asked_party("市はなんで同居って書いたの?") == AGENCY  # why the agency did it: its explanation
    assert asked_party("審査会は事実経過の章のどこを出せって?") == COUNCIL
    assert asked_party("認定をやり直せって主張は審査会どう扱った?") == COUNCIL
    assert asked_party("この審査会の会長って誰？") == 0
    assert asked_party("市の判断どおりでOKとされたのはどの部分？") == COUNCIL  # who judges is the 審査会


def test_a_question_on_what_the_applicant_said_is_answered_from_the_applicants_part() -> None:
    src = "hinata_toshin_dai42.txt"
    c = _c(1, "諮問第64号", "町営プールの事故報告書の非開示決定に対する審査請求", source=src)
    engine = Engine.from_records([c], [
        _p(1, "３　実施機関の非開示理由説明要旨\n監視員の氏名は、名札を外して勤務しているため公にしていない。", "body", c,
           source=src),
        _p(2, "４　審査請求人の意見\n監視員の氏名は名札で公にされている。", "body", c, source=src),
    ])
    assert parse_query("監視員の名前、申立人は何て言ってた?").party == APPLICANT
    assert engine.ask("監視員の名前と名札、申立人は何て言ってた?").hits[0].passage_id == 2
    assert engine.ask("監視員の名前と名札、町は何て言ってた?").hits[0].passage_id == 1



def test_what_it_came_to_is_the_councils_judgement() -> None:
    """「出欠状況を出すべきってなった理由は?」「どこまで出すことになった?」: what was decided is the 審査会's part; 「いつ消す
    ことになってる?」 asks how things stand, no party."""
    from knowledge.parties import COUNCIL, asked_party

    assert asked_party("出欠状況を出すべきってなった理由は？") == COUNCIL
    assert asked_party("通報の中身はどこまで出すことになった?") == COUNCIL
    assert asked_party("決済のデータっていつ消すことになってる?") == 0
