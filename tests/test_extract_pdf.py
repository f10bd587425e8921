"""PDF text layer -> minutes text: headers, footers and page numbers gone, wrapped words and sentences healed."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.decode import UnreadableFile, read_document
from knowledge.extract_pdf import MOSTLY_NO_TEXT, NO_TEXT, extract_pdf, pdf_pages
from knowledge.pdf_lines import close_spaced_dates, join_pages, should_join
from tests.docfixtures import (
    HEALED,
    PAGE_BREAK,
    RUNNING_HEADER,
    WRAPPED_WORD,
    encrypted_pdf,
    minutes_lines,
    minutes_pdf,
    scanned_pdf,
)
from tests.support.words import said

REAL_TOSHIN = Path(__file__).resolve().parents[2] / "shared" / "real" / "toshin"


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return minutes_pdf()


def test_the_fixture_really_has_the_damage(pdf: bytes) -> None:
    pages = [p.replace("\r\n", "\n") for p in pdf_pages(pdf)]
    assert len(pages) == 3
    assert all(p.startswith(RUNNING_HEADER + "\n") for p in pages)
    assert [p.rsplit("\n", 1)[1] for p in pages] == ["- 1 -", "- 2 -", "- 3 -"]
    assert "\n".join(WRAPPED_WORD) in pages[0]
    assert pages[0].split("\n")[-2].endswith(PAGE_BREAK[0])
    assert pages[1].split("\n")[1].startswith(PAGE_BREAK[1])


def test_wrapped_word_and_page_break_are_healed(pdf: bytes) -> None:
    text = extract_pdf(pdf)
    assert "その場合には紙の接種証明書の交付方法はどうなるのか。" in text
    [answer] = [line for line in text.split("\n") if HEALED in line]
    assert answer == "〔健康推進課〕 紙でも交付する。" + HEALED  # one line: the turn, healed over the page break
    assert "".join(WRAPPED_WORD) in text and "\n".join(WRAPPED_WORD) not in text


def test_headers_footers_and_page_numbers_are_dropped(pdf: bytes) -> None:
    lines = extract_pdf(pdf).split("\n")
    assert not any(line.strip().startswith("- ") and line.strip().endswith(" -") for line in lines)
    assert lines[0] == "令和6年度第2回 みどり野市個人情報保護審議会 会議録"  # the title says what the header says
    assert RUNNING_HEADER not in lines


def test_real_line_structure_is_kept(pdf: bytes) -> None:
    lines = extract_pdf(pdf).split("\n")
    drawn = [line for page in minutes_lines() for line in page]
    for heading in ("1 日時 令和6年8月20日（火）午後2時00分から午後3時30分まで", "5 議題", "(1) 諮問に関する審議",
                    "ア 新型コロナワクチン接種証明書の電子交付について（健康推進課）", "[委員] 国のシステムに送る項目は何か。",
                    "以上"):
        assert heading in drawn and heading in lines
    assert len(lines) == len(drawn) - 7  # the 7 continuation lines joined, nothing else


def test_read_document_dispatches_by_content(pdf: bytes) -> None:
    assert read_document(pdf, "minutes.pdf") == read_document(pdf, "minutes.txt")  # a PDF named .txt
    assert "Catalog" not in read_document(pdf, "minutes.txt")
    text = "令和6年度第2回 会議録\n委員：質問します。\n"
    assert read_document(text.encode("cp932"), "misnamed.pdf") == text.strip()  # text named .pdf


def test_scan_without_text_layer_is_refused() -> None:
    with pytest.raises(UnreadableFile) as exc:
        read_document(scanned_pdf(), "scan.pdf")
    assert exc.value.problem == NO_TEXT
    assert "OCR" in said(exc.value) and "画像のみの PDF" in said(exc.value)


def test_mostly_scanned_pdf_is_refused() -> None:
    with pytest.raises(UnreadableFile) as exc:
        read_document(scanned_pdf(3, cover="令和6年度第2回 みどり野市個人情報保護審議会 会議録（写し）"), "scan.pdf")
    assert exc.value.problem == MOSTLY_NO_TEXT


def test_encrypted_pdf_is_refused() -> None:
    with pytest.raises(UnreadableFile) as exc:
        read_document(encrypted_pdf(), "locked.pdf")
    assert said(exc.value) == "パスワードで保護されています。保護を解除してから取り込んでください"


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_truncated_pdf_is_refused_with_what_to_do(pdf: bytes, cut: float) -> None:
    with pytest.raises(UnreadableFile) as exc:
        read_document(pdf[: int(len(pdf) * cut)], "broken.pdf")
    assert "PDF が壊れていて読めません" in said(exc.value) and "取り込んでください" in said(exc.value)


def test_page_number_styles_are_dropped() -> None:
    bodies = ["一頁目の本文です。", "二頁目の本文です。", "三頁目の本文です。"]
    for number in ("- 3 -", "3/10", "３", "Page 3", "（3）", "3 ページ", "－３－"):
        pages = [f"{body}\n{number.replace('3', str(n)).replace('３', '１２３'[n - 1])}" for n, body in enumerate(bodies, 1)]
        assert join_pages(pages) == "\n".join(bodies), number


def test_running_footer_and_dated_header_are_dropped() -> None:
    pages = [f"令和6年度第2回会議録（{n}/3）\n{body}\nみどり野市総務課" for n, body in enumerate(["開会した。", "審議した。", "閉会した。"], 1)]
    assert join_pages(pages) == "令和6年度第2回会議録（1/3）\n開会した。\n審議した。\n閉会した。"


def test_joining_rules() -> None:
    full = 80
    line = "委員から、予防接種の記録を他の自治体と共有する際の手続について質問があった接種証"
    assert should_join(line, "明書の扱いも確認した。", full)
    assert not should_join("個人情報の取扱いについて審議した。", "次に事務局から説明があった。", full)  # sentence ended
    assert not should_join("5 議題", "(1) 諮問に関する審議", full)
    assert not should_join(line, "○山田会長　次の案件に移ります。", full)  # a speaker turn
    assert not should_join(line, "ア 図書館システムについて", full)
    assert not should_join("開催日時 令和6年8月20日", "開催場所 第1会議室", full)  # header keys, short lines
    assert not should_join("委員名 所属 役職", "山田 太郎  大学  教授", full)  # table-like rows
    assert should_join("出席委員 山田会長、", "佐藤委員", full)  # a list cut after a comma
    assert not should_join(line, "　次に、保存期間について述べる。", full)  # an indented line opens a paragraph
    assert should_join("　" + line, "明書の扱いも確認した。", full)  # the paragraph's first line was indented
    heading = "(2) 新型コロナワクチン接種証明書の電子交付に係る国のシステムとの結合について（健康推進課）"
    assert not should_join(heading, "本諮問は、国のシステムと結合するものである。", full)


def test_spaced_era_dates_are_closed_up() -> None:
    assert close_spaced_dates("平 成 2 6 年 1 2 月 1 2 日 ・実施機関から") == "平成26年12月12日 ・実施機関から"
    assert close_spaced_dates("令 和 ２ 年 １ 月 2 4 日") == "令和２年１月24日"
    assert close_spaced_dates("審 査 の 経 過") == "審 査 の 経 過"  # only dates


def test_real_extracted_toshin_keep_their_text() -> None:
    """PDF-extracted 答申 (../shared/real/toshin): repairing never loses or reorders characters."""
    if not REAL_TOSHIN.is_dir():
        pytest.skip(f"実在の答申のテキストがありません: {REAL_TOSHIN}（../shared/real/toshin を置いてください）")
    for path in sorted(REAL_TOSHIN.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        fixed = join_pages([raw])
        assert "".join(fixed.split()) == "".join(close_spaced_dates(raw).split()) or _only_numbers_dropped(raw, fixed)
        assert fixed.count("平 成 ") <= raw.count("平 成 ")


def _only_numbers_dropped(raw: str, fixed: str) -> bool:
    import re

    def squash(s: str) -> str:
        return re.sub(r"[\s0-9０-９\-－]", "", close_spaced_dates(s))

    return squash(raw) == squash(fixed)


def test_a_line_indented_less_than_the_one_above_opens_the_next_item() -> None:
    """「　　…仁平康之委員」 then 「　（町）総務課長…」: a full line, but the next one steps back to the group's indent
    (not flush left, where a wrapped line goes on): the members' list ends there."""
    members = "\u3000\u3000鶴賀義昭会長、沢辺咲子副会長、樋渡勇委員、帯刀由美委員、仁平康之委員"
    assert not should_join(members, "\u3000（町）総務課長\u3000矢作亨、総務課総務係長", 76)
    assert should_join(members, "、総務課長の順に着席した。", 76)  # a wrapped line goes on flush left


def test_an_utterance_wrapped_in_a_narrow_table_cell_is_joined() -> None:
    """A 質疑｜応答 table: each utterance wraps at its cell's width (half the page's), its lines all as wide; they are
    one line, while rows of a list as wide as each other (「令和６年…　審議」) stay rows."""
    body = "本文の行は、ページの幅いっぱいまで続いて折り返されている。こうした行が並ぶ。"
    cell = ["学校教育課長：株式会社ラーニングブリッジはプライ", "バシーマークを取得し、提供データは国内のデータセ",
            "ンターで保管される。", "園部委員：事業者側の安全管理の体制はどうなってい", "るのか。"]
    rows = ["令和６年１１月２２日　審議（第４回）の実施", "令和６年１２月２０日　答申書の交付を実施"]
    text = join_pages(["\n".join([body, body, *cell, *rows, body])])
    assert "株式会社ラーニングブリッジはプライバシーマークを取得し、提供データは国内のデータセンターで保管される。" in text
    assert "\n園部委員：事業者側の安全管理の体制はどうなっているのか。\n" in text
    assert "審議（第４回）の実施\n令和６年１２月２０日" in text
