"""PDF and Word fixtures built in the test (reportlab, python-docx): fictional minutes of みどり野市.

``minutes_pdf()`` lays the minutes out as a council's word processor would: a running header on every page, a
page-number footer, paragraphs wrapped at a fixed width (so words and sentences break where the line is full),
a sentence broken across a page break. ``LINES_PER_PAGE`` and the texts are chosen so that the breaks named in
the constants below really happen (asserted when the fixture is built).
"""

from __future__ import annotations

import io

RUNNING_HEADER = "みどり野市個人情報保護審議会 会議録"
WIDTH = 40  # full-width characters per line
LINES_PER_PAGE = 13
WRAPPED_WORD = ("接種証", "明書")  # a line ends after the first part, the next starts with the second
PAGE_BREAK = ("本人確認書類の提示を受け", "たうえで")  # the last line of page 1 ends, page 2 starts
HEALED = "紛失した場合の再交付は、本人確認書類の提示を受けたうえで、窓口で即日行うこととしている。"

HEAD = [
    "令和6年度第2回 みどり野市個人情報保護審議会 会議録",
    "1 日時 令和6年8月20日（火）午後2時00分から午後3時30分まで",
    "2 場所 みどり野市役所 本庁舎3階 第1会議室",
    "3 出席委員 森会長、川口委員、石田委員、上野委員",
    "4 事務局 総務課 西村課長、中島主査",
    "5 議題",
    "(1) 諮問に関する審議",
    "ア 新型コロナワクチン接種証明書の電子交付について（健康推進課）",
]
PARAGRAPHS = [
    "[健康推進課] 本諮問は、スマートフォンのアプリで接種証明書を電子的に交付するため、国のシステムと結合するものである。",
    "[委員] 電子交付を受けられない高齢者も多いと思われるが、その場合には紙の接種証明書の交付方法はどうなるのか。",
    "〔健康推進課〕 紙でも交付する。" + HEALED,
    "[委員] 国のシステムに送る項目は何か。",
    "〔健康推進課〕 氏名、生年月日、接種日とワクチンの種類に限り、住所や電話番号は送らない。",
    "審議の結果、諮問のとおり承認することを適当と認めた。",
    "イ 図書館の利用者アンケートのオンライン化について（中央図書館）",
    "[中央図書館] 利用者アンケートを外部のフォームサービスで実施し、回答はメールアドレスを含めずに集計する。",
    "[委員] アンケートの自由記述欄に個人が特定される内容が書かれた場合はどう扱うのか。",
    "〔中央図書館〕 自由記述は職員が確認し、個人が特定される記述は集計から除いたうえで公表する。",
    "[委員] 回答データの保存期間を定めておくべきである。",
    "〔中央図書館〕 保存期間は集計後1年とし、期間経過後は速やかに消去する。",
    "審議の結果、委員の意見を踏まえて実施することを適当と認めた。",
    "以上",
]


def _wrap(paragraph: str) -> list[str]:
    """Fixed-width wrapping with the Japanese rule that 、。」） never start a line."""
    lines: list[str] = []
    rest = paragraph
    while len(rest) > WIDTH:
        cut = WIDTH
        while cut < len(rest) and rest[cut] in "、。」）":
            cut += 1
        lines.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        lines.append(rest)
    return lines


def minutes_lines() -> list[list[str]]:
    """The minutes' lines, page by page, as they are drawn."""
    lines = list(HEAD) + [line for par in PARAGRAPHS for line in _wrap(par)]
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    flat = "\n".join(lines)
    assert "\n".join(WRAPPED_WORD) in flat, "fixture: the word must wrap"
    assert pages[0][-1].endswith(PAGE_BREAK[0]) and pages[1][0].startswith(PAGE_BREAK[1]), "fixture: page break"
    assert len(pages) == 3
    return pages


def _canvas(buf: io.BytesIO, **kwargs: object):  # type: ignore[no-untyped-def]
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    return canvas.Canvas(buf, pagesize=A4, **kwargs)


def minutes_pdf(pages: list[list[str]] | None = None, **canvas_kwargs: object) -> bytes:
    """A text PDF of the minutes: running header, wrapped body, '- n -' footers."""
    buf = io.BytesIO()
    c = _canvas(buf, **canvas_kwargs)
    for n, lines in enumerate(pages or minutes_lines(), 1):
        c.setFont("HeiseiMin-W3", 9)
        c.drawString(72, 800, RUNNING_HEADER)
        c.setFont("HeiseiMin-W3", 10.5)
        y = 760.0
        for line in lines:
            c.drawString(72, y, line)
            y -= 18
        c.setFont("HeiseiMin-W3", 9)
        c.drawCentredString(297, 40, f"- {n} -")
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(pages: int = 2, cover: str | None = None) -> bytes:
    """A PDF of images only (drawn shapes, no text), as a scanner makes it; ``cover``: a first page of text."""
    buf = io.BytesIO()
    c = _canvas(buf)
    if cover:
        c.setFont("HeiseiMin-W3", 12)
        c.drawString(72, 760, cover)
        c.showPage()
    for _ in range(pages):
        c.setFillGray(0.85)
        c.rect(72, 300, 450, 400, fill=1, stroke=0)
        c.setFillGray(0.2)
        for y in range(320, 700, 24):
            c.rect(90, y, 400, 8, fill=1, stroke=0)
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return minutes_pdf(encrypt=StandardEncryption("pw", canPrint=0))


def minutes_docx() -> bytes:
    """Word minutes: a title, a header table (the 表形式 会議録), then paragraphs with a Q&A."""
    import docx

    d = docx.Document()
    d.add_paragraph("令和6年度第3回 みどり野市個人情報保護審議会 会議録")
    table = d.add_table(rows=4, cols=2)
    for row, (key, value) in zip(table.rows, [
        ("開催日時", "令和6年10月15日（火）午前10時00分から午前11時30分まで"),
        ("開催場所", "みどり野市役所 本庁舎3階 第1会議室"),
        ("出席委員", "森会長、川口委員、石田委員、上野委員"),
        ("事務局", "総務課 西村課長、中島主査"),
    ], strict=True):
        row.cells[0].text, row.cells[1].text = key, value
    d.add_paragraph("議題")
    d.add_paragraph("(1) 諮問に関する審議")
    d.add_paragraph("ア 学童保育の入所申請の電子化について（こども育成課）")
    d.add_paragraph("[こども育成課] 入所申請をオンラインで受け付け、保護者の就労証明書も電子で提出できるようにする。")
    d.add_paragraph("[委員] 就労証明書の画像はどこに保存されるのか。")
    d.add_paragraph("〔こども育成課〕 就労証明書の画像は庁内のサーバに保存し、入所の決定後3年で消去する。")
    d.add_paragraph("審議の結果、諮問のとおり承認することを適当と認めた。")
    d.add_paragraph("以上")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
