"""parse_document on fictional minutes/答申 in layouts the seeds do not use (tests/fixtures/layouts/).

Each fixture follows a convention real municipal councils use: assembly-style 会議録 (○山田会長　…), colon turns
(委員：…), a 会議要旨 with 問/答 and Q:/A:, an HTML page with <h3> per 諮問, a 答申書 with 第１…第５, a 要点記録
with half-width katakana and 平成31年, and a Shift_JIS/CRLF file written from the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.decode import decode_bytes, to_plain_text
from knowledge.model import Consultation, ParsedDocument
from knowledge.structure import parse_document
from knowledge.structure_people import parse_people
from tests.test_structure import assert_consultations_sound, assert_passages_sound

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def load_bytes(data: bytes, name: str) -> ParsedDocument:
    return parse_document(to_plain_text(decode_bytes(data, name), name), name)


def load(name: str) -> ParsedDocument:
    return load_bytes((LAYOUTS / name).read_bytes(), name)


def by_label(doc: ParsedDocument) -> dict[str, Consultation]:
    return {c.label: c for c in doc.consultations}


def sound(doc: ParsedDocument) -> None:
    assert_consultations_sound(doc)
    assert_passages_sound(doc)
    assert not doc.warnings, doc.warnings


def test_assembly_style_kaigiroku() -> None:
    doc = load("aoba_kaigiroku.txt")
    m = doc.meeting
    assert (m.municipality, m.council, m.session) == ("青葉市", "青葉市個人情報保護審議会", "令和6年度第2回")
    assert (m.date, m.start_time, m.end_time) == ("2024-08-20", "13:30", "15:15")
    assert m.chair == "山田太郎" and m.absent == ["伊藤誠"] and len(m.present) == 5
    assert [c.label for c in doc.consultations] == ["諮問第5号", "諮問第6号"]  # 報告第１号 is not a consultation
    c5, c6 = doc.consultations
    assert c5.title == "住民票の写し等のコンビニ交付サービスに係る外部委託について"
    assert c6.title == "防犯カメラ映像の目的外提供について"
    assert (c5.department, c6.department) == ("市民課", "情報政策課")  # from the answering speakers
    assert (c5.kind, c6.kind) == ("外部委託", "目的外利用")
    assert (c5.status, c5.outcome) == ("decided", "承認（要望あり）")
    assert any("監査結果を毎年度報告" in r for r in c5.requests)
    assert any(r.endswith("報告してほしい。") for r in c5.requests)  # a member's request
    assert (c6.status, c6.outcome) == ("pending", "継続審議（追加資料の提出待ち）")
    assert c6.reason and "追加資料" in c6.reason and not c6.reason.startswith("○")
    first = c5.qa[0]
    assert (first.asker, first.answerer) == ("佐藤副会長", "市民課長")
    assert first.question.endswith("どのくらいですか。") and first.answer.startswith("交付処理が終わりますと")
    assert len(c5.qa) == 3 and all("異議" not in q.answer for q in c5.qa)
    assert [(q.asker, q.answerer) for q in c6.qa] == [("田中委員", "情報政策課長")]
    assert c6.end <= doc.text.index("日程第４　報告第１号", c6.start)
    sound(doc)


def test_colon_turns_and_labelled_results() -> None:
    doc = load("sakuragawa_colon.txt")
    m = doc.meeting
    assert (m.municipality, m.council, m.session) == ("桜川町", "桜川町個人情報保護審査会", None)
    assert (m.date, m.start_time, m.end_time) == ("2023-10-05", "10:00", "11:40")
    assert m.present == ["小川", "中島", "大野", "松本"] and m.chair == "小川"
    c3, c4 = doc.consultations
    assert (c3.label, c3.title, c3.department) == (
        "諮問第3号",
        "国民健康保険の資格確認業務の委託について",
        "保険年金課",
    )
    assert (c4.label, c4.department) == ("諮問第4号", "子育て支援課")
    assert c4.title == "子育て支援アプリ導入に伴うクラウドサービスの利用について"
    assert c3.kind == "外部委託" and "クラウド・ASP利用" in (c4.kind or "")
    assert (c3.status, c3.outcome) == ("decided", "承認")  # 審議結果：原案のとおり承認
    assert (c4.status, c4.outcome) == ("pending", "継続審議（追加資料の提出待ち）")
    assert c4.reason == "継続審議（事業者のセキュリティ認証に関する追加資料の提出を求める）"
    assert [(q.asker, q.answerer) for q in c3.qa] == [("委員", "保険年金課"), ("委員", "保険年金課")]
    assert c3.qa[0].question == "委託先に再委託を認めるのか。" and c3.qa[0].answer.startswith("再委託は原則禁止")
    assert c4.qa[-1].answerer == "事務局" and c4.requests == ["事業者のセキュリティ認証の取得状況を示してほしい。"]
    assert "その他" not in doc.text[c4.start : c4.end]
    sound(doc)


def test_youshi_with_mon_tou_and_q_a_markers() -> None:
    doc = load("midorigaoka_yoshi.txt")
    m = doc.meeting
    assert (m.municipality, m.session, m.date) == ("緑ヶ丘市", "第48回", "2019-06-12")  # 令和元年
    assert (m.start_time, m.end_time) == ("14:00", "16:00")
    assert m.council == "緑ヶ丘市情報公開・個人情報保護審議会" and m.chair == "大川"
    assert m.secretariat == ["総務部総務課 坂本課長", "今井主査"]
    assert [c.label for c in doc.consultations] == ["諮問第12号", "諮問第13号", "諮問第14号"]  # not 報告事項
    c12, c13, c14 = doc.consultations
    assert c12.title == "学校における児童の健康観察アプリの導入について"
    assert [c.department for c in doc.consultations] == ["教育委員会学校教育課", "福祉課", "上下水道課"]
    assert c13.kind == "本人以外収集" and "電子計算機処理" in (c14.kind or "")
    assert (c12.status, c12.outcome) == ("decided", "了承（要望あり）")
    assert any("改めて諮問すること" in r for r in c12.requests)
    assert (c13.status, c13.outcome) == ("decided", "妥当")
    assert (c14.status, c14.outcome) == ("pending", "次回審議（予定時間超過）")
    assert c14.reason == "時間の都合により、次回に持ち越しとなった。"
    assert [(q.asker, q.answerer) for q in c12.qa] == [("委員", "学校教育課")] * 2  # 問／答 …（学校教育課）
    assert c12.qa[0].question == "アプリで収集する項目はどこまでか。" and c12.qa[0].answer.startswith("体温と体調")
    assert len(c13.qa) == 2 and c13.qa[1].question == "照会結果の保存期間は。"  # Q：／A：
    assert (c14.qa[0].asker, c14.qa[0].answerer) == ("委員", "上下水道課")  # Q：（委員）／A：（上下水道課）
    assert c14.qa[0].question.startswith("旧システム") and c14.qa[0].answer.startswith("専門業者")
    assert "誤交付" not in doc.text[c14.start : c14.end]
    sound(doc)


def test_html_page_with_h3_per_consultation() -> None:
    doc = load("shirahama_minutes.html")
    m = doc.meeting
    assert (m.municipality, m.council, m.session, m.date) == (
        "白浜市",
        "白浜市個人情報保護審議会",
        "第12回",
        "2023-02-07",
    )
    assert (m.start_time, m.end_time, m.place) == ("10:00", "11:30", "白浜市役所 3階 301会議室")
    assert m.present == ["浜田", "岩崎", "川口", "野村"] and m.absent == ["三浦"] and m.chair == "浜田"
    c8, c9 = doc.consultations
    assert (c8.label, c8.title, c8.department, c8.kind) == (
        "諮問第8号",
        "介護保険認定調査業務の外部委託について",
        "介護保険課",
        "外部委託",
    )
    assert (c9.label, c9.department, c9.kind) == ("諮問第9号", "危機管理課", "目的外利用")
    assert (c8.status, c8.outcome) == ("decided", "適当（要望あり）") and len(c8.requests) == 1
    assert (c9.status, c9.outcome) == ("pending", "再審議（追加資料の提出待ち）")
    assert [(q.asker, q.answerer) for q in c8.qa] == [("委員", "介護保険課")] * 2
    assert c8.qa[1].answer == "施錠できるかばんで運搬し、当日中に返却させる。"
    assert "次回の開催日程" not in doc.text[c9.start : c9.end]
    sound(doc)


def test_toshin_with_dai_headings_and_futai_iken() -> None:
    doc = load("wakaba_toshin.txt")
    m = doc.meeting
    assert doc.doc_kind == "toshin"
    assert (m.municipality, m.council, m.date) == ("若葉町", "若葉町個人情報保護審議会", "2024-03-15")
    (c,) = doc.consultations
    assert c.label == "諮問第2号"
    assert c.title == "マイナンバーカードを利用した図書館利用者登録に係る個人情報の取扱いについて"
    assert (c.status, c.outcome) == ("decided", "妥当（要望あり）")
    assert len(c.requests) == 2 and c.requests[1].endswith("審議会に報告すること。")
    assert not any("結論" in r or "判断" in r for r in c.requests)
    outcome = next(p for p in doc.passages if p.kind == "outcome")
    assert "妥当である" in outcome.text
    sound(doc)


def test_hankaku_kana_heisei_and_report_item() -> None:
    doc = load("asahi_hankaku.txt")
    m = doc.meeting
    assert (m.municipality, m.session, m.date) == ("朝日村", "平成30年度第4回", "2019-03-22")
    assert (m.start_time, m.end_time) == ("14:00", "15:30")
    assert m.present == ["森田", "北野", "南雲", "東"] and m.chair == "森田" and m.absent == []
    assert m.secretariat == ["総務課 宮下課長", "松田主任"]
    c1, c2 = doc.consultations  # ■報告事項 is not a consultation
    assert (c1.label, c1.title, c1.department) == ("諮問第1号", "コンビニ納付用バーコード作成の委託について", "税務課")
    assert (c2.label, c2.title, c2.department) == (
        "諮問第2号",
        "健康管理システムとの電子計算機結合について",
        "保健センター",
    )
    assert (c1.kind, c2.kind) == ("外部委託", "電子計算機結合")
    assert (c1.status, c1.outcome) == ("decided", "可")
    assert (c2.status, c2.outcome) == ("pending", "再審議（追加資料の提出待ち）")
    assert [(q.asker, q.answerer) for q in c1.qa] == [("委員", "税務課")] * 2  # '委　員　…' / '税務課　…'
    assert c1.qa[1].answer == "暗号化したＵＳＢメモリを職員が直接持参します。"
    assert (c2.qa[0].asker, c2.qa[0].answerer) == ("委員", "保健センター")
    assert "誤封入" not in doc.text[c2.start : c2.end]
    sound(doc)


def test_shift_jis_crlf_written_from_the_test(tmp_path: Path) -> None:
    source = (LAYOUTS / "shinonome_sjis.txt.src").read_text(encoding="utf-8")
    path = tmp_path / "shinonome.txt"
    path.write_bytes(source.replace("\n", "\r\n").encode("cp932"))
    doc = load_bytes(path.read_bytes(), path.name)
    assert "\r" not in doc.text
    m = doc.meeting
    assert (m.municipality, m.session, m.date, m.start_time, m.end_time) == (
        "東雲市",
        "第5回",
        "2025-01-28",
        "15:00",
        "16:45",
    )
    assert m.chair == "竹内" and m.present == ["竹内", "平井"]  # 'ほか委員３名' is not a name
    c15, c16 = doc.consultations
    assert (c15.label, c15.title) == ("諮問第15号", "自治会加入促進のための住民情報の目的外利用について")
    assert (c16.label, c16.kind) == ("諮問第16号", "指定管理者")
    assert (c15.department, c16.department) == ("市民協働課", "住宅課")
    assert (c15.status, c15.outcome) == ("decided", "同意（要望あり）")
    assert any("拒否の申出方法" in r for r in c15.requests)
    assert (c16.status, c16.outcome) == ("pending", "次回審議（予定時間超過）")
    assert c16.reason == "予定の時間を超過したため、本件は次回審議とする。"
    assert [(q.asker, q.answerer) for q in c15.qa] == [("A委員", "市民協働課長"), ("B委員", "市民協働課長")]
    assert c16.qa[0].answer.startswith("入居者の氏名")
    sound(doc)


def test_layout_totals() -> None:
    docs = [load(p.name) for p in sorted(LAYOUTS.iterdir()) if not p.name.endswith(".src")]
    consultations = [c for d in docs for c in d.consultations]
    assert len(consultations) == 12
    assert sorted(c.label for c in consultations if c.status == "pending") == [
        "諮問第14号",
        "諮問第2号",
        "諮問第4号",
        "諮問第6号",
        "諮問第9号",
    ]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("日時　平成31年4月30日（火）午前10時", "2019-04-30"),
        ("日時　令和元年5月1日（水）午前10時", "2019-05-01"),
        ("日時　令和元年１２月２日", "2019-12-02"),
        ("開催日　2024年3月15日", "2024-03-15"),
        ("日時　令和二年十月五日", "2020-10-05"),
    ],
)
def test_header_dates(line: str, iso: str) -> None:
    doc = parse_document(f"第1回北野市個人情報保護審議会 会議録\n\n{line}\n場所　北野市役所\n", "x.txt")
    assert doc.meeting.date == iso and doc.meeting.municipality == "北野市"


_VARIANT = """第3回南野町個人情報保護審議会会議録

