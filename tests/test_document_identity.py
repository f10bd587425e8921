"""Nothing lost by ingesting (issue 8, items 4, 5, 6): documents keyed by place and content, IDs kept across a
re-ingest (withdrawn when gone), no length limit a document can hit and one file's failure costs no other;
on SQLite and, with TEST_DATABASE_URL, PostgreSQL. And the migration that brings stored data along.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlmodel import Session
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.clock import FixedClock
from bot.services.ingest import ingest_paths
from bot.storage import conversations
from bot.storage import knowledge as stored
from bot.storage.db import make_engine, migrate, open_database
from bot.storage.documents import DocumentWriter
from bot.storage.identity import Known, match_consultations
from bot.storage.tables import ConsultationRow, Document, PassageRow
from knowledge.evaluate import same_source
from templates import texts
from tests.support.words import said

HEADER = """{session} {city}個人情報保護審議会 会議録（要点記録）

1 日時 {date}
2 場所 {city}役所 本庁舎4階 第2会議室
3 出席委員 {chair}会長、佐藤委員、鈴木委員
4 事務局 総務課 中村課長

5 議題
(1) 諮問に関する審議
"""
ITEMS = {
    "ア": ("図書館システムの更新に伴う電子計算機の結合について（教育部中央図書館）",
           "[委員] 貸出履歴は結合先に送られるのか。\n〔図書館〕 貸出履歴は送信しない。\n審議の結果、諮問のとおり承認することを適当と認めた。"),
    "イ": ("水道料金の口座振替事務の外部委託について（上下水道局）",
           "[委員] 委託先の再委託はあるか。\n〔水道局〕 再委託はしない。\n審議の結果、諮問のとおり承認することを適当と認めた。"),
    "ウ": ("防犯カメラの設置に伴う個人情報の収集について（危機管理課）",
           "[委員] 画像の保存期間は。\n〔危機管理課〕 7日間で上書きする。\n審議の結果、継続審議とした。"),
}


def minutes(city: str, labels: dict[str, str] | None = None, *, session: str = "令和6年度第3回",
            date: str = "令和6年5月10日（木）午後2時00分から午後3時30分まで", chair: str = "山田") -> str:
    """Minutes of ``city`` with the consultations ``labels`` (label -> title; default: ア, イ, ウ)."""
    labels = labels or {k: v[0] for k, v in ITEMS.items()}
    other = "[委員] 質問。\n審議の結果、承認した。"
    body = "".join(f"{label} {title}\n{ITEMS[label][1] if label in ITEMS else other}\n"
                   for label, title in labels.items())
    return HEADER.format(session=session, city=city, date=date, chair=chair) + body


def write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def counts(db: object) -> tuple[int, int, int]:
    with Session(db) as s:  # type: ignore[arg-type]
        return tuple(s.execute(select(func.count()).select_from(t)).scalar_one()  # type: ignore[return-value]
                     for t in (Document, ConsultationRow, PassageRow))


def statuses(results: list) -> dict[str, str]:
    return {r.source: r.status for r in results}


# -- item 4: identity ----------------------------------------------------------------------------------
def test_two_files_with_one_name_in_two_folders_are_two_documents(db_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(data / "2021" / "議事録.txt", minutes("多摩市"))
    write(data / "2022" / "議事録.txt", minutes("吹田市"))
    db = open_database(db_url)
    assert statuses(ingest_paths(db, [data], workers=1)) == {"2021/議事録.txt": "added", "2022/議事録.txt": "added"}
    cities = {(c.source, c.municipality) for c in stored.consultations(db)}
    assert cities == {("2021/議事録.txt", "多摩市"), ("2022/議事録.txt", "吹田市")}
    hits = stored.consultations(db)
    assert len(hits) == 6


def test_the_same_name_ingested_file_by_file_does_not_replace_the_other(db_url: str, tmp_path: Path) -> None:
    """The issue's case: ``ingest 2021/議事録.txt`` then ``ingest 2022/議事録.txt`` said 更新 1 件 and lost 多摩市."""
    first = write(tmp_path / "2021" / "議事録.txt", minutes("多摩市"))
    second = write(tmp_path / "2022" / "議事録.txt", minutes("吹田市"))
    db = open_database(db_url)
    assert statuses(ingest_paths(db, [first], workers=1)) == {"議事録.txt": "added"}
    assert statuses(ingest_paths(db, [second], workers=1)) == {"議事録.txt": "added"}
    assert {c.municipality for c in stored.consultations(db)} == {"多摩市", "吹田市"}
    assert counts(db)[0] == 2


