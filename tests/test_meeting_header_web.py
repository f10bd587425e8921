"""A web page of minutes whose header table sits under 「会議の概要」 and a subtitle, after an intro sentence; members
listed with 「（会長、…大学教授）」; questions on the meeting as members type them: 個情審, 「10月の会」, 「こないだの
審議会」, and a question on the meeting naming none (the latest minutes). Fixtures written by us."""

from __future__ import annotations

from knowledge.engine import Engine
from knowledge.query import parse_query
from knowledge.structure import parse_document
from knowledge.structure_people import parse_people

PAGE = """令和7年度第2回あおい市個人情報保護審議会 会議録

あおい市個人情報保護審議会（令和7年度第2回）の会議録（要点筆記）を掲載します。なお、発言内容は要点です。

会議の概要

令和7年度第2回あおい市個人情報保護審議会の概要

会議名\t令和7年度第2回あおい市個人情報保護審議会

日時\t令和7年10月21日（火曜日）午後2時00分から午後4時25分まで

場所\tあおい市役所本庁舎4階 第2委員会室

出席委員（3名）\t篠田 英明（会長、あおい学院大学法学部教授）、松井 さおり（副会長、弁護士）、大森 健吾（市民公募）

欠席委員（1名）\t今村 修（あおい市自治会連合会）

会議の経過（要点筆記）

1 開会

事務局から、委員4名中3名が出席しており、定足数を満たしている旨の報告があった。

2 議題

（1）諮問第5号 学習用端末の学習ログの外部クラウドサービスへの保存について

学校教育課長から、学習ログを国内のデータセンターに保存する旨の説明があった。各委員に諮ったところ異議はなく、承認することとした。
"""

OLDER = """令和6年度第1回あおい市個人情報保護審議会 会議録

日時\t令和6年5月10日（金曜日）午前10時00分から午前11時30分まで

場所\tあおい市役所本庁舎3階 第1会議室

出席委員（2名）\t篠田 英明（会長）、今村 修

会議の経過

1 議題

（1）諮問第2号 図書館システムの更新について

図書館長から説明があり、承認することとした。
"""


def test_header_under_a_summary_heading_and_a_subtitle_is_read() -> None:
    doc = parse_document(PAGE, "aoi.html")
    m = doc.meeting
    assert m.place == "あおい市役所本庁舎4階 第2委員会室"
    assert (m.date, m.start_time, m.end_time) == ("2025-10-21", "14:00", "16:25")
    assert m.present == ["篠田 英明", "松井 さおり", "大森 健吾"]
    assert m.chair == "篠田 英明"
    assert m.absent == ["今村 修"]
    header = " ".join(p.text for p in doc.passages if p.kind == "header")
    assert "第2委員会室" in header and "欠席委員" in header
    assert "定足数" not in header  # 「会議の経過（要点筆記）」 starts the body


def test_a_note_in_parentheses_does_not_split_a_member() -> None:
    assert parse_people("篠田 英明（会長、あおい学院大学法学部教授）、松井 さおり（副会長、弁護士）") == [
        ("篠田 英明", "会長"), ("松井 さおり", "副会長")]


def test_colloquial_names_of_the_council_and_of_the_latest_meeting() -> None:
    q = parse_query("個情審の10月の会、場所どこ？")
    assert q.meeting_fact == "place" and q.meeting_months == {10}
    q = parse_query("こないだの個人情報保護審議会、何時まで続いた？")
    assert q.latest_meeting and q.meeting_fact == "time"
    assert all(c.soft for c in q.concepts)  # 「こないだ」 names the meeting, it is not searched for
    assert parse_query("次の個情審はいつ？").intent == "next_meeting"


def _engine() -> Engine:
    return Engine.from_parsed([("aoi.html", parse_document(PAGE, "aoi.html")),
                               ("aoi_old.html", parse_document(OLDER, "aoi_old.html"))])


def test_questions_on_the_meeting_are_answered_from_the_header_of_the_one_meant() -> None:
    engine = _engine()
    a = engine.ask("個情審の10月の会、場所どこ？")
    assert a.found and a.hits[0].source == "aoi.html" and "第2委員会室" in a.hits[0].passage
    a = engine.ask("こないだの審議会、何時まで続いた？")
    assert a.found and a.hits[0].source == "aoi.html" and "午後4時25分" in a.hits[0].passage
    a = engine.ask("個情審、休んだ委員だれ？")  # names no meeting: the latest minutes
    assert a.found and a.hits[0].source == "aoi.html" and "今村 修" in a.hits[0].passage
    a = engine.ask("5月の審議会はどこでやった？")
    assert a.found and a.hits[0].source == "aoi_old.html" and "第1会議室" in a.hits[0].passage


def test_who_attended_and_who_chaired_are_asked_of_the_latest_meeting() -> None:
    q = parse_query("委員は何人出てた?")
    assert q.counts_attendance and q.latest_meeting  # a count, at the latest meeting (names none)
    assert parse_query("傍聴の人っていた?").meeting_fact == "attendance"
    assert parse_query("会議の仕切り役は誰だった?").meeting_fact == "chair"
    q = parse_query("2025年11月にあった審議会って何日だっけ?")
    assert q.meeting_fact == "date" and q.month_names_meeting
    engine = _engine()
    a = engine.ask("委員は何人出てた?")
    assert a.found and a.hits[0].source == "aoi.html" and "出席委員（3名）" in a.hits[0].passage
    a = engine.ask("会議の仕切り役は誰だった?")
    assert a.found and a.hits[0].source == "aoi.html" and "会長" in a.hits[0].passage