日時　令和6年(2024年)5月9日（木）午前10時～午前11時
場所　南野町役場　議会委員会室

◯委員長　ただいまから会議を開きます。

日程第１　諮問第７号　固定資産税の課税資料の外部委託について

◯税務課長　課税資料のパンチ入力を事業者に委託するものです。
◯北川委員　委託先での保管期間はどれくらいですか。
◯税務課長　作業終了後、直ちに返却させます。
◯委員長　{decision}

日程第２　その他
◯委員長　以上で閉会します。
"""


@pytest.mark.parametrize(
    ("decision", "status", "outcome"),
    [
        ("諮問第７号は、原案のとおり可決されました。", "decided", "承認"),
        ("本件は適当と判断いたします。", "decided", "適当"),
        ("委託先の資料がそろわないため、本件は継続審査といたします。", "pending", "継続審議"),
        ("時間の都合により、結論を次回に持ち越します。", "pending", "次回審議（予定時間超過）"),
    ],
)
def test_assembly_variants(decision: str, status: str, outcome: str) -> None:
    doc = parse_document(_VARIANT.format(decision=decision), "variant.txt")
    m = doc.meeting
    assert (m.municipality, m.session, m.date, m.start_time) == ("南野町", "第3回", "2024-05-09", "10:00")
    (c,) = doc.consultations
    assert (c.label, c.title, c.department, c.kind) == (
        "諮問第7号",
        "固定資産税の課税資料の外部委託について",
        "税務課",
        "外部委託",
    )
    assert (c.status, c.outcome) == (status, outcome)
    assert [(q.asker, q.answerer) for q in c.qa] == [("北川委員", "税務課長")]
    assert "閉会" not in doc.text[c.start : c.end]
    sound(doc)


def test_two_answer_turns_to_one_question_stay_in_its_pair() -> None:
    """【山田委員】 asks two things; 【介護保険課長】 and then 【高齢者支援課長】 each answer their part."""
    from knowledge.structure import parse_document

    text = """桜川市個人情報保護審議会 会議録
一　日時
　令和七年十月二十三日（木）午後二時から午後三時まで
◎議題（一）諮問第十二号　介護保険被保険者情報の目的外利用について
【介護保険課長】介護保険の認定情報を見守り事業に利用したいものです。
【山田委員】データの受渡しの方法と、古い名簿の処分の方法を教えてください。
【介護保険課長】庁内ネットワークの共有フォルダで受け渡します。
【高齢者支援課長】回収した古い名簿は溶解処理いたします。
【岡本委員】通知はいつ送りますか。
【高齢者支援課長】十一月中旬に発送します。
【会長】それでは、諮問第十二号は承認といたします。
"""
    doc = parse_document(text, "sakura.txt")
    pairs = doc.consultations[0].qa
    assert [("溶解処理" in p.answer, "共有フォルダ" in p.answer) for p in pairs[:1]] == [(True, True)]
    assert "十一月中旬" in pairs[1].answer and "溶解処理" not in pairs[1].answer


def test_a_bracket_ending_a_members_row_says_who_the_member_is() -> None:
    """「委　　員　　三ツ股　康弘　（行政相談委員）」: the bracket after the name ends its row and is the member's
    background; 「（委員）」 opening a line is the group's label."""
    from knowledge.structure_people import parse_people, split_groups

    rows = ("（委員）\n　　会　　長　　井筒　正隆　　（学識経験者・弁護士）\n　　委　　員　　三ツ股　康弘　（行政相談委員）\n"
            "　　委　　員　　沓掛　由美子　（公募）")
    groups = split_groups(rows)
    assert list(groups) == ["委員"]
    assert [n for n, _ in parse_people(groups["委員"])] == ["井筒 正隆", "三ツ股 康弘", "沓掛 由美子"]


_LISTED_THEN_HEADED = """令和7年2月12日 北浜町個人情報保護審議会 議事録
＜次第＞
1 開会
2 議事
　(1) 図書館システムの運用業務の委託について（諮問第5号）
　(2) 水道データの見守りへの利用について（諮問第6号）
3 閉会

2 議事
(1) 図書館システムの運用業務の委託について（諮問第5号）
（説明：生涯学習課長）
・委託先は株式会社キタハマ図書サービスとする。
委員：利用者の貸出履歴は残るのか。
生涯学習課長：返却後に消去する。
・挙手全員により、原案のとおり承認。
(2) 水道データの見守りへの利用について（諮問第6号）（非公開）
（説明：住民福祉課長）
・対象は62世帯である。
・挙手多数により、原案のとおり承認。
3 閉会
"""


