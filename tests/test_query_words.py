"""How the words of a question are searched (knowledge.query): alternatives a word brings of itself."""

from __future__ import annotations

from knowledge.query import parse_query
from knowledge.wareki import normalize_numbers


def test_a_compound_verb_is_also_searched_as_the_noun_the_records_use() -> None:
    """「聞き取り票」 reads 聞き取る; the record says 聞取り調査票 (indexed 聞き取り): the verb's noun is an alternative."""
    concepts = {c.word: c.alts for c in parse_query("聞き取り票、どの条文を根拠に伏せたの?").concepts}
    assert "聞き取り" in concepts["聞き取る"] and "伏せ" in concepts["伏せる"]
    assert not any("する" in w for w in concepts)


def test_the_words_naming_an_article_asked_are_question_words() -> None:
    """「根拠って条例の何条?」 asks an article (第22条第７号): 根拠 and 条例 say what is asked, the topic is the rest."""
    q = parse_query("採用試験の点数を出さなかった根拠って条例の何条?")
    assert q.wants is not None and q.wants.search("条例第22条第７号") and not q.wants.search("22件")
    soft = {c.word for c in q.concepts if c.soft}
    assert {"根拠", "条例"} <= soft and "試験" not in soft
    assert parse_query("審査会が引いた条文は?").wants is q.wants


def test_the_words_naming_the_kind_of_answer_are_question_words() -> None:
    """「参加した人数は何人?」「答申の日付は?」: 人数 and 日付 name the kind of answer (a count, a date), not the topic."""
    counted = parse_query("研修に参加した人数は何人?")
    assert {c.word for c in counted.concepts if c.soft} >= {"人数"}
    assert "研修" not in {c.word for c in counted.concepts if c.soft}
    assert "日程" not in {c.word for c in parse_query("研修の日程の調整方法は?").concepts if c.soft}  # no date asked


def test_the_act_asked_the_date_of_is_not_the_one_doing_it() -> None:
    """「異議申立てが出たのは何月何日?」: a date beside 異議申立人 (the applicant's opinion received) is not the date
    of the 異議申立て itself."""
    from knowledge.asked_dates import beside

    q = parse_query("手当リストの件、異議申立てが出たのは何月何日?")
    assert q.event is not None and q.wants is not None
    assert not beside("平成25年７月２日 ・異議申立人から意見書を受理", q.wants, q.event)
    assert beside("平成25年４月１日付けで異議申立てがあった。", q.wants, q.event)



def test_the_step_asked_is_the_compound_the_question_writes() -> None:
    """「異議申立てが出されたのはいつ?」: a date beside 「本件申立文書」 is not the 異議申立て's; 「開示請求はいつ?」 is not
    the 審査請求's. A step word without a kind before it (「移行っていつ?」) stays as it is."""
    from knowledge.asked_dates import beside

    q = parse_query("タクシー券の件、異議申立てが出されたのはいつ?")
    assert q.event is not None and q.wants is not None and q.event.word in ("異議申し立て", "異議申立て")
    assert not beside("本件申立文書について、平成３年６月１日に協定を締結した。", q.wants, q.event)
    assert beside("平成13年11月１日に異議申立てがあった。", q.wants, q.event)
    opened = parse_query("鳩の相談記録の開示請求が出されたのはいつ?")
    assert opened.event is not None and opened.wants is not None
    assert not beside("平成17年３月１日に審査請求があった。", opened.wants, opened.event)
    moved = parse_query("健康管理システムのガバクラ移行っていつ?").event
    assert moved is not None and moved.word == "移行"

def test_the_applicant_speaking_before_the_council_is_the_opinion_hearing() -> None:
    """「申立人本人が審査会で意見を言ったのはいつ?」: the 意見陳述 step, its date asked (本人, 審査会で between)."""
    q = parse_query("申立人本人が審査会で意見を言ったのはいつ?")
    assert q.event is not None and q.event.word == "意見陳述"
    assert parse_query("申立人が意見を言ったのはいつ?").event.word == "意見陳述"  # type: ignore[union-attr]


