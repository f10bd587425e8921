"""A 答申's structure kept at ingest (tables toshin, toshin_parts, toshin_course), on SQLite and, with
TEST_DATABASE_URL, PostgreSQL: read back as written; a re-ingest neither loses nor doubles it; a document with no
答申 structure stores none; a 答申 stored before migration 0008 gets its structure when first shown, kept once."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.clock import FixedClock
from bot.services.answers import AnswerService, EngineBuilder
from bot.services.ingest import ingest_paths
from bot.storage import knowledge as stored
from bot.storage.db import make_engine, migrate, open_database
from bot.storage.tables import ToshinCourseRow, ToshinPartRow, ToshinRow
from knowledge.decode import read_document
from knowledge.model import ConsultationRecord, ToshinRecord
from tests.test_toshin_course import FIXTURE, SAKURADAI

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
REQUEST = ("本件審査請求の趣旨は、審査請求人が令和６年１月15日に行った「児童扶養手当の現況届の審査記録」（以下「本件記録」"
           "という。）の開示請求に対し、さくら台市長（以下「実施機関」という。）が令和６年２月５日付けで行った一部開示決定の"
           "取消しを求め、本件記録の全部の開示を求めるというものである。")


def counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as s:
        return tuple(s.execute(select(func.count()).select_from(t)).scalar_one()  # type: ignore[return-value]
                     for t in (ToshinRow, ToshinPartRow, ToshinCourseRow))


def ingest(db: Engine, *paths: Path) -> list[str]:
    return [r.status for r in ingest_paths(db, list(paths), workers=1, clock=FixedClock())]


def shown(db: Engine, label: str = "答申第57号") -> ConsultationRecord:
    service = AnswerService(db, EngineBuilder(db, None))
    found = [c for c in stored.consultations(db) if c.label == label]
    assert len(found) == 1
    record = service.consultation(found[0].id)
    assert record is not None
    return record


def assert_sakuradai(t: ToshinRecord | None) -> None:
    assert t is not None
    assert (t.number, t.date, t.date_text) == ("答申第57号", "2025-02-14", "令和7年2月14日")
    assert (t.chair, t.addressee, t.members) == ("春日直樹", "さくら台市長", ["高森悠", "三島葉子", "仁科亮"])
    assert t.matter == "「児童扶養手当の現況届の審査記録」の一部開示決定に対する審査請求"
    assert list(t.parts) == ["conclusion", "request", "explanation", "opinion", "reasons"]
    assert t.parts["conclusion"] == "さくら台市長が、「児童扶養手当の現況届の審査記録」を一部開示とした決定は、妥当である。"
    assert t.parts["request"] == REQUEST
    assert t.parts["reasons"].startswith("（１）本件記録について") and t.parts["reasons"].endswith("妥当である。")
    assert t.course == SAKURADAI and not t.course_incomplete


def test_stored_and_read_back(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / FIXTURE.name)
    assert ingest(db, folder) == ["added"]
    assert counts(db) == (1, 5, 6)
    with Session(db) as s:  # each part a span of the stored text, the heading left out
        body = s.execute(text("SELECT text FROM documents")).scalar_one()
        spans = dict(s.execute(select(ToshinPartRow.part, ToshinPartRow.start)).all())  # type: ignore[call-overload]
        ends = dict(s.execute(select(ToshinPartRow.part, ToshinPartRow.end)).all())  # type: ignore[call-overload]
    assert body[spans["request"] : ends["request"]] == REQUEST
    assert body[: spans["request"]].rstrip().endswith("２　審査請求の趣旨")
    assert_sakuradai(shown(db).toshin)
    db.dispose()


def test_reingest_neither_loses_nor_doubles(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / FIXTURE.name
    shutil.copy(FIXTURE, path)
    assert ingest(db, folder) == ["added"]
    before = shown(db)
    assert ingest(db, folder) == ["unchanged"]  # the same file again
    assert counts(db) == (1, 5, 6)
    moved = tmp_path / "moved"
    path.rename(moved.with_suffix(".txt"))  # moved and renamed: the same content, same document
    assert ingest(db, moved.with_suffix(".txt")) == ["unchanged"]
    assert counts(db) == (1, 5, 6)
    assert_sakuradai(shown(db).toshin)
    # corrected at its place: one more row in the table, the conclusion reworded
    changed = FIXTURE.read_text(encoding="utf-8").replace(
        "・審議\n\n－４－", "・審議\n令和６年12月12日\n（第96回第一部会）\n・審議\n\n－４－").replace(
        "を一部開示とした決定は、妥当である。\n\n２", "を一部開示とした決定は、結論において妥当である。\n\n２")
    moved.with_suffix(".txt").write_text(changed, encoding="utf-8")
    assert ingest(db, moved.with_suffix(".txt")) == ["updated"]
    assert counts(db) == (1, 5, 7)
    after = shown(db)
    assert after.id == before.id  # the consultation keeps its ID
    assert after.toshin is not None
    assert after.toshin.course[:6] == SAKURADAI and after.toshin.course[6].date == "2024-12-12"
    assert after.toshin.parts["conclusion"].endswith("結論において妥当である。")
    assert ingest(db, moved.with_suffix(".txt")) == ["unchanged"]
    assert counts(db) == (1, 5, 7)
    db.dispose()


def test_no_structure_stores_none(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    minutes = tmp_path / "aoba.txt"
    shutil.copy(LAYOUTS / "aoba_kaigiroku.txt", minutes)
    assert ingest(db, minutes) == ["added"]
    assert counts(db) == (0, 0, 0)
    service = AnswerService(db, EngineBuilder(db, None))
    records = [service.consultation(c.id) for c in stored.consultations(db)]
    assert records and all(r is not None and r.toshin is None for r in records)  # show finds none either
    assert counts(db) == (0, 0, 0)
    # a 答申 replaced by something without its structure: the old structure goes
    toshin = tmp_path / "toshin.txt"
    shutil.copy(FIXTURE, toshin)
    assert ingest(db, toshin) == ["added"]
    assert counts(db) == (1, 5, 6)
    toshin.write_bytes(minutes.read_bytes() + b"\n")
    assert ingest(db, toshin) == ["updated"]
    assert counts(db) == (0, 0, 0)
    db.dispose()


def test_a_toshin_stored_before_0008_gets_its_structure_when_shown(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine, "0007")
    body = read_document(FIXTURE.read_bytes(), FIXTURE.name)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO documents (id, source, path, sha256, chars, doc_kind, council, session, meeting_date, present, "
            "absent, secretariat, warnings, text, ingested_at) VALUES (1, 'sakuradai.txt', '/in/sakuradai.txt', 'ab', "
            ":n, 'toshin', 'さくら台市情報公開・個人情報保護審査会', '答申第57号', '2025-02-14', '[]', '[]', '[]', "
            "'[]', :body, :t)"), {"n": len(body), "body": body, "t": datetime(2025, 3, 1, tzinfo=UTC)})
        conn.execute(text("INSERT INTO consultations (id, document_id, ordinal, label, title, status, outcome, "
                          "requests, qa, start, \"end\", withdrawn) VALUES (3, 1, 0, '答申第57号', '題', 'decided', "
                          "'妥当', '[]', '[]', 0, 1, false)"))
    migrate(engine)
    assert counts(engine) == (0, 0, 0)
    assert_sakuradai(shown(engine).toshin)
    assert counts(engine) == (1, 5, 6)  # kept
    assert_sakuradai(shown(engine).toshin)  # read from the tables now, nothing added twice
    assert counts(engine) == (1, 5, 6)
    engine.dispose()


@pytest.mark.parametrize("name", ["答申第1235号.txt", "答申第526号.txt"])
def test_real_toshin_round_trip(db_url: str, tmp_path: Path, name: str) -> None:
    real = Path(__file__).resolve().parents[2] / "shared" / "real" / "toshin" / name
    if not real.is_file():
        pytest.skip(f"実在の答申がありません（{real}）")
    db = open_database(db_url)
    ingest(db, real)
    record = shown(db, label=name.removesuffix(".txt"))
    assert record.toshin is not None and record.toshin.number == name.removesuffix(".txt")
    assert record.toshin.course_incomplete == (name == "答申第1235号.txt")  # steps torn from their rows there
    assert len(record.toshin.parts) == 5 and len(record.toshin.course) >= 10
    db.dispose()
