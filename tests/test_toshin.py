"""審査会 答申 structured: number, date, title, the request, the conclusion (negation read right), the reasons.

The real 答申 are read from ../shared/real/toshin (never copied into the project); the tests skip without them.
Our fictional ones (eval/documents/) are PDF-extracted letters with the same damage (run-on header, spaced dates).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.decode import read_document
from knowledge.model import ParsedDocument
from knowledge.structure import parse_document
from knowledge.structure_toshin import TOSHIN_OUTCOMES, conclusion_outcome
from tests.test_structure import assert_consultations_sound, assert_passages_sound

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "toshin"
EVAL_DOCS = Path(__file__).parent.parent / "eval" / "documents"
REAL_FILES = sorted(REAL.glob("*.txt")) if REAL.is_dir() else []
needs_real = pytest.mark.skipif(not REAL_FILES, reason=f"実在の答申がありません（{REAL}）")


def load(path: Path) -> ParsedDocument:
    return parse_document(read_document(path.read_bytes(), path.name), path.name)


def base(outcome: str) -> str:
    return outcome.split("（")[0]


@needs_real
def test_the_real_toshin_are_all_there() -> None:
    assert len(REAL_FILES) == 24


@needs_real
@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.stem)
def test_every_real_toshin_has_number_date_title_and_conclusion(path: Path) -> None:
    doc = load(path)
    assert doc.doc_kind == "toshin" and doc.toshin is not None
    t, m = doc.toshin, doc.meeting
    number = re.sub(r"\.txt$", "", path.name)  # the file is named after its number: 答申第1003号
    assert t.number == number and m.session == number
    assert m.date and m.date_text
    assert (m.council, m.municipality) == ("横浜市情報公開・個人情報保護審査会", "横浜市")
    assert t.chair in ("三辺夏雄", "藤原靜雄") and m.chair == t.chair
    assert t.addressee in ("横浜市長", "横浜市教育委員会")
    assert t.subject and t.subject.endswith("諮問について") and t.subject.startswith("横浜市")
    assert t.matter and t.matter.startswith("「")
    (c,) = doc.consultations
    assert c.label == number and c.title == t.matter
    assert c.status == "decided" and base(c.outcome) in TOSHIN_OUTCOMES, c.outcome
    assert t.conclusion and t.request and t.explanation and t.reasons
    assert t.conclusion[1] <= t.request[0] < t.explanation[0] < t.reasons[0]
    # each part is its text, the heading left out: '2異議申立ての趣旨' just before, '5審査会の判断' likewise
    assert doc.text[t.request[0] - 12 : t.request[0]].rstrip().endswith("趣旨")
    assert doc.text[t.reasons[0] - 12 : t.reasons[0]].rstrip().endswith("判断")
    for start, end in t.parts().values():
        assert doc.text[start:end] == doc.text[start:end].strip() != ""
    outcome = next(p for p in doc.passages if p.kind == "outcome")
    above = doc.text[outcome.start : max(outcome.start, t.conclusion[0])]  # its heading (「1審査会の結論」) at most
    assert outcome.end <= t.conclusion[1] and "。" not in above and len(above) <= 20, above
    assert any(p.kind == "title" for p in doc.passages)
    assert not doc.warnings, doc.warnings
    assert_consultations_sound(doc)
    assert_passages_sound(doc)


# checked by hand against the text of each 答申's '1 審査会の結論'
HAND_CHECKED = {
    "答申第1003号": ("2012-01-13", "妥当"),  # 非開示とした決定は、妥当である
    "答申第1235号": ("2013-11-14", "妥当"),  # read as 不可 before (a later 認められない in the reasons)
    "答申第1276号": ("2014-08-28", "開示すべき"),  # 妥当ではなく、開示すべきである
    "答申第1279号": ("2014-12-12", "開示すべき"),  # 妥当ではなく、開示すべきである
    "答申第1334号": ("2016-03-18", "一部開示すべき"),  # …の各欄の情報を除く部分は、開示すべきである
    "答申第454号": ("2006-05-25", "一部開示すべき"),  # 妥当ではなく…開示すべきであるが、その余の部分…妥当である
    "答申第526号": ("2007-12-26", "妥当（ただし改めて決定すべき）"),  # 妥当であるが、…開示・非開示の決定をすべきである
    "答申第809号": ("2010-12-09", "妥当（一部却下すべき）"),  # 1から11は妥当。12は不適法…却下すべきである
    "答申第2201号から第2233号まで": ("2020-01-24", "妥当"),  # spaced date '令 和 ２ 年 １ 月 2 4 日' in the header
    "答申第164号": ("2000-12-01", "妥当"),
}


@needs_real
@pytest.mark.parametrize("number", sorted(HAND_CHECKED))
def test_hand_checked_conclusions(number: str) -> None:
    doc = load(REAL / f"{number}.txt")
    date, outcome = HAND_CHECKED[number]
    assert (doc.meeting.date, doc.consultations[0].outcome) == (date, outcome)


def test_our_pdf_extracted_toshin() -> None:
    kita = load(EVAL_DOCS / "kitakaze_toshin_dai88.txt")
    assert kita.doc_kind == "toshin" and kita.toshin is not None  # its body mentions 開催日時: still a 答申
    assert (kita.toshin.number, kita.meeting.date, kita.meeting.council) == (
        "答申第88号", "2024-11-28", "北風市情報公開・個人情報保護審査会")
    (c,) = kita.consultations
    assert c.label == "諮問第142号" and c.title.startswith("「令和３年４月１日から")
    assert c.title.endswith("保有個人情報一部開示決定に対する審査請求")
    assert (c.status, c.outcome) == ("decided", "一部開示すべき")
    assert kita.toshin.members[:2] == ["佐伯雅之", "大河内美保"]
    mina = load(EVAL_DOCS / "minamino_toshin_dai12.txt")
    assert mina.toshin is not None
    assert (mina.toshin.number, mina.meeting.municipality, mina.toshin.chair) == ("答申第12号", "南野町", "竹下由紀子")
    assert mina.toshin.addressee == "南野町長"
    (c,) = mina.consultations
    assert (c.status, c.outcome) == ("decided", "取り消すべき")  # 妥当ではなく、取り消すべきである: never 妥当
    for doc in (kita, mina):
        assert not doc.warnings
        assert_consultations_sound(doc)
        assert_passages_sound(doc)


@pytest.mark.parametrize(
    ("conclusion", "outcome"),
    [
        ("実施機関が非開示とした決定は、妥当である。", "妥当"),
        ("実施機関が非開示とした決定は妥当ではなく、取り消すべきである。", "取り消すべき"),
        ("訂正をしないとした決定は、妥当ではない。", "妥当ではない"),
        ("本件処分は妥当ではなく、開示すべきである。", "開示すべき"),
        ("氏名は開示すべきであるが、その余の部分を非開示としたことは妥当である。", "一部開示すべき"),
        ("非開示とすべきとした判断は妥当である。", "妥当"),
        ("本件は、開示するかどうかを審議した。", None),
    ],
)
def test_conclusion_outcome_reads_negation(conclusion: str, outcome: str | None) -> None:
    assert conclusion_outcome(conclusion) == outcome


KEIKA = """かえで市情報公開・個人情報保護審査会答申（答申第７号）
令和６年11月28日
かえで市長　様
かえで市情報公開・個人情報保護審査会
会長　高森　和彦
かえで市個人情報保護条例に基づく諮問について（答申）
１　審査会の結論
かえで市長が、本件請求に対し一部開示とした決定は、妥当である。
２　審査請求の趣旨
本件審査請求の趣旨は、保有個人情報の一部開示決定の取消しを求めるというものである。
３　審査会の判断
令和６年２月１日の面談の記録は、本人の発言を記録したものである。
委員　高森和彦、委員　野口昭
《 参  考 》審  査  会  の   経  過年 月 日          審  査  の  経   過令 和 6 年 ３ 月 ６ 日 ・実施機関から諮問書を受理令 和 6 年 ４ 月 1 2 日 ・審査請求人から意見書を受理令和6年9月19日・審査請求人の口頭意見陳述（第307回）・審議
"""


def test_the_steps_of_the_course_of_the_review_are_passages_of_their_own() -> None:
    """審査会の経過, even as PDF extraction leaves it (spaced letters, the rows on one line): a passage per dated step,
    so that 「口頭意見陳述やったのいつ?」 finds that step's date; prose dates before are no table."""
    from knowledge.engine import Engine
    from knowledge.structure_keika import step_spans

    doc = parse_document(KEIKA, "kaede_toshin_7.txt")
    steps = [doc.text[s:e] for s, e in step_spans(doc.text)]
    assert [re.sub(r"\s", "", s)[:12] for s in steps] == ["令和6年３月６日・実施機", "令和6年４月12日・審査", "令和6年9月19日・審査"]
    assert any(p.text == steps[2] for p in doc.passages)
    answer = Engine.from_parsed([("kaede_toshin_7.txt", doc)]).ask("口頭意見陳述やったのいつ?")
    assert answer.found and "令和6年9月19日" in (answer.quote or "")
    assert step_spans("令和5年11月16日の第33回審議会で審議したが、資料を求めた。令和6年1月25日に改めて審議した。"
                      "\n審議の経過\n令和5年11月16日に審議し、継続とした。令和6年1月25日に審議した。") == []


