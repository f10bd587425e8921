"""The quote: the part of a passage that answers, cleaned, never longer than the limit (texts written for the tests)."""

from __future__ import annotations

import random

from knowledge.query import Query, parse_query
from knowledge.quote import MAX_QUOTE, sentences, tidy, trim_quote
from knowledge.structure_text import compact


def ask(question: str) -> tuple[Query, dict[str, float]]:
    q = parse_query(question)
    return q, {c.word: 1.0 for c in q.concepts}


# a 答申 paragraph as PDF extraction gives it: one line, 600+ characters, the answer in the middle
TOSHIN = (
    "５ 審査会の判断 (1)本件文書について 本件文書は、実施機関が保有する相談記録票であって、相談の日時、相談者の氏名、"
    "相談の内容及び対応の経過が記載されたものである。本件文書の廃棄については、審査請求人から、保存期間の満了前に廃棄"
    "されたのではないかとの疑義が示されている。(2)廃棄の経緯について 実施機関は、本件文書を文書管理規程（平成２５年"
    "訓令第３号。以下「規程」という。）第１２条に基づき保存期間満了により廃棄したと説明している。当審査会が廃棄簿を"
    "確認したところ、本件文書の廃棄日は令和５年１０月２日と記載されていた。廃棄の方法は、委託業者による溶解処理で"
    "あり、溶解証明書も保管されている。(3)保存期間について 規程第１２条は「相談記録票の保存期間は、５年とする。」と"
    "規定しており、本件文書の作成日から起算すると、廃棄日は保存期間の満了後である。したがって、実施機関が保存期間の"
    "満了前に本件文書を廃棄したとは認められない。(4)結論 以上のとおり、本件文書は不存在であるとした実施機関の決定は"
    "妥当である。なお、審査請求人のその他の主張は、当審査会の判断を左右するものではない。よって、当審査会は、"
    "「審査会の結論」のとおり判断する。"
)


def test_a_long_toshin_paragraph_is_quoted_where_it_answers() -> None:
    assert len(TOSHIN) > 500 and "\n" not in TOSHIN
    q, w = ask("本件文書を廃棄したのはいつ?")
    quote = trim_quote(TOSHIN, q, w)
    assert "令和５年１０月２日" in quote  # the sentence with the date, not the paragraph's start
    assert len(quote) <= MAX_QUOTE
    assert quote.startswith("…") and not quote.startswith("…５ 審査会の判断")


def test_the_answer_type_picks_the_sentence_among_those_with_the_words() -> None:
    q, w = ask("相談記録票の保存期間は何年?")
    quote = trim_quote(TOSHIN, q, w)
    assert "５年とする" in quote and len(quote) <= MAX_QUOTE


def test_sentences_are_not_cut_inside_brackets() -> None:
    assert sentences("規程第７条は「職員は、引き継がなければならない。」と規定している。次の文。") == [
        "規程第７条は「職員は、引き継がなければならない。」と規定している。", "次の文。"]
    assert sentences("条例（平成１２年条例第２号。以下「条例」という。）第１７条に該当する。「はい。」と答えた。") == [
        "条例（平成１２年条例第２号。以下「条例」という。）第１７条に該当する。", "「はい。」と答えた。"]
    assert sentences("（注：以下略。）次の文です。") == ["（注：以下略。）", "次の文です。"]
    # a bracket that never closes does not swallow the paragraph
    assert len(sentences("(1本件について述べる。次に、経緯を述べる。最後に結論を述べる。")) == 3


QA_PAIR = (
    "委員：公民館の利用者アンケートについて伺います。紙の回答用紙には氏名と電話番号の欄がありますが、集計が終わった"
    "後、回答用紙はどこで保管し、いつ廃棄するのでしょうか。また、集計作業は職員が行うのでしょうか。\n"
    "生涯学習課：回答用紙は集計が終わるまで公民館の事務室の施錠できる書庫で保管します。"
    "集計作業は職員が行い、外部には委託しません。"
    "集計の終了後、回答用紙は翌年度の４月末までに溶解処理により廃棄します。"
    "なお、電話番号は抽選の当選者への連絡にのみ使用します。抽選の結果は、当選者にのみ電話でお知らせし、"
    "落選した方への連絡はいたしません。"
)


