"""The proceedings of a 答申 (《参考》審査会の経過) read row by row: date, steps, meeting; damage marked, never guessed.

Our fictional 答申 (tests/fixtures/toshin/) has the table as lines; the same table is also run together the way
PDF extraction leaves it (digits spaced out, a step printed over a date, steps torn from their rows). The real
答申 are read from ../shared/real/toshin (never copied); those tests skip without them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.decode import read_document
from knowledge.model import CourseRow, ParsedDocument
from knowledge.structure import parse_document
from knowledge.structure_course import ILLEGIBLE, parse_course

FIXTURE = Path(__file__).parent / "fixtures" / "toshin" / "sakuradai_toshin_dai57.txt"
REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "toshin"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"実在の答申がありません（{REAL}）: 実文書での確認を省略")

SAKURADAI = [
    CourseRow("令和６年４月８日", ["実施機関から諮問書及び弁明書の写しを受理"], None, "2024-04-08"),
    CourseRow("令和６年４月25日", ["諮問の報告"], "第88回第一部会", "2024-04-25"),
    CourseRow("令和６年５月20日", ["審査請求人から意見書を受理"], None, "2024-05-20"),
    CourseRow("令和６年９月12日", ["実施機関からの事情聴取", "審議"], "第93回第一部会", "2024-09-12"),
    CourseRow("令和６年10月10日", ["審査請求人の意見陳述", "審議"], "第94回第一部会", "2024-10-10"),
    CourseRow("令和６年11月14日", ["審議"], "第95回第一部会", "2024-11-14"),
]


def load(path: Path) -> ParsedDocument:
    return parse_document(read_document(path.read_bytes(), path.name), path.name)


def table_of(text: str) -> str:
    """The fixture's table, from its title to the end."""
    return text[text.index("《参考》") :]


def test_the_table_as_lines() -> None:
    doc = load(FIXTURE)
    assert doc.toshin is not None
    assert doc.toshin.course == SAKURADAI
    assert not doc.toshin.course_incomplete
    assert "−４−" not in str(doc.toshin.course) and "４" not in "".join(s for r in SAKURADAI for s in r.steps)


def test_the_table_run_together_with_spaced_digits() -> None:
    """As PDF extraction leaves it: one line, the digits of the dates spaced out, the page number after it."""
    lines = [ln.strip() for ln in table_of(FIXTURE.read_text(encoding="utf-8")).splitlines() if ln.strip()]
    flat = " ".join(re.sub(r"(?<=[0-9０-９年月])(?=[0-9０-９年月日])", " ", ln) for ln in lines)
    assert "令和６ 年 ４ 月 2 5 日" in flat
    course = parse_course("審査会の判断は別記のとおり。\n" + flat)
    assert course.rows == SAKURADAI and not course.incomplete


def test_a_step_printed_over_a_date_is_kept_and_the_date_marked_illegible() -> None:
    text = ("審査会の経過 年月日 審査の経過 平 成 2 6 年 ５ 月 ８ 日 ・実施機関から事情聴取（第247回第一部会） ・審議"
            "平 成 2 6 年 ６ ・審議1 0 日（第248回第一部会）平 成 2 6 年 ６ 月 2 6 日（第249回第一部会）・審議")
    course = parse_course(text)
    assert course.rows == [
        CourseRow("平成26年５月８日", ["実施機関から事情聴取", "審議"], "第247回第一部会", "2014-05-08"),
        CourseRow(f"平成26年６{ILLEGIBLE}10日", ["審議"], "第248回第一部会", None),  # 月 lost: 6/10? 6/?10? unknown
        CourseRow("平成26年６月26日", ["審議"], "第249回第一部会", "2014-06-26"),
    ]
    assert course.incomplete


def test_steps_torn_from_their_rows_are_not_given_to_the_last_date() -> None:
    text = ("審査会の経過平成25年5月9日（第228回第一部会）平成25年5月23日（第229回第一部会）"
            "平成25年6月13日（第230回第一部会）・審議・審議・実施機関から事情聴取・審議・審議")
    course = parse_course(text)
    assert [r.date for r in course.rows] == ["2013-05-09", "2013-05-23", "2013-06-13"]
    assert all(r.steps == [] for r in course.rows) and course.incomplete


