"""答申 as councils publish them (five of six fixtures by a writer who saw no parser code, with the structure a
careful reader finds): a PDF copy wrapped at 38 characters with page footers, a web copy with one-line paragraphs,
a 審議会's 答申 to a 諮問 (承認することが適当、附帯意見), a letter number beside the 答申 number (楓情審第３８号 /
答申第２０３号), 「（諮問第25号）」 under the number. Read before any change for them: 25 of 42 fields of the six. Left
out: the 漢数字 one (潮審答申第九号) names its document only in the request's details; its title stays the subject.
The toshin10_* five (another writer; wrapped lines starting with a number, 「これを取り消し、改めて…すべき」, 鷺ノ森町,
a council name written a character apart) read 28/35 after the layout round's fixes. One expected outcome is read
as the text says it: 訂正すべき for one part and 妥当 for the rest is 一部訂正すべき. The toshin11_* five (another
writer; 「本件審査請求は、棄却すべきである。」, the document named only in the request, 【１　審査会の結論】,
「諮問のあった「…評価書」（以下…）」) read 31/35. The toshin12_* five (a 平成 異議申立て, a one-page letter
「差し支えない」 with its 付帯意見 in a paragraph, 【結論】 with a 別表, Ⅵ 付言, 漢数字 sections and dates) read 26/35
(one raised an error on an undated proceedings table; fixed); 「一部を取り消し、…を開示すべき」 is read 一部開示すべき.
The toshin13_* four (【結論】/【理由】, 「以上のとおり、本評価書の内容は適当であると認める。」 with no heading, １．当審査会の結論,
a 行政不服審査会 「棄却されるべきである」, two documents 「…」及び「…」) read 22/28; one partial correction is 一部訂正すべき.
The toshin14_* two (a PDF copy wrapped at 40 characters whose conclusion discloses the parts in 別表 and upholds the
rest — 一部開示すべき; a 記…以上 答申 naming its 評価書 「…」（令和7年5月版、…。以下「本件評価書」という。）) read 12/14.
The toshin15_* two (a 平成 異議申立て copied from an OCR'd scan with 「ー」 for 「一」 and cells run together; a 審議会 答申
headed 「Ⅰ　答申」 … 「Ⅳ　条件」 「Ⅴ　意見」 whose conclusion is 「条件を付して、これを承認する」) read 13/14.
The toshin16_* two (a Word copy with 【第１　審査会の結論】 and 「事案の名称　…」 under 記; a short 全項目評価書 letter) read 13/14.
toshin17 (a PDF copy of a 生活保護 case; the round's questions held unread in `eval/held/round24_test.jsonl`) read 6/7: its title
is the request's own quoted name 「私の生活保護のケース記録（…）」, where the writer took 生活保護ケース記録 (票) from the
reasons; compared on ケース記録.
The toshin18_* two (a 県's 審査会 answering 「鵜鷺県知事　様」 with 漢数字 headings; a 審議会's 答申 copied from a web page whose
head names the system 「つぐみ学びナビ」（以下「本システム」という。）) read 12/14: a prefecture's council under the letter
head, and a system's name is no record at issue (the subject names the matter).
The toshin19_* two (a fire department's 救急活動記録票 with 「答　申」 centred and 西暦（和暦） dates; an OCR'd 審議会 答申 whose
conclusion is headed 「２　答申（結論）」) read 12/14.
The toshin20_* two (a 利用停止請求 whose conclusion erases one part — 「…記載部分は、消去すべきである。その余の部分について…妥当で
ある。」, read 一部消去すべき as 一部訂正すべき is, where the writer wrote 消去すべき; a one-page letter approving a 仮名加工 data
provision on nine conditions) read 13/14; their questions are held unread (`eval/held/round27_toshin_test.jsonl`).
The toshin21_* two (a 不訂正決定 appeal wrapped at 38 characters with ア/イ headings; a 審議会 答申 「１　答申内容」 with six
conditions and 「３　要望事項」) read 14/14. The toshin22_* two (one paragraph a line, 答申第47号 dated 2025年2月27日; two joined
appeals 併合 with a broken 別表) read 12/14: a subject naming its record (「高齢者虐待対応記録の部分開示決定に関する…」) is the
title, not the request's long quoted wording of it (「…に関して作成された記録のうち、…一切」). The toshin23_* two (a
存否応答拒否 upheld; a 全項目評価書's 第三者点検 with 留意点 in a 別紙) and the toshin24_* two (a 指導要録 correction 棄却; a
small town's です・ます 答申 whose 利用停止 refusal is 取り消すべき and one part 却下) read 14/14 and 14/14. The toshin25_*
two (【】 headings, an heir and a deceased mother's records; a 指定管理者's 答申書) read 14/14; the toshin26_* two (別表１・２;
a 却下 of an appeal against 「開示請求の対象とならない旨の通知」) read 12/14: the notice appealed against, quoted by its name, is no
record at issue, and 「…聴き取り記録等の保有個人情報部分開示決定に対する…」 names its record in the subject. The toshin27_*
two (a 答申書 whose subject 「…の評価に関する保有個人情報の部分開示決定に対する…」 names the matter; a マイナポータル link) read
13/14 and the toshin28_* two (three joined appeals with 「１　審査請求１について」 items under 「第１　審査会の結論」; a one-page
「差し支えない」 with 「６　留意事項」) read 12/14. The toshin29_* two (a PDF copy whose subject
「保有個人情報部分開示決定（児童虐待対応記録）に係る…」 names its record in parentheses, under a chair 三ツ矢 with a katakana
letter in the name; a 審議会's 承認 with three 附帯意見) read 13/14; the toshin30_* two (「答申第２３号」 on the line above the
subject; a web copy) read 13/14: a 審議会's 条件 heading states conditions of its approval, not 要望. The toshin31_* two
(です・ます 【１　審査会の結論】 「…を訂正すべきです。…決定は妥当です。」; a town's web page whose conclusion is headed
「第２　第三者点検の結果」 with 「留意事項」 (1)-(3) above 「第３　点検の観点及び判断の理由」) read 12/14. The toshin32_* two
(a cover letter 「…について、別紙のとおり答申します。」 over 「別紙」「答　申」; a 審議会's letter answering two 諮問,
「１　諮問第１８号について」 「（１）結論」 「…やむを得ないものと認める。」 and 「２　諮問第１９号について」 with its 条件) read
11/14. The first one's subject is generic (「保有個人情報の開示決定等に係る審査請求について」, which the writer took as its
title); as for toshin17, its title is the record the request names, so it is compared on that record. The second one is
now two consultations, compared on the first. The toshin33_* two (a prefecture's 漢数字 答申 on a 利用停止 refusal; a web
page titled 「答申第１２号　生徒指導記録票の部分開示決定に関する審査請求について」 over a generic letter subject, with an HTML
別表 of 開示すべき / 不開示妥当 per part) read 13/14: the page's title names the record. The toshin34_* two (a 却下 for want of
the now-adult child's consent, wrapped at 40 characters so that 「（答\n申）」 breaks; a 審議会's 「差し支えないものと判断する」
with 【付帯意見】) read 13/14. The toshin35_* two (a PDF printed with line numbers in its margin, 「…これを取り消し、…を除いた部分を
開示すべきである。」; an old 異議申立て whose 「一部開示決定…は、これを取り消し、改めて…決定をすべきである」 is 取り消すべき, not 一部)
read 11/14. The toshin36_* two (「(1) 審査会の結論」 numbering with ア/イ; a wiki's Markdown with 「- 件名: …について（答申）」 in a
list, its subject naming the record over the request's long wording) read 13/14. The toshin37_* two (a PDF copy whose
paragraphs run their heading in, 「第１　審査会の結論 黒鷺市長（以下…）が…開示すべきであるが、その余の部分を…妥当である。」 — read
一部開示すべき where the writer wrote 一部取消 — and 「第７　付言 １　…。２　…。」; a Markdown copy whose subject
「生徒指導記録に係る保有個人情報不訂正決定に対する…」 names its record while the account quotes it 「生徒指導個票」（以下…）, compared
on 生徒指導 as toshin17 is on its record) read 11/14. The toshin38_* two (a prefecture's 審議会 answering an old 異議申立て,
答申第百四十七号 with 第一/一 headings and a generic subject, compared on the record its request names as toshin32 is;
a 利用停止 答申 「…提供の停止をすべきである。その余の部分については、…妥当である。」 — 一部利用停止すべき where the writer
wrote 一部取消 — with 「７　付記」 and a 「別記」 of the members) read 12/14. The toshin39_* two (a 存否応答拒否 to be cancelled,
wrapped at 40 characters, its generic subject compared on the record requested; a web page with the 経過 in a <table> and
the conclusion in a <div>) read 14/14 with the outcomes as the texts say them (取り消すべき, 一部開示すべき). So did the
toshin40_* and toshin41_* four (a 訂正 of a school record with its items in a text table, 一部訂正すべき; two joined appeals on
固定資産 records in です・ます; a 却下 for an appeal filed late; a 火災調査書類 disclosure with a 別表), 28/28, their generic subjects
compared on the records requested. The toshin42_* two (an 答申 database's web page with a 答申番号/答申日/件名/結論 table over
the body; a 鏡文 with 文書番号 and 「記」 over the 答申 under 「別紙」, wrapped at 38 characters with form feeds) read 14/14. So did
the toshin43_* two (平成 異議申立て from a PDF with centred, letter-spaced headings 「第　２　　異議申立ての趣旨」, one of them
unnumbered 「審　査　会　の　判　断」, ruby 「（きららざか）」 and footnotes inside the running text), but their conclusion ran to
the end of the 答申 (one passage of 3,520 characters) until spaced and unnumbered part headings were read. The toshin44_* two are a policy council's 答申 to the mayor,
not a 審査会's (です・ます with ①②③ under 「ただし、次の事項に留意してください。」; a 条例改正 with no number of its own and
附帯意見 (1)(2)): 13/14, the ①②③ not read as requests until a sentence introducing items was. The toshin45_* two, in
the national board's manner (諮問庁, 「諮問日：…」 over 「答申日：…」 and 「事件名：…」 above the letter, a table of records
with a conclusion per row; one a website's Markdown with front matter), read 12/14: the date was the 諮問日 until the
「答申日」 field was read, and the title the 事件名 over the letter's own subject. The toshin46_* two (Word copies whose
automatic numbering was lost: 「審査請求の趣旨」「実施機関の説明要旨」「審査会の判断」 bare on their lines) read 14/14, but their
conclusions ran on through three parts (1,440 and 1,155 characters) and the 付言 into the 処理経過 until bare part headings
were read. The toshin47_* two (PDF text with running heads and feet on every page, lines broken at 38-40 characters, a
別表 and a 別紙 table one cell a line) read 13/14: the title of the one whose subject is generic
(「保有個人情報一部開示決定に係る審査請求について（答申）」) was the request's long wording until the matter under 「記」
(「「ハラスメント相談に係る調査記録」の一部開示決定に関する審査請求」) was read; the writer named the generic subject, the
expectation names the record as for toshin32 and toshin38. The toshin48_* two (a city's web page with 「第１&nbsp;審査会の
結論」 headings; a Word copy with bare headings and ・ requests) read 14/14, but the web page's conclusion ran to the end
(4,678 characters) until a no-break space was read as a space. The toshin49_* two (an 「答申の概要」 box of ■件名／結論／判断のポイント over
the letter; a 消防組合's 答申 with bar tables) read 14/14. The toshin50_* two read 13/14: a PDF text whose parts are headed
in 【】 (【審査会の結論】【審査請求の趣旨】…) with the matter under 「記」 and no subject — its conclusion ran to the end
(5,208 characters) and it had no title until bracketed bare headings and an unquoted matter under 「記」 were read; a
Markdown page whose front matter held a YAML list (read as the head until such lists were), its table cells broken by
<br> (rows cut in two), 「1\\.」 escapes and footnote markers 「[^2]」. The toshin51_* two read 12/14: the title of two
joined appeals (the matter under 「記」 wrapped over two lines, 「（諮問第１２号及び諮問第１３号）」 after it) and of a 平成
情報公開 答申 whose subject names a 会議録 were the request's long wording until both were read. The toshin52_* two (a
却下 with a long 付言; a 存否応答拒否 to be cancelled, 「件　　名」 spaced under 「記」) read 13/14: the writer named the
generic subject, the expectation names the matter's 件名 as for toshin47. The toshin53_* two are real files: a PDF made
with reportlab (read through its text layer) and a Word file, 14/14. The toshin54_* two read 12/14: a CMS page indenting
with &emsp; whose page title names the record in brackets (「…について（いじめ重大事態調査に係る記録）」) over a generic
subject; a 鏡文 whose 「記」 says 「１　件名」 with the matter on the next line, the 答申 under 「（別紙）」 in です・ます. The
toshin55_* two read 9/14: a PDF whose cover page is a scan (no text), so its text starts at 「別紙　答　　申　（件名）…」, its
number only in the running foot 「答申第８７号　- 2 -」, its date only in the 経過's last row, its council only beside the
members — read as minutes with no number, council, date or title until each was taken from where it stands; a text
whose every part is one long line, 14/14. The toshin56_* two (a Word file whose headings are numbered by Word itself;
Ⅰ/ア/(ア) parts) read 14/14. The toshin57_* two (conclusions pointing to a 別記 table) read 13/14: 「…妥当である。別記１に掲げる
部分について、開示すべき部分はない。」 was read 一部開示すべき until a 「…すべき部分はない」 clause was read as saying none. The
toshin58_* two (Word files with real heading styles, the 経過 as a Word table: a 訂正請求 partly to be corrected, a
存否応答拒否 upheld) and the toshin59_* two (reportlab PDFs hard-wrapped at 38 characters, numbers cut across lines, a
running head and 「－ Ｎ －」 foot on every page, a 利用停止請求 upheld with its 付言 inside 第５) read 14/14 each. The toshin61_* two (two 答申 of one 審査会 on one
day for one applicant, PDF text wrapped at 40 characters) read 12/14: each names its case on a line of its own under
the letter (「いじめ重大事態調査に関する記録の一部開示決定に関する件」) and kept the generic subject as its title until that line
was read as the matter. The toshin60_* two (a city's web page with its navigation, 一部開示 with a 付言; a 平成 異議申立て
dated in 漢数字, 却下 for lateness), the toshin62_* two (a paragraph a line: a 却下 and a 取消 with a 付言) and the toshin63_*
two (Word files, a 鏡文 over 「別紙」 with 漢数字 parts and the 経過 as a table) read 14/14 each."""