def test_an_agenda_listed_then_headed_in_the_body_starts_each_section_at_its_heading() -> None:
    """The 次第 lists both; the body heads each again, one with 「（非公開）」 after its label and 「（説明：…）」 under
    it, which is no next item of the (1)/(2) list: each section runs from its heading to the next."""
    doc = parse_document(to_plain_text(_LISTED_THEN_HEADED, "a.txt"), "a.txt")
    text = to_plain_text(_LISTED_THEN_HEADED, "a.txt")
    first, second = doc.consultations
    assert "キタハマ図書サービス" in text[first.start : first.end] and "62世帯" not in text[first.start : first.end]
    assert "62世帯" in text[second.start : second.end]
    assert first.outcome == "承認" and second.outcome == "承認"


_LISTED_THEN_INTRODUCED = """令和7年2月12日 北浜町個人情報保護審議会 会議録
議題
　諮問第５号　図書館システムの運用業務の委託について
　諮問第６号　水道データの見守りへの利用について

○会長　ただいまから会議を開きます。
　（諮問第５号について生涯学習課から説明）
問　貸出履歴は残るのか。
答　返却後に消去する。
○会長　諮問第５号は適当と答申することに決定します。
　（諮問第６号について住民福祉課から説明）
問　対象は何世帯か。
答　62世帯である。
○会長　諮問第６号は適当と答申することに決定します。
"""


def test_an_agenda_with_no_headings_in_the_body_starts_each_section_where_it_is_introduced() -> None:
    text = to_plain_text(_LISTED_THEN_INTRODUCED, "b.txt")
    doc = parse_document(text, "b.txt")
    first, second = doc.consultations
    assert first.title == "図書館システムの運用業務の委託について"
    assert "貸出履歴" in text[first.start : first.end] and "62世帯" not in text[first.start : first.end]
    assert "62世帯" in text[second.start : second.end]


_SHEET_RECORD = ("北浜町個人情報保護審議会　会議記録\n項目\t内容\n開催日時\t令和6年10月17日（木）\n"
                 "開催場所\t北浜町役場　第3会議室\n次第\t(1)諮問第８号　図書館システムの委託について\n"
                 "\t(2)諮問第９号　防犯カメラ画像の保存について\n発言者\t発言内容\n"
                 "会長\tそれでは議事に入ります。まず諮問第８号について、担当課から説明をお願いします。\n"
                 "生涯学習課長\t委託先は株式会社キタハマ図書サービスでございまして、貸出履歴は返却後に消去いたします。以上でございます。\n"
                 "会長\t諮問第８号は適当と答申します。続いて諮問第９号の説明をお願いします。\n"
                 "危機管理課長\t防犯カメラ１８台の録画データを外部のクラウドサービスに保存したいと考えております。\n"
                 "会長\t諮問第９号は継続審議とします。\n")


def test_a_spreadsheet_record_of_the_speech_is_the_body_and_each_matter_starts_where_introduced() -> None:
    """「発言者 | 発言内容」 rows are no header fields; 「…適当と答申します。続いて諮問第９号の説明を…」 starts the
    second matter at its sentence, the first one's decision staying in the first."""
    text = to_plain_text(_SHEET_RECORD, "c.txt")
    doc = parse_document(text, "c.txt")
    first, second = doc.consultations
    assert "キタハマ図書サービス" in text[first.start : first.end] and "適当と答申します" in text[first.start : first.end]
    assert text[second.start : second.end].startswith("続いて諮問第９号") and "１８台" in text[second.start : second.end]
    assert first.outcome == "適当" and second.status == "pending"


_RECORD_UNDER_FIELDS = """朧月村個人情報保護審査会 会議録
■開催日時
令和6年11月5日（火）午後1時30分
■会議次第
　諮問第1号　高齢者見守りネットワーク事業における本人以外からの個人情報の収集について
■会議録
事務局　ただいまから会議を開きます。委員3名全員の出席があり、会議は成立しております。
会長　それでは諮問第1号について、担当課から説明をお願いします。
事務局（保健福祉課長）　ひとり暮らし高齢者約310人を対象に、見守りネットワーク事業を始める予定です。
会長　諮問第1号は、意見を付して適当と答申します。
■関係資料
諮問第1号　説明資料 [PDFファイル／288KB]
"""


def test_a_record_headed_under_the_fields_is_the_body() -> None:
    """「■会議録」 under the fields heads the record (「事務局　ただいまから…」 is a turn, not the 事務局 field)."""
    text = to_plain_text(_RECORD_UNDER_FIELDS, "d.txt")
    doc = parse_document(text, "d.txt")
    (only,) = doc.consultations
    assert "約310人" in text[only.start : only.end]
    assert only.outcome.startswith("適当")


_INTRODUCED_WITH_TITLE = """令和6年度第3回北浜市個人情報保護審議会 会議録
日時	令和6年10月17日（木曜日）午後2時00分から午後3時52分まで
議事の経過
○会長　本日は諮問案件が2件です。早速ですが、諮問第7号、駅前駐輪場における防犯カメラの増設について、担当課から説明をお願いします。
○生活安全課長　盗難が47件発生しておりますので、カメラを4台増設いたします。
○会長　それでは、諮問第7号は承認といたします。次に、諮問第8号、児童館利用者管理システムのクラウドサービスへの移行について、説明をお願いします。
○児童青少年課長　登録児童約3,800人の情報をクラウドに移します。
○会長　諮問第8号は原案のとおり承認といたします。
"""


def test_a_matter_introduced_by_the_chair_with_its_title_is_named_by_it() -> None:
    text = to_plain_text(_INTRODUCED_WITH_TITLE, "e.txt")
    doc = parse_document(text, "e.txt")
    first, second = doc.consultations
    assert first.title == "駅前駐輪場における防犯カメラの増設について"
    assert second.title == "児童館利用者管理システムのクラウドサービスへの移行について"
    assert "47件" in text[first.start : first.end] and "3,800人" in text[second.start : second.end]
    assert text[second.start : second.end].startswith("次に、諮問第8号")


_VILLAGE = """令和７年１月２８日（火）午前１０時から、星浜村役場２階大会議室において、第３回星浜村個人情報保護審議会を開催した。
議案第１号　諮問第４号　役場前広場への防犯カメラ設置に伴う個人情報の取扱いについて
会　長：議案第１号について、担当課から説明をお願いします。
住民課長：カメラを３台設置いたします。
委員Ａ：録画はどこに保存するのか。
住民課長：役場内の録画装置に保存し、１４日で上書きいたします。
会　長：それでは、意見として、一つ、表示板に問合せ先を明記すること、二つ、運用状況を年１回報告すること、の２点を付すということでよろしいでしょうか。
（「異議なし」の声あり）
　採決の結果、全員賛成により、上記２点の意見を付して原案のとおり可決された。
"""


def test_village_minutes_with_bill_numbers_and_spaced_speakers() -> None:
    """「議案第１号　諮問第４号　…について」 heads 諮問第4号 (its title without the 議案 number); 「会　長：」 is the
    chair and 「委員Ａ：」 a member, each a turn of its own; the chair's points are the requests."""
    text = to_plain_text(_VILLAGE, "g.txt")
    (c,) = parse_document(text, "g.txt").consultations
    assert c.label == "諮問第4号" and c.title == "役場前広場への防犯カメラ設置に伴う個人情報の取扱いについて"
    assert c.outcome == "承認（要望あり）" and any("年１回報告すること" in r for r in c.requests)
    assert len(c.qa) == 1  # 委員Ａ's question and the 課長's answer


def test_markdown_front_matter_and_blockquoted_results() -> None:
    from knowledge.decode import to_plain_text as plain

    md = "---\ntitle: 北浜市審議会 議事概要\ndate: 2025-11-12\n---\n\n# 議事概要\n\n> 結論：原案了承\n"
    text = plain(md, "h.md")
    assert "date:" not in text and "2025-11-12" not in text
    assert "結論：原案了承" in text and ">" not in text


def test_staff_listed_under_the_attendance_are_not_members() -> None:
    text = to_plain_text("尾鷹台町個人情報保護審議会 会議録\n１　日　時　令和６年１１月１９日（火）午後１時３０分\n３　出席者\n"
                         "　（委員）２名\n　　会　長　荻窪　泰三\n　　委　員　堀之内　誠\n　（説明のため出席した職員）\n"
                         "　　防災安全課長　片桐　正則\n７　会議の経過\n会長　開会します。\n", "i.txt")
    doc = parse_document(text, "i.txt")
    assert [n.replace(" ", "") for n in doc.meeting.present] == ["荻窪泰三", "堀之内誠"]


def test_results_listed_at_the_end_name_each_consultation() -> None:
    text = to_plain_text("霧浜町個人情報保護審議会 会議概要\n開催日時　令和７年２月４日\n◆諮問第１２号　防犯カメラの増設について\n"
                         "Ｑ１　録画は何日残すのか。\nＡ１　１４日である。\n◆諮問第１３号　アプリの導入について\nＱ１　委託先は。\n"
                         "Ａ１　未定である。\n◆審議結果\n諮問第１２号　承認\n諮問第１３号　継続審議\n", "j.txt")
    first, second = parse_document(text, "j.txt").consultations
    assert (first.status, first.outcome) == ("decided", "承認")
    assert second.status == "pending"