def test_the_parts_of_our_fixture_without_their_headings() -> None:
    doc = load(Path(__file__).parent / "fixtures" / "toshin" / "sakuradai_toshin_dai57.txt")
    assert doc.toshin is not None
    parts = {name: doc.text[s:e] for name, (s, e) in doc.toshin.parts().items()}
    assert list(parts) == ["conclusion", "request", "explanation", "opinion", "reasons"]
    assert parts["conclusion"] == "さくら台市長が、「児童扶養手当の現況届の審査記録」を一部開示とした決定は、妥当である。"
    assert parts["request"].startswith("本件審査請求の趣旨は、") and parts["request"].endswith("求めるというものである。")
    assert parts["opinion"].startswith("審査請求人は、")
    assert parts["reasons"].startswith("（１）本件記録について")
    assert parts["reasons"].endswith("決定は、妥当である。")  # not the （第一部会） and 委員 lines after it
    assert doc.toshin.members == ["高森悠", "三島葉子", "仁科亮"]


@needs_real
def test_members_after_their_bukai_without_a_space() -> None:
    """'（第三部会）委員藤原静雄、委員青木孝、…' ends the reasons and names the members."""
    doc = load(REAL / "答申第1052号.txt")
    assert doc.toshin is not None and doc.toshin.reasons is not None
    assert doc.toshin.members == ["藤原静雄", "青木孝", "早坂禧子"]
    assert "委員" not in doc.text[doc.toshin.reasons[1] - 30 : doc.toshin.reasons[1]]


