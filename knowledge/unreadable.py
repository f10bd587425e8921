"""Why a file cannot be read: the exception every reader raises, and the problems shared between readers.

Its own module so that the readers of each format (decode, extract_pdf, extract_docx) import it without importing
each other. A problem is a name with the values it is worded with; ``templates/cli/unreadable.j2`` words it for
the operator (what is wrong and what to do).
"""

from __future__ import annotations

DOCX_DAMAGED = "docx_damaged"
PDF_DAMAGED = "pdf_damaged"
PASSWORD = "password"


class UnreadableFile(Exception):
    """A file that cannot be read as text: ``problem`` says why, ``params`` the values it is worded with.
    ``str(err)`` is for logs."""

    def __init__(self, problem: str, **params: object) -> None:
        super().__init__(" ".join([problem, *(f"{k}={v!r}" for k, v in params.items())]))
        self.problem = problem
        self.params = params


def unsupported(suffix: str) -> UnreadableFile:
    """A format the bot does not read (``suffix``: .xlsx, .doc, .png, or "" when the name has none)."""
    return UnreadableFile("unsupported", suffix=suffix)