def test_a_table_of_results_with_a_row_per_consultation() -> None:
    """「諮問番号 | 件名 | 担当課 | 結果」: each row is its consultation (its 件名 the title, not the council's name), the
    remarks under 「主な意見」 (「（諮問第14号）…すべきである。（百瀬委員）」) are no headings, and 「諮問第14号の附帯意見：…」
    is 14's request."""
    page = ("<html><body><h1>個人情報保護審議会の会議結果</h1><p>令和6年度第4回北浜市個人情報保護審議会を開催しました。</p>"
            "<ul><li>開催日時：令和7年2月18日（火曜日）午後2時00分から午後3時40分まで</li></ul><h2>会議の結果</h2>"
            "<table><tr><th>諮問番号</th><th>件名</th><th>担当課</th><th>結果</th></tr>"
            "<tr><td>諮問第14号</td><td>顔認証機能の導入について</td><td>スポーツ振興課</td><td>附帯意見を付して承認</td></tr>"
            "<tr><td>諮問第16号</td><td>防犯カメラ映像の保存について</td><td>危機管理課</td><td>継続審議</td></tr></table>"
            "<p>諮問第14号の附帯意見：特徴量データは30日以内に消去すること。</p><h2>主な意見</h2>"
            "<p>（諮問第14号）会員カードによる入館も選べるようにすべきである。（百瀬委員）</p></body></html>")
    text = to_plain_text(page, "k.html")
    doc = parse_document(text, "k.html")
    assert doc.meeting.council == "北浜市個人情報保護審議会"
    first, second = doc.consultations
    assert first.title == "顔認証機能の導入について" and first.outcome == "承認（要望あり）"
    assert second.status == "pending" and not second.requests


def test_a_closing_count_and_a_condition_written_short() -> None:
    text = to_plain_text("薄浜町個人情報保護審議会　会議録\n開催日時　　令和６年１２月１０日（火）午後１時３０分\n"
                         "出席委員　　渡会　恵子（会長）、鳥飼　忠彦　　以上２名\n欠席委員　　舟生　隆　　以上１名\n"
                         "(1) 諮問第21号 防犯カメラの設置について\n○委員：録画は何日残すのか。\n●事務局：１４日です。\n"
                         "→条件付承認（条件：点検結果を年1回報告すること）\n", "l.txt")
    doc = parse_document(text, "l.txt")
    assert [n.replace(" ", "") for n in doc.meeting.present] == ["渡会恵子", "鳥飼忠彦"]
    assert [n.replace(" ", "") for n in doc.meeting.absent] == ["舟生隆"]
    assert doc.consultations[0].outcome.startswith("承認（条件付き")


def test_a_table_with_a_bar_at_each_row_start_and_labels_in_square_brackets() -> None:
    """「｜開催日時　　｜…」 rows (the closing bar left out) under a 「｜────｜───」 rule; 「■②　…について　［諮問第15号］」."""
    raw = ("萱浜町個人情報保護審議会　会議録\n\n｜区分　　｜内容\n｜────｜──────\n｜会議名　｜萱浜町個人情報保護審議会\n"
           "｜開催日時｜令和7年2月6日（木）午前10時00分～午前11時45分\n｜開催場所｜萱浜町役場2階 研修室A\n"
           "｜出席委員｜楢山正臣（会長）、御園千里\n｜欠席委員｜鷲尾康弘　1名\n\n2　諮問事項\n\n"
           "■①　町立図書館システムの更新に伴う貸出履歴の保存について　［諮問第16号］\n【委員】保存期間は。\n【課長】3年です。\n\n"
           "■②　高齢者見守り事業における名簿情報の提供について　［諮問第17号］\n【委員】協定は。\n【課長】締結済みです。\n\n"
           "「審議結果」\n・①諮問第16号　承認\n・②諮問第17号　継続審議\n")
    doc = parse_document(to_plain_text(raw, "m.txt"), "m.txt")
    assert doc.meeting.date == "2025-02-06" and doc.meeting.start_time == "10:00" and "研修室A" in (doc.meeting.place or "")
    assert [n.replace(" ", "") for n in doc.meeting.absent] == ["鷲尾康弘"]
    assert [(c.label, c.title) for c in doc.consultations] == [
        ("諮問第16号", "町立図書館システムの更新に伴う貸出履歴の保存について"),
        ("諮問第17号", "高齢者見守り事業における名簿情報の提供について")]


def test_an_item_number_with_its_consultation_in_brackets() -> None:
    """「議案第１号（諮問第５号）　…について」: the 諮問's label, the title after both."""
    raw = ("比古浜町個人情報保護審議会　議事要旨\n令和６年１０月２２日（火）午後２時から午後３時まで、役場において開催した。\n"
           "出席委員　柚木俊彦（会長）、堀籠さつき\n\n議案第１号（諮問第５号）　発達支援相談記録の保管について\n"
           "問　保存期間は。\n答　５年です。\n審議の結果、適当と認めた。\n")
    doc = parse_document(to_plain_text(raw, "n.txt"), "n.txt")
    (c,) = doc.consultations
    assert (c.label, c.title) == ("諮問第5号", "発達支援相談記録の保管について")


def test_a_toshin_whose_headings_run_into_their_paragraphs() -> None:
    """A PDF copy: 「第１　審査会の結論 …開示すべきであるが、その余の部分を…妥当である。」 and 「第７　付言 １　…。２　…。」."""
    raw = ("黒浜市情報公開・個人情報保護審査会答申第５８号\n令和４年９月２７日\n黒浜市長　様\n"
           "生活保護ケース記録の部分開示決定に係る審査請求について（答申）\n"
           "第１　審査会の結論 実施機関が行った部分開示決定において不開示とした部分のうち、別表に掲げる部分は開示すべきであるが、"
           "その余の部分を不開示としたことは妥当である。\n"
           "第２　審査請求の趣旨 本件審査請求の趣旨は、決定の取消しを求めるというものである。\n"
           "第３　審査会の判断 不開示部分は条例第１６条第５号に該当する。\n"
           "第４　付言 １　通知書には理由を具体的に記載されたい。 ２　速やかに諮問されるよう事務の改善を求める。\n"
           "第５　審査会の処理経過 令和４年１月２５日 諮問を受けた。\n")
    doc = parse_document(to_plain_text(raw, "o.txt"), "o.txt")
    (c,) = doc.consultations
    assert c.outcome.startswith("一部開示すべき")
    assert [r[:5] for r in c.requests] == ["１ 通知書", "２ 速やか"], c.requests


def test_kanji_numbered_attendance_groups_and_a_stop_of_provision() -> None:
    """「（一）出席委員（五名）」「（二）欠席委員（一名）」 over their names; a 答申 「…提供の停止をすべきである。その余の部分に
    ついては、…妥当である。」 with 「７　付記」: 一部利用停止すべき, its 付記 the requests."""
    from knowledge.structure_header import key_of
    from knowledge.structure_toshin import conclusion_outcome

    assert key_of("（一）出席委員（五名）") is not None and key_of("（二）欠席委員（一名）")[0] == "absent"  # type: ignore[index]
    said = "…各指定管理者へ提供することに係る部分については、提供の停止をすべきである。その余の部分については、実施機関の判断は妥当である。"
    assert conclusion_outcome(said) == "一部利用停止すべき"
    raw = ("答申第７２号\n令和６年２月１４日\n鵜浜市教育委員会　様\n鵜浜市情報公開・個人情報保護審査会\n"
           "保有個人情報利用不停止決定に係る審査請求について（答申）\n１　審査会の結論\n" + said + "\n"
           "２　審査請求の趣旨\n本件決定の取消しを求めるものである。\n３　審査会の判断\n提供の必要性は認められない。\n"
           "４　付記\n　写しの削除を要請するよう望む。\n\n別記\n　答申に関与した委員\n")
    (c,) = parse_document(to_plain_text(raw, "p.txt"), "p.txt").consultations
    assert c.outcome.startswith("一部利用停止すべき") and c.requests == ["写しの削除を要請するよう望む。"]


def test_a_sheet_of_numbered_turns_with_its_items_in_empty_leading_cells() -> None:
    """「項目,内容」 rows, then 「番号,発言者,発言要旨」 with 「,,【諮問第８号】…」 items; 「約9,800人」 is one number."""
    raw = ("鵜浜区個人情報保護審議会　会議結果報告\n\n項目,内容\n会議名,令和６年度第３回鵜浜区個人情報保護審議会\n"
           "開催日時,令和６年10月17日（木）　午後２時00分～午後４時05分\n開催場所,鵜浜区役所５階　第２委員会室\n"
           "出席委員,芦田 宗一（会長）、蔦谷 みのり\n欠席委員,楢葉 啓介\n\n番号,発言者,発言要旨\n1,会長,開会する。\n"
           ",,【諮問第８号】学習用端末の利用記録の外部保存について\n2,学務課長,児童生徒約9,800人の記録を保存したい。\n"
           "3,委員,誰が閲覧できるのか。\n4,学務課長,係の職員４名に限る。\n,,＜結果＞原案了承\n"
           ",,【諮問第９号】防犯カメラの増設について\n5,課長,10台増設する。\n,,＜結果＞継続審議\n")
    text = to_plain_text(raw, "q.txt")
    assert "約9,800人" in text
    doc = parse_document(text, "q.txt")
    assert doc.meeting.start_time == "14:00" and "第２委員会室" in (doc.meeting.place or "")
    assert [(c.label, c.status) for c in doc.consultations] == [("諮問第8号", "decided"), ("諮問第9号", "pending")]