from __future__ import annotations

import re

import pytest

from tests.support.expected import expected_of, nfkc, parsed

EXPECTED = expected_of("toshin9")


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_the_answer_a_careful_reader_finds(expected: dict) -> None:
    doc = parsed("toshin9", expected["file"])
    assert doc.doc_kind == "toshin" and len(doc.consultations) == expected.get("consultations", 1)
    c = doc.consultations[0]
    assert expected["council"] in (doc.meeting.council or "")
    number = expected["number"]  # None: a council's 答申 with no number of its own
    assert doc.meeting.session == (f"答申第{number}号" if number is not None else None) and doc.meeting.date == expected["date"]
    assert nfkc(expected["title_contains"]) in nfkc(c.title), c.title
    outcome = re.sub(r"（.*?）$", "", c.outcome)
    assert outcome == expected["outcome"] or {outcome, expected["outcome"]} <= {"承認", "適当", "可"}, c.outcome  # 差し支えない: 可
    assert bool(c.requests) == expected["has_requests"], c.requests


def test_a_section_the_conclusion_points_to_is_no_title() -> None:
    """「ただし、実施に当たっては「4 付帯意見」に留意されたい」: a part of the 答申, not the document asked about."""
    from pathlib import Path

    from knowledge.decode import read_document
    from knowledge.structure import parse_document

    path = Path(__file__).resolve().parent.parent / "demo_corpus" / "2024-02_答申_諮問第21号.txt"
    doc = parse_document(read_document(path.read_bytes(), path.name), path.name)
    assert doc.consultations[0].title.startswith("みどり野市電子申請システムへの決済機能の追加")


