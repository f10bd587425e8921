"""Layouts in general: city web pages (navigation chrome dropped, a header written in one paragraph), pages saved
as text, and minutes in our own evaluation documents (eval/documents/, fictional) read without spurious warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.decode import read_document, to_plain_text
from knowledge.structure import parse_document
from tests.support.words import worded
from tests.test_structure import assert_consultations_sound, assert_passages_sound

EVAL_DOCS = Path(__file__).parent.parent / "eval" / "documents"
CHROME = ("ページの先頭", "メニューを飛ばして本文へ", "現在地", "トップページ", "印刷ページ表示", "このページに関するお問い合わせ",
          "Adobe", "Copyright", "サイトマップ", "文字サイズ", "くらし・手続き", "役に立ちましたか", "0779-00-1111", "更新日")


def test_web_page_minutes_lose_their_chrome_and_read_the_inline_header() -> None:
    path = EVAL_DOCS / "hinode_web_minutes.html"
    text = read_document(path.read_bytes(), path.name)
    assert not [c for c in CHROME if c in text]
    assert text.startswith("令和6年度第3回日出市個人情報保護審議会 会議録")
    doc = parse_document(text, path.name)
    m = doc.meeting
    assert (m.council, m.session) == ("日出市個人情報保護審議会", "令和6年度第3回")
    assert (m.date, m.start_time, m.end_time) == ("2025-01-23", "14:00", "15:45")  # not the page's 更新日
    assert m.place == "日出市役所本庁舎3階 302会議室"
    assert m.chair == "石黒直樹" and "北村恵" in m.present and len(m.present) == 5
    assert m.absent == ["中川由香"]
    assert [(c.label, c.status, c.outcome) for c in doc.consultations] == [
        ("諮問第7号", "decided", "承認"),
        ("諮問第8号", "decided", "承認"),
        ("諮問第9号", "decided", "承認（要望あり）"),
    ]
    c9 = doc.consultations[2]
    assert any("1か月以内に子ども本人に説明" in r for r in c9.requests)
    assert not any("よろしいでしょうか" in r for r in c9.requests)
    assert not doc.warnings
    assert_consultations_sound(doc)
    assert_passages_sound(doc)
    assert not [p.text for p in doc.passages if any(c in p.text for c in CHROME)]


SAVED_PAGE = """ページの先頭です
メニューを飛ばして本文へ
現在地 トップページ > 市政情報 > 審議会 > 会議録
令和6年度第1回 谷口市個人情報保護審議会 会議録
更新日：2024年7月2日
印刷ページ表示
日時 令和6年5月21日（火曜日）午後2時から午後3時まで 場所 谷口市役所 第1会議室 出席委員 小野会長、宮本委員、原委員 事務局 総務課 高木課長
会議の経過
(1) 諮問第2号 税務システムの外部委託について
税務課長：委託の内容を説明します。
宮本委員：委託先の所在地はどこですか。
税務課長：市内の事業者です。
小野会長：諮問第2号は原案のとおり承認とします。
前のページに戻る
PDF形式のファイルをご覧いただく場合には、Adobe社が提供するAdobe Acrobat Readerが必要です。
このページに関するお問い合わせ
総務部 総務課
〒000-0000 谷口市本町1番1号
電話：000-000-0000
Copyright (C) Taniguchi City. All Rights Reserved.
"""


def test_a_page_saved_as_text_loses_its_chrome() -> None:
    text = to_plain_text(SAVED_PAGE, "page.txt")
    assert not [c for c in CHROME if c in text]
    assert "前のページに戻る" not in text and "〒" not in text and "電話" not in text
    doc = parse_document(text, "page.txt")
    assert (doc.meeting.council, doc.meeting.date, doc.meeting.start_time) == (
        "谷口市個人情報保護審議会", "2024-05-21", "14:00")
    (c,) = doc.consultations
    assert (c.label, c.status, c.outcome) == ("諮問第2号", "decided", "承認")
    assert not doc.warnings


def test_unclosed_chrome_markup_keeps_the_page() -> None:
    html = "<html><body><div class='gnavi'><ul><li>くらし</li></ul>" + "<p>諮問第1号について審議した。</p>" * 20
    text = to_plain_text(html, "broken.html")
    assert text.count("諮問第1号について審議した。") == 20


def test_an_article_header_is_content() -> None:
    html = ("<html><body><header><a href='/'>市トップ</a></header><main><article><header><h1>第5回 森野市個人情報保護審議会"
            " 会議録</h1></header><p>日時 令和6年4月1日</p></article></main><footer>森野市役所</footer></body></html>")
    text = to_plain_text(html, "a.html")
    assert "第5回 森野市個人情報保護審議会 会議録" in text and "市トップ" not in text and "森野市役所" not in text


@pytest.mark.parametrize("name", ["kawabe_kaigiroku.txt", "hinode_web_minutes.html"])
def test_our_minutes_read_without_warnings(name: str) -> None:
    path = EVAL_DOCS / name
    doc = parse_document(read_document(path.read_bytes(), name), name)
    assert doc.consultations and not doc.warnings
    assert all(c.status != "unknown" for c in doc.consultations)


def test_a_document_without_structure_is_searchable_and_warns_once() -> None:
    text = ("先日の打合せでは、防犯カメラの映像の保存期間を30日とする案が示された。\n\n"
            "委員からは、保存期間を過ぎた映像の消去の記録を残すよう意見があった。\n\n事務局が諮問の準備を進める。")
    doc = parse_document(text, "memo.txt")
    assert not doc.consultations and len(doc.warnings) == 1
    assert "書式を読み取れませんでした" in worded(doc.warnings)[0] and "開催日" in worded(doc.warnings)[0]
    assert any("30日" in p.text for p in doc.passages) and any("消去の記録" in p.text for p in doc.passages)