def test_which_item_asks_for_an_item_number() -> None:
    """「どの号?」 asks for an item of an article (第１号、第４号イ), as 何号 does."""
    wants = parse_query("申立人が理由の追加に怒ってたのはどの号?").wants
    assert wants is not None and wants.search("第１号、第４号イ") and not wants.search("第22条")


def test_the_unit_of_the_count_asked_is_a_question_word() -> None:
    """「最初は何手続でスタート?」 asks a count of 手続 (23手続で開始): 手続 is the unit asked, not a word the answer
    must repeat elsewhere; 最初 is 当初 and スタート is 開始 in a record."""
    concepts = {c.word: c for c in parse_query("決済機能、最初は何手続でスタート?").concepts}
    assert concepts["手続き"].soft and not concepts["決済"].soft
    assert "当初" in concepts["最初"].alts and "開始" in concepts["スタート"].alts
    assert not {c.word: c for c in parse_query("手続の方法は?").concepts}["手続き"].soft


def test_casual_fillers_are_question_words() -> None:
    """「そもそも」「それぞれ」「〜ってやつ」「なんでダメ?」「正式には」 say how a member talks, not what the record says."""
    for question, filler in (("そもそも勧奨リストってなんで作ったの?", "抑"), ("面接官それぞれの評価は?", "其々"),
                             ("いつ回覧されたやつ?", "奴"), ("縦覧できるならなんでダメ?", "駄目"),
                             ("申立人が求めた情報の正式な名前は?", "正式"), ("本当は何年のはずって主張してた?", "筈")):
        words = {c.word: c.soft for c in parse_query(question).concepts}
        assert words[filler] and not all(words.values()), (question, words)


def test_everyday_and_abbreviated_words_bring_the_records_words() -> None:
    """「地裁の判決」 is written 地方裁判所 or 地判 in a 答申, 「協定を結んだ」 締結, 「回覧された」 供覧済み, 「理由を足した」 追加."""
    from knowledge.synonyms import alternatives

    assert {"地方裁判所", "地判"} <= set(alternatives("地裁"))
    assert "締結" in alternatives("結ぶ") and "供覧" in alternatives("回覧") and "追加" in alternatives("足す")
    assert "最判" in alternatives("最高裁") and "地判" not in alternatives("最高裁")
    assert {"転居", "転出"} <= set(alternatives("引っ越す"))  # 「長男が引っ越したのいつ?」: 「…市外へ転出した」
    assert "該当" in alternatives("当たる") and "記入" in alternatives("書き込む")  # 7号に当たらない = 該当しない
    assert "業務" in alternatives("仕事") and "開示" in alternatives("公開")
    # 「長女さんの勤め先」「お年寄り」「近所の人からの通報」: 勤務先, 高齢者, 近隣, 通告 in the records
    assert "勤務先" in alternatives("勤め先") and "高齢者" in alternatives("お年寄り") and "近隣" in alternatives("近所")
    assert "通告" in alternatives("通報") and "独居" in alternatives("一人暮らし") and "審査請求人" in alternatives("申し立て人")


def test_a_duration_and_a_count_of_things_are_answer_types() -> None:
    """「何分くらい話した?」 asks a duration (約25分間), 「何時間以内に報告?」 too (24時間以内); 「空き缶は何本?」 a count
    of 本 (10本程度); 「何時から?」 still a time of day."""
    minutes = parse_query("口頭意見陳述って何分くらいやった？").wants
    assert minutes is not None and minutes.search("約25分間") and not minutes.search("令和5年")
    hours = parse_query("事故があったら何時間以内に報告？").wants
    assert hours is not None and hours.search("24時間以内")
    cans = parse_query("空き缶って何本くらい？").wants
    assert cans is not None and cans.search("10本程度") and not cans.search("10件")
    clock = parse_query("会議は何時から？").wants
    assert clock is not None and clock.search("14:00")


