"""Why a file cannot be read: the exception every reader raises, and the problems shared between readers.

Its own module so that the readers of each format (decode, extract_pdf, extract_docx) import it without importing
each other. A problem is a name with the values it is worded with; ``templates/cli/unreadable.j2`` words it for
the operator (what is wrong and what to do).
"""

from __future__ import annotations

from knowledge.problem import Problem

DOCX_DAMAGED = "docx_damaged"
PDF_DAMAGED = "pdf_damaged"
PASSWORD = "password"


class UnreadableFile(Problem):
    """A file that cannot be read as text (``templates/cli/unreadable.j2`` words why)."""


def unsupported(suffix: str) -> UnreadableFile:
    """A format the bot does not read (``suffix``: .xlsx, .doc, .png, or "" when the name has none)."""
    return UnreadableFile("unsupported", suffix=suffix)