def test_a_question_on_the_answer_naming_none_is_answered_from_its_head() -> None:
    """「答申の宛先って町長だよね?名前は?」 names no 答申 but the kind of record: the head of the 答申 says it."""
    from knowledge.engine import Engine

    doc = parsed("toshin9", "toshin21_banganuma.txt")
    answer = Engine.from_parsed([("toshin21_banganuma.txt", doc)]).ask("答申の宛先って町長だよね?名前は?")
    assert answer.found and "様" in answer.hits[0].passage and "鷭ヶ沼町長" in answer.hits[0].passage


def test_the_notice_appealed_against_is_no_record_at_issue() -> None:
    """「町民温水プールの防犯カメラ映像の開示請求に係る「開示請求の対象とならない旨の通知」に対する審査請求について」: the
    quoted notice (with its 以下「本件通知」) is the decision, the title stays the subject naming the footage."""
    doc = parsed("toshin9", "toshin26_misagowatari.txt")
    assert doc.consultations[0].title.startswith("町民温水プールの防犯カメラ映像")


def test_items_under_the_conclusion_are_part_of_it() -> None:
    """「第１　審査会の結論」 over 「１　審査請求１について …」「２　審査請求２について …」: the items are the conclusion
    (開示すべき for one, 妥当 for another: 一部開示すべき), the next part is 「第２」."""
    doc = parsed("toshin9", "toshin28_isukazawa.txt")
    assert doc.consultations[0].outcome.startswith("一部開示すべき")