def test_a_question_turn_comes_with_its_answer() -> None:
    assert len(QA_PAIR) > MAX_QUOTE
    q, w = ask("公民館のアンケート用紙はいつ廃棄するの?")
    quote = trim_quote(QA_PAIR, q, w, qa=True)
    question, answer = quote.split("\n")
    assert question.startswith("委員：") and answer.startswith("生涯学習課：")
    assert "４月末までに溶解処理により廃棄" in answer
    assert len(quote) <= MAX_QUOTE


def test_a_question_in_running_minutes_is_quoted_with_the_answer_after_it() -> None:
    text = ("事務局から資料２により説明があった。" * 6 + "委員から、アクセスログは誰が確認するのかとの質問があった。"
            "事務局から、情報政策課の職員が毎月確認し、結果を課長に報告するとの回答があった。"
            + "続いて、次の議題に移った。" * 8)
    q, w = ask("アクセスログは誰が確認するのか?")
    quote = trim_quote(text, q, w)
    assert "誰が確認するのか" in quote and "情報政策課の職員が毎月確認" in quote
    assert len(quote) <= MAX_QUOTE


def test_a_line_without_punctuation_longer_than_the_quote_is_cut_near_the_match() -> None:
    text = " ".join(f"令和6年{m}月{d}日 ・{'審査請求人の口頭意見陳述' if (m, d) == (9, 19) else '審議'}（第{300 + m}回）"
                    for m in range(1, 13) for d in (5, 12, 19, 26))
    assert len(text) > 2 * MAX_QUOTE and "、" not in text
    q, w = ask("口頭意見陳述はいつ?")
    quote = trim_quote(text, q, w)
    assert "令和6年9月19日 ・審査請求人の口頭意見陳述" in quote and len(quote) <= MAX_QUOTE


def test_a_quote_is_cleaned() -> None:
    text = ("※ 以下、質疑等\n- 委員：子ども食堂の名簿は、生活保護\n\nの手前で支援が必要な世帯を把握するために使うの"
            "ですか。\n- 事務局：名簿は食材の配布の連絡にのみ使い、支援の判断には使いません。" + "補足の説明です。" * 40)
    q, w = ask("子ども食堂の名簿は何に使うの?")
    quote = trim_quote(text, q, w, qa=True)
    assert "※" not in quote and "- " not in quote
    assert "生活保護の手前" in quote and "食材の配布の連絡にのみ使い" in quote
    assert len(quote) <= MAX_QUOTE
    # a list of names broken across lines is joined with a space between two names, not glued into one
    assert tidy("出席：(会長) 高森 和彦 (副会長) 野々村 裕子\n上原 誠司 岸本 早苗") == (
        "出席：(会長) 高森 和彦 (副会長) 野々村 裕子 上原 誠司 岸本 早苗")


PIECES = (
    "委員：保存期間は何年ですか。", "事務局：５年です。", "（注：以下略。）", "「はい。」と答えた。",
    "(1本件について述べる。", "規程は「職員は、引き継がなければならない。」と規定する。", "\n", "\n\n", "- ",
    "令和６年９月19日 ・審議（第307回）" * 12, "委託先は株式会社サンプルで、契約期間は５年間である。",
    "名簿は、施錠できる書庫で保管し、" * 9 + "廃棄する。", "【委員】", "実施機関：",
)