def test_the_meeting_summed_up_at_the_end_and_items_named_by_their_first_sentence() -> None:
    """「案件１　…について」 over 「本件は、町長から…諮問（諮問第４号）されたものである。」, and the 日時・場所 under
    「【会議概要】」 after the proceedings."""
    raw = ("令和６年度第２回霧浜町個人情報保護審議会　会議録\n\n１　開会\n事務局から、会議が成立している旨の報告があった。\n\n"
           "２　審議案件\n\n案件１　予約システムの導入に伴う個人情報の取扱いについて\n"
           "本件は、町長から令和６年９月２日付けで諮問（諮問第４号）されたものである。委員から保存期間について質問があり、"
           "担当課から５年との回答があった。審議の結果、適当と認めることとした。\n\n"
           "案件２　受信機貸与台帳の共有について\n本件は、町長から令和６年９月２日付けで諮問（諮問第５号）されたものである。"
           "審議の結果、継続審議とすることとした。\n\n３　閉会\n\n【会議概要】\n日時　　　令和６年９月26日（木）　午後１時30分から午後３時20分まで\n"
           "場所　　　霧浜町役場西庁舎３階　第１会議室\n出席委員　菰田 晴美（会長）、轟 敏行（以上２名）\n欠席委員　日下部 修 委員（1名、体調不良のため）\n")
    doc = parse_document(to_plain_text(raw, "r.txt"), "r.txt")
    assert doc.meeting.date == "2024-09-26" and doc.meeting.start_time == "13:30" and "第１会議室" in (doc.meeting.place or "")
    assert [n.replace(" ", "") for n in doc.meeting.absent] == ["日下部修"]
    assert [(c.label, c.status) for c in doc.consultations] == [("諮問第4号", "decided"), ("諮問第5号", "pending")]


def test_a_request_naming_another_consultation_is_that_ones() -> None:
    """「なお、諮問第12号についても、…要望する。」 said under 諮問第13号 is 12's request; 「諮問第12号と同様に、…要望する。」
    is 13's own."""
    head = ("鵜浜市個人情報保護審議会　会議録\n日時　令和6年5月1日（水）午後2時から午後3時まで\n場所　市役所3階会議室\n"
            "出席委員　田中一郎（会長）、鈴木花子\n\n１　諮問第12号　防犯カメラの設置について\n（委員）録画の保存期間は。\n"
            "（課長）14日間です。\n審議の結果、承認とした。\n\n２　諮問第13号　健診データの提供について\n（委員）提供先は。\n"
            "（課長）大学です。\n審議の結果、承認とした。")
    twelve, thirteen = parse_document(head + "なお、諮問第12号についても、表示板を設置するよう要望する。\n\n３　閉会\n", "s.txt").consultations
    assert twelve.requests == ["なお、諮問第12号についても、表示板を設置するよう要望する。"] and not thirteen.requests
    assert twelve.outcome == "承認（要望あり）" and thirteen.outcome == "承認"
    twelve, thirteen = parse_document(head + "諮問第12号と同様に、利用状況を報告するよう要望する。\n\n３　閉会\n", "t.txt").consultations
    assert not twelve.requests and thirteen.requests == ["諮問第12号と同様に、利用状況を報告するよう要望する。"]


def test_an_online_meeting_held_where_its_method_says_and_a_matter_left_for_the_next_meeting() -> None:
    """「開催方法：オンライン（…）」 with no 場所: the place; 「次回部会で引き続き協議することとした。」: pending."""
    from knowledge.structure_outcome import classify

    raw = ("狐浜町個人情報保護審議会　会議録\n\n会議名：令和６年度 第３回 狐浜町個人情報保護審議会\n"
           "日時：令和６年１０月１７日（木）　午後２時００分～午後２時４６分\n開催方法：オンライン（Web会議）\n出席：杉原 貞夫 会長、宇陀 真澄 副会長\n\n"
           "―――　諮問第１５号　―――\n[14:05] 委員（宇陀）：保存期間は。\n[14:06] 課長：５年です。\n[14:10] 会長：承認とします。\n")
    doc = parse_document(to_plain_text(raw, "u.txt"), "u.txt")
    assert (doc.meeting.place or "").startswith("オンライン")
    assert classify("次回部会で引き続き協議することとした。") is not None
    assert classify("次回部会で引き続き協議することとした。")[0] == "pending"  # type: ignore[index]


def test_a_heading_goes_with_what_it_heads_and_its_requests_answer_when_named() -> None:
    """「８　付言」 on its line over the 付言's paragraph is in that passage, not at the end of the one before;
    「58号の付言、市にどういう改善求めてた?」 is answered from it though its words (改善) are not the 答申's."""
    from knowledge.engine import Engine

    raw = ("霞浜市情報公開・個人情報保護審査会答申第５８号\n令和５年２月２０日\n霞浜市長　様\n霞浜市情報公開・個人情報保護審査会\n"
           "会長　仁科　早苗\n\n個人情報不訂正決定に係る審査請求について（答申）\n\n１　審査会の結論\n"
           "　実施機関が行った不訂正決定のうち、番号２に係る部分は訂正すべきである。その余の部分について訂正しないとした判断は妥当である。\n\n"
           "２　審査請求の趣旨\n　本件処分の取消しを求めるものである。\n\n３　審査会の判断\n"
           "　番号２の記載は、調査メモと一致しないから、事実と異なるものと認められる。番号１の記載は、調査員の評価であって訂正の対象とならない。"
           "その他の主張は、要介護認定処分の当否に関するものであり、当審査会の判断の対象ではない。\n７　結論\n"
           "　以上により、当審査会は、「１　審査会の結論」のとおり判断する。\n８　付言\n"
           "　実施機関においては、特記事項に家族等からの聴取内容を記載する際には聴取の相手方を明記するよう求める。\n")
    doc = parse_document(to_plain_text(raw, "v.txt"), "v.txt")
    (said,) = [p for p in doc.passages if "聴取の相手方" in p.text]
    assert said.text.startswith("８　付言") and not any(p.text.rstrip().endswith("付言") for p in doc.passages)
    answer = Engine.from_parsed([("v.txt", doc)]).ask("58号の付言、市にどういう改善求めてた？")
    assert answer.found and "聴取の相手方" in answer.hits[0].passage


def test_a_web_page_titled_by_its_answer_number_has_that_subject() -> None:
    """「答申第23号　…について」 heading a web page, with no 「（答申）」 line: the subject, and no warning of none."""
    raw = ("<html><head><title>答申第23号</title></head><body><h1>答申第23号　町営住宅に関する苦情対応記録の部分開示決定に係る"
           "審査請求について</h1><p>令和6年11月27日</p><p>鴇浜町長　様</p><p>鴇浜町情報公開・個人情報保護審査会</p>"
           "<p>令和6年6月10日付けで諮問のあった事案について、次のとおり答申します。</p>"
           "<h2>1　審査会の結論</h2><p>別表に掲げる部分は開示すべきである。その余の部分を不開示としたことは妥当である。</p>"
           "<h2>2　審査請求の趣旨</h2><p>不開示部分の開示を求めるものである。</p></body></html>")
    doc = parse_document(to_plain_text(raw, "w.html"), "w.html")
    assert doc.toshin is not None and doc.toshin.subject == "町営住宅に関する苦情対応記録の部分開示決定に係る審査請求について"
    assert not [w for w in doc.warnings if w.kind == "toshin_parts" and "subject" in w.items], doc.warnings


_FORWARDED = """From: 庶務係 <shomu@example.jp>
To: 委員各位
Subject: FW: 第２回審議会 議事要旨
Date: Tue, 4 Mar 2025 11:20:37 +0900

委員の皆様、議事要旨を転送します。

-----Original Message-----
> From: 庶務係
> To: 会長
> Subject: 議事要旨（案）
> Date: Thursday, February 20, 2025 4:02 PM
>
> ご確認ください。=
> よろしくお願いします。=E3=80=80
>
>> ================================
>> 　第２回　桐ヶ迫市個人情報保護審議会　議事要旨
>> ================================
>> 日　時：2025年2月13日（木）10:00～11:42
>> 場　所：桐ヶ迫市役所 本庁舎5階 501会議室
> > 出席委員：青柳（会長）、白井、黒田（3名）
>> 欠席委員：赤松（1名）
>>
>> 案件1　図書館システムに係る個人情報の外部委託について
>> 図書館＞ 貸出履歴は返却後に消去する。
>> 白井委員＞ 委託先の保存場所は。
>> 図書館＞ 国内のデータセンターです。
>> 審議の結果、案件1は原案のとおり了承。
[cid:image001.png@01DB]
"""


