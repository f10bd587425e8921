"""Ingest end to end: encodings, bad files, impossible dates, re-ingest; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from bot.services.ingest import ingest_paths
from bot.storage import knowledge as stored
from bot.storage.db import open_database
from bot.storage.tables import ConsultationRow, Document, PassageRow
from tests.support.words import said, worded

MINUTES = """令和6年度第3回 さくら台市個人情報保護審議会 会議録（要点記録）

1 日時 令和6年{month}月10日（木）午後2時00分から午後3時30分まで
2 場所 さくら台市役所 本庁舎4階 第2会議室
3 出席委員 山田会長、佐藤委員、鈴木委員、高橋委員、田中委員
4 事務局 総務課 中村課長、小林主査

5 議題
(1) 諮問に関する審議
ア 図書館システムの更新に伴う電子計算機の結合について（教育部中央図書館）
[図書館] 本諮問は、図書館システムの更新に伴い、県の横断検索システムと結合するものである。
[委員] 利用者の貸出履歴は結合先に送られるのか。
〔図書館〕 貸出履歴は送信しない。蔵書情報のみを送信する。
[委員] 保守事業者による個人情報の持ち出しはないか。
〔図書館〕 保守作業は庁内で行い、{media}による持ち出しは禁止している。
審議の結果、諮問のとおり承認することを適当と認めた。
"""


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _counts(url: str) -> tuple[int, int, int]:
    engine = open_database(url)
    with Session(engine) as s:
        out = tuple(s.execute(select(func.count()).select_from(t)).scalar_one() for t in (Document, ConsultationRow, PassageRow))
    engine.dispose()
    return out  # type: ignore[return-value]


@pytest.mark.parametrize("encoding", ["utf-8", "cp932", "euc_jp", "utf-8-sig"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    f = _write(tmp_path / "minutes.txt", MINUTES.format(month=7, media="USBメモリ"), encoding)
    [result] = ingest_paths(open_database(url), [f], workers=1)
    assert result.status == "added", said(result)
    [c] = stored.consultations(open_database(url))
    assert c.meeting_date == "2024-07-10"
    assert "図書館システム" in c.title
    assert c.status == "decided"
    text = open_database(url).connect().exec_driver_sql("select text from documents").scalar_one()
    assert "貸出履歴は送信しない" in text


def test_bad_files_are_skipped_with_a_reason_and_the_rest_ingested(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "good.txt", MINUTES.format(month=7, media="USBメモリ"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    results = ingest_paths(open_database(db_url), [folder], workers=1)
    by_name = {r.source: r for r in results}
    assert by_name["good.txt"].status == "added"
    for name in ("binary.txt", "empty.txt", "scan.pdf"):
        assert by_name[name].status == "skipped"
        assert said(by_name[name])  # a Japanese reason for the operator
    assert "空" in said(by_name["empty.txt"])
    assert _counts(db_url)[0] == 1


def test_impossible_date_is_ingested_with_a_warning(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    f = _write(tmp_path / "odd.txt", MINUTES.format(month=14, media="USBメモリ"))
    [result] = ingest_paths(open_database(url), [f], workers=1)
    assert result.status == "added"
    assert any("14月" in w for w in worded(result.warnings)), result.warnings
    [c] = stored.consultations(open_database(url))
    assert c.meeting_date is None  # not trusted, not invented
    assert "図書館システム" in c.title


def test_reingest_unchanged_and_changed(db_url: str, tmp_path: Path) -> None:
    f = _write(tmp_path / "m.txt", MINUTES.format(month=7, media="USBメモリ"))
    assert [r.status for r in ingest_paths(open_database(db_url), [f], workers=1)] == ["added"]
    first = _counts(db_url)
    ids = [p.id for p, _ in stored.iter_passages(open_database(db_url))]
    assert [r.status for r in ingest_paths(open_database(db_url), [f], workers=1)] == ["unchanged"]
    assert _counts(db_url) == first
    assert [p.id for p, _ in stored.iter_passages(open_database(db_url))] == ids

    _write(f, MINUTES.format(month=7, media="外部記録媒体"))
    assert [r.status for r in ingest_paths(open_database(db_url), [f], workers=1)] == ["updated"]
    assert _counts(db_url) == first  # replaced, not duplicated
    texts = " ".join(p.text for p, _ in stored.iter_passages(open_database(db_url)))
    assert "外部記録媒体" in texts and "USBメモリ" not in texts


def test_a_garbled_new_version_keeps_the_stored_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    f = _write(tmp_path / "m.txt", MINUTES.format(month=7, media="USBメモリ"))
    ingest_paths(open_database(url), [f], workers=1)
    before = _counts(url)
    f.write_bytes(b"\x00\x01\x02garbage" * 100)
    [result] = ingest_paths(open_database(url), [f], workers=1)
    assert result.status == "skipped"
    assert _counts(url) == before


def test_parallel_ingest_matches_serial(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10):
        _write(folder / f"m{i:02d}.txt", MINUTES.format(month=1 + i % 12, media=f"媒体{i}"))
    serial, parallel = f"sqlite:///{tmp_path / 's.db'}", f"sqlite:///{tmp_path / 'p.db'}"
    ingest_paths(open_database(serial), [folder], workers=1)
    ingest_paths(open_database(parallel), [folder], workers=2)
    def rows(url: str) -> list[tuple[str, str, str]]:
        return [(p.source, p.text, t) for p, t in stored.iter_passages(open_database(url))]
    assert rows(serial) == rows(parallel)
    assert len(rows(serial)) >= 10 * 4


def test_an_absurdly_large_file_is_skipped_without_reading_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: the size check comes before any read
    good = _write(tmp_path / "m.txt", MINUTES.format(month=7, media="USBメモリ"))
    results = {r.source: r for r in ingest_paths(open_database(url), [big, good], workers=1)}
    assert results["huge.txt"].status == "skipped" and "上限" in said(results["huge.txt"])
    assert results["m.txt"].status == "added"


def test_a_new_pipeline_reads_every_stored_document_again(db_url: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored hash is of the content as read by this pipeline: after a change of parsing or tokenising
    (PIPELINE), the next ingest reads the same file again and replaces what the older pipeline stored."""
    import bot.services.ingest as ingest

    f = _write(tmp_path / "m.txt", MINUTES.format(month=7, media="USBメモリ"))
    assert [r.status for r in ingest_paths(open_database(db_url), [f], workers=1)] == ["added"]
    first = _counts(db_url)
    monkeypatch.setattr(ingest, "PIPELINE", ingest.PIPELINE + " next")
    assert [r.status for r in ingest_paths(open_database(db_url), [f], workers=1)] == ["updated"]
    assert [r.status for r in ingest_paths(open_database(db_url), [f], workers=1)] == ["unchanged"]
    assert _counts(db_url) == first


def test_a_reader_defect_on_one_file_skips_that_file_only(db_url: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A parser that raises on one document (a defect, not the document's fault) costs that document, not the
    ingest: the others are stored and the operator is told which file, in Japanese."""
    import bot.services.ingest as ingest_module

    real = ingest_module.parse_document

    def flaky(text: str, name: str):  # type: ignore[no-untyped-def]
        if name == "broken.txt":
            raise ValueError("zip() argument 2 is longer than argument 1")
        return real(text, name)

    monkeypatch.setattr(ingest_module, "parse_document", flaky)
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "good.txt", MINUTES.format(month=7, media="USBメモリ"))
    _write(folder / "broken.txt", MINUTES.format(month=8, media="DVD"))
    by_name = {r.source: r for r in ingest_paths(open_database(db_url), [folder], workers=1)}
    assert by_name["good.txt"].status == "added"
    assert by_name["broken.txt"].status == "skipped" and "内部エラー" in said(by_name["broken.txt"])
    assert _counts(db_url)[0] == 1