def test_a_quote_is_never_longer_than_the_limit() -> None:
    rng = random.Random(20261201)
    questions = [ask(t) for t in ("保存期間は何年?", "委託先はどこ?", "いつ審議した?", "名簿はどう保管する?")]
    for _ in range(400):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        limit = rng.randint(30, 400)
        q, w = rng.choice(questions)
        for qa in (False, True):
            quote = trim_quote(text, q, w, limit=limit, qa=qa)
            assert len(quote) <= limit, (text, limit, qa, quote)
            assert "\n\n" not in quote and (quote.strip("…") or not compact(tidy(text)))


def test_a_speaker_without_words_is_not_quoted() -> None:
    q, w = ask("事務局の説明は?")
    assert trim_quote("会長：事務局より説明をお願いします。\n【事務局】", q, w) == "会長：事務局より説明をお願いします。"


def test_a_phrase_without_any_break_is_cut_after_a_particle() -> None:
    text = "審議会の委員が委託先の監督体制を確認した結果を市長に報告する手続を定めた要綱に基づく" * 8 + "保存期間を五年とする規定"
    q, w = ask("保存期間は何年?")
    quote = trim_quote(text, q, w, limit=60)
    body = quote.strip("…")
    start = text.index(body)
    assert "保存期間を五年" in quote and len(quote) <= 60
    assert start == 0 or "ぁ" <= text[start - 1] <= "ゖ"  # not in the middle of a word


# between the sentence a word of the question is in and the one answering: more than a quote's length
FILLER = ("これらの請求は、件数が大量にわたるだけでなく、全体として適正な請求とは解し得ないものであったため、実施機関は"
          "対応方法を検討するため決定期間を延長し、検討の結果、一連の請求は権利の濫用に当たると判断して一括して却下した。"
          "申立人はこの判断に不服があるとして異議申立てを行い、実施機関は理由説明書を提出した。当審査会は、実施機関の説明"
          "及び申立人の意見を踏まえ、本件の経過を審議したものである。") * 2


def test_a_word_of_the_question_is_found_inflected() -> None:
    """「一番多かった日は何件?」: 多い is written 多かった; the sentence saying it (1日36件) is quoted, not another
    count of 請求 a day."""
    text = "申立人は、却下の後も1日に請求を出して、合計191件に及んだ。" + FILLER + "最も多かった日には1日36件もの請求を行った。"
    q, w = ask("請求、一番多かった日は1日に何件?")
    quote = trim_quote(text, q, w)
    assert "36件" in quote and "191件" not in quote and len(quote) <= MAX_QUOTE


def test_where_asks_for_a_place() -> None:
    """「個別ケース会議はどこで開いてた?」: the sentence with the room, not the one repeating 会議を開いて."""
    text = ("担当職員は「関係機関で個別ケース会議を開いて支援を話し合った」と説明した。" + FILLER
            + "個別ケース会議は3回とも本庁舎４階第２会議室において平日の午後に開催された。")
    q, _ = ask("個別ケース会議はどこで開いてた?")
    w = {"個別": 2.0, "ケース": 2.0, "会議": 1.0, "開く": 0.6}  # idf-like: a common verb says less than the names
    quote = trim_quote(text, q, w)
    assert "第２会議室" in quote and len(quote) <= MAX_QUOTE


def test_why_asks_for_the_reason_clause() -> None:
    """「文書104がないのはなぜ?」: the sentence giving the reason (…取得していないため、), not the one saying what the
    document is, although both name it; a purpose (…するために) is not a reason."""
    text = ("文書104は、旭区総務課が意思決定するために作成した起案文書である。" + FILLER
            + "実施機関は、文書104について原本を取得していないため、不存在と判断したとのことである。")
    q, w = ask("文書104がないのはなぜ?")
    quote = trim_quote(text, q, w)
    assert "原本を取得していない" in quote and "起案文書" not in quote and len(quote) <= MAX_QUOTE
    source = ("審査会は、実施機関から、文書104の作成の経緯について説明を受けた。" + FILLER
              + "実施機関は、文書104について原本を取得していないため、不存在と判断したとのことである。")
    assert "原本を取得していない" in trim_quote(source, q, w)  # 「実施機関から、」 names who spoke, not why