def test_a_conclusion_in_desu_style_and_a_check_result_heading() -> None:
    from knowledge.structure_toshin import conclusion_outcome

    assert conclusion_outcome("「保護者への連絡」欄の記載を訂正すべきです。その他の部分について訂正しないとした決定は妥当です。") == "一部訂正すべき"
    doc = parsed("toshin9", "toshin31_nagisadai.html")
    (c,) = doc.consultations
    assert c.outcome.startswith("適当")  # 「第２　第三者点検の結果」 heads the conclusion, not a reason's 「…妥当である」
    assert len(c.requests) == 3  # 留意事項 (1)(2)(3), not the reasons under 「第３　…」 after them


def test_a_letter_answering_two_consultations_answers_each() -> None:
    doc = parsed("toshin9", "toshin32_kogarashi.txt")
    first, second = doc.consultations
    assert (first.label, second.label) == ("諮問第18号", "諮問第19号")
    assert "避難行動要支援者名簿" in first.title and "コールセンター" in second.title
    assert first.outcome == "承認（要望あり）" and second.outcome.startswith("承認（条件付き")  # 「やむを得ないものと認める」
    assert first.end <= second.start


@pytest.mark.parametrize("name", ["toshin43_kirarazaka.txt", "toshin43_shigitatsu.txt"])
def test_spaced_and_unnumbered_part_headings_end_the_conclusion(name: str) -> None:
    """An old PDF's 答申 centres its headings with spaces (「第　２　　異議申立ての趣旨」) and may lose a number (a bare
    「審　査　会　の　判　断」): the conclusion ends at the next part, and the council's part is marked as its own."""
    from knowledge.parties import COUNCIL, PartyMarks

    doc = parsed("toshin9", name)
    outcome = next(p for p in doc.passages if p.kind == "outcome")
    assert len(outcome.text) < 400 and "趣旨" not in outcome.text
    marks = PartyMarks()
    judged = [p.text for p in doc.passages if marks.mark(doc, p.text) & COUNCIL]
    assert any("見分" in t for t in judged)  # the council's own findings


