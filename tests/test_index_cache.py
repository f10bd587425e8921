"""The persisted index: written after a build, reused on restart, rebuilt when the corpus or the cache changes;
passage texts read on demand answer exactly like texts held in memory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot import repository, service
from bot.ingest import ingest_paths
from bot.settings import load_settings
from bot.storage import open_database
from knowledge import index_cache
from knowledge.engine import Engine
from knowledge.texts import LazyTexts
from templates.answer import answer_text
from tests.test_ingest import MINUTES

QUESTIONS = ["図書館システムの結合先に貸出履歴は送られるか", "保守作業で個人情報の持ち出しはあるか",
             "継続審議になっている案件は?", "諮問第1号の結果は?"]


def _corpus(folder: Path, seeds: Path, n: int = 6) -> Path:
    folder.mkdir()
    for f in sorted(seeds.glob("*.txt"))[:n]:
        shutil.copy(f, folder / f.name)
    (folder / "sakura.txt").write_text(MINUTES.format(month=5, media="USBメモリ"), encoding="utf-8")
    return folder


@pytest.fixture
def db_and_files(tmp_path: Path, seeds_dir: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    files = _corpus(tmp_path / "in", seeds_dir)
    ingest_paths(open_database(url), [files], workers=1)
    return url, files


def _answers(engine: Engine, questions: list[str]) -> list[object]:
    return [engine.ask(q) for q in questions]


def _seed_questions() -> list[str]:
    path = Path(__file__).resolve().parents[1] / "eval" / "seed_paraphrase.jsonl"
    return QUESTIONS + [json.loads(line)["q"] for line in path.read_text("utf-8").splitlines() if line][:15]


def test_cache_is_written_then_reused_without_rebuilding(db_and_files: tuple[str, Path]) -> None:
    url, _ = db_and_files
    db = open_database(url)
    folder = Path(url.split(":///", 1)[1] + ".index")
    before = service.builds
    first = service.build_engine(db)
    assert service.builds == before + 1
    assert (folder / "manifest.json").is_file()
    second = service.build_engine(db)  # a restart: loaded, not built
    assert service.builds == before + 1
    assert isinstance(second.corpus.index.words.docs, np.memmap)
    qs = _seed_questions()
    assert _answers(second, qs) == _answers(first, qs)


def test_reingest_of_a_changed_file_invalidates_the_cache(db_and_files: tuple[str, Path]) -> None:
    url, files = db_and_files
    db = open_database(url)
    service.build_engine(db)
    old = service.build_engine(db).ask(QUESTIONS[1])
    assert "USBメモリ" in answer_text(old)
    (files / "sakura.txt").write_text(MINUTES.format(month=5, media="外付けディスク"), encoding="utf-8")
    [result] = [r for r in ingest_paths(db, [files], workers=1) if r.source == "sakura.txt"]
    assert result.status == "updated"
    before = service.builds
    engine = service.build_engine(db)
    assert service.builds == before + 1
    assert "外付けディスク" in answer_text(engine.ask(QUESTIONS[1]))
    service.build_engine(db)  # and the rewritten cache is reused
    assert service.builds == before + 1


@pytest.mark.parametrize("damage", ["flip", "truncate", "manifest", "garbage-manifest"])
def test_a_damaged_cache_is_ignored_and_rebuilt(db_and_files: tuple[str, Path], damage: str) -> None:
    url, _ = db_and_files
    db = open_database(url)
    expected = _answers(service.build_engine(db), QUESTIONS)
    folder = Path(url.split(":///", 1)[1] + ".index")
    target = folder / "words_docs.npy"
    if damage == "flip":
        data = bytearray(target.read_bytes())
        data[-3] ^= 0xFF
        target.write_bytes(bytes(data))
    elif damage == "truncate":
        target.write_bytes(target.read_bytes()[:-8])
    elif damage == "manifest":
        (folder / "manifest.json").unlink()
    else:
        (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    assert index_cache.load(folder, repository.passage_stamp(db)) is None
    before = service.builds
    engine = service.build_engine(db)
    assert service.builds == before + 1
    assert _answers(engine, QUESTIONS) == expected
    assert index_cache.load(folder, repository.passage_stamp(db)) is not None  # rewritten soundly


def test_lazy_texts_answer_like_texts_in_memory(db_and_files: tuple[str, Path]) -> None:
    url, _ = db_and_files
    db = open_database(url)
    lazy = service.build_engine(db, cache=False)
    assert isinstance(lazy.corpus.texts, LazyTexts)
    plain = Engine(repository.consultations(db, with_qa=False), repository.iter_passages(db))
    assert isinstance(plain.corpus.texts, list)
    qs = _seed_questions()
    assert _answers(lazy, qs) == _answers(plain, qs)
    assert lazy.corpus.texts[:] == plain.corpus.texts
    assert lazy.corpus.texts.fetches > 0


def test_lazy_texts_cache_and_missing_passages() -> None:
    store = {10: "a", 11: "b", 12: "c"}
    calls: list[list[int]] = []

    def fetch(ids: list[int]) -> dict[int, str]:
        calls.append(ids)
        return {i: store[i] for i in ids if i in store}

    texts = LazyTexts(np.array([10, 11, 12, 13]), fetch, cache_size=2)
    assert len(texts) == 4
    assert texts[0] == "a" and texts[0] == "a" and len(calls) == 1  # the second read is cached
    assert texts[-1] == ""  # a passage deleted since the index was built
    assert texts[1:3] == ["b", "c"]
    texts.prefetch([1, 2])
    n = len(calls)
    assert texts[1] == "b" and texts[2] == "c" and len(calls) == n
    with pytest.raises(IndexError):
        texts[4]


def test_cache_off_and_placement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert index_cache.cache_dir(f"sqlite:///{tmp_path}/kb.db", tmp_path) == tmp_path / "kb.db.index"
    assert index_cache.cache_dir("sqlite://", tmp_path) is None
    assert index_cache.cache_dir("sqlite:///:memory:", tmp_path) is None
    pg = index_cache.cache_dir("postgresql+psycopg://u:***@host/db", base=tmp_path)
    assert pg is not None and pg.parent == tmp_path / "shingikai"
    db = open_database(f"sqlite:///{tmp_path}/kb.db")
    monkeypatch.setenv("SHINGIKAI_INDEX_CACHE", "off")
    assert service.index_cache_dir(db) is None
    service.build_engine(db)
    assert not (tmp_path / "kb.db.index").exists()


def test_service_restart_uses_the_cache(db_and_files: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    url, _ = db_and_files
    monkeypatch.setenv("SHINGIKAI_DATABASE_URL", url)
    settings = load_settings()
    first = service.Service(settings).ask(QUESTIONS[0])
    before = service.builds
    again = service.Service(settings).ask(QUESTIONS[0])  # a restart
    assert service.builds == before
    assert again == first