def test_where_a_thing_is_kept_and_which_municipality_are_answer_types() -> None:
    """「どこのデータセンターに置かれるの?」 asks a place (国内, 東日本のセンター); 「どこの市に引っ越した?」 a
    municipality's name — 「市外の社員寮」 does not answer it."""
    kept = parse_query("学習ログってどこのデータセンターに置かれるの？").wants
    assert kept is not None and kept.search("国内に所在するデータセンター")
    town = parse_query("長女が引っ越した先ってどこの市？").wants
    assert town is not None and town.search("隣の桜台市へ転居") and not town.search("市外の就職先の社員寮")


def test_hedges_and_colloquial_requests_and_abbreviations() -> None:
    q = parse_query("見守りの対象者ってだいたい何人くらいになりそう?")
    assert {c.word for c in q.concepts if not c.soft} == {"見守る", "対象者"}  # だいたい, そう: how it is asked
    q = parse_query("4号でB委員が付けた注文って何だった?")
    assert "要望" in next(c for c in q.concepts if c.word == "注文").alts
    q = parse_query("社協にまで名簿渡すのはなんで?")
    assert "社会福祉協議会" in next(c for c in q.concepts if c.word == "社協").alts


def test_a_type_word_before_the_date_word_is_not_a_step() -> None:
    """「パブコメの期間いつからいつまで?」: 期間 says what is asked; a date need not stand beside the word 期間."""
    assert parse_query("評価書のパブコメ、期間いつからいつまでだった?").event is None
    assert parse_query("審査請求っていつ出された?").event is not None


def test_a_heading_number_before_honken_is_not_a_count() -> None:
    """「３　本件処分の理由」 holds no count of 本: 「空き缶って何本?」 is not answered by a heading number."""
    wants = parse_query("担当員が見た空き缶って何本くらい?").wants
    assert wants is not None
    assert not wants.search("3 本件処分の理由") and not wants.search("3\n本件")
    assert wants.search("空き缶が10本程度あった")


def test_a_date_asked_of_the_consultation_stands_beside_the_word_shimon() -> None:
    """「諮問が来たのいつ?」: the head of a 答申 says 「令和６年１月１８日付け…による次の諮問」."""
    from knowledge.asked_dates import beside

    q = parse_query("相談記録の件、市から審査会に諮問が来たのはいつ?")
    assert q.event is not None and q.wants is not None
    assert beside("令和6年1月18日付け檜子支第1204号による次の諮問について、別紙のとおり答申します。", q.wants, q.event)


def test_the_step_asked_is_read_past_the_year_and_beside_a_cited_law() -> None:
    """「開示請求って2023年の何月何日?」: the step is 開示請求, the year between them aside; a date 「令和5年12月12日、
    個人情報の保護に関する法律（平成15年法律第57号。以下「法」という。）第76条第1項の規定に基づき、…開示請求」 stands
    beside it, the citation in brackets aside."""
    from knowledge.asked_dates import beside

    q = parse_query("いじめ報告書の開示請求って2023年の何月何日?")
    assert q.event is not None and q.event.word == "開示請求" and q.wants is not None
    said = ("審査請求人は、令和5年12月12日、個人情報の保護に関する法律（平成15年法律第57号。以下「法」という。）"
            "第76条第1項の規定に基づき、実施機関に対し、保有個人情報の開示請求を行った。")
    assert beside(normalize_numbers(said), q.wants, q.event)


def test_era_letters_and_a_bare_month_and_day_name_the_meeting() -> None:
    """R7.10.23 / H27.1 / R4第2回 name an era year (and month); 「12/20の審議会」 names a meeting's month."""
    q = parse_query("R7.10.23の個人情報保護審議会って何時に終わった?")
    assert q.years == {2025} and q.months == {(2025, 10)} and q.meeting_fact == "time"
    assert parse_query("H27.1の第5回、会場どこだったっけ").months == {(2015, 1)}
    assert parse_query("R4第2回の会、どこでやった?").years == {2022}
    assert parse_query("12/20の審議会、何時から?").meeting_months == {12}
    assert not {"12", "20"} & {c.word for c in parse_query("12/20の審議会、委員って何人出てた?").concepts}  # the day, no words
    assert not parse_query("通信はTLS1.2以上?").years