def test_a_number_wrapped_across_lines_is_one_number() -> None:
    """A PDF line ending in the middle of a number (「（諮問第20」 / 「3号）」) joins without a space; Latin words still
    get one."""
    from knowledge.pdf_lines import _glue

    assert _glue("事案（諮問第20", "3号）について") == "事案（諮問第203号）について"
    assert _glue("Personal Information", "Protection") == "Personal Information Protection"


def test_requests_introduced_by_a_sentence_under_a_bare_heading() -> None:
    """「付言」 alone on its line, a sentence 「…次の点を求める。」, then (1) (2): every item is a request; and
    「第２　審査請求の内容」 opens the applicant's part (not the conclusion's going on)."""
    from knowledge.parties import APPLICANT, COUNCIL, PartyMarks
    from knowledge.structure import parse_document

    text = ("鵙野町審査会答申第３号\n令和６年１１月８日\n鵙野町教育委員会　様\n\t\t鵙野町情報公開・個人情報保護審査会\n"
            "保有個人情報の利用停止をしない旨の決定に関する審査請求について（答申）\n"
            "第１　審査会の結論\n　鵙野町教育委員会が行った決定は、妥当である。\n"
            "第２　審査請求の内容\n１　審査請求の趣旨\n　決定の取消しを求めるものである。\n"
            "第３　審査会の判断\n　以上のとおり、本件決定は妥当である。\n\n付言\n"
            "　本件決定の結論は妥当であるが、当審査会は、実施機関に対し次の点を求める。\n"
            "(1)\t記録の書き方を改めるよう、各学校に周知されたい。\n(2)\t提供の根拠を書面に記録しておくべきである。\n")
    doc = parse_document(text, "m.txt")
    requests = doc.consultations[0].requests
    assert len(requests) == 3 and "周知されたい" in requests[1] and "書面に記録" in requests[2]
    marks = PartyMarks()
    assert marks.mark(doc, "第１　審査会の結論\n　…決定は、妥当である。") == COUNCIL
    assert marks.mark(doc, "第２　審査請求の内容\n　審査請求人は、…を求めている。") == APPLICANT


