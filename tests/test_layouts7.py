"""Layouts as councils publish them: 44 documents by eight writers who saw no parser code, each with the structure
a careful reader finds; the 38 read right are kept here (web pages with their chrome, Word and PDF copies, a
header as one sentence, 「一、開催日時」 with 漢数字 times, tab cells and drawn tables, ○/× and 出席/欠席 columns,
【委員】 groups, 議案第N号 / 第N号議案 / 諮問事項1 / 議事（1）「諮問第８号」 / ［諮問第3号］, a 目次 with leader dots,
「→ 異議なく了承」, 「答申案のとおり決定」, one sentence deciding two consultations).
Read before any change for them, in the order they were written (each round after the previous round's fixes):
97/133, 93/142, 55/81, 114/162 and 53/78 fields right — the long tail of layouts is what a new council brings.
The sixth round (layout12*, three writers: a verbatim 会議録 with 「○会長」 turns and its roster at the end, a
Markdown export in a .txt, pipe and tab 出欠 tables, （一）諮問第十一号, a results table 議題 | 結果, 「→ 承認」,
「議事１　…（諮問第1号）」, a header written as one sentence) read 48/71, 47/62 and (after four fixes) 55/65.
The seventh (layout13*, two writers: 「諮問第１号」 with its title on the line below, one closing sentence deciding
three, 「案件１ …（諮問番号３）」, 「開会　午前９時３０分」 lines, 「出席委員は、…。」 in a sentence, a matter withdrawn
(取り下げ), a page copied from the browser, an e-mail with the minutes pasted in) read 112/136.
The eighth (layout14p*, one writer: a 県 council, a header on one line split by 「／」 with R6.5.21, 【諮問1】 over
「諮問番号：第12号」, a closing 「審議結果一覧」 with leader dots, 「（結果）」 over 「了承。」, a 第二部会 with 部会長 and
出席/欠席 marks, 「→ 諮問第21号は次回審議とする。」) read 51/68. Left out: a record giving only counts of the members
present (出席5名), which the meeting's list of names cannot hold. The ninth (layout15r*: the header only in the
chair's opening speech and a 「於 …」 under the signatures, 日程第２ with seat numbers 「１番　大久保　和人」 and 開議,
〔会議名〕 brackets, 「第12号諮問」, 2024.10.3 with readings 「御子柴（みこしば）健吾」 and 「◎結果：一部承認」) read 42/65.
The tenth (layout16s*: ①② headings with 「（諮問第１５号）」 at the end of the paragraph under them, an ASCII box
table, speakers after their words, 「会場は…である」「欠席は…の１名」, a 企業団 with members introduced by whom they
represent) read 52/68. The eleventh (layout17t*: bilingual labels 「2. Venue / 会場」, 「エマ・ホワイト」, labels named only in
the handouts with the body headed by titles 〔…について（継続）〕 and 「いずれも原案どおり承認された。ただし…持ち越し」,
「5名（山科和彦会長、…）」, 説明員・事務局) read 46/68. The twelfth (layout18u*, typed in a hurry: 「■R7.11.5(水) 13:30-15:00 ／
…交流館 2F研修室」, 「委員：…（欠：…）」, ＜諮問第1号＞, 【案件名】, 「19:40　「諮問第８号」…」 time stamps, 「結果：了承済」
「結果：継続　→次回へ」「→結論：承認」) read 25/52. The thirteenth (layout19v*: 「第１　…について（諮問）」, a hybrid meeting with
会場参加/オンライン参加, Ａ/Ｂ items with 市諮第３号, a 専門部会 reporting to its council with 部会員 and 引き続き審査) read 35/55.
The fourteenth (layout20w*: 「(3)出席委員（…）」 lists in brackets, members by the town that elected them (蕨平町選出), 付議案件その１,
「午前１１時２８分、会長が閉会を宣した」, 「→ 結論：基準案のとおり了承」) read 40/52; its questions (`eval/sets/layouts20_test.jsonl`) were first read in the next session.
The fifteenth (layout21*, two writers: a 「■会場：…」 議事要旨 whose one absent member is a note at its end
(「※…委員（…）は所用により欠席。」), a 広域連合's verbatim 会議録 with 第８号諮問, a web page with a 会議概要 box and a
出欠 table, text copied from a PDF with 「（委員）…」 and 「（町）総務課長…」 groups under 出席者 and 付議事項１) read 56/58. The sixteenth (layout22*: 「一　開催日時」 items with 漢数字 dates and times and
「一　事 務 局」 spaced keys; a Markdown export of a 一部事務組合's 部会 with a ○/× table whose roles are 座長 and 座長代理)
read 30/32 (one expected council name written with a space before 第2部会 is compared without it).
The seventeenth (layout23c/d: a 県's page whose 出席者 cell holds 「（委員）…<br>（欠席委員）…<br>（実施機関）…」 groups, and a
「である」 memo with 「委員６名（うち１名はオンライン参加）…ほか２名」) read 26/29; the memo gives only counts for three members
and is left out, like layout14p's 出席5名 (the meeting's list of names cannot hold counts). Its second writer
(layout23a/b: a village's word-processor record with 「（委員）」 over rows 「委　　員　　三ツ股　康弘　（行政相談委員）」 and
協議事項１; a city's 会議録 with 「出席委員　７人（蘆田会長、…）」) read 16/26.
The eighteenth (layout24*: a header written as sentences whose members are 「この会議録の末尾に記載する」, under
「出席委員（６名）」 as numbered rows with 選出区分 and role columns; a city's web page) read 30/32; its questions are held
unread for the next session (`eval/held/round24_test.jsonl`).
The nineteenth (layout25*: a 特別区's 「■会議名」 summary whose handouts 「資料１　諮問第12号説明資料（…）」 come before the body's
「議事(1) 審議事項 諮問第12号 …」 and whose results read 「→一部修正の上承認（…）」; a village's record with the date written in
full-width digits and the place on the line under it, no label) read 22/32. The twentieth (layout26*: a cover block whose
議題１・議題２ carry no numbers, the 諮問第８号 said first in the talk under each; a 消防組合's terse summary with
「出席：…（計５名）　欠席：…」 on one line) read 20/29. The twenty-first (layout27*: a town's page whose whole record is one
table; a residents' newsletter in です・ます — 「市役所４階の第２委員会室で、…を開催しました」「欠席は鷹取委員です」「審議会として
了承しました」 and the members present in a closing 「出席委員：…」 line) read 24/29; its questions are held unread for the next
session (`eval/held/round27_layouts_test.jsonl`). The twenty-second (layout28*: a PDF copy whose header is a two-column
table turned to label lines with the values under them, 「（委員）２名」 over the absent members; a town's page with its
会議概要 in a <table> and 「（質疑）」「（結果）」 blocks) read 28/29. The twenty-third (layout29*: a Word 議事要旨 whose members
are rows 「会　長　　檜垣　澄江　　　学識経験者（…）」 with 「※欠席　　芦刈　純　　市民公募」 among them; a town's verbatim
会議録 dated only in the chair's opening words, closing 「（午後３時１２分閉会）」) read 27/29. The twenty-fourth
(layout30*: a 広域連合's Word copy whose cover is a table drawn with ┌─┬─┐ and │ cells, values wrapped inside them,
and 【審議結果】 sections; a town's record opening 「2025/1/15(水)　13:30～15:10　於 …」 with ■ lines — 「■委員　出席６名・欠席
１名（…委員）」, 「■町側　…」 — a ＜次第＞ closed by a rule line, results 「挙手全員により承認」「挙手多数により承認」 and the members
present only in a 出席委員名簿 at the end) read 17/26. The twenty-fifth (layout31*: a town's record with 日程第１… and a ○/×
table; a city page with a <dl> header) read 29/29. The twenty-sixth (layout32*: a 県's 議事概要 whose header is one
paragraph; a village's record pasted into an e-mail between ＝＝＝ lines, 「■開催」 over 「2025/03/06（木）14:00-15:30」 and
the place, its subject 「件名: 【送付】…審議会…」) read 24/26. The twenty-seventh (layout33*: a 企業団's verbatim record
「…第一会議室に招集された。」 with 「本日の出席委員は６名中５名で…」 then the names, speakers alone on their line
「事務局（山吹主査）」 over their words; a city page with <ul> members) read 24/26. The twenty-eighth (layout34*: 〔日時〕
labels over their values and 「Ａ委員」 speakers; a PDF copy wrapped at 45 characters whose 議題 titles go on on the next
line) read 26/29, and layout35* (a 漢数字 hybrid meeting; a wiki page in Markdown with 「- 委員 …」 bullets, 「- **条件付きで
了承**」 and 「- **原案どおり**：…」) read 23/26. The twenty-ninth (layout36*: a 会議記録 pasted from a spreadsheet, cells
apart by commas with empty cells at the row's end, and 「出席委員 | 会長 | 名前 | 所属」 rows; a city page whose <body
id="pagetop"> had been taken for chrome, 「委員6名のうち、次の5名の…（敬称略）。」 above the list, 「第3回鶉ヶ森町…」) read
23/29; layout37* (a record whose place is 「ふれあい館」 in quotes; one absent member named on a line of her own) read 29/29. The thirtieth (layout38*: a PDF 議事要旨 with 「→ 承認」 and page
footers; a city's web page whose chair introduces each matter in a sentence, 「早速ですが、諮問第7号、…について、担当課から説明
をお願いします。」, with no headings) read 22/32: the web page's three matters were not found. The thirty-first (layout39*: a
village's Word copy with a prose header, 「議案第１号　諮問第４号　…について」 and speakers 「会　長：」「委員Ａ：」; a CMS's
Markdown with front matter, a table header and 「> 結論：原案了承（付帯意見あり）」 in blockquotes) read 21/32. The
thirty-second (layout40*: a web page whose proceedings are one table, 「案件 | 説明（担当課） | 主な質疑応答 | 結果」, a
consultation a row with its 問/答 one a line; a PDF copy whose 「３　出席者」 lists 「（委員）６名」 and then 「（説明のため出席
した職員）」) read 22/32. The thirty-third (layout41*: a verbatim record opening with 「■審議結果一覧」 and 「【諮問第２２号】」
headings, time stamps between turns; a 部会's PDF summary with 漢数字 dates, 「出席部会員」「欠席部会員」 and its council named
「…審議会　第二部会」, compared with spaces aside) read 29/32. The thirty-fourth (layout42*: an ASCII box header, Ｑ１/Ａ１, and
every result only at the end under 「◆審議結果」 as 「諮問第１２号　承認」; a ward's assembly-style record 「○委員長（氏名）」
「（賛成者挙手）」 of a 運営委員会) read 31/32. The thirty-fifth (layout43*: 「日程第２、諮問第○号『…』を議題といたします。」 and
「事務局職員」 under 欠席者; a short web notice whose results are a table 「諮問番号 | 件名 | 担当課 | 結果」 — its 件名 no council
name — with 「諮問第14号の附帯意見：…」 below and 「（諮問第14号）…。（百瀬委員）」 remarks) read 18/29. The thirty-sixth (layout44*: 西暦
dates with 〜, 「→条件付承認」, attendance at the end; two space-aligned columns, speaker and speech, 「以上６名」 closing the
list) read 30/32. The thirty-seventh (layout45*: web pages whose header is a table with a bar at each row's start,
「｜開催日時　　｜令和6年…」, its rule 「｜──────｜…」; items 「■①　…について（諮問第7号）」 and 「■②　…について　［諮問第15号］」,
the results only in a closing 「審議結果」 list; 「鷲見康弘　1名」 under 欠席委員) read 16/32, and layout46* (議事要旨 whose header is
one sentence, 「議案第１号（諮問第５号）　…について」 — compared on the 諮問's number, which the writer left for the item's —
and Ｑ／Ａ bullets) read 22/32; all 64 are read now. The thirty-eighth (layout47*: a village's 漢数字 record whose attendance
is 「（一）出席委員（五名）」 「（二）欠席委員（一名）」 over role-and-name lines; a full HTML page with <nav>, <dl> and a 出欠 table)
and layout48* (a joint body's PDF copy wrapped at 35 characters with 「- 2 -」 page lines; a secretariat's e-mail with 「■日時：」
lines and 「【１】諮問第３号」 items) read 63/64. The thirty-ninth (layout49*: a 審査会 hearing 諮問 with 「西川会長　…」 turns and
「■」 header lines; a wiki's Markdown with 「- 欠席：日下部 修 委員（1名、体調不良のため）」) and layout50* (a ward's report copied
from a spreadsheet, 「項目,内容」 rows, numbered turns 「3,学務課長,…」 and items in empty leading cells 「,,【諮問第８号】…」; a
town's narrative record whose 「【会議概要】」 comes after the proceedings and whose 「案件１」 is said to be 諮問第４号 only in its
first sentence) read 52/64. The fortieth (layout51*: an online meeting's transcript 「[14:03] 会長（氏名）：…」 whose only place is
「開催方法：オンライン（…）」; a 専門部会 with 部会長/部会員, 「協議事項（１）」 and 「次回部会で引き続き協議することとした。」) and
layout52* (an OCR'd scan with running heads and 「○委員（姓）」; 「質疑１」… under 【日時】-style brackets) read 62/64. The forty-first (layout54*: minutes
pasted into a mail and forwarded, every line quoted 「> 」「>> 」, the mails' headers (差出人/件名/日時, From/Subject/Date) above
them and quoted-printable leftovers) read 4/29, 29/29 after knowledge.mail; layout53* (a 縦書き PDF's text: 17-20 characters a
line, 漢数字 numbers, 「―三―」 page lines and running heads, vertical punctuation ︵︶︑︒, 案件一) read 13/29, 27/29 after the
漢数字 page lines, the vertical forms and 案件一 were read; layout53a's members, each name spread over the width
(「汐　見　篤　郎」) and wrapped into the next, are left out of expected.jsonl (its fields are in expected_unread.jsonl).
The forty-second (layout55*: a PDF's tables one cell a line — 項目/内容 header, 氏名/役職/出欠 with ○/×, a closing
諮問番号/件名/結果 — and 「案件1（諮問第3号）…」 headings; 「本件は継続審議とし、…次回…説明を求めることとしてよろしいでしょうか。」
then （「異議なし」の声あり）) read 19/29, and layout56* (a speech-to-text transcript with [00:12:31] stamps, 話者1, fillers and
a secretariat's 要点 block on top) read 29/29; all 58 are read now. The forty-third (layout57*: pandoc's Markdown of a Word
file, grid tables with +===+ under the header row and a member's name wrapped over two lines of its cell, 「氏名（選出区分）」 as
a column label; a plenary whose 部会長 reports each 部会's conclusion, one matter sent back to its 部会) read 27/29, 29/29
once grid tables were read a row a line. The forty-fourth (layout58*: an old word processor's text with ┏━┓ frames,
half-width katakana and 「■議案第１号」 over 「（諮問第１号）　…について」, the title not read until a line starting with the
諮問's number in brackets was taken for its heading; a PDF whose Q&A table came out with both columns on one line) read
23/32, then 32/32. The forty-fifth (layout59*: a city page with its header in <th>/<td> rows, the talk in <dl> (<dt> the
speaker, <dd> the words), screen-reader text and a print-only copy of the header; a Word copy whose automatic numbering
was lost, every heading bare on its line) read 26/26. The forty-sixth (layout60*: a 会議録 kept in Excel and saved as
tab-separated text, cells of several lines quoted with their quotes doubled, CRLF rows with LF inside cells, empty
trailing cells, a 「No.」 column and a 備考 column counting the members) read 20/26 (the quoted cells not read as cells, the
title's 「（住民基本台帳に関する事務）」 dropped as a note), then 26/26. The forty-seventh (layout61*: 議事要旨 with every date,
time and number in kanji, 「（一）諮問第十二号」 items, 「（委員）」「（実施機関）」 and 問／答 exchanges; one wrapped hard at 35
characters) read 25/26: 「（三）報告」 did not end the last consultation, whose outcome became the report's 「報告を了承した」. The forty-eighth (layout62*: PDF minutes whose 「出席委員」 label is centred beside
four lines of members two a line, 「（欠席）」 after two of the names; a 要点記録 with 「◆議題１」 headings naming the 諮問 only
in the explanation's first sentence) read 17/26: the rows above the centred label were another field's and 「（欠席）」
no absence; no consultation was found under 「◆議題１」 until a mark before an agenda heading was allowed. The
forty-ninth (layout63*: verbatim minutes in a 議会's manner, 「○会長（佐伯正道君）」, ◎ headings, a roll of seat numbers
with names letter-spaced and closed by 君) read 25/26: 「大　森　　　誠　君」 was two people until 君 closed each name. The fiftieth (layout64*: a scanned record's OCR text,
諮間 for 諮問, 口/ロ and 一/ー swapped, 〓 and ■ for lost characters, a 「公開用」 stamp) read 25/26: a member 「浜名　義之」
was taken for a count (名) and the rows after him for another field. The fifty-first (layout65*: 諮問第５号から第７号まで
explained together and decided one by one in one sentence 「諮問第５号は承認、諮問第６号は要望を付して承認、諮問第７号は
継続審議」; a 部会 reporting two consultations, one sent back to it) read 27/29: the first had no outcome until a result
word right after its label was read, and the one sent back kept the 部会's 「適当」 until a later sentence deciding
otherwise had the last word. The fifty-second and fifty-third are real files: layout66* PDFs made with reportlab (a
drawn header table, a 質疑｜応答 table whose header row repeats on each page, running heads and feet) read 26/26, but a
full-width heading 「（1）諮問第5号 …について」 took the next line into its title until a heading ending its title was
kept from the line after it, and each utterance of the 質疑｜応答 table came out cut at the cell's width, words
broken across lines (「デー」/「タセンター」), until lines as wide as a cell's, opened by their speaker, were joined;
layout67* Word files (a header table, bold speaker runs split in two, a results table
after 閉会) read 25/26: 「（事 務 局）」 spaced to its column was no group's label, and the staff were counted absent. The fifty-fourth (layout68*: PDFs with
Ｑ（委員）/Ａ（課長） paragraphs, a landscape results table on the last page; a header of bold labels without a grid, bold
speakers) read 25/26: 「出席者　委員：蓮見和志（会長）、…」 lost its first name to the label, and 「事務局　皆さん、…。」 under
the 次第 was taken for the 事務局 field. The fifty-fifth (layout69*: a CMS page with <details> per consultation and <dl>
exchanges; Excel's 「Web ページとして保存」 with serial dates) read 26/26. The fifty-sixth (layout70*: PDF text whose header table came
out column by column, every label first, then every value, the members present and absent run together) read 20/26 and
is left as read: which names were absent only the body says; see expected_unread.jsonl. The fifty-seventh (layout71*: 要点筆記
with letter-spaced labels 「と　　き」「出 席 者」, bullets 「・委員から…との質問があり、…との回答があった。」, a 「― 2 ―」 page line
between bullets, the absence given only in the body) read 32/32. The fifty-eighth (layout72*: city pages with a <dl>
header and a 発言者｜発言内容 table, members anonymised as A委員…) read 31/32: 「（「なし」の声）それでは、…原案のとおり
承認とし、…要望を付すこととしてよろしいでしょうか。」 then 「（「異議なし」の声）」 decided nothing until the voice opening the
chair's sentence was no longer taken for the whole sentence. The fifty-ninth (layout73*: a Word file that is one
two-column table, the talk in one cell; its copy as tab-separated text, the cell's paragraphs on tab-led lines) read
32/32. The sixtieth (layout74*: a 部会 with 「部会長」「部会委員」 rows, ［Ａ委員］ speakers and 「（１４：２５）」 stamps; a wiki's
Markdown with two 諮問 explained together, 「> 諮問第8号：承認」 then 「> 諮問第9号：継続審議」 and a sentence naming no label)
read 30/32: 「部会委員」 was read as a member called 部会, and the sentence after 9's result decided 8 too, until a
decision naming no label was taken for the label named last before it. The sixty-first (layout75*: reportlab PDFs, the
header a lined two-column table, lines wrapped at 40 characters mid-sentence, 「－ n －」 feet) read 31/32: a member's name
wrapped across two lines of the list (「…、小\n野寺　澄江、…」) was two members until a line ending in a name's first
characters and going on to a 、 was read as one name. The sixty-second (layout76*: an assembly's 会議録検索システム pages,
発言者一覧 linked to each speech, 前の発言/次の発言 navigation, 継続審査) read 32/32."""