def test_a_part_written_with_its_okurigana_matches_the_record_without_it() -> None:
    """「転出届」 is cut 転出 + 届け; the record writes 「転出の届出」: the part matches without its okurigana."""
    from knowledge.asked_dates import beside

    q = parse_query("長女の転出届はいつ出てる?")
    assert q.event is not None and q.wants is not None
    assert beside("長女は令和5年8月31日に引っ越し、9月4日に転出の届出を済ませている。", q.wants, q.event)


def test_the_next_meeting_sentence_need_not_name_the_council() -> None:
    """「桜川町の次の審査会いつ頃?」 read in the minutes: 「次回は11月中旬に開催予定。」 answers without 審査会."""
    from knowledge.query import as_next_in_minutes

    q = parse_query("桜川町の次の審査会いつ頃?", frozenset({"桜川町"}))
    as_next_in_minutes(q)
    assert {c.word for c in q.concepts if not c.soft} == {"次回"}


def test_the_vice_chair_and_a_count_of_absent_members_are_meeting_facts() -> None:
    """「副会長は誰?」 wants 副会長 said, not whoever chairs; 「欠席した委員2人って誰?」 asks the absent members."""
    vice = parse_query("審議会の副会長は誰?")
    assert vice.meeting_fact == "chair" and vice.wants is not None
    assert vice.wants.search("副会長 松原 いつ子") and not vice.wants.search("議長は宗像会長が務めた")
    absent = parse_query("欠席した委員2人って誰?")
    assert absent.meeting_fact == "attendance" and absent.wants is not None and absent.wants.search("欠席委員２名")


def test_the_council_said_short_and_absence_said_casually() -> None:
    """「保護審議会の第3回」 is the 個人情報保護審議会 (not 生活保護審議会); 「休んでた委員」 asks who was absent."""
    place = parse_query("保護審議会の第3回ってどの部屋でやってた?")
    assert place.meeting_fact == "place" and place.session_nums == {"3"}
    assert "生活保護" in {c.word for c in parse_query("生活保護審議会の件").concepts}
    assert parse_query("この前の保護審議会、休んでた委員って誰?").meeting_fact == "attendance"


def test_a_count_of_companies_is_written_with_either_counter() -> None:
    """何社 is answered by 3社 or 3者 (応募は3者: the administrative counter), never by any 件 (登録者約21,400件);
    何ページ by 47ページ, 47頁 or 47枚."""
    from knowledge.query import answer_type

    companies = answer_type("プロポーザル、何社応募した？")
    assert companies is not None and companies.search("応募は3者であった") and companies.search("5社が応募")
    assert not companies.search("登録者約21,400件")
    pages = answer_type("記録って全部で何ページくらい？")
    assert pages is not None and pages.search("本件記録は47枚") and pages.search("全12頁")


def test_a_question_word_after_no_is_not_read_as_a_word() -> None:
    """「審議したのどの部会?」 is の + どの, not 喉 (Sudachi's のど)."""
    from knowledge.query import parse_query

    assert [c.word for c in parse_query("この案件審議したのどの部会？").concepts] == ["案件", "審議", "部会"]


def test_where_it_was_held_asks_the_meeting_place() -> None:
    """「どこの部屋でやったの?」 names no meeting, but asks where it was held: the meeting's place."""
    from knowledge.query import parse_query

    assert parse_query("どこの部屋でやったの？").meeting_fact == "place"
    assert parse_query("説明会はどこの会場でやったの？").meeting_fact is None  # another event's place