def test_circled_items_after_a_sentence_asking_to_heed_them_are_the_requests() -> None:
    """「…適当であると認めます。ただし、次の事項に留意してください。」 over ①②③: the three items are the requests, and
    「２　審議の経過」 after them (a digit to str.isdigit, as ① is) ends them."""
    doc = parsed("toshin9", "toshin44_saginomori.txt")
    requests = doc.consultations[0].requests
    assert [r[0] for r in requests] == ["①", "②", "③"]


@pytest.mark.parametrize("name", ["toshin46_nekomatagawa.txt", "toshin46_hozukibara.txt"])
def test_part_headings_that_lost_their_numbers_still_divide_the_answer(name: str) -> None:
    """Copied out of Word with its automatic numbering lost: 「審査請求の趣旨」「実施機関の説明要旨」「審査会の判断」 stand alone
    on their lines. The conclusion ends at the next part, each part is marked as its party's, and the 付言's items end at
    「審査会の処理経過」."""
    from knowledge.parties import AGENCY, APPLICANT, COUNCIL, PartyMarks

    doc = parsed("toshin9", name)
    outcome = next(p for p in doc.passages if p.kind == "outcome")
    assert len(outcome.text) < 300
    marks = PartyMarks()
    seen = {marks.mark(doc, p.text) for p in doc.passages}
    assert {AGENCY, APPLICANT, COUNCIL} <= seen
    assert all("処理経過" not in r and "関与した委員" not in r for r in doc.consultations[0].requests)


def test_the_matter_under_ki_names_the_record_when_the_subject_is_generic() -> None:
    """「…について、次のとおり答申します。／記／「ハラスメント相談に係る調査記録」の一部開示決定に関する審査請求」 under the
    generic subject 「保有個人情報一部開示決定に係る審査請求について（答申）」: the record the matter names is the title,
    not the request's long wording of it."""
    doc = parsed("toshin9", "toshin47_0581.txt")
    assert doc.consultations[0].title == "ハラスメント相談に係る調査記録"


def test_headings_joined_by_a_no_break_space_divide_a_web_page_answer() -> None:
    """「<h2>第１&nbsp;審査会の結論</h2>」: the no-break space is a space, so 「第２&nbsp;審査請求の趣旨」 ends the conclusion."""
    doc = parsed("toshin9", "toshin48_kasu.html")
    outcome = next(p for p in doc.passages if p.kind == "outcome")
    assert len(outcome.text) < 400 and "開示すべき" in outcome.text


