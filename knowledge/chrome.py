"""Navigation chrome of city web pages: what is not the minutes and must reach neither the header nor a passage.

Two layers. In HTML, elements that hold only chrome (``<nav>``, ``<aside>``, a page-level ``<header>``/``<footer>``,
and elements whose id or class names a skip link, a breadcrumb, a menu, an inquiry box, a feedback form, a page-top
link) are skipped whole (``skip_element``). In any text (HTML already converted, or a page saved or pasted as
text), lines that are chrome are dropped (``drop_chrome_lines``): skip links, breadcrumbs ("現在地 トップページ > …"),
"印刷ページ表示", update stamps, the Adobe Reader notice, and the page's tail from "このページに関するお問い合わせ"
(inquiry box, feedback form, footer address and phone numbers, copyright).
"""

from __future__ import annotations

import re

# id/class words (split at - _ and spaces) that mark a chrome element
_CHROME_WORDS = frozenset(
    {
        "nav", "navi", "gnavi", "gnav", "lnavi", "rnavi", "snavi", "hnavi", "fnavi", "globalnav", "localnav",
        "menu", "megamenu", "skip", "skiplink", "pankuzu", "breadcrumb", "breadcrumbs", "topicpath", "topic",
        "sidebar", "inquiry", "feedback", "questionnaire", "enquete", "pagetop", "sns", "share", "banner",
        "sitesearch", "gsearch", "fontsize", "setting", "print", "update", "adobe", "reader", "pdf_download",
    }
)
# words that mark chrome only outside the page's main content (an article's own header holds its title)
_PAGE_WORDS = frozenset({"header", "footer", "hlogo", "copyright"})
_SPLIT = re.compile(r"[-_\s]+")
CHROME_TAGS = frozenset({"nav", "aside"})
PAGE_TAGS = frozenset({"header", "footer"})
MAIN_TAGS = frozenset({"main", "article"})
_MAIN_WORDS = frozenset({"main", "contents", "content", "article"})


def words(attrs: list[tuple[str, str | None]]) -> set[str]:
    """The lower-cased id and class words of an element (``tmp_pankuzu`` -> {tmp, pankuzu, tmp_pankuzu})."""
    out: set[str] = set()
    for name, value in attrs:
        if name in ("id", "class") and value:
            for token in value.lower().split():
                out.add(token)
                out.update(_SPLIT.split(token))
    return out


def skip_element(tag: str, attrs: list[tuple[str, str | None]], in_main: bool) -> bool:
    """True when the element holds chrome only (its text is dropped). Never the page itself: 「<body id="pagetop">」
    names the target of the page-top links, not chrome."""
    if tag in ("html", "body"):
        return False
    if tag in CHROME_TAGS:
        return True
    if tag in PAGE_TAGS and not in_main:
        return True
    found = words(attrs)
    if found & _MAIN_WORDS:
        return False  # 'tmp_wrap_main column_rnavi': the content's wrapper, whatever its layout classes say
    if found & _CHROME_WORDS:
        return True
    return not in_main and bool(found & _PAGE_WORDS)


def is_main(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """The element that holds the page's content (its header/footer children are the article's own)."""
    return tag in MAIN_TAGS or bool(words(attrs) & _MAIN_WORDS)


_LINE = (
    r"ページの先頭(?:です|へ(?:戻る)?)|メニューを飛ばして本文へ|本文へ(?:移動|スキップ)?|本文ここから|本文ここまで|"
    r"ナビゲーションを(?:飛ばす|スキップ)|ここから本文です|ここまで本文です|"
    r"印刷(?:ページ表示|用ページを表示|する)|このページを印刷する|前のページに戻る|(?:ひとつ)?前のページへ戻る|"
    r"トップページに戻る|ホームに戻る|サイトマップ|サイト内検索|文字サイズ(?:の変更)?|背景色(?:の変更)?|"
    r"(?:標準|拡大|縮小)|(?:ページ|記事)(?:ID|番号)[：:]?\s*\d+|更新日[：:]?\s*\S{0,30}|(?:最終)?更新日時?[：:]?\s*\S{0,30}|"
    r"掲載日[：:]?\s*\S{0,30}|読み上げる|ふりがなをつける|Foreign Language|English|携帯サイト|"
    r"PDF形式のファイルをご覧いただく場合には.*|.*Adobe\s*(?:Acrobat\s*)?Reader.*|.*Acrobat\s*Reader.*|"
    r"Get\s*Adobe.*|(?:Copyright|\(C\)|©).*|.*All Rights Reserved\.?"
)
_CHROME_LINE = re.compile(rf"^[ \t　]*(?:{_LINE})(?:[ \t　]+(?:{_LINE}))*[ \t　]*$\n?", re.MULTILINE | re.IGNORECASE)  # 「ページ番号：48213　更新日：…」
# a breadcrumb: '現在地 トップページ > 市政情報 > …', 'ホーム ＞ …', 'トップページ › …'
_SEP = r"[ \t　]*(?:>|＞|›|»|≫)[ \t　]*"
_CRUMB = re.compile(
    rf"^[ \t　]*(?:(?:現在地|現在の位置|現在のページ)[ \t　：:]*[^\n]*|(?:ホーム|トップページ|TOP|Home){_SEP}[^\n]*)$\n?",
    re.MULTILINE | re.IGNORECASE,
)
# the page's tail: the inquiry box, the feedback form and the footer come after the content
_TAIL = re.compile(
    r"^[ \t　]*(?:このページに関するお問い合わせ(?:先)?|この(?:ページ|記事)の(?:情報|内容)は(?:役に立ちましたか|わかりやすかったですか)|"
    r"より良いウェブサイトにするために|(?:この|本)ページの作成・担当部署|アンケート)[^\n]*$",
    re.MULTILINE,
)
TAIL_FROM = 0.5  # the tail marker must come after this share of the text (a footer, not a heading)
_HINT = re.compile(r"ページ|本文|印刷|更新|Adobe|Reader|Copyright|©|Rights|>|＞|›|サイト|文字サイズ|背景色|お問い合わせ|戻る")


def drop_chrome_lines(text: str) -> str:
    """``text`` without its chrome lines and without the page's tail (see the module docstring)."""
    if not _HINT.search(text):
        return text
    tail = _TAIL.search(text, int(len(text) * TAIL_FROM))
    if tail is not None:
        text = text[: tail.start()]
    text = _CRUMB.sub("", text)
    return _CHROME_LINE.sub("", text)
