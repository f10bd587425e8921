"""PDF bytes -> text, through the PDF's text layer (pypdfium2 / PDFium); no OCR.

``extract_pdf`` reads every page's text and repairs it (``knowledge.pdf_lines``). A PDF that cannot be used
raises ``UnreadableFile`` with what to do: a scan without a text layer, a password-protected or a damaged file.
"""

from __future__ import annotations

from knowledge.pdf_lines import PAGE_NUMBER, join_pages
from knowledge.unreadable import PASSWORD, UnreadableFile
from knowledge.unreadable import PDF_DAMAGED as DAMAGED

NO_TEXT = "pdf_no_text"  # a scan: no text layer at all
MOSTLY_NO_TEXT = "pdf_mostly_no_text"  # half of its pages or more without text

_ERR_PASSWORD = 4  # FPDF_ERR_PASSWORD
_ERR_SECURITY = 5  # FPDF_ERR_SECURITY (an unsupported security handler)


def pdf_pages(data: bytes) -> list[str]:
    """The text layer of each page, as PDFium lays it out (lines separated by CRLF)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        raise UnreadableFile(PASSWORD if code in (_ERR_PASSWORD, _ERR_SECURITY) else DAMAGED) from exc
    try:
        pages: list[str] = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(textpage.get_text_range())
                finally:
                    textpage.close()
            finally:
                page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(DAMAGED) from exc
    finally:
        pdf.close()


def _has_text(page: str) -> bool:
    """Whether a page has words (a scan stamped with a page number has none)."""
    return any(ln.strip() and not PAGE_NUMBER.match(ln.strip()) for ln in page.splitlines())


def extract_pdf(data: bytes) -> str:
    """The repaired text of a PDF; UnreadableFile when it has none to give."""
    pages = pdf_pages(data)
    if not pages:
        raise UnreadableFile(DAMAGED)
    with_text = sum(1 for p in pages if _has_text(p))
    if with_text == 0:
        raise UnreadableFile(NO_TEXT)
    text = join_pages(pages)
    if not text.strip():
        raise UnreadableFile(NO_TEXT)
    if 2 * with_text < len(pages):
        raise UnreadableFile(MOSTLY_NO_TEXT)
    return text