def test_a_part_ends_at_the_next_numbered_heading_and_before_the_closing_mark() -> None:
    """若葉町: '第４　審議会の判断' ends where '第５　付帯意見' begins; 藤沢市 (a seed, when present): not '以 上'."""
    wakaba = load(Path(__file__).parent / "fixtures" / "layouts" / "wakaba_toshin.txt")
    assert wakaba.toshin is not None and wakaba.toshin.reasons is not None
    reasons = wakaba.text[slice(*wakaba.toshin.reasons)]
    assert reasons.startswith("電子証明書の読み取りにより") and reasons.endswith("その取扱いは妥当である。")
    seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "002_e330fed36d322f81.txt"
    if not seed.is_file():
        pytest.skip(f"シードがありません（{seed}）: 藤沢市の答申での確認を省略")
    fujisawa = load(seed)
    assert fujisawa.toshin is not None and fujisawa.toshin.reasons is not None
    assert fujisawa.text[slice(*fujisawa.toshin.reasons)].endswith("適当であると認められる。")


PDF_FUTAI = """あさぎ市情報公開・個人情報保護審査会答申（答申第９号）
あ情審答申第９号
令和６年８月２２日
　あさぎ市長　様
あさぎ市情報公開・個人情報保護審査会
会長　山川　一郎
保有個人情報の部分開示決定に対する審査請求についての諮問（答申）
第１　審査会の結論
あさぎ市長が行った部分開示決定は、妥当である。
第２　審査請求の趣旨
本件審査請求の趣旨は、不開示部分の開示を求めるというものである。
第３　審査会の判断
１　判断
実施機関の決定は妥当である。
２　附帯意見
当審査会は、実施機関に対し次のとおり要望する。
(1)　相談記録の作成に当たっては、確認した事実と職員の評価や推測とを区別して
記載すること。
(2)　通話録音の保存期間について、相談者に分かりや
すく周知すること。
第４　審査会の処理経過
令和６年５月１６日審査請求人の口頭意見陳述・審議
なお、口頭意見陳述は、午後２時から第２会議室において行い、審査請求人は補佐人１名とともに出席した。
別表（開示すべき部分）
１　家庭訪問記録票の記載
"""