def test_no_table_no_course() -> None:
    assert parse_course("審議の結果、諮問のとおり承認した。").rows == []
    # '経過' and a date inside a sentence is no table
    prose = "事務の処理の経過\n平成23年9月27日に実施機関から事情聴取を行ったところ、次のとおり説明があった。\n"
    assert parse_course(prose).rows == []
    minutes = Path(__file__).parent / "fixtures" / "layouts" / "aoba_kaigiroku.txt"
    assert load(minutes).toshin is None


def test_a_council_answer_with_its_course_as_a_section() -> None:
    """若葉町 (a 審議会): '第３　審議の経過' rows of a western date and a step, then '第４' begins."""
    doc = load(Path(__file__).parent / "fixtures" / "layouts" / "wakaba_toshin.txt")
    assert doc.toshin is not None
    assert doc.toshin.course == [
        CourseRow("2024年1月10日", ["諮問"], None, "2024-01-10"),
        CourseRow("2024年2月14日", ["実施機関からの説明及び審議"], None, "2024-02-14"),
        CourseRow("2024年3月15日", ["答申"], None, "2024-03-15"),
    ]


@needs_real
def test_the_real_526_as_the_table_reads() -> None:
    doc = load(REAL / "答申第526号.txt")
    assert doc.toshin is not None and not doc.toshin.course_incomplete
    rows = {(r.date_text, r.meeting): r.steps for r in doc.toshin.course}
    assert rows[("平成19年11月２日", "第49回第三部会")] == ["異議申立人の意見陳述", "実施機関からの事情聴取", "審議"]
    assert rows[("平成19年８月20日", None)] == ["実施機関から諮問書及び非開示理由説明書を受理"]
    assert len(doc.toshin.course) == 10 and doc.toshin.course[-1].date == "2007-12-07"


@needs_real
@pytest.mark.parametrize("path", sorted(REAL.glob("*.txt")) if REAL.is_dir() else [], ids=lambda p: p.stem)
def test_every_real_toshin_has_its_course(path: Path) -> None:
    doc = load(path)
    assert doc.toshin is not None
    course = doc.toshin.course
    assert len(course) >= 6 and sum(len(r.steps) for r in course) >= 3
    for row in course:
        assert row.date_text and not re.search(r"\s", row.date_text)
        assert row.date is not None or ILLEGIBLE in row.date_text or doc.toshin.course_incomplete
        for step in row.steps:
            assert step and not re.search(r"[0-9０-９\s]", step)
    dated = [r.date for r in course if r.date]
    assert dated[0] <= dated[-1]
    # the letter's own date comes after its proceedings
    assert doc.meeting.date is None or dated[-1] <= doc.meeting.date


@needs_real
def test_damaged_real_tables_are_marked_and_clean_ones_are_not() -> None:
    incomplete = {p.stem for p in REAL.glob("*.txt") if (t := load(p).toshin) is not None and t.course_incomplete}
    assert "答申第1235号" in incomplete  # its steps piled after the last date
    assert "答申第1276号" in incomplete  # '平 成 2 6 年 ４・審議1 0 日'
    assert not incomplete & {"答申第526号", "答申第564号", "答申第164号", "答申第1003号", "答申第942号"}


def test_a_proceedings_heading_with_no_dated_row_is_no_table() -> None:
    """A heading of the proceedings and no row with a date under it: no table, and no error."""
    assert parse_course("七　審査会の処理経過\n別紙のとおり\n").rows == []


def test_rows_dated_in_kanji_and_ending_in_a_full_stop() -> None:
    text = "六　審査会の処理経過\n　令和六年五月十三日　　諮問を受けた。\n　令和六年六月二十四日　審議を行った。\n"
    rows = parse_course(text).rows
    assert [(r.date, r.steps) for r in rows] == [("2024-05-13", ["諮問を受けた。"]), ("2024-06-24", ["審議を行った。"])]
