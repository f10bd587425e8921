"""Word (.docx) -> minutes text: paragraphs and tables in document order, Word's list numbers written out."""

from __future__ import annotations

import io
import zipfile

import pytest

from knowledge.decode import UnreadableFile, read_document
from knowledge.docx_numbering import format_number
from knowledge.extract_docx import EMPTY, extract_docx
from knowledge.structure import parse_document
from tests.docfixtures import minutes_docx
from tests.support.words import said

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _save(d) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_paragraphs_and_table_rows_in_document_order() -> None:
    lines = extract_docx(minutes_docx()).split("\n")
    assert lines[0] == "令和6年度第3回 みどり野市個人情報保護審議会 会議録"
    assert lines[1] == "開催日時\t令和6年10月15日（火）午前10時00分から午前11時30分まで"  # a row: cells split by a tab
    assert lines[4] == "事務局\t総務課 西村課長、中島主査"
    assert lines[5] == "議題"  # the paragraph after the table comes after it
    assert lines[-1] == "以上"


def test_the_table_header_is_read_as_the_meeting_header() -> None:
    doc = parse_document(read_document(minutes_docx(), "第3回.docx"), "第3回.docx")
    m = doc.meeting
    assert (m.session, m.municipality, m.date, m.start_time) == ("令和6年度第3回", "みどり野市", "2024-10-15", "10:00")
    assert m.place == "みどり野市役所 本庁舎3階 第1会議室"
    [c] = doc.consultations
    assert c.title == "学童保育の入所申請の電子化について" and c.status == "decided"


def test_merged_cells_and_cell_paragraphs() -> None:
    import docx

    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "会議の概要"  # one cell over three columns
    a = t.cell(1, 0).merge(t.cell(2, 0))  # one cell over two rows
    a.text = "出席者"
    t.cell(1, 1).text, t.cell(1, 2).text = "委員", "森会長"
    t.cell(2, 1).text, t.cell(2, 2).text = "事務局", "西村課長"
    t.cell(2, 2).add_paragraph("中島主査")
    assert extract_docx(_save(d)).split("\n") == [
        "会議の概要", "出席者\t委員\t森会長", "\t事務局\t西村課長", "中島主査",
    ]


def _numbered(levels: list[tuple[str, str]], items: list[tuple[int, str]]) -> bytes:
    """A document whose paragraphs use one list with the given (numFmt, lvlText) levels."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    numbering = d.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in items:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    return _save(d)


def test_word_list_numbers_are_written_out() -> None:
    data = _numbered(
        [("decimal", "(%1)"), ("aiueoFullWidth", "%2"), ("decimalEnclosedCircle", "%3")],
        [(0, "諮問に関する審議"), (1, "図書館システムについて"), (2, "貸出履歴"), (2, "保守"),
         (1, "アンケートについて"), (0, "報告事項")],
    )
    assert extract_docx(data).split("\n") == [
        "(1) 諮問に関する審議", "ア 図書館システムについて", "① 貸出履歴", "② 保守", "イ アンケートについて", "(2) 報告事項",
    ]


def test_number_formats() -> None:
    assert [format_number(n, "aiueoFullWidth") for n in (1, 2, 6)] == ["ア", "イ", "カ"]
    assert format_number(12, "decimalFullWidth") == "１２"
    assert [format_number(n, "japaneseCounting") for n in (3, 10, 12, 20)] == ["三", "十", "十二", "二十"]
    assert format_number(4, "upperRoman") == "IV" and format_number(3, "decimalEnclosedParen") == "⑶"


def test_empty_damaged_and_protected_word_files() -> None:
    import docx

    with pytest.raises(UnreadableFile) as exc:
        read_document(_save(docx.Document()), "empty.docx")
    assert exc.value.problem == EMPTY
    data = minutes_docx()
    with pytest.raises(UnreadableFile) as exc:
        read_document(data[: len(data) // 2], "broken.docx")  # a zip cut short
    assert "壊れていて読めません" in said(exc.value) and ".docx" in said(exc.value)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            dst.writestr(item, body[: len(body) // 2] if item.filename == "word/document.xml" else body)
    with pytest.raises(UnreadableFile) as exc:
        read_document(buf.getvalue(), "half.docx")  # a damaged part inside a sound zip
    assert "壊れていて読めません" in said(exc.value)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500
    with pytest.raises(UnreadableFile) as exc:
        read_document(ole, "locked.docx")  # Office keeps a password-protected .docx in an OLE container
    assert said(exc.value) == "パスワードで保護されています。保護を解除してから取り込んでください"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("table.xlsx", None, ".xlsx は対応していない形式です。"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc（Word 97-2003 形式）は対応していない形式です。"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, ".jpg（画像）は対応していない形式です。"),
        ("memo.rtf", b"{\\rtf1\\ansi hello}", ".rtf は対応していない形式です。"),
    ],
)
def test_other_formats_are_named_as_unsupported(name: str, data: bytes | None, expected: str) -> None:
    if data is None:  # a real .xlsx: a zip holding xl/workbook.xml
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", "<workbook/>")
        data = buf.getvalue()
    with pytest.raises(UnreadableFile) as exc:
        read_document(data, name)
    assert said(exc.value).startswith(expected)
    assert "取り込んでください" in said(exc.value)
