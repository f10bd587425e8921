"""Word (.docx) bytes -> text with python-docx: paragraphs and tables in document order.

A table becomes one line per row with the cells separated by a tab (the shape of the 表形式 会議録 that
``knowledge.structure_header`` reads: '開催日時\t令和…'); paragraphs inside a cell are separate lines, a cell
merged from the one above is left empty, a cell spanning several columns appears once. List numbers that
Word generates ("（1）", "ア", "①") are written out, as they carry the structure of the minutes. Page headers
and footers, comments and text boxes are not read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from knowledge.docx_numbering import Numbering
from knowledge.unreadable import DOCX_DAMAGED as DAMAGED
from knowledge.unreadable import UnreadableFile

EMPTY = "docx_empty"


def _open(data: bytes) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFile(DAMAGED) from exc
    except Exception as exc:  # lxml's XMLSyntaxError and relatives: a damaged part inside the package
        if type(exc).__module__.startswith("lxml"):
            raise UnreadableFile(DAMAGED) from exc
        raise


def _paragraph(par: Any, numbering: Numbering) -> str:
    return numbering.label(par) + par.text


def _table(table: Any, numbering: Numbering) -> Iterator[str]:
    from docx.table import _Cell

    for tr in table._tbl.tr_lst:
        cells: list[str] = []
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                cells.append("")
                continue
            cell = _Cell(tc, table)
            cells.append("\n".join(_blocks(cell, numbering)).strip("\n"))
        if any(c.strip() for c in cells):
            yield "\t".join(cells)


def _blocks(container: Any, numbering: Numbering) -> Iterator[str]:
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            yield from _table(item, numbering)
        else:
            yield _paragraph(item, numbering)


def extract_docx(data: bytes) -> str:
    """The text of a .docx; UnreadableFile when it is damaged or has no text."""
    document = _open(data)
    try:
        numbering = Numbering.of(document)
        text = "\n".join(_blocks(document, numbering))
    except (KeyError, ValueError) as exc:
        raise UnreadableFile(DAMAGED) from exc
    if not text.strip():
        raise UnreadableFile(EMPTY)
    return text