def test_a_count_with_its_share_asks_the_count() -> None:
    """「何人分のデータ預けるの?」: 何人分 asks a number of people (18,400人分); 分 is no topic word, and 預ける is
    what the minutes call 委託."""
    from knowledge.query import parse_query

    q = parse_query("何人分のデータ預けるの？")
    assert [c.word for c in q.concepts if not c.soft] == ["データ", "預ける"]
    assert q.wants is not None and q.wants.search("約18,400人分")
    assert "委託" in next(c for c in q.concepts if c.word == "預ける").alts


def test_first_and_last_say_which_event_not_what_it_is_about() -> None:
    """「最初に開示請求したのはいつ?」「最後に審議したのはいつ?」: 最初/最後 pick the event; a passage need not say
    them (「審査請求人は、令和6年5月13日、…の開示を請求した」)."""
    from knowledge.query import parse_query

    q = parse_query("請求人が最初に開示請求したのはいつ？")
    assert {c.word for c in q.concepts if not c.soft} == {"請求人", "開示", "請求"}
    assert all(c.soft for c in parse_query("最後に審議したのはいつ？").concepts if c.word == "最後")


def test_the_basis_of_a_judgement_is_what_is_asked_not_a_word_of_the_passage() -> None:
    """「…黒塗りのままでいいって判断？根拠の号は？」: 判断 and 根拠 say what is asked (as 理由 does); the passage
    judging it need not write them."""
    q = parse_query("先生の所見のとこは黒塗りのままでいいって判断？根拠の号は？")
    assert {c.word for c in q.concepts if c.soft} >= {"判断", "根拠"}


def test_casual_words_that_say_what_is_asked_are_not_required_of_a_passage() -> None:
    """「どのくらいの頻度で?」「年何回のペース?」「出てた数字」「最終的に」「まるごと」「直しが入った」: how the
    question is put, not what a passage must hold; 市側 names the party of a 答申 as 市 does."""
    for text, word in (("評価書ってどのくらいの頻度で見直すことになってるの?", "頻度"), ("家庭訪問って年何回のペース？", "ペース"),
                       ("民生委員って今何人いるんだっけ?見守りの件で出てた数字", "数字"), ("前回の議事要旨、どこか直しが入った?", "入る"),
                       ("住民記録システムもまるごとクラウドに移るってこと？", "丸ごと")):
        assert all(c.soft for c in parse_query(text).concepts if c.word == word), (text, word)
    from knowledge.synonyms import alternatives

    q = parse_query("市側はあの日の訪問、どこで何分話したって説明？")
    assert q.party and all(c.soft for c in q.concepts if c.word == "市側")
    assert {"事業者", "受託者"} <= set(alternatives("ベンダー")) and "審査請求" in alternatives("不服申立て")


def test_a_step_named_as_the_matter_of_a_heading_is_not_that_step_taken() -> None:
    """「審査請求に至る経過　１　開示請求　審査請求人は、令和5年12月12日、…」: the heading names the matter (…に至る), the
    date is the 開示請求's; 「同年4月30日、…審査請求を行った」 is the 審査請求's."""
    from knowledge.asked_dates import beside

    q = parse_query("いじめ報告書の件で審査請求出したのいつ?")
    assert q.event is not None and q.wants is not None
    assert not beside("第2　審査請求に至る経過 1　開示請求 審査請求人は、令和5年12月12日、開示を請求した。", q.wants, q.event)
    assert beside("審査請求人は、同年4月30日、実施機関に対し審査請求を行った。", q.wants, q.event)


def test_the_date_a_matter_was_referred_is_also_said_by_the_referral_itself() -> None:
    """「諮問されたのいつ?」: a 答申 says 「令和4年10月5日付け…により諮問のあった」, not 諮問書を受理; a question that asks no
    date (「マイナ保険証の件で諮問はあった?」) is not satisfied by any 諮問 at all."""
    step = next(c for c in parse_query("名簿の件、諮問されたのいつだった?").concepts if c.word == "受理")
    assert "諮問" in step.alts and "諮問書" in step.alts
    step = next(c for c in parse_query("マイナ保険証の件で諮問はあった?").concepts if c.word == "受理")
    assert "諮問" not in step.alts


