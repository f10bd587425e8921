"""Outcomes only as the text records them: decided, pending, or unknown (結論の記載なし).

The minutes below are fictional, each in a layout of its own; each ends its consultation with 継続審議とする in a
slightly different way (narrative, speaker turns, a result line, a result list at the end, a web page), or with a
closing formality that is not a decision.
"""

from __future__ import annotations

import pytest

from knowledge.decode import to_plain_text
from knowledge.model import Consultation
from knowledge.structure import parse_document
from tests.support.words import worded
from tests.test_structure import assert_consultations_sound, assert_passages_sound

NARRATIVE = """令和6年度第4回 西浜市個人情報保護審議会 会議録

１ 日時　令和6年11月12日（火）午後2時から午後3時30分まで
２ 場所　西浜市役所4階 第2会議室
３ 出席委員　岡田会長、村井委員、堀委員、平田委員
４ 議事の経過
(1) 諮問第3号 学校給食費の公会計化に伴う個人情報の外部委託について（学校給食課）
　学校給食課から、給食費の徴収業務を民間事業者に委託する旨の説明があった。
　委員から、口座情報の取扱いと委託先の監査の方法について質問があり、学校給食課から、監査は年1回実地で行う旨の回答があった。
　委員から、再委託の有無が資料から読み取れないとの指摘があり、再委託先の一覧を次回までに提出することとなった。
　以上の審議を踏まえ、本件は継続審議とする。
"""

TURNS = """会議名\t令和6年度第1回 東丘町個人情報保護審議会
開催日時\t令和6年6月4日（火）10時00分～11時45分
開催場所\t東丘町役場 大会議室
出席者\t委員5名（森会長、山口委員、林委員、池田委員、石川委員）

議事
案件１　住民税の特別徴収に係る電子データの提供について（税務課）
【税務課長】　特別徴収義務者に対し、eLTAXを通じて税額通知のデータを提供するものです。
【山口委員】　誤送付があった場合の対応はどうなりますか。
【税務課長】　システム上の宛先確認を二重に行い、誤送付時は直ちに削除を依頼します。
【林委員】　事業者側での保存期間の定めはありますか。
【税務課長】　現時点では定めがなく、検討中です。
【森会長】　保存期間の定めが示されていないので、本件は、税務課から案が示されるのを待って継続審議とします。
【森会長】　以上で本日の議事は終了しました。
（委員一同異議なし）
"""

RESULT_LINE = """北野村情報公開・個人情報保護審議会（第21回）議事要旨

日 時：2024年9月18日（水）15:00～16:20
場 所：北野村役場 2階 会議室
出席者：委員4名（中島会長ほか3名）、事務局2名

議題
議題1 諮問第5号 防災行政無線の戸別受信機の貸与台帳の目的外利用について（総務課）
　・説明：総務課より、戸別受信機の貸与台帳を避難行動要支援者の把握に利用したい旨の説明。
　・質疑：台帳の記載項目と利用範囲について質疑。利用範囲の限定方法が示されていないとの意見。
　・結果：継続審議とする（利用範囲を限定する要領案の提出を求める）。
議題2 その他
　・事務局から次回日程の連絡。
"""

RESULT_LIST = """第88回 南浦市個人情報保護審議会 会議録

日時　令和7年2月6日（木）午後1時30分～午後3時
場所　南浦市役所 第1委員会室

会議の経過
諮問第12号　学童保育の入所管理システムの導入について（こども育成課）
こども育成課長　システムの概要を説明します。入所申請をオンライン化し、審査結果を通知します。
吉村委員　保護者の勤務先情報は何年保存しますか。
こども育成課長　入所期間の終了後5年間です。
諮問第13号　図書館の予約通知メールの外部委託について（中央図書館）
中央図書館長　予約資料の到着をメールで通知する業務を委託します。
吉村委員　委託先のメール配信事業者は国内事業者ですか。
中央図書館長　国内の事業者です。

審議結果
諮問第12号　継続審議とする。
諮問第13号　承認する。
"""

WEB_PAGE = """<html><body>
<p class="skip"><a href="#main">メニューを飛ばして本文へ</a></p>
<div id="breadcrumb">現在地 <a href="/">トップページ</a> &gt; 審議会 &gt; 会議録</div>
<h1>令和6年度第2回 山辺市個人情報保護審議会 会議録</h1>
<p>日時 令和6年8月27日（火曜日）午前10時から午前11時30分まで 場所 山辺市役所3階 大会議室 出席委員 木村会長、上田委員、中西委員 欠席委員 なし</p>
<h3>議事 諮問第4号 児童手当システムの標準化に伴う電子計算機の結合について</h3>
<p>こども課長：標準準拠システムへの移行に伴い、ガバメントクラウドと結合するものです。</p>
<p>上田委員：移行時のデータの検証方法を示してください。</p>
<p>こども課長：次回までに検証計画を作成します。</p>
<p>木村会長：それでは検証計画の提出を待ち、継続審議とすることでよろしいでしょうか。</p>
<p>（異議なし）</p>
<div id="footer"><p>このページに関するお問い合わせ</p><p>総務課 電話：0000-00-0000</p></div>
</body></html>"""