def test_minutes_forwarded_by_mail_are_read_without_the_mail() -> None:
    """Minutes pasted into a mail and forwarded twice: the quoting (「> 」「>> 」「> > 」) is taken off, the mails' headers
    (whose Date is when the mail was sent) and the client's separator are dropped, quoted-printable leftovers are
    decoded, and the title line under the covering notes names the council."""
    text = to_plain_text(_FORWARDED, "fw.txt")
    assert ">" not in text.replace("図書館＞", "").replace("委員＞", "")
    assert "Subject" not in text and "Original Message" not in text and "cid:" not in text
    assert "ご確認ください。よろしくお願いします。\n" in text and "=E3" not in text  # the decoded 　 ends its line
    assert "================================\n" in text  # a rule of = is no soft line break
    doc = parse_document(text, "fw.txt")
    assert doc.meeting.council == "桐ヶ迫市個人情報保護審議会"
    assert doc.meeting.date == "2025-02-13"
    assert [c.label for c in doc.consultations] and "図書館システム" in doc.consultations[0].title
    assert to_plain_text("> 引用は一行だけ\n本文です。\n", "a.txt") == "> 引用は一行だけ\n本文です。"  # no mail: unchanged


def test_text_of_a_vertically_set_pdf_is_joined_and_its_kanji_items_found() -> None:
    """A 縦書き PDF's text: lines of 17 characters broken inside words, 「― 二 ―」 page lines in 漢数字 followed by a
    running head, punctuation in its vertical forms (︵︶︑︒), items 「案件一」「案件二」 in 漢数字."""
    body = ("第四回鷭ヶ池町個人情報保護審議会議\n事録\n一、日時　令和七年二月十八日（\n火）　午前十時から午前十一時まで\n"
            "二、会場　鷭ヶ池町役場二階会議室\n\n一、開会\n○議長（甲会長）　開会します。\n\n― 二 ―\n"
            "鷭ヶ池町個人情報保護審議会議事録\n二︑議事\n案件一　図書館システムに係る個\n人情報の外部委託について\n"
            "○図書館︵乙館長︶　貸出履歴は返却後\nに消去いたします︒\n○議長︵甲会長︶　案件一は原案のとお\n"
            "り承認といたします︒\n\n― 三 ―\n鷭ヶ池町個人情報保護審議会議事録\n案件二　防犯カメラの設置について\n"
            "○議長（甲会長）　案件二は次回再審議\nといたします。\n")
    text = to_plain_text(body, "v.txt")
    assert "― 二 ―" not in text and text.count("鷭ヶ池町個人情報保護審議会議事録") == 1
    assert "貸出履歴は返却後に消去いたします。" in text and "︒" not in text and "︵" not in text
    assert to_plain_text("見出し﹉", "o.txt") == "見出し﹉"  # an overline is no punctuation: never a space and a mark
    doc = parse_document(text, "v.txt")
    assert doc.meeting.date == "2025-02-18"
    assert [(c.label, c.status) for c in doc.consultations] == [("案件(1)", "decided"), ("案件(2)", "pending")]


def test_an_item_headed_with_its_consultation_in_brackets_and_carried_over_by_assent() -> None:
    """「案件1（諮問第3号）…について」: the 諮問's number labels the item (and 「案件3は継続審議」 in the talk is that
    諮問's); the chair proposing 継続審議 and asking the department to explain again at the next meeting, then
    （「異議なし」の声あり）, carries it over — asking for an explanation is no formality there."""
    text = ("宵越町個人情報保護審議会 会議録\n開催日時\n2021年8月26日（木）13:30～15:40\n開催場所\n役場 大会議室\n\n"
            "2 審議事項\n案件1（諮問第3号）乗合バス運行管理のための電子計算機の結合について\n担当課（企画課長）\n説明します。\n"
            "会長\n案件1は原案のとおり了承とします。\n"
            "案件2（諮問第5号）固定資産課税台帳情報の目的外利用について\n担当課（定住課長）\n説明します。\n"
            "会長\n本件は継続審議とし、担当課において提供方法を確定のうえ、次回の審議会で改めて説明を求めることとしてよろしいでしょうか。\n"
            "（「異議なし」の声あり）\n")
    doc = parse_document(to_plain_text(text, "k.txt"), "k.txt")
    assert [(c.label, c.status) for c in doc.consultations] == [("諮問第3号", "decided"), ("諮問第5号", "pending")]
    assert "乗合バス" in doc.consultations[0].title


def test_a_pandoc_grid_table_reads_a_row_a_line_with_its_wrapped_cells_joined() -> None:
    """Word to Markdown by pandoc: rows between +---+ rules, the header over +===+, a cell wrapped over the row's lines
    (a name cut 「杢」 / 「田 千晶」); the column labels 「区分 | 氏名（選出区分）」 are no members."""
    md = ("# 令和6年度 第3回 鵲台市個人情報保護審議会 会議録\n\n"
          "+----------+------------------------------+\n| 項目     | 内容                         |\n"
          "+==========+==============================+\n| 開催日時 | 令和6年10月17日（木）\\       |\n"
          "|          | 午後2時00分\\~午後4時05分     |\n+----------+------------------------------+\n"
          "| 開催場所 | 市役所 本庁舎4階 第2委員会室 |\n+----------+------------------------------+\n\n## 出席者\n\n"
          "+----------+------------------------------+\n| 区分     | 氏名（選出区分）             |\n"
          "+==========+==============================+\n| 出席委員 | 樫村 朋彦（会長）、杢        |\n"
          "| （3名）  | 田 千晶、芦刈 政信           |\n+----------+------------------------------+\n"
          "| 欠席委員 | 白鳥居 一馬                  |\n+----------+------------------------------+\n\n"
          "## 1　開会\n\n**樫村会長**：開会します。\n")
    text = to_plain_text(md, "g.md")
    assert "+---" not in text and "開催日時\t令和6年10月17日（木）午後2時00分" in text
    doc = parse_document(text, "g.md")
    assert doc.meeting.present == ["樫村 朋彦", "杢田 千晶", "芦刈 政信"]
    assert doc.meeting.absent == ["白鳥居 一馬"]


def test_a_sheet_saved_as_tab_separated_text_with_cells_of_several_lines() -> None:
    """Excel's 会議録 saved as tab-separated text: a cell of several lines comes quoted, a quote inside doubled, empty
    cells trail each row (CRLF rows, LF inside cells); a row-number column headed 「No.」 and a 備考 column counting the
    members (「5名」) beside the first name."""
    sheet = ("No.\t項目\t内容\t備考\r\n1\t令和6年度　第3回　椎ノ木町個人情報保護審議会　会議録\t\t\r\n"
             "2\t開催日\t2025/2/6\t（木）\r\n3\t開会\t13:30\t\r\n4\t閉会\t15:12\t\r\n5\t場所\t役場　西庁舎2階　大会議室\t\r\n"
             '6\t出席委員\t"柘植　克彦（会長）\n里見　佳代（副会長）\n猪狩　雄一"\t3名\r\n'
             '7\t欠席委員\t"鬼頭　亜紀\n蓮見　孝雄"\t2名\r\n8\t\t\t\r\n9\t発言者\t発言内容\t\r\n'
             '10\t柘植会長\t"諮問第1号について説明をお願いします。\n見守りサービス""みまもりビーコン""の件です。"\t\r\n'
             "11\t\t続けて説明します。\t\r\n")
    text = to_plain_text(sheet, "s.txt")
    assert "出席委員\t柘植　克彦（会長）\t3名\n\t里見　佳代（副会長）\n\t猪狩　雄一\n" in text
    assert '"みまもりビーコン"' in text and '""' not in text and "\n10\t" not in text
    doc = parse_document(text, "s.txt")
    assert doc.meeting.present == ["柘植 克彦", "里見 佳代", "猪狩 雄一"]
    assert doc.meeting.absent == ["鬼頭 亜紀", "蓮見 孝雄"] and doc.meeting.chair == "柘植 克彦"


def test_role_first_rows_one_space_apart_with_what_each_member_is() -> None:
    """「副委員長　北川　恵子　（弁護士）」 (the role one space before the name) among rows two spaces apart, and the note in
    brackets after each name: names without their notes; a group's own label row (「（委員）」) leaves the rows to the
    groups, a note (「（敬称略）」) does not."""
    text = ("汐見原市個人情報保護審議会　会議録\n■日　時　　令和６年７月１８日（木）午後２時００分開会\n■出席委員（３名）\n"
            "　　委員長　　高峰　直樹　（学識経験者）\n　　副委員長　北川　恵子　（弁護士）\n　　委　員　　石井　剛　　（情報処理安全確保支援士）\n"
            "■欠席委員（１名）\n　　委　員　　森下　由佳　（税理士）\n\n■会議次第\n１　開会\n")
    doc = parse_document(to_plain_text(text, "a.txt"), "a.txt")
    assert doc.meeting.present == ["高峰 直樹", "北川 恵子", "石井 剛"] and doc.meeting.chair == "高峰 直樹"
    assert doc.meeting.absent == ["森下 由佳"]