def test_colloquial_fillers_and_formats_are_question_words() -> None:
    """とこ (ところ), いま (今), 仕方/やり方 (方法), 西暦/和暦 say how to answer, not what the passage must hold."""
    for question, word in (("市はなんで事実経過のとこ出さなかったの?", "とこ"), ("いまの名簿の更新って年何回?", "いま"),
                           ("保存の仕方はどうなってる?", "仕方"), ("判定したのは西暦だと何年?", "西暦")):
        soft = {c.word for c in parse_query(question).concepts if c.soft}
        assert word in soft, (question, soft)


def test_what_a_list_carries_is_searched_as_written_in_the_records() -> None:
    """「名簿に何が載ってる?」: Sudachi reads 載る as 乗る; the records say 記載/掲載."""
    alts = next(c.alts for c in parse_query("名簿に何が載ってるの?").concepts if c.word == "乗る")
    assert "記載" in alts and "掲載" in alts


def test_family_honorifics_and_abbreviations_members_use() -> None:
    """「娘さん」 is the record's 長女 (さん says nothing); 個情委 is the 個人情報保護委員会; チェック is 確認/点検."""
    concepts = {c.word: c for c in parse_query("請求人は娘さんのことについてなんて言ってた？").concepts}
    assert "長女" in concepts["娘"].alts and concepts["さん"].soft
    words = {c.word: c.alts for c in parse_query("誤送信の件、個情委には報告したの？").concepts}
    assert "個人情報保護委員会" in words["個情委"]
    words = {c.word: c.alts for c in parse_query("審議会がチェックする観点は?").concepts}
    assert "確認" in words["チェック"]


def test_a_request_said_as_what_was_asked_for_is_the_request_step() -> None:
    """「本人が見せてって言ってきたのいつ?」 asks the date of the 開示請求; 「直してって出したの何日?」 of the 訂正請求."""
    q = parse_query("あの生保の記録、本人が見せてって言ってきたのいつ?")
    assert q.event is not None and q.event.word == "開示請求"
    assert any(c.word == "訂正請求" for c in parse_query("直してって出したの2024年の何日?").concepts)


def test_what_was_asked_for_quoted_whole_is_no_distance() -> None:
    """The date of a 開示請求 stands beside it across the quoted name of what was asked for."""
    from knowledge.asked_dates import beside

    q = parse_query("開示請求っていつ?")
    text = ("審査請求人は、令和6年1月30日、法第76条第1項の規定に基づき、実施機関に対し、「平成30年4月から令和5年12月までの"
            "間に福祉事務所が作成し、又は取得した私の生活保護に関する記録一切（ケース記録を含む。）」の開示請求をした。")
    assert q.event is not None and q.wants is not None and beside(text, q.wants, q.event)


def test_a_matter_called_yatsu_asks_its_outcome() -> None:
    """「…の開示のやつ、結局どうなったんだっけ?」: 「のやつ」 names the matter as 「の件」 does."""
    assert parse_query("鴗沢の生活保護記録の開示のやつ、結局どうなったんだっけ?").intent == "outcome"


def test_a_verb_brings_the_thesaurus_words_of_its_noun() -> None:
    """「主治医に問い合わせたのいつ?」: 問い合わせる's noun 問い合わせ is the records' 照会."""
    alts = next(c.alts for c in parse_query("町が主治医に問い合わせたのいつ?").concepts if c.word == "問い合わせる")
    assert "照会" in alts and "問い合わせ" in alts