CLOSING_ONLY = """令和6年度第3回 北浦市個人情報保護審議会 会議録

日時　令和6年10月1日（火）午後3時～午後4時
場所　北浦市役所 第3会議室

会議の経過
【会長】　「諮問事項ア（特定個人情報保護評価書の第三者点検について）」を議題とします。
【市民課】　評価書の概要を説明します。
【委員】　委託先の監査はどのように行いますか。
【市民課】　年1回の実地監査を行います。
【会長】　ご質問、ご意見等他になければ、質疑を終えたいと思いますが、よろしいでしょうか。
（委員一同異議なし）
【会長】　ご異議がないようですので質疑を終えます。
【会長】　以上で本日の議事は全て終了しました。
（委員一同異議なし）
"""

PROPOSED = """令和6年度第3回 北浦市個人情報保護審議会 会議録

日時　令和6年10月1日（火）午後3時～午後4時
場所　北浦市役所 第3会議室

会議の経過
【会長】　「諮問事項ア（特定個人情報保護評価書の第三者点検について）」を議題とします。
【市民課】　評価書の概要を説明します。
【委員】　委託先の監査はどのように行いますか。
【市民課】　年1回の実地監査を行います。
【会長】　ほかにご意見がなければ、諮問事項アについては原案のとおり承認することとしてよろしいでしょうか。
（委員一同異議なし）
【会長】　以上で本日の議事は全て終了しました。
"""


def _only(text: str, name: str = "minutes.txt") -> Consultation:
    doc = parse_document(to_plain_text(text, name), name)
    assert_consultations_sound(doc)
    assert_passages_sound(doc)
    (c,) = [c for c in doc.consultations if c.label != "諮問第13号"]
    return c


@pytest.mark.parametrize(
    ("text", "name", "label", "outcome"),
    [
        (NARRATIVE, "narrative.txt", "諮問第3号", "継続審議"),
        (TURNS, "turns.txt", "案件(1)", "継続審議"),
        (RESULT_LINE, "result_line.txt", "諮問第5号", "継続審議（追加資料の提出待ち）"),
        (WEB_PAGE, "web.html", "諮問第4号", "継続審議"),
    ],
)
def test_minutes_ending_in_keizoku_shingi_are_pending(text: str, name: str, label: str, outcome: str) -> None:
    c = _only(text, name)
    assert c.label == label
    assert (c.status, c.outcome.split("（")[0]) == ("pending", outcome.split("（")[0])


def test_a_result_list_at_the_end_decides_each_consultation() -> None:
    doc = parse_document(RESULT_LIST, "list.txt")
    by = {c.label: c for c in doc.consultations}
    assert (by["諮問第12号"].status, by["諮問第12号"].outcome) == ("pending", "継続審議")
    assert (by["諮問第13号"].status, by["諮問第13号"].outcome) == ("decided", "承認")


def test_a_closing_formality_is_never_a_decision() -> None:
    doc = parse_document(CLOSING_ONLY, "closing.txt")
    (c,) = doc.consultations
    assert (c.status, c.outcome) == ("unknown", "")
    assert len(doc.warnings) == 1 and "諮問事項ア" in worded(doc.warnings)[0]


def test_assent_to_a_proposed_decision_is_that_decision() -> None:
    doc = parse_document(PROPOSED, "proposed.txt")
    (c,) = doc.consultations
    assert (c.status, c.outcome) == ("decided", "承認")
    outcome = next(p for p in doc.passages if p.kind == "outcome")
    assert "原案のとおり承認" in outcome.text and "異議なし" in outcome.text
    assert not doc.warnings


def test_a_proposal_written_after_a_voice_from_the_floor_is_what_the_assent_agrees_to() -> None:
    """「ほかに御意見はございますか。（「なし」の声）それでは、…原案のとおり承認とし、…要望を付すこととしてよろしいでしょうか。」
    then 「（「異議なし」の声）」: the voice opening the chair's sentence is not the whole sentence, the proposal after it is
    what was agreed (layout72a)."""
    from knowledge.structure_outcome import decide

    text = ("会長\nほかに御意見はございますか。（「なし」の声）それでは、諮問第12号は原案のとおり承認とし、運用開始後1年を目途に"
            "実施状況を報告していただくよう要望を付すこととしてよろしいでしょうか。\n\n（「異議なし」の声）\n\nでは、そのように答申いたします。")
    d = decide(text, [(0, len(text))])
    assert d is not None and (d.status, d.outcome) == ("decided", "承認")
    alone = "会長\nほかに御意見はございますか。\n\n（「なし」の声）\n\n（「異議なし」の声）"
    assert decide(alone, [(0, len(alone))]) is None  # a voice alone proposes nothing


