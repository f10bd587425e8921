"""Text copied out of a PDF into a .txt (knowledge.pasted_pages): page numbers, running headers, wrapped lines."""

from __future__ import annotations

from knowledge.decode import to_plain_text
from knowledge.pasted_pages import pasted_pages, wrap_width

_HEAD = "青葉市審査会答申（答申第７号）"
_WRAPPED = [  # one paragraph wrapped at 34 full-width characters, as a PDF lays it out
    "実施機関は、本件開示請求に係る保有個人情報として、次の文書（計１２枚",
    "。以下「本件対象文書」という。）に記録された保有個人情報を特定し、その",
    "うち通報者に関する情報を不開示とし、録音データについては保有していない",
    "として不開示とした。",
]


def _para(word: str) -> list[str]:
    return [ln.replace("実施機関", word) for ln in _WRAPPED]


def _paged() -> str:
    body = [_HEAD, "第１　審査会の結論", *_para("実施機関"), *_para("教育委員会"), *_para("福祉事務所"), "- 1 -",
            _HEAD, *_para("市長"), *_para("区長"), *_para("町長"), "- 2 -",
            _HEAD, "第２　審査請求の趣旨", *_para("消防長"), *_para("水道局"), "- 3 -"]
    return "\n".join(body)


def test_a_paged_text_loses_its_page_numbers_and_running_headers_and_joins_its_wrapped_lines() -> None:
    text = to_plain_text(_paged(), "aoba_toshin.txt")
    assert "- 2 -" not in text and "- 3 -" not in text
    assert text.count(_HEAD) == 1 and text.startswith(_HEAD)  # the title stays once, at the top
    assert "（計１２枚。以下「本件対象文書」という。）" in text  # a line wrapped before 。 is joined
    assert "保有個人情報を特定し、そのうち通報者に関する情報" in text
    assert "第１　審査会の結論\n" in text and "\n第２　審査請求の趣旨\n" in text  # headings keep their lines


def test_page_numbers_must_run_one_after_another() -> None:
    """Two lines 「- 3 -」 and 「- 7 -」 (or one alone) are not page breaks: the text is left as it is."""
    assert pasted_pages("本文。\n- 3 -\n本文。\n- 7 -\n本文。") is None
    assert pasted_pages("本文。\n- 1 -\n本文。") is None
    assert len(pasted_pages("本文。\n- 1 -\n本文。\n- 2 -\n本文。") or []) == 3
    assert len(pasted_pages("一頁目。\f二頁目。\f") or []) == 2  # a form feed between pages


def test_unwrapped_paragraphs_have_no_wrap_width() -> None:
    """A Word copy with page numbers but paragraphs on one line each: no common width, no joining by width."""
    lines = [f"段落{i}。" + "あ" * (20 + 7 * i) for i in range(30)]
    assert wrap_width(lines) is None
    assert wrap_width(_WRAPPED * 6) is not None  # 18 of 24 lines at one width


def test_a_text_without_page_numbers_is_not_touched() -> None:
    raw = "青葉市個人情報保護審議会 会議録\n日時 令和7年5月1日\n委員Ａ：保存期間は。\n事務局：５年です。"
    assert to_plain_text(raw, "minutes.txt") == raw