def test_a_name_asked_is_a_name_a_name_talked_about_is_not() -> None:
    """「調査員の名前は?」「出した人って誰?」 are answered by a name (a passage saying only 調査員 does not answer); 「調査員の名前を
    伏せた理由は?」 asks the reason and 「職員は誰が許可する?」 who permits (a role answers): no name is required."""
    from knowledge.query import answer_type

    for asked in ("調査に来た調査員の名前は?", "担当のケースワーカーの名前わかる?", "担任の先生の名前は？", "審査請求出した人って誰?"):
        wants = answer_type(asked)
        assert wants is not None and wants.search("調査員 山田 花子") and not wants.search("調査員が訪問した"), asked
    for talked in ("調査員の名前を市が伏せた理由は？", "交付管理システムのIDを使える職員は誰が許可する?"):
        assert answer_type(talked) is None, talked


def test_a_maker_or_a_company_name_asked_wants_a_company() -> None:
    from knowledge.query import answer_type

    for asked in ("静脈認証の装置ってどこのメーカー?", "運送会社の名前は?", "運営委託先の法人名ってわかる?"):
        wants = answer_type(asked)
        assert wants is not None and wants.search("株式会社ミドリ") and not wants.search("静脈認証を設置"), asked


def test_what_followed_an_answer_is_not_in_the_answer() -> None:
    """「答申受けて市長はいつ回答したの?」「請求人はその後訂正請求を出したの?」: a 答申 cannot say what came after it."""
    from knowledge.query import parse_query

    assert parse_query("答申受けて市長はいつ回答したの?").after_answer
    assert parse_query("請求人はその後、訂正請求を出したの？").after_answer
    assert not parse_query("審査会が実際に記録の中身を見たのはいつ？").after_answer
    assert parse_query("開示すべきってなった部分、市はもう実際に開示したの？").after_answer  # done since the 答申
    assert not parse_query("市が実際に開示した部分はどこ？").after_answer


def test_passed_asked_of_a_matter_named_by_its_words_asks_the_outcome() -> None:
    assert parse_query("デマンド交通の委託の件、通った?").intent == "outcome"
    assert parse_query("学習ログの諮問ってもう通った？").intent == "outcome"
    assert parse_query("委託先はどこに決まった?").intent != "outcome"
    assert parse_query("予約の件、いつ決まった?").intent != "outcome"


def test_a_step_said_as_a_phrase_with_the_year_before_the_date_word_is_the_step_asked() -> None:
    """「直してって出したの2024年の何日?」: the 訂正請求's date, in that year; 「不服申立てが出たのは…」 is also found as
    what the records call it (審査請求)."""
    from knowledge.asked_dates import beside

    q = parse_query("直してって出したの2024年の何日?")
    assert q.event is not None and q.event.word == "訂正請求"
    appeal = parse_query("不服申立てが出たのは2024年の何月何日?")
    assert appeal.event is not None and appeal.wants is not None
    assert beside("審査請求人は、令和6年4月11日、審査請求を行った。", appeal.wants, appeal.event)


def test_how_many_cases_is_answered_by_households_or_letters_counted() -> None:
    """「誤送付、何件?」: the minutes count what went astray by 件, or by the households or letters it reached (３世帯分)."""
    q = parse_query("国保の通知の誤送付、何件だった？")
    assert q.wants is not None
    assert all(q.wants.search(t) for t in ("２件", "３世帯分", "５通", "１１名分")) and not q.wants.search("３日")


def test_a_decision_said_as_a_phrase_with_its_notice_or_another_ask_after_it_is_the_step_dated() -> None:
    """「一部だけ出しますって市が決めたのいつ?文書番号も」: the partial disclosure decision (the agency named between the
    phrase and 決めた; a second ask after 「?」 is no verb of the date); 「直さないって決めた通知、R6のいつ?」: the
    refusal to correct, its notice between the phrase and the year."""
    q = parse_query("一部だけ出しますって市が決めたのいつ?文書番号も")
    assert q.event is not None and q.event.word == "一部開示決定"
    q = parse_query("直さないって決めた通知、R6のいつ?番号も")
    assert q.event is not None and q.event.word == "不訂正決定"
    assert parse_query("データっていつ消える?").event is None