def test_approved_with_a_partial_amendment_is_decided() -> None:
    """「→一部修正の上承認（…を条件とする。）」: approved, on conditions."""
    from knowledge.structure_outcome import decide

    text = "→一部修正の上承認（トイレ出入口を撮影範囲から除外することを条件とする。）"
    d = decide(text, [(0, len(text))])
    assert d is not None and (d.status, d.outcome) == ("decided", "承認（条件付き）")


def test_a_decision_said_politely_and_a_point_agreed_are_told_apart() -> None:
    """「審議会として了承しました。」 decides the matter; 「この点については、…説明があり、当審議会としてもこれを了承しました。」
    agrees to a point of it."""
    from knowledge.structure_outcome import decide

    said = "審議会として了承しました。"
    d = decide(said, [(0, len(said))])
    assert d is not None and (d.status, d.outcome) == ("decided", "了承")
    point = "この点については、担当課から広報紙で周知するとの説明があり、当審議会としてもこれを了承しました。"
    assert decide(point, [(0, len(point))]) is None


@pytest.mark.parametrize("sentence", ["会長が原案について諮ったところ、挙手全員により承認。",
                                      "会長が原案について諮ったところ、挙手多数により承認（賛成４名、反対１名）。",
                                      "採決の結果、起立多数をもって可決した。"])
def test_a_vote_is_a_decision(sentence: str) -> None:
    from knowledge.structure_outcome import classify

    assert classify(sentence) == ("decided", "承認")


def test_a_result_heading_in_brackets_is_no_speaker() -> None:
    """「【審議結果】」 over 「本件は継続審議とし、…」 heads the council's decision; it is not a turn of someone named 審議結果."""
    text = ("令和６年度第３回ほたる市個人情報保護審議会　会議録\n\n日時：令和６年１０月２４日　午後２時から午後３時まで\n\n"
            "（１）諮問第９号　救急医療情報連携システムの導入について\n\n【説明要旨】（警防課長）\n　システムを導入したい。\n\n"
            "【質疑応答】\nＱ：サーバは国内にあるのか。（委員）\nＡ：現在、事業者は未定である。（課長補佐）\n\n"
            "【審議結果】\n　本件は継続審議とし、協定書案が整った段階で、改めて審議することとした。\n")
    doc = parse_document(text, "hotaru.txt")
    assert [(c.label, c.status) for c in doc.consultations] == [("諮問第9号", "pending")]


def test_an_outcome_word_in_quotes_and_a_proviso_after_the_decision() -> None:
    """「次の付帯意見を付して「適当」である旨を答申することとした。」 is 適当; 「原案のとおり承認する。ただし、…を条件とする。」
    keeps its proviso with the decision (the outcome passage and the label say it)."""
    from knowledge.structure_outcome import classify, decide

    assert classify("次の付帯意見を付して「適当」である旨を答申することとした。") == ("decided", "適当")
    text = "原案のとおり承認する。ただし、警察等への画像の提供件数を、年1回、審議会に報告することを条件とする。\n"
    decision = decide(text, [(0, len(text))])
    assert decision is not None and decision.span is not None
    assert "年1回" in text[decision.span[0] : decision.span[1]] and decision.outcome == "承認（条件付き）"


def test_an_appeal_answered_in_the_minutes_is_decided_as_the_answer_says() -> None:
    from knowledge.structure_outcome import classify

    assert classify("・挙手全員により、「審査請求には理由がなく、棄却すべきである」との答申とすることを決定。") == ("decided", "棄却すべき")
    assert classify("審査請求は却下すべきである旨、答申することとした。") == ("decided", "却下すべき")
    assert classify("委員：この部分は開示すべきではないか。") is None


def test_points_the_chair_attaches_as_opinions_are_the_requests() -> None:
    """「一点目、…こと。二点目、…こと。この二点を意見として付した上で、…承認することとしてよろしいですか。」: approved
    with requests, the two points being them."""
    text = to_plain_text(
        "第3回北浜市個人情報保護審議会 会議録\n議事の経過\n"
        "○会長　早速ですが、諮問第7号、駐輪場の防犯カメラの増設について、担当課から説明をお願いします。\n"
        "○生活安全課長　カメラを4台増設いたします。\n"
        "○会長　私から二点申し上げます。一点目、撮影表示を全ての出入口に設置すること。二点目、点検結果を年1回報告すること。"
        "この二点を意見として付した上で、諮問第7号は原案のとおり承認することとしてよろしいですか。\n"
        "（「異議なし」の声）\n○会長　それでは、諮問第7号は意見を付して承認といたします。\n", "f.txt")
    (c,) = parse_document(text, "f.txt").consultations
    assert c.outcome == "承認（要望あり）"
    assert "撮影表示を全ての出入口に設置すること" in c.requests[0] and "年1回報告すること" in c.requests[0]
