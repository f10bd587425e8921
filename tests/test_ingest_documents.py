"""Ingest PDF and Word minutes end to end, then ask: the healed text is found and quoted; bad files are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services.answers import EngineBuilder
from bot.services.ingest import ingest_paths
from bot.storage.db import open_database
from knowledge.model import Answer
from templates.answer import answer_text
from tests.docfixtures import HEALED, encrypted_pdf, minutes_docx, minutes_pdf, scanned_pdf
from tests.support.words import said


def _ask(url: str, question: str) -> Answer:
    return EngineBuilder(open_database(url), None).build().ask(question)


def _stored_text(url: str, source: str) -> str:
    with open_database(url).connect() as conn:
        return conn.exec_driver_sql("select text from documents where source = ?" if url.startswith("sqlite")
                                    else "select text from documents where source = %s", (source,)).scalar_one()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return minutes_pdf()


def test_pdf_minutes_are_ingested_and_the_healed_sentence_is_quoted(db_url: str, tmp_path: Path, pdf: bytes) -> None:
    f = tmp_path / "令和6年度第2回会議録.pdf"
    f.write_bytes(pdf)
    [result] = ingest_paths(open_database(db_url), [f], workers=1)
    assert result.status == "added", said(result)
    assert result.consultations == 2
    text = _stored_text(db_url, f.name)
    assert HEALED in text and "MediaBox" not in text and "- 2 -" not in text
    answer = _ask(db_url, "接種証明書を紛失したときの再交付はどうなる?")
    assert answer.found
    assert "本人確認書類の提示を受けたうえで、窓口で即日行う" in answer_text(answer)  # quoted whole, across the page break
    assert f.name in answer_text(answer)  # with its source


def test_word_minutes_are_ingested_and_answered(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    f = tmp_path / "第3回会議録.docx"
    f.write_bytes(minutes_docx())
    [result] = ingest_paths(open_database(url), [f], workers=1)
    assert result.status == "added", said(result)
    assert result.consultations == 1
    answer = _ask(url, "就労証明書の画像はどこに保存される?")
    assert answer.found
    assert "庁内のサーバに保存し、入所の決定後3年で消去する" in answer_text(answer)


def test_a_folder_of_mixed_files(tmp_path: Path, pdf: bytes) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "minutes.pdf").write_bytes(pdf)
    (folder / "minutes.docx").write_bytes(minutes_docx())
    (folder / "pdf_named_txt.txt").write_bytes(pdf + b"% another copy\n")  # content decides, not the name
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    (folder / "locked.pdf").write_bytes(encrypted_pdf())
    (folder / "broken.pdf").write_bytes(pdf[: len(pdf) // 3])
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04 not really")
    results = {r.source: r for r in ingest_paths(open_database(url), [folder], workers=1)}
    assert {n for n, r in results.items() if r.status == "added"} == {"minutes.pdf", "minutes.docx", "pdf_named_txt.txt"}
    assert HEALED in _stored_text(url, "pdf_named_txt.txt")
    reasons = {n: said(r) for n, r in results.items() if r.status == "skipped"}
    assert reasons["scan.pdf"] == "文字情報がありません（画像のみの PDF）。OCR をかけてから取り込んでください"
    assert reasons["locked.pdf"] == "パスワードで保護されています。保護を解除してから取り込んでください"
    assert reasons["broken.pdf"].startswith("PDF が壊れていて読めません")
    assert reasons["table.xlsx"].startswith(".xlsx は対応していない形式です。")


def test_nothing_stored_before_is_lost(db_url: str, tmp_path: Path, pdf: bytes) -> None:
    good = tmp_path / "minutes.pdf"
    good.write_bytes(pdf)
    assert [r.status for r in ingest_paths(open_database(db_url), [good], workers=1)] == ["added"]
    other = tmp_path / "other.pdf"
    other.write_bytes(pdf[:2000])
    good.write_bytes(pdf[: len(pdf) // 2])  # a damaged new version of the same file
    results = ingest_paths(open_database(db_url), [good, other], workers=1)
    assert [r.status for r in results] == ["skipped", "skipped"]
    assert HEALED in _stored_text(db_url, "minutes.pdf")
    answer = _ask(db_url, "接種証明書を紛失したときの再交付はどうなる?")
    assert answer.found and "本人確認書類の提示を受けたうえで" in answer_text(answer)
