"""Why a file cannot be read: the exception every reader raises, and the reasons shared between readers.

Its own module so that the readers of each format (decode, extract_pdf, extract_docx) import it without importing
each other.
"""

from __future__ import annotations

DOCX_DAMAGED = "Word ファイル（.docx）が壊れていて読めません。Word で開いて保存し直してから取り込んでください"
PDF_DAMAGED = "PDF が壊れていて読めません。元のファイルから PDF を作り直すか、保存し直してから取り込んでください"
PASSWORD = "パスワードで保護されています。保護を解除してから取り込んでください"


class UnreadableFile(Exception):
    """A file that cannot be read as text; ``reason`` is Japanese and shown to the operator."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