def test_the_same_file_again_moved_or_renamed_is_not_duplicated(db_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    f = write(data / "2021" / "議事録.txt", minutes("多摩市"))
    db = open_database(db_url)
    ingest_paths(db, [data], workers=1)
    before = counts(db)
    ids = [c.id for c in stored.consultations(db)]
    assert statuses(ingest_paths(db, [data], workers=1)) == {"2021/議事録.txt": "unchanged"}
    assert statuses(ingest_paths(db, [f], workers=1)) == {"議事録.txt": "unchanged"}  # the same place, alone
    moved = data / "令和3年度" / "第3回議事録.txt"
    moved.parent.mkdir()
    shutil.move(f, moved)
    assert statuses(ingest_paths(db, [data], workers=1)) == {"令和3年度/第3回議事録.txt": "unchanged"}
    assert counts(db) == before
    assert [c.id for c in stored.consultations(db)] == ids
    assert {c.source for c in stored.consultations(db)} == {"令和3年度/第3回議事録.txt"}  # 出典 follows the file
    copy = write(tmp_path / "elsewhere" / "写し.txt", moved.read_text(encoding="utf-8"))
    assert statuses(ingest_paths(db, [copy], workers=1)) == {"写し.txt": "unchanged"}  # a copy: not stored twice
    assert counts(db) == before


def test_a_changed_file_at_the_same_place_replaces_its_earlier_version(db_url: str, tmp_path: Path) -> None:
    f = write(tmp_path / "data" / "2021" / "議事録.txt", minutes("多摩市"))
    db = open_database(db_url)
    ingest_paths(db, [tmp_path / "data"], workers=1)
    write(f, minutes("多摩市").replace("7日間で上書きする", "14日間で上書きする"))
    assert statuses(ingest_paths(db, [tmp_path / "data"], workers=1)) == {"2021/議事録.txt": "updated"}
    assert counts(db)[0] == 1
    passages = " ".join(p.text for p, _ in stored.iter_passages(db))
    assert "14日間" in passages and "7日間" not in passages


def test_source_names_the_file_by_its_path_in_answers_and_json(tmp_path: Path) -> None:
    from bot.services.answers import AnswerService, EngineBuilder
    from templates.answer import answer_text

    data = tmp_path / "data"
    write(data / "2021" / "議事録.txt", minutes("多摩市"))
    write(data / "2022" / "議事録.txt", minutes("吹田市", {"ア": "学童保育の入所申請のオンライン化について"}))
    db = open_database(f"sqlite:///{tmp_path / 'kb.db'}")
    ingest_paths(db, [data], workers=1)
    answers = AnswerService(db, EngineBuilder(db, None))
    answer = answers.ask("防犯カメラの画像の保存期間は?")
    assert answer.hits and answer.hits[0].source == "2021/議事録.txt"
    assert "2021/議事録.txt" in answer_text(answer)
    runner = CliRunner()
    env = {"SHINGIKAI_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.db'}", "SHINGIKAI_INDEX_CACHE": "off"}
    listed = runner.invoke(cli_app, ["consultations", "--json"], env=env)
    assert listed.exit_code == 0, listed.output
    assert {c["source"] for c in json.loads(listed.stdout)} == {"2021/議事録.txt", "2022/議事録.txt"}


def test_evaluation_sets_naming_a_bare_file_match_a_path() -> None:
    assert same_source("2021/議事録.txt", "議事録.txt")
    assert same_source("議事録.txt", "議事録.txt")
    assert same_source("2021/議事録.txt", "2021/議事録.txt")
    assert not same_source("2021/議事録.txt", "2022/議事録.txt")
    assert not same_source("2021/別の議事録.txt", "議事録.txt")
    assert not same_source("議事録.txt", None)


# -- item 5: IDs across re-ingest ------------------------------------------------------------------------
def test_consultation_ids_survive_a_corrected_file(db_url: str, tmp_path: Path) -> None:
    """The issue's case: a corrected 東村山市 file turned IDs 3-5 into 18-20 and `show 3` found nothing."""
    f = write(tmp_path / "議事録.txt", minutes("東村山市"))
    db = open_database(db_url)
    ingest_paths(db, [f], workers=1)
    before = {c.label[-1]: c.id for c in stored.consultations(db)}
    assert set(before) == {"ア", "イ", "ウ"}
    conversations.remember_thread(db, "C1", "1.1", before["ウ"], now=datetime(2025, 1, 1, tzinfo=UTC))
    corrected = minutes("東村山市", {
        "ア": ITEMS["ア"][0],  # unchanged
        "イ": "水道料金の口座振替事務の外部委託について（上下水道局）",  # unchanged
        "エ": "防犯カメラの設置に伴う個人情報の収集について（危機管理課・訂正）",  # relabelled, title corrected
    })
    write(f, corrected)
    assert statuses(ingest_paths(db, [f], workers=1)) == {"議事録.txt": "updated"}
    after = {c.label[-1]: c.id for c in stored.consultations(db)}
    assert after == {"ア": before["ア"], "イ": before["イ"], "エ": before["ウ"]}  # by title similarity
    assert conversations.thread_consultation(db, "C1", "1.1") == before["ウ"]
    shown = stored.consultation(db, before["ウ"])
    assert shown is not None and not shown.withdrawn and shown.label == "諮問エ"  # the corrected record


def test_a_consultation_gone_from_the_corrected_file_is_withdrawn_and_show_says_so(db_url: str,
                                                                                   tmp_path: Path) -> None:
    f = write(tmp_path / "議事録.txt", minutes("東村山市"))
    db = open_database(db_url)
    ingest_paths(db, [f], workers=1)
    before = {c.label[-1]: c.id for c in stored.consultations(db)}
    write(f, minutes("東村山市", {"ア": ITEMS["ア"][0], "イ": ITEMS["イ"][0]}))
    ingest_paths(db, [f], workers=1)
    assert {c.label[-1]: c.id for c in stored.consultations(db)} == {"ア": before["ア"], "イ": before["イ"]}
    gone = stored.consultation(db, before["ウ"])
    assert gone is not None and gone.withdrawn
    assert before["ウ"] not in {c.id for c in stored.consultations(db, status="pending")}
    notice = "この諮問は、取り込み直した議事録に見当たらないため取り下げ扱いです"
    assert notice in texts.consultation_text(gone)  # /shingikai show
    if db_url.startswith("sqlite"):
        env = {"SHINGIKAI_DATABASE_URL": db_url, "SHINGIKAI_INDEX_CACHE": "off"}
        shown = CliRunner().invoke(cli_app, ["show", str(before["ウ"])], env=env)
        assert shown.exit_code == 0 and notice in shown.stdout
        kept = CliRunner().invoke(cli_app, ["show", str(before["ア"])], env=env)
        assert kept.exit_code == 0 and notice not in kept.stdout
    write(f, minutes("東村山市"))  # back in a later version: current again, same ID
    ingest_paths(db, [f], workers=1)
    back = stored.consultation(db, before["ウ"])
    assert back is not None and not back.withdrawn


def test_matching_order_label_and_title_then_label_then_title() -> None:
    old = [Known(1, "ア", "図書館システムの結合"), Known(2, "イ", "水道の委託"), Known(3, "ウ", "防犯カメラの設置")]
    assert match_consultations(old, [("イ", "水道の委託"), ("ア", "図書館システムの結合")]) == {0: 2, 1: 1}
    assert match_consultations(old, [("ア", "まったく別の件名")]) == {0: 1}  # label alone
    assert match_consultations(old, [("エ", "防犯カメラの設置（訂正）"), ("オ", "新しい諮問")]) == {0: 3}
    assert match_consultations([], [("ア", "x")]) == {}


# -- item 6: no length limit, one file's failure is its own --------------------------------------------
LONG_DATE = "令和6年5月10日（木）午後2時00分から午後3時30分まで（途中休憩を挟み、委員の都合により開始時刻を繰り下げ、再開後は議題の順序を入れ替えて審議した。）"


def test_a_107_character_date_and_a_300_character_chair_are_stored(db_url: str, tmp_path: Path) -> None:
    date = LONG_DATE[:-1] + "なお" * ((107 - len(LONG_DATE)) // 2) + "。）"
    date = date if len(date) == 107 else date + "。"
    assert len(date) == 107
    chair = "長" * 300
    folder = tmp_path / "in"
    write(folder / "odd.txt", minutes("多摩市", date=date, chair=chair, session="第" + "七十四" * 40 + "回"))
    for i in range(5):
        write(folder / f"seed{i}.txt", minutes(f"市{i}"))
    db = open_database(db_url)
    results = statuses(ingest_paths(db, [folder], workers=1))
    assert set(results.values()) == {"added"}, results
    with Session(db) as s:
        row = s.execute(select(Document.date_text, Document.chair).where(Document.source == "odd.txt")).one()
    assert (len(row[0]), len(row[1])) == (107, 300)
    assert counts(db)[0] == 6


def test_one_file_that_cannot_be_stored_is_named_and_costs_no_other(db_url: str, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    for i in range(4):
        write(folder / f"m{i}.txt", minutes(f"市{i}"))
    original = DocumentWriter._write

    def failing(self: DocumentWriter, session: Session, path: Path, *args: object) -> str:
        result = original(self, session, path, *args)  # type: ignore[arg-type]
        if path.name == "m2.txt":  # fails after its rows were written: they must be rolled back
            session.execute(text("SELECT * FROM no_such_table"))
        return result

    monkeypatch.setattr(DocumentWriter, "_write", failing)
    db = open_database(db_url)
    results = {r.source: r for r in ingest_paths(db, [folder], workers=1)}
    assert {n: r.status for n, r in results.items()} == {"m0.txt": "added", "m1.txt": "added",
                                                         "m2.txt": "skipped", "m3.txt": "added"}
    assert "保存できませんでした" in said(results["m2.txt"])
    assert counts(db)[0] == 3
    assert {c.council for c in stored.consultations(db)} == {f"市{i}個人情報保護審議会" for i in (0, 1, 3)}
    monkeypatch.setattr(DocumentWriter, "_write", original)
    assert statuses(ingest_paths(db, [folder], workers=1))["m2.txt"] == "added"  # a later run stores it


# -- the migration ---------------------------------------------------------------------------------------
def test_0003_keeps_every_stored_row(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine, "0002")
    when = datetime(2025, 1, 20, 1, 0, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO documents (id, source, path, sha256, chars, doc_kind, council, date_text, chair, present, "
            "absent, secretariat, warnings, text, ingested_at) VALUES (1, '議事録.txt', 'in/議事録.txt', 'ab', 3, "
            "'minutes', '多摩市個人情報保護審議会', '令和3年5月10日', '山田', '[]', '[]', '[]', '[]', '本文', :t)"),
            {"t": when})
        conn.execute(text("INSERT INTO consultations (id, document_id, ordinal, label, title, status, outcome, "
                          "requests, qa, start, \"end\") VALUES (7, 1, 0, 'ア', '題', 'pending', '継続審議', '[]', "
                          "'[]', 0, 1)"))
        conn.execute(text("INSERT INTO passages (document_id, consultation_id, kind, text, start, \"end\", terms) "
                          "VALUES (1, 7, 'title', '題', 0, 1, '題')"))
        conn.execute(text("INSERT INTO thread_contexts (channel, thread_ts, consultation_id, updated_at) "
                          "VALUES ('C1', '1.1', 7, :t)"), {"t": when})
    migrate(engine)
    assert counts(engine) == (1, 1, 1)
    [c] = stored.consultations(engine)
    assert (c.id, c.source, c.withdrawn, c.status) == (7, "議事録.txt", False, "pending")
    assert conversations.thread_consultation(engine, "C1", "1.1") == 7
    with engine.begin() as conn:  # the new limits: none on free text; one document per place
        conn.execute(text("UPDATE documents SET date_text = :d"), {"d": "日" * 500})
    writer = DocumentWriter(engine, FixedClock())
    assert writer is not None
    engine.dispose()