def test_parts_headed_in_brackets_and_an_unquoted_matter_under_ki() -> None:
    """「【審査会の結論】」「【審査請求の趣旨】」 with no numbers: the conclusion ends at the next part; the matter under 「記」,
    「自己の子に係る…一部開示決定に対する審査請求（諮問\n第１０２号）」, is the title, its label dropped."""
    doc = parsed("toshin9", "toshin50_0087.txt")
    outcome = next(p for p in doc.passages if p.kind == "outcome")
    assert len(outcome.text) < 300
    assert doc.consultations[0].title == "自己の子に係る学校事故報告書等の保有個人情報一部開示決定に対する審査請求"


def test_the_matter_under_ki_ends_before_a_bracketed_annex_mark() -> None:
    """「記／…に関する審査請求（諮問第31号）／（別紙）」: the title stops before 「（別紙）」, its bracket included."""
    doc = parsed("toshin9", "toshin42_sekirei.txt")
    assert doc.consultations[0].title == "生活保護ケース記録票の訂正請求に対する不訂正決定に関する審査請求"


@pytest.mark.parametrize(("name", "title"), [
    ("toshin51_shiomi.txt", "生活保護ケース記録等の保有個人情報一部開示決定及び保有個人情報不訂正決定に対する審査請求について"),
    ("toshin51_kumoi.txt", "一般廃棄物処理施設建設候補地選定委員会会議録等の一部公開決定に対する異議申立てについて"),
    ("toshin52_0128.txt", "こども家庭センターが受けた連絡及び家庭訪問の記録の存否応答拒否決定に係る審査請求"),
])
def test_the_matter_wrapped_under_ki_a_subject_naming_minutes_and_a_spaced_label(name: str, title: str) -> None:
    """The matter under 「記」 wrapped over two lines with two 諮問 after it; a subject naming a 会議録 names its record;
    「件　　名」 spaced to its column labels the matter."""
    assert parsed("toshin9", name).consultations[0].title == title


def test_a_page_title_naming_the_record_in_brackets_and_em_spaces() -> None:
    """「答申第44号　…について（いじめ重大事態調査に係る記録）」 over the generic subject: the bracket names the record;
    &emsp; (U+2003) is a space, so 「第１\u2003審査会の結論」-style text reads as headings do."""
    doc = parsed("toshin9", "toshin54_sr44.html")
    assert doc.consultations[0].title == "いじめ重大事態調査に係る記録"
    assert "\u2003" not in "".join(p.text for p in doc.passages)


def test_a_cover_letter_naming_the_matter_under_its_label_on_the_next_line() -> None:
    """「記／１　件名／　　生活保護ケース記録に係る…について」: the line under 「件名」 is the matter."""
    doc = parsed("toshin9", "toshin54_kr27.txt")
    assert doc.consultations[0].title == "生活保護ケース記録に係る保有個人情報の一部訂正決定に対する審査請求について"


def test_an_answer_whose_cover_page_is_a_scan_is_read_from_its_feet_and_its_course() -> None:
    """The PDF's first page has no text: 「別紙／答　　申／（件名）…」 opens it; 「答申第８７号　- 2 -」 runs at the foot of
    every page; the date is the 経過's 「令和６年９月２７日　答申」; the council is named beside the members."""
    doc = parsed("toshin9", "toshin55_0387.pdf")
    assert doc.doc_kind == "toshin" and doc.meeting.session == "答申第87号" and doc.meeting.date == "2024-09-27"
    assert doc.meeting.council == "白鷺台市情報公開・個人情報保護審査会"
    assert doc.consultations[0].title == "要介護認定調査票等の部分開示決定に関する審査請求"


def test_a_clause_saying_nothing_should_be_disclosed_is_no_disclosure() -> None:
    """「別記１に掲げるとおり妥当である。別記１に掲げる部分について、開示すべき部分はない。」: 妥当, not 一部開示すべき."""
    from knowledge.structure_toshin import conclusion_outcome

    assert conclusion_outcome("別記１に掲げるとおり妥当である。別記１に掲げる部分について、開示すべき部分はない。") == "妥当"
    assert conclusion_outcome("別記１に掲げる部分を除き妥当である。別記１に掲げる部分は開示すべきである。") == "一部開示すべき"