def test_a_matter_named_in_brackets_after_its_title_and_a_kanji_numbered_report_ends_the_last() -> None:
    """「諮問第5号　…の第三者点検について（住民基本台帳に関する事務）」: the bracket names the matter, it stays; 「（三）報告」
    (kanji in brackets) closes the last consultation, so the report's 「報告を了承した」 is no decision of it."""
    text = ("青嶺市個人情報保護審議会　議事要旨\n日時　令和六年十一月十二日（火）午後二時三十分から午後四時五分まで\n\n"
            "（一）諮問第十二号　特定個人情報保護評価書の第三者点検について（住民基本台帳に関する事務）\n"
            "　　結果\n　　　原案のとおり承認することとした。\n"
            "（二）諮問第十三号　防犯カメラ画像の解析業務の外部委託について\n　　結果\n　　　継続審議とすることとした。\n\n"
            "（三）報告　通知書の誤送付について\n　　本件については、報告を了承した。\n")
    doc = parse_document(to_plain_text(text, "y.txt"), "y.txt")
    assert [(c.label, c.status) for c in doc.consultations] == [("諮問第12号", "decided"), ("諮問第13号", "pending")]
    assert "住民基本台帳に関する事務" in doc.consultations[0].title
    from knowledge.structure_outcome import classify

    assert classify("本件については、報告を了承した。") is None and classify("本件については、了承した。") == ("decided", "了承")


def test_a_centred_attendance_label_with_absences_marked_beside_names() -> None:
    """A PDF table whose 「出席委員」 label sits on the third of its four lines: the rows above it are its own, not the
    place's; 「（欠席）」 after a name (once glued to the next 「委　員」) makes that member absent."""
    text = ("汐見川市個人情報保護審議会　会議録\n開催日時　　　令和６年１１月２１日（木）午後２時００分～午後３時４０分\n"
            "開催場所　　　本庁舎７階　第２委員会室\n"
            "　　　　　　　会　長　宮坂　昭彦　　　　　　副会長　早瀬　真理子\n"
            "　　　　　　　委　員　古谷　浩二　　　　　　委　員　新城　由紀（欠席）\n"
            "出席委員　　　委　員　桐原　修　　　　　　　委　員　相馬　恵美\n"
            "　　　　　　　委　員　大楠　健一（欠席）委　員　七海　さやか\n"
            "事　務　局　　総務部長　　　　　　　　　　　久我　正樹\n\n１　開会\n")
    doc = parse_document(to_plain_text(text, "c.txt"), "c.txt")
    assert doc.meeting.present == ["宮坂 昭彦", "早瀬 真理子", "古谷 浩二", "桐原 修", "相馬 恵美", "七海 さやか"]
    assert doc.meeting.absent == ["新城 由紀", "大楠 健一"] and doc.meeting.place == "本庁舎７階 第２委員会室"


def test_an_agenda_heading_after_a_mark_takes_the_number_its_explanation_says() -> None:
    """「◆議題１　…について」 over 「・本件は諮問第３号として…諮問したもの。」: 議題１ is 諮問第3号."""
    text = ("北鳴沢町個人情報保護審議会　要点記録\n日　　時　　令和7年2月13日（木）午前１０時～午前１１時２５分\n\n◆開会\n・開会した。\n"
            "◆議題１　町営タクシー予約アプリの導入について\n【説明】（企画政策課長）\n・本件は諮問第３号として諮問したもの。\n"
            "◆審議結果\n・異議なく、諮問第３号は次回審議とすることとした。\n")
    doc = parse_document(to_plain_text(text, "m.txt"), "m.txt")
    assert [(c.label, c.status) for c in doc.consultations] == [("諮問第3号", "pending")]
    assert "予約アプリ" in doc.consultations[0].title


def test_a_roll_of_names_each_closed_by_kun() -> None:
    """An assembly's roll: seat numbers, names letter-spaced, 君 closing each (「４番　大　森　　　誠　君」): one name each."""
    text = ("鷺沼川市個人情報保護審議会会議録\n１　日時　令和６年１１月１２日（火）午後２時開議\n３　出席委員（３名）\n"
            "　　　１番　　青　木　和　彦　君　　　　　２番　　石　井　里　美　君\n　　　６番　　竹　内　由紀子　君\n"
            "４　欠席委員（１名）\n　　　４番　　大　森　　　誠　君\n５　説明のため出席した者\n　　こども未来部長　　平田美穂君\n\n"
            "◎開会\n")
    doc = parse_document(to_plain_text(text, "g.txt"), "g.txt")
    assert doc.meeting.present == ["青木和彦", "石井里美", "竹内由紀子"]
    assert doc.meeting.absent == ["大森誠"]


def test_items_decided_one_by_one_in_one_sentence_and_a_later_decision_prevails() -> None:
    """「よって、諮問第５号は承認、諮問第６号は要望を付して承認、諮問第７号は継続審議とすることに決しました。」: each its
    own; a 部会's 「諮問第９号についても…適当であるとの結論」 reported, then 「諮問第９号は部会において再審議を行う」: pending."""
    text = ("朝凪市個人情報保護審議会　会議録\n日時　令和４年11月22日（火）午後２時から午後４時12分まで\n\n"
            "議題\n(1) 諮問第５号　見守り事業について\n(2) 諮問第６号　訪問事業について\n(3) 諮問第７号　配食事業について\n\n"
            "会長（久我山）　異議なしと認めます。よって、諮問第５号は承認、諮問第６号は要望を付して承認、諮問第７号は継続審議とす"
            "ることに決しました。\n")
    doc = parse_document(to_plain_text(text, "j.txt"), "j.txt")
    assert [(c.label, c.status) for c in doc.consultations] == [
        ("諮問第5号", "decided"), ("諮問第6号", "decided"), ("諮問第7号", "pending")]
    text = ("水城野市個人情報保護審議会　会議録\n日時　2019年７月30日（火）午前10時から\n\n議題\n"
            "ア　諮問第８号　防犯カメラの増設について\nイ　諮問第９号　子育て支援アプリの導入について\n\n"
            "○片桐部会長　部会としては、諮問第８号は適当であるとの結論に至りました。部会としては、諮問第９号についても、"
            "外部クラウドサービスへの記録は適当であるとの結論に至りました。\n"
            "○芦名会長　御異議なしと認め、諮問第８号は部会報告のとおり答申することといたします。\n"
            "○芦名会長　御異議なしと認め、諮問第９号は部会において再審議を行うことといたします。\n")
    doc = parse_document(to_plain_text(text, "b.txt"), "b.txt")
    assert [(c.label, c.status) for c in doc.consultations] == [("諮問第8号", "decided"), ("諮問第9号", "pending")]


def test_a_member_whose_name_holds_the_character_of_a_count() -> None:
    """「委　員　　浜名　義之　　（自治会連合会）」: 名 in a name is no count (委員　６名 is one)."""
    text = ("鷺沼原市個人情報保護審議会　会議録\n１　日　　時　　平成２７年７月２２日（水）午後２時００分　開会\n"
            "３　出席委員（３名）\n　　会　長　　宮之原　恒夫　（学識経験者）\n　　委　員　　浜名　義之　　（自治会連合会）\n"
            "　　委　員　　蔵元　健吾　　（商工会議所）\n４　欠席委員（１名）\n　　委　員　　田所　亮介　　（学識経験者）\n\n１　開会\n")
    doc = parse_document(to_plain_text(text, "h.txt"), "h.txt")
    assert doc.meeting.present == ["宮之原 恒夫", "浜名 義之", "蔵元 健吾"] and doc.meeting.absent == ["田所 亮介"]


def test_a_group_label_spaced_to_its_column_starts_its_group() -> None:
    """「（欠席委員）沢渡　久美子、南雲　勇　以上2名／（事 務 局）総務課長　矢吹　修」: 「（事 務 局）」 is the 事務局's label."""
    text = ("奥鳴沢町個人情報保護審議会　要点録\n１　日　時　　2025年（令和7年）2月13日（木）　午前10時00分～午前11時35分\n"
            "３　出席者\n　（出席委員）宮坂　典子（会長）、石動　圭吾、舟橋　由紀　以上3名\n"
            "　（欠席委員）沢渡　久美子、南雲　勇　以上2名\n　（事 務 局）総務課長　矢吹　修、総務課法規係長　菅野　亜希子\n"
            "４　議　題\n　（1）諮問事項　諮問第12号\n")
    doc = parse_document(to_plain_text(text, "k.txt"), "k.txt")
    assert doc.meeting.absent == ["沢渡 久美子", "南雲 勇"]
    assert doc.meeting.secretariat == ["総務課長 矢吹 修", "総務課法規係長 菅野 亜希子"]


def test_a_pdf_heading_ending_its_title_keeps_the_next_line_apart() -> None:
    """A full-width PDF line 「（1）諮問第5号 町立小・中学校における…の外部提供について」 then 「学校教育課長から、…」: the
    title ends at について; a wrapped sentence 「４　実施機関は、…について」 still joins."""
    from knowledge.pdf_lines import should_join

    heading = "（1）諮問第5号 町立小・中学校における学習用端末の利用データの外部提供について"
    assert not should_join(heading, "学校教育課長から、資料1に基づき説明があった。", 30)
    assert should_join("４　実施機関は、令和６年４月２日、調査員への事実確認について", "時間を要するとして延長した。", 30)