# an explanation as a town's minutes give it: one long line, the topic words early, the dates and the fee later
APP = (
    "学校教育課長から次のとおり説明があった。現在、町立小学校では、保護者が連絡帳又は電話で欠席を学校に連絡しており、"
    "始業前の電話対応が教職員の負担となっている。そこで、令和８年４月から、保護者がスマートフォンで体調を入力できる"
    "健康観察アプリ「すこやかノート」を導入したい。アプリの運用及びデータの管理は、開発事業者に委託する。対象となる"
    "児童生徒は、令和７年５月１日現在で１，０４３名である。取り扱う個人情報は、児童生徒の氏名、学年、体温、体調及び"
    "欠席の理由並びに保護者の氏名及びメールアドレスである。入力画面は保護者が選ぶ選択式とし、自由記述は１００字以内"
    "とする。契約期間は令和８年４月１日から令和１１年３月３１日までの３年間で、委託料は年額１９８万円を見込んでいる。"
    "なお、事業者は情報セキュリティの認証を取得している。"
)


def test_what_is_asked_outweighs_the_topic_words_and_the_year_named_picks_the_date() -> None:
    assert len(APP) > MAX_QUOTE
    q, w = ask("健康観察アプリ、年間いくらかかる?")
    assert "年額１９８万円" in trim_quote(APP, q, w)  # an amount, not the sentence naming the app
    q, w = ask("アプリの契約って2029年のいつまで?")
    assert "令和１１年３月３１日" in trim_quote(APP, q, w)  # 2029: 令和11年, not 令和８年４月


def test_the_date_beside_the_step_asked_is_quoted() -> None:
    text = ("審査請求人は、令和５年９月１２日付けで保有個人情報の開示請求を行い、実施機関は、令和５年１０月２日付けで"
            "部分開示決定を行った。この決定について、審査請求人は、令和５年１２月４日付けで審査請求を行った。" * 2)[:-1]
    text = "第２　審査請求の趣旨\n" + text + "。" + "本件審査請求の趣旨は、不開示部分の開示を求めるというものである。" * 2
    q, w = ask("審査請求が出されたのはいつだっけ")
    quote = trim_quote(text, q, w, limit=80)
    assert "令和５年１２月４日" in quote


def test_short_field_lines_of_a_header_count_as_less_than_sentences() -> None:
    """A header copied from a table puts each field's wrapped value on its own short line; 「何時に終わった?」 quotes
    the line with the end time, four lines down, not three lines and a cut; a field's row is not joined to the row
    above it."""
    header = "\n".join([
        "鵆ヶ原市個人情報保護審議会　会議録", "会議名\t令和6年度　第3回", "\t鵆ヶ原市個人情報保護審議会",
        "開催日時\t令和6年10月17日（木）", "\t午後2時00分から", "\t午後4時05分まで", "開催場所\t鵆ヶ原市役所　本庁舎4階",
        "\t第2委員会室", "出席者\t（委員）会長　高森和彦、副会長　藤原静雄、委員　金井恵里可、委員　山本浩之、委員　藤崎麻衣",
        "\t（事務局）総務部長　鴇田、総務課長　真壁、総務課主査　十川", "欠席者\t委員　小松英明",
        "議題\t（1）諮問第21号　国民健康保険事務に", "\t係る特定個人情報保護評価書（全項", "\t目評価）の第三者点検について",
        "\t（2）諮問第22号　保有個人情報部分開", "\t示決定に係る審査請求について", "傍聴人数\t2名"])
    q = parse_query("R6年度の3回目の会、何時に終わった?")
    quote = trim_quote(header, q, {c.word: 1.0 for c in q.concepts})
    assert "午後4時05分" in quote and len(quote) <= MAX_QUOTE
    assert "\n欠席者 委員 小松英明" in trim_quote(header, q, {}, limit=2000)