def test_requests_of_a_pdf_toshin_are_whole_and_stop_at_the_next_part() -> None:
    doc = parse_document(PDF_FUTAI, "asagi.txt")
    requests = [p.text for p in doc.passages if p.kind == "request"]
    assert any("区別して\n記載すること。" in r for r in requests)  # one request, its lines together
    assert any("分かりや\nすく周知すること。" in r for r in requests)
    assert not any("処理経過" in r or "補佐人" in r or "別表" in r for r in requests)  # 第４ is not a request
    assert [r.startswith("(") for r in doc.consultations[0].requests].count(True) == 2


def test_a_letter_numbered_shin_to_dai_and_a_phrase_quoted_in_the_request() -> None:
    """「鴫個審答第１５号」 is the 答申's number; 「「４－１２　ひどい物忘れ」の選択肢」 quoted in the request is a phrase of
    the record, not the record at issue (it names no 記録/票/書...)."""
    from knowledge.structure import parse_document

    text = ("鴫個審答第１５号\n令和７年１月２０日\n\n鴫杁市長　甑　正臣　様\n\n鴫杁市個人情報保護審査会\n会長　纐纈　多恵子\n\n"
            "保有個人情報の一部訂正決定に対する審査請求について（答申）\n\n"
            "１　審査会の結論\n　実施機関がその余の部分を訂正しないこととしたことは、妥当である。\n\n"
            "２　審査請求の趣旨及び経過\n　審査請求人は、基本調査第４群「４－１２　ひどい物忘れ」の選択肢「ときどきある」を"
            "「ない」に訂正することを求めた。\n\n３　審査会の判断\n　訂正しないこととした判断は妥当である。\n")
    doc = parse_document(text, "shigiiri.txt")
    assert doc.meeting.session == "答申第15号"
    assert "物忘れ" not in doc.consultations[0].title


def test_the_case_named_alone_under_the_letter_or_after_its_label_is_the_title() -> None:
    """「…次のとおり答申します。」 then 「いじめ重大事態調査に関する記録の一部開示決定に関する件」 alone on its line (toshin61),
    or 「事案名称　…に関する件」: the case's name, not the generic subject 「保有個人情報の一部開示決定に係る審査請求について」."""
    head = ("答申第63号\n令和7年3月14日\n\n北浦市教育委員会　様\n\n北浦市情報公開・個人情報保護審査会\n会長　田所　恵美子\n\n"
            "保有個人情報の一部開示決定に係る審査請求について（答申）\n\n　令和6年9月17日付け北教学第1128号で諮問のあった事案について、"
            "次のとおり答申します。\n\n")
    body = ("\n\n第1　審査会の結論\n　実施機関が行った一部開示決定は、取り消すべきである。\n\n第2　審査請求の趣旨\n"
            "　本件審査請求の趣旨は、決定の取消しを求めるものである。\n")
    for case, want in (("いじめ重大事態調査に関する記録の一部開示決定に関する件", "いじめ重大事態調査に関する記録の一部開示決定に関する件"),
                       ("事案名称　相談記録等の部分開示決定に関する件", "相談記録等の部分開示決定に関する件")):
        doc = parse_document(head + case + body, "t.txt")
        assert doc.toshin is not None and doc.toshin.matter == want
        assert doc.consultations[0].title == want