def test_members_listed_after_their_label_and_the_first_words_spoken_under_the_agenda() -> None:
    """「出席者　委員：蓮見和志（会長）、国分千鶴（副会長）…」: 委員： labels the list; 「事務局　皆さん、おはようございます。…」
    right under the 次第 is the body's first speech, not the 事務局 field."""
    text = ("令和6年度第3回 汐見原町個人情報保護運営審議会 会議録\n日 時 2025年（令和7年）2月7日（金） 午前10時00分～午前11時50分\n"
            "出席者 委員：蓮見和志（会長）、国分千鶴（副会長）、岩永恭平（以上3名）\n欠席者 委員：宍戸富雄（1名）\n"
            "事務局 総務課長 浅利功、総務課主任 久保寺陸\n次 第 1 開会 2 諮問事項 3 閉会\n1 開会\n"
            "事務局 皆さん、おはようございます。定刻となりましたので、ただ今から審議会を開会いたします。\n"
            "会長 それでは、次第に従って進めます。\n")
    doc = parse_document(to_plain_text(text, "s.txt"), "s.txt")
    assert doc.meeting.present == ["蓮見和志", "国分千鶴", "岩永恭平"] and doc.meeting.absent == ["宍戸富雄"]
    assert doc.meeting.secretariat == ["総務課長 浅利功", "総務課主任 久保寺陸"]


def test_a_staff_label_wrapped_in_its_cell_and_a_role_glued_to_a_name() -> None:
    """A PDF table's label cell wraps 「説明のため」 over 「出席した職員」 under the 欠席委員: the staff are no absent members;
    「委員柴山 千晶（…）」 is 柴山 千晶, the role glued to the name."""
    text = ("椎名川市個人情報保護審議会 会議録\n開催日時 令和6年11月14日（木） 午後2時00分開会 午後3時52分閉会\n出席委員\n（2名）\n"
            "委員長 有坂 恒一郎（弁護士）、委員柴山 千晶（情報セキュリティ専門家）\n欠席委員\n（1名）\n委員 野々村 晃（商工会議所）\n"
            "説明のため\n出席した職員\n福祉部介護保険課長 梶谷 直樹、介護保険課認定係長 湯浅 美穂\n"
            "事務局\n総務部行政管理課長 戸倉 洋平\n\n○委員長 開会します。\n")
    doc = parse_document(to_plain_text(text, "w.txt"), "w.txt")
    assert doc.meeting.present == ["有坂 恒一郎", "柴山 千晶"] and doc.meeting.absent == ["野々村 晃"]


def test_a_meeting_held_in_writing_is_dated_by_its_result_and_attended_by_those_who_replied() -> None:
    """Minutes of a meeting held in writing (書面開催) give the day the result was fixed, where and when the chair
    tallied the replies, the members who replied and those who did not: the date is the result's (not the day the
    papers were sent), the place and times the tally's, those who replied are present, the others absent."""
    text = ("令和６年度第２回梢台町個人情報保護審議会　会議録\n\n開催方法　書面による開催\n資料発送　令和７年１月３１日\n"
            "意見提出期限　令和７年２月１４日（金）\n結果確定日　令和７年２月２１日（金）\n会長取りまとめ　午後１時３０分～午後２時４５分\n"
            "取りまとめ場所　梢台町役場２階　総務課打合せ室\n\n委員（定数５名）\n　意見書を提出した委員（３名）\n"
            "　　会長　　　　石黒　和彦\n　　副会長　　　永井　さおり\n　　委員　　　　片桐　陽介\n"
            "　意見書の提出がなかった委員（１名）\n　　委員　　　　上条　正樹\n\n事務局\n　総務課長　　　大槻　伸也\n\n"
            "１　諮問第７号　町民体育館の指定管理者による利用者登録情報の取扱いについて\n\n（１）担当課説明要旨\n"
            "　登録情報は最終利用日から３年間保存した後に消去する。\n\n（２）審議結果\n　意見書を提出した委員３名全員が適当と認めた。\n")
    m = parse_document(to_plain_text(text, "s.txt"), "s.txt").meeting
    assert (m.date, m.start_time, m.end_time) == ("2025-02-21", "13:30", "14:45")
    assert m.place is not None and "総務課打合せ室" in m.place
    assert m.present == ["石黒 和彦", "永井 さおり", "片桐 陽介"] and m.absent == ["上条 正樹"]


def test_a_decision_naming_no_label_is_the_one_of_the_label_named_last_before_it() -> None:
    """Two consultations explained in one section and decided one after the other (layout74b: 「## 3 諮問第8号及び第9号
    （一括説明）」, 「> 諮問第8号：承認」, 「> 諮問第9号：継続審議」 then 「> 次回審議会において…再度審議する。」), or two
    sections read as one (layout7b: 「会長より、答申案について諮ったところ、異議なし、可とする。」 under each of 一、 and 二、):
    a decision sentence naming no label belongs to the label named last before it, and each matter's outcome is its own."""
    from tests.support.expected import parsed

    doc = parsed("layouts7", "layout74b_4471.md")
    assert [(c.label, c.status) for c in doc.consultations][1:] == [("諮問第8号", "decided"), ("諮問第9号", "pending")]
    doc = parsed("layouts7", "layout7b_kiritani.txt")
    for i, c in enumerate(doc.consultations):
        outcomes = [p for p in doc.passages if p.kind == "outcome" and p.consultation_index == i]
        assert len(outcomes) == 1 and doc.text.rfind("諮問第", 0, outcomes[0].start) < outcomes[0].start, c.label
        assert doc.text.count("諮問第", outcomes[0].start - 200, outcomes[0].start) <= 1


def test_a_subcommittee_members_role_before_the_name() -> None:
    """「部会長　竹之内　澄子」「部会委員　市川　雅彦」 rows: 部会委員 is a role, not a member called 部会."""
    text = ("南稲葉町情報公開・個人情報保護審議会 第二部会 会議録\n\n１　開催日時　令和６年１０月１７日（木）　午後２時００分～午後３時４８分\n"
            "２　開催場所　第２庁舎３階 中会議室\n３　出席者\n　　部会長　　　竹之内　澄子（弁護士）\n　　部会委員　　市川　雅彦（大学教員）\n"
            "４　欠席者\n　　部会委員　　長谷部　紀夫（町自治会連合会）\n５　会議の概要\n［部会長］　それでは議事に入ります。\n")
    m = parse_document(to_plain_text(text, "b.txt"), "b.txt").meeting
    assert m.present == ["竹之内 澄子", "市川 雅彦"] and m.absent == ["長谷部 紀夫"]


def test_a_name_wrapped_across_lines_of_a_pdf_list_is_one_name() -> None:
    """A PDF wraps its list of members at 40 characters inside a name (「…、小\\n野寺　澄江、…」): one member, not two; a
    staff list broken after a title (「…、同係員\\n市民部市民課長、…」) keeps its two entries."""
    text = ("令和６年度第３回東雲市個人情報保護審議会　会議録\n日　　時\n令和６年10月17日（木）\n午後２時00分から午後４時05分まで\n"
            "場　　所 東雲市役所本庁舎５階　第２委員会室\n出席委員\n"
            "田所　昌弘（委員長）、栗原　由美子（副委員長）、森下　健一、小\n野寺　澄江、長谷部　誠、宇佐美　千尋　（以上６名）\n"
            "欠席委員 平岡　俊介　（１名）\n事 務 局\n総務部総務課長、総務課文書法制係長、同係員\n市民部市民課長、子育て支援課主幹\n"
            "委員長　それでは議事に入ります。\n")
    m = parse_document(to_plain_text(text, "p.txt"), "p.txt").meeting
    assert m.present == ["田所 昌弘", "栗原 由美子", "森下 健一", "小野寺 澄江", "長谷部 誠", "宇佐美 千尋"], m.present
    assert m.absent == ["平岡 俊介"]
    assert len(parse_people("総務部総務課長、総務課文書法制係長、同係員\n市民部市民課長、子育て支援課主幹")) == 5


def test_numbered_q_and_a_marks_before_a_bracketed_speaker_pair_each_question_with_its_answer() -> None:
    """要点筆記 with 「Q3【委員】…」「A3【事務局】…」 lines: each question is one exchange with its own answer (the answer to
    Q3 was cut away into the next passage with Q4 when the marks were not read)."""
    text = ("平潟市個人情報保護審議会　会議録\n令和6年11月7日（木）午後2時から午後3時40分まで、市役所本館5階会議室において開催。\n\n"
            "（３）諮問第14号　総合プールの指定管理者による個人情報の取扱いについて\n【事務局】（スポーツ振興課）\n　指定管理者を指定した。\n\n"
            "Q1【委員】顔写真はいつまで保存するのか。\nA1【事務局】会員資格の喪失後1年以内に消去する。\n"
            "Q2【委員】防犯カメラは何台あり、録画はどのくらい保存されるのか。\nA2【事務局】館内と駐車場で計16台である。録画は14日間で上書きされる。\n"
            "【会長】本件は適当と認める。\n（異議なし）\n")
    doc = parse_document(to_plain_text(text, "q.txt"), "q.txt")
    pairs = doc.consultations[0].qa
    assert [(p.asker, p.answerer) for p in pairs] == [("委員", "事務局"), ("委員", "事務局")], pairs
    assert "防犯カメラ" in pairs[1].question and "計16台" in pairs[1].answer
    assert any(p.kind == "qa" and "防犯カメラ" in p.text and "計16台" in p.text for p in doc.passages)