from __future__ import annotations

import pytest

from tests.support.expected import expected_of, nfkc, parsed

EXPECTED = expected_of("layouts7")


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_the_structure_a_careful_reader_finds(expected: dict) -> None:
    doc = parsed("layouts7", expected["file"])
    m = doc.meeting
    assert nfkc(expected["council"]).replace(" ", "") in nfkc(m.council).replace(" ", "")  # 「審議会　第二部会」: spaces aside
    assert (m.date, m.start_time, m.end_time) == (expected["date"], expected["start"], expected["end"])
    assert nfkc(expected["place_contains"]) in nfkc(m.place)
    assert (len(m.present), len(m.absent)) == (expected["present"], expected["absent"]), (m.present, m.absent)
    assert len(doc.consultations) == len(expected["consultations"])
    for want in expected["consultations"]:
        c = next((c for c in doc.consultations if nfkc(want["title_contains"]) in nfkc(c.title)), None)
        assert c is not None, want["title_contains"]
        assert want["label_number"] in nfkc(c.label) and c.status == want["outcome"], (c.label, c.status, c.outcome)


# records whose consultations had held only their agenda line: the 次第 listed again as headings in the body
# (one heading with 「（非公開）」 after its label, 「（説明：…）」 under a (1) heading), a body with no headings where each
# matter is introduced (「（諮問第５号について…から説明）」「続いて諮問第9号の説明を…」「（1）諮問第41号について、…」), a
# spreadsheet's 「発言者 | 発言内容」 rows, 「■会議録」 under the fields, 「〔千早委員〕」 under 「〔諮問第８号〕」, the first
# matter headed just above where the header's fields were read to end (「1 諮問第3号について」「【案件名】諮問第１２号」)
_SECTIONED = ("layout12l_kiryuno.txt", "layout12l_rurikawa.txt", "layout12l_shiranamigawa.txt", "layout13m_tokisawa.txt",
              "layout14p_kirisawa.txt", "layout17t_kirigahara.html", "layout21b_somagaya.txt",
              "layout23b_shitodogaoka.txt", "layout23c_kayamine.html", "layout27a_nuegafuchi.html",
              "layout28a_musasabara.txt", "layout35a_mozuzuka.txt", "layout36a_tokinosawa.txt",
              "layout12k_oborozuki.html", "layout10g_aoyagi.html", "layout10g_minamisakura.html", "layout14p_saginose.txt",
              "layout18u_chigusahama.txt", "layout19v_kasasagihama.txt")


@pytest.mark.parametrize("name", _SECTIONED)
def test_each_consultation_holds_its_discussion_not_only_its_agenda_line(name: str) -> None:
    doc = parsed("layouts7", name)
    for c in doc.consultations:
        assert c.end - c.start > 200, (c.label, c.start, c.end)
        assert [q for q in doc.passages if c.start <= q.start < c.end and len(q.text) > 40], c.label
