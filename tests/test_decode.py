from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from knowledge.decode import MAX_BYTES, UnreadableFile, decode_bytes, to_plain_text
from tests.support.words import said

FIXTURES = Path(__file__).parent / "fixtures"


def test_shift_jis_file() -> None:
    data = (FIXTURES / "minutes_sjis.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = decode_bytes(data, "minutes_sjis.txt")
    assert "北川市個人情報保護審議会" in text
    assert "「可」とした" in text


def test_euc_jp_file() -> None:
    data = (FIXTURES / "minutes_eucjp.txt").read_bytes()
    text = decode_bytes(data, "minutes_eucjp.txt")
    assert "南山町個人情報保護審議会" in text
    assert "全員一致で同意する" in text


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp"])
def test_short_japanese_texts(encoding: str) -> None:
    for sample in ("議事録", "審議会の結論", "委員：同意します。", "第3回 会議録（要旨）"):
        assert decode_bytes(sample.encode(encoding), "short.txt") == sample


def test_utf8_with_and_without_bom() -> None:
    raw = "令和5年度第1回 個人情報保護審議会"
    assert decode_bytes(raw.encode("utf-8"), "a.txt") == raw
    assert decode_bytes(codecs.BOM_UTF8 + raw.encode("utf-8"), "a.txt") == raw
    text = decode_bytes((FIXTURES / "no_header.txt").read_bytes(), "no_header.txt")
    assert text.startswith("委員：")


def test_binary_is_rejected() -> None:
    with pytest.raises(UnreadableFile) as exc:
        decode_bytes(b"%PDF-1.7\x00\x01\x02binary", "a.pdf")
    assert "バイナリ" in said(exc.value)


def test_empty_is_rejected() -> None:
    for data in (b"", b"  \n\r\n", codecs.BOM_UTF8):
        with pytest.raises(UnreadableFile) as exc:
            decode_bytes(data, "empty.txt")
        assert said(exc.value) == "空のファイルです"


def test_too_large_is_rejected() -> None:
    with pytest.raises(UnreadableFile) as exc:
        decode_bytes(b"a" * (MAX_BYTES + 1), "big.txt")
    assert "20 MB" in said(exc.value)
    assert exc.value.problem == "too_large" and "too_large" in str(exc.value)  # logs: the problem


def test_undecodable_is_rejected() -> None:
    data = bytes([0x80, 0xFF, 0xFE, 0x81, 0xFF, 0xA0]) * 50
    with pytest.raises(UnreadableFile) as exc:
        decode_bytes(data, "x.txt")
    assert "文字コード" in said(exc.value)


def test_html_to_text() -> None:
    html = (FIXTURES / "minutes.html").read_text(encoding="utf-8")
    text = to_plain_text(html, "minutes.html")
    lines = text.split("\n")
    assert "開催日時\t令和4年7月12日(火) 午前10時00分から午前11時30分まで" in lines
    assert "傍聴\t☑ 可 / ☐ 不可" in lines
    assert "以上 & 閉会" in lines
    assert "<" not in text and "margin" not in text
    assert "\n\n\n" not in text


def test_inline_html_fragments_in_text() -> None:
    raw = '傍 聴\t<input type="checkbox"/> 可(人) / <input checked="" type="checkbox"/> 不 可\t\r\n議 題\t<p>諮問事項</p> <p>ア「評価書」</p>\r\n'
    text = to_plain_text(raw, "a.txt")
    assert "☐ 可(人) / ☑ 不 可" in text
    assert "議 題\n諮問事項\n\nア「評価書」" in text  # paragraphs become blank-line separated
    assert "\r" not in text


def test_plain_text_normalised() -> None:
    raw = "第1回  \r\n\r\n\r\n\r\n本文です。\t \r\n「引用」"
    assert to_plain_text(raw, "a.txt") == "第1回\n\n本文です。\n「引用」"


def test_markdown_lightly_cleaned() -> None:
    raw = "# 令和5年度第1回 審議会\n\n**委員**： [資料](http://example.invalid) を確認した。\n"
    assert to_plain_text(raw, "a.md") == "令和5年度第1回 審議会\n\n委員： 資料 を確認した。"


def test_words_written_a_character_apart_are_closed_up() -> None:
    from knowledge.pdf_lines import close_spaced_words

    assert close_spaced_words("月　見　野　市　個　人　情　報　保　護　審　議　会") == "月見野市個人情報保護審議会"
    assert close_spaced_words("会　長　　久　我　正　道") == "会　長　　久我正道"  # a role of two stays apart
    assert close_spaced_words("審　査　会　の　結　論") == "審査会の結論"
    assert close_spaced_words("委員 A 案") == "委員 A 案"  # not characters of a word
    # an item's 一 set apart by a full-width space is no part of the word after it (「一　事 務 局」, 公用文の箇条)
    assert close_spaced_words("一　事 務 局　　総務課長") == "一　事 務 局　　総務課長"
    assert close_spaced_words("一　説 明 員 室　　説明") == "一　説明員室　　説明"


def test_markdown_in_a_text_file_is_read_as_markdown() -> None:
    from knowledge.decode import to_plain_text

    md = "# 議事要旨\n\n### 2　出席者\n\n| 区分 | 氏名 | 出欠 |\n|---|---|---|\n| 会長 | 今泉 達也 | 出席 |\n\n- 日時：令和6年11月6日"
    text = to_plain_text(md, "minutes.txt")
    assert "区分\t氏名\t出欠\n会長\t今泉 達也\t出席" in text and "---" not in text
    assert "・日時：令和6年11月6日" in text and "#" not in text
    assert to_plain_text("- 委員からの質問\n- 回答", "seed.txt").startswith("- 委員")  # plain text keeps its dashes


def test_a_number_spread_a_digit_apart_before_its_unit_is_closed_up() -> None:
    """A PDF's 「2 0 2 1 年 (令和 3 年) 1 月 2 5 日」 reads 2021 年 … 25 日; digits with no unit after them (a standard's
    number 「2 7 0 0 1 : 2 0 1 4」, a table's cells) stay apart."""
    from knowledge.pdf_lines import close_spaced_dates

    assert close_spaced_dates("2 0 2 1 年 (令和 3 年) 1 月 2 5 日") == "2021 年 (令和 3 年) 1 月 25 日"
    assert close_spaced_dates("申請は 1 2 0 件") == "申請は 120 件"
    assert close_spaced_dates("J I S Q 2 7 0 0 1 : 2 0 1 4") == "J I S Q 2 7 0 0 1 : 2 0 1 4"


def test_a_table_drawn_with_box_characters_becomes_tab_cells() -> None:
    """A Word copy's cover table (┌─┬─┐ │会議名│…│): the rules go, each row's cells are apart by a tab, and a row
    continuing the cell above starts with a tab (more of the same field)."""
    drawn = ("┌────┬──────────┐\n│会議名　│令和６年度第３回　　│\n│　　　　│審議会　　　　　　　│\n"
             "├────┼──────────┤\n│開催日時│令和６年１０月２４日│\n└────┴──────────┘\n\n本文です。\n")
    text = to_plain_text(drawn, "minutes.txt")
    assert "┌" not in text and "│" not in text and "─" not in text
    assert "会議名\t令和６年度第３回\n\t審議会\n開催日時\t令和６年１０月２４日" in text
    assert text.rstrip().endswith("本文です。")


def test_a_spreadsheet_pasted_as_text_reads_as_cells() -> None:
    sheet = ('会議記録,,,\n日時,令和7年4月10日 14時,,\n"出席委員","会長","真柴 宗一郎","学識経験者"\n'
             '場所,本庁舎3階 第1会議室,,\n')
    text = to_plain_text(sheet, "kiroku.txt")
    assert "日時\t令和7年4月10日 14時\n" in text
    assert "出席委員\t会長\t真柴 宗一郎\t学識経験者" in text
    assert "," not in text and '"' not in text


def test_prose_with_commas_is_not_a_spreadsheet() -> None:
    prose = "委員から, 次の意見があった。\n事務局は, 確認すると答えた。\n会長は, 異議なしと認めた。\n"
    assert to_plain_text(prose, "a.txt").count(",") == 3


def test_a_table_whose_cells_hold_lines_is_read_as_records() -> None:
    """「案件 | 説明 | 主な質疑応答 | 結果」 with a consultation a row and its questions one a line: each row's cells one
    after another, the label over its title joined, the result cell labelled; a plain grid stays a grid."""
    page = ("<html><body><table><tr><th>案件</th><th>説明</th><th>主な質疑応答</th><th>結果</th></tr>"
            "<tr><td>諮問第7号<br>防犯カメラの設置について</td><td>14台を設置する。</td>"
            "<td>問：誰が見るのか。<br>答：施設長のみ。</td><td>承認</td></tr></table>"
            "<table><tr><td>日時</td><td>令和7年2月18日</td></tr></table></body></html>")
    text = to_plain_text(page, "p.html")
    assert "諮問第7号\u3000防犯カメラの設置について\n14台を設置する。\n問：誰が見るのか。\n答：施設長のみ。\n結果：承認" in text
    assert "日時\t令和7年2月18日" in text


def test_line_numbers_in_a_pdfs_margin_are_dropped() -> None:
    words = "審査請求人は令和六年に開示を請求し実施機関は一部を開示する決定を行ったので審査請求人はこれを不服として審査請求を" \
            "行い実施機関は当審査会に諮問した当審査会は記録を見分し実施機関から説明を聴取し審査請求人の意見を聴いた上で審議した"
    body = []
    for page in range(2):
        for i in range(1, 13):
            lead = f"{i:<6}" if i % 5 == 0 else " " * 6
            k = (page * 12 + i) * 4 % len(words)
            body.append(f"{lead}{words[k:k + 20]}（{page}-{i}）。")
        body.append(f"- {page + 1} -")
    text = to_plain_text("\n".join(body) + "\n", "m.txt")
    assert "（0-5）" in text and "（1-10）" in text
    assert not any(line.lstrip().startswith(("5 ", "10 ")) for line in text.split("\n"))


def test_numbers_at_line_starts_that_are_no_margin_stay() -> None:
    text = "1  開会\n2  議事\n3  閉会\n4  その他\n"
    assert to_plain_text(text, "n.txt").startswith("1")


def test_a_markdown_page_with_yaml_lists_cell_breaks_escapes_and_footnotes() -> None:
    """An open-data site's Markdown: front matter with a YAML list (「tags:」 over 「  - 個人情報」) dropped whole; a
    table cell's 「<br>」 keeps its row one line; 「1\\.」 is 「1.」; a footnote's marker 「[^2]」 goes, its note stays as
    「注2」; pandoc's bookmark 「[]{#_Toc1 .anchor}」 goes."""
    md = ("---\ntitle: \"答申第142号\"\ndate: 2023-11-14\ntags:\n  - 個人情報\n  - 生活保護\n---\n\n"
          "[]{#_Toc1 .anchor}\n\n# 答申第142号\n\n| 区分 | 記録日 |\n|---|---|\n| 記載ア | 令和4年7月8日<br>（家庭訪問） |\n\n"
          "1\\. **記載アについて** なお従前の例によることとされている[^2]。\n\n[^2]: 同附則第3項。\n")
    text = to_plain_text(md, "t.md")
    assert "tags" not in text and "個人情報" not in text and "{#" not in text
    assert "記載ア\t令和4年7月8日　（家庭訪問）" in text
    assert "1. 記載アについて なお従前の例によることとされている。" in text
    assert "注2　同附則第3項。" in text