MARKDOWN = """# 令和7年度第1回 さくら野市個人情報保護審議会 議事録

| 項目 | 内容 |
|---|---|
| 日時 | 令和7年7月22日（火）午後2時00分～午後4時10分 |
| 場所 | さくら野市役所本庁舎3階 第1会議室 |
| 出席委員 | 山本一郎会長、佐藤花子副会長、鈴木次郎委員 |
| 欠席委員 | 田中三郎委員 |

## 1 開会

**事務局（高橋課長）**：ただいまから会議を開会します。

## 2 議事

### (1) 諮問第3号 図書館システムのクラウド化について

**佐藤副会長**：データセンターはどこにありますか。

**図書館長**：国内の東京と大阪です。

諮問第3号は原案のとおり承認された。
"""


def test_a_markdown_pipe_table_is_the_header_and_bold_speakers_are_turns() -> None:
    from knowledge.decode import read_document

    doc = parse_document(read_document(MARKDOWN.encode("utf-8"), "sakurano.md"), "sakurano.md")
    m = doc.meeting
    assert m.place == "さくら野市役所本庁舎3階 第1会議室" and m.absent == ["田中三郎"] and m.chair == "山本一郎"
    assert (m.start_time, m.end_time) == ("14:00", "16:10")
    qa = [p.text for p in doc.passages if p.kind == "qa"]
    assert len(qa) == 1 and "図書館長：国内の東京と大阪です。" in qa[0]  # 館長 answers
    assert not any("|" in p.text or "---" in p.text for p in doc.passages)


NEWS = """令和4年度第3回かすみ市個人情報保護審議会を開催しました

令和4年度第3回かすみ市個人情報保護審議会を開催しました。今回は市長からの諮問2件について審議を行いました。審議の概要をお知らせします。

かすみ市個人情報保護審議会は、条例に基づいて置かれている市長の附属機関です。委員は、大学教員、弁護士、公募の市民など5人で、任期は2年です。

開催概要

日時：令和4年10月18日（火曜日）午後1時30分から午後4時10分まで

場所：かすみ市役所本庁舎5階　第2委員会室

出席委員：4人（井上一郎会長、田村花子副会長、森下健委員、岡崎直子委員）

欠席委員：1人（沢井亮委員）

傍聴者：2人

会議は公開で行いました。委員5人のうち4人が出席しており、会議が成立していることを確認してから審議に入りました。

諮問事項

（1）諮問第14号　乳幼児健康診査の未受診者情報の目的外利用について

市は、3回勧めても受診が確認できない子どもが27人いたことを説明しました。審議の結果、審議会として了承しました。

次回の予定

次回の審議会は、令和4年11月22日（火曜日）に開催する予定です。
"""


def test_a_block_of_fields_under_a_pages_opening_prose_is_the_header() -> None:
    """A residents' page: two paragraphs of prose, then 「開催概要」 over 日時/場所/出席委員/欠席委員; the block is the
    meeting's header (its fields and a header passage), the prose before it stays the body."""
    doc = parse_document(NEWS, "kasumi.html")
    m = doc.meeting
    assert (m.date, m.start_time, m.end_time) == ("2022-10-18", "13:30", "16:10")
    assert m.place == "かすみ市役所本庁舎5階 第2委員会室"
    assert m.present == ["井上一郎", "田村花子", "森下健", "岡崎直子"] and m.absent == ["沢井亮"]
    header = [p.text for p in doc.passages if p.kind == "header"]
    assert len(header) == 1 and "第2委員会室" in header[0] and "傍聴者" in header[0]
    assert "任期は2年" not in header[0] and "会議は公開" not in header[0]
    engine = Engine.from_parsed([("kasumi.html", doc)])
    answer = engine.ask("第3回ってどの部屋でやったっけ")
    assert answer.found and "第2委員会室" in answer.hits[0].passage


def test_where_the_next_meeting_is_held_is_not_where_this_one_was() -> None:
    """「次の審議会、どこの部屋でやる?」 asks the next meeting: the 次回 sentence says no room, so nothing is answered,
    not the room of the meeting these minutes record."""
    engine = Engine.from_parsed([("kasumi.html", parse_document(NEWS, "kasumi.html"))])
    assert parse_query("11月の次の審議会、どこの部屋でやる?").intent == "next_meeting"
    assert not engine.ask("11月の次の審議会、どこの部屋でやる?").found


def test_which_day_of_a_month_named_is_the_meetings_date_however_written() -> None:
    """「2024年10月のって何日だっけ?」: with the date taken out, 「のって」 is の + って (not 乗って); 「10月の…何日」 asks the
    meeting's date, which a header may write 2025/2/12(水)."""
    q = parse_query("あの審議会、2024年10月のって何日だっけ?")
    assert q.meeting_fact == "date" and not any(c.word == "乗る" for c in q.concepts)
    page = "2025/2/12(水)　13:30～15:20　於 かすみ町役場2階 大会議室\nかすみ町個人情報保護審議会（令和6年度第2回）議事録\n\n■委員　出席６名・欠席１名（沢井委員）\n\n1　開会（13:30）\n　総務課長から会議の成立を報告した。\n"
    engine = Engine.from_parsed([("kasumi.txt", parse_document(page, "kasumi.txt"))])
    answer = engine.ask("かすみ町の審議会、2025年2月のって何日?")
    assert answer.found and "2025/2/12" in answer.hits[0].passage
