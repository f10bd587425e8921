"""The persisted index: written after a build, reused on restart, rebuilt when the corpus or the cache changes;
passage texts read on demand answer exactly like texts held in memory."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from bot.clock import FixedClock
from bot.services.answers import AnswerService, EngineBuilder, index_cache_folder
from bot.services.ingest import ingest_paths
from bot.settings import Settings, load_settings
from bot.storage import knowledge as stored
from bot.storage.db import make_engine, open_database
from knowledge import index_cache
from knowledge.engine import Engine
from knowledge.texts import LazyTexts
from templates.answer import answer_text
from tests.conftest import SEEDS_DIR
from tests.test_ingest import MINUTES

pytestmark = pytest.mark.slow

QUESTIONS = ["図書館システムの結合先に貸出履歴は送られるか", "保守作業で個人情報の持ち出しはあるか",
             "継続審議になっている案件は?", "諮問第1号の結果は?"]


def _corpus(folder: Path, seeds: Path, n: int = 6) -> Path:
    folder.mkdir()
    for f in sorted(seeds.glob("*.txt"))[:n]:
        shutil.copy(f, folder / f.name)
    (folder / "sakura.txt").write_text(MINUTES.format(month=5, media="USBメモリ"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus ingested (and tokenised) once for the module; each test gets a copy of the database."""
    if not SEEDS_DIR.is_dir() or not any(SEEDS_DIR.glob("*.txt")):
        pytest.skip(f"参照コーパスがありません: {SEEDS_DIR}（../shared/seeds をリポジトリの隣に置いてください）")
    base = tmp_path_factory.mktemp("ingested")
    files = _corpus(base / "in", SEEDS_DIR)
    db = open_database(f"sqlite:///{base / 'kb.db'}")
    ingest_paths(db, [files], workers=1, clock=FixedClock())
    db.dispose()
    return base


@pytest.fixture
def db_and_files(tmp_path: Path, ingested: Path) -> tuple[str, Path]:
    shutil.copy(ingested / "kb.db", tmp_path / "kb.db")
    shutil.copytree(ingested / "in", tmp_path / "in")
    with sqlite3.connect(tmp_path / "kb.db") as conn:  # the copy's documents are the copied files (their place)
        conn.execute("UPDATE documents SET path = replace(path, ?, ?)",
                     (str((ingested / "in").resolve()), str((tmp_path / "in").resolve())))
    return f"sqlite:///{tmp_path / 'kb.db'}", tmp_path / "in"


def _folder(url: str) -> Path:
    return Path(url.split(":///", 1)[1] + ".index")


def _answers(engine: Engine, questions: list[str]) -> list[object]:
    return [engine.ask(q) for q in questions]


def _seed_questions() -> list[str]:
    path = Path(__file__).resolve().parents[1] / "eval" / "seed_paraphrase.jsonl"
    return QUESTIONS + [json.loads(line)["q"] for line in path.read_text("utf-8").splitlines() if line][:15]


def test_cache_is_written_then_reused_without_rebuilding(db_and_files: tuple[str, Path]) -> None:
    url, _ = db_and_files
    db = open_database(url)
    folder = _folder(url)
    builder = EngineBuilder(db, folder)
    first = builder.build()
    assert (builder.builds, builder.loads) == (1, 0)
    assert (folder / "manifest.json").is_file()
    restarted = EngineBuilder(db, folder)
    second = restarted.build()  # a restart: loaded, not built
    assert (restarted.builds, restarted.loads) == (0, 1)
    assert isinstance(second.corpus.index.words.docs, np.memmap)
    qs = _seed_questions()
    assert _answers(second, qs) == _answers(first, qs)


def test_reingest_of_a_changed_file_invalidates_the_cache(db_and_files: tuple[str, Path]) -> None:
    url, files = db_and_files
    db = open_database(url)
    builder = EngineBuilder(db, _folder(url))
    builder.build()
    old = builder.build().ask(QUESTIONS[1])
    assert "USBメモリ" in answer_text(old)
    (files / "sakura.txt").write_text(MINUTES.format(month=5, media="外付けディスク"), encoding="utf-8")
    clock = FixedClock()
    clock.advance(timedelta(hours=1))
    [result] = [r for r in ingest_paths(db, [files], workers=1, clock=clock) if r.source == "sakura.txt"]
    assert result.status == "updated"
    before = builder.builds
    engine = builder.build()
    assert builder.builds == before + 1
    assert "外付けディスク" in answer_text(engine.ask(QUESTIONS[1]))
    builder.build()  # and the rewritten cache is reused
    assert builder.builds == before + 1


@pytest.mark.parametrize("damage", ["flip", "truncate", "manifest", "garbage-manifest"])
def test_a_damaged_cache_is_ignored_and_rebuilt(db_and_files: tuple[str, Path], damage: str) -> None:
    url, _ = db_and_files
    db = open_database(url)
    folder = _folder(url)
    builder = EngineBuilder(db, folder)
    expected = _answers(builder.build(), QUESTIONS)
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
    assert index_cache.load(folder, stored.corpus_stamp(db)) is None
    before = builder.builds
    engine = builder.build()
    assert builder.builds == before + 1
    assert _answers(engine, QUESTIONS) == expected
    assert index_cache.load(folder, stored.corpus_stamp(db)) is not None  # rewritten soundly


def test_lazy_texts_answer_like_texts_in_memory(db_and_files: tuple[str, Path]) -> None:
    url, _ = db_and_files
    db = open_database(url)
    lazy = EngineBuilder(db, None).build()
    assert isinstance(lazy.corpus.texts, LazyTexts)
    plain = Engine(stored.consultations(db, with_qa=False), stored.iter_passages(db))
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


def test_cache_off_and_placement(tmp_path: Path) -> None:
    env = {"SHINGIKAI_DATABASE_URL": f"sqlite:///{tmp_path}/kb.db", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    on = Settings.from_env(env)
    assert on.index_cache and on.cache_home == tmp_path / "cache"
    db = open_database(on.database_url)
    assert index_cache_folder(db, on) == tmp_path / "kb.db.index"
    assert index_cache_folder(make_engine("sqlite://"), on) is None
    remote = make_engine("postgresql://u:secret@host/db")  # not connected: only the URL is read
    folder = index_cache_folder(remote, on)
    assert folder is not None and folder.parent == tmp_path / "cache" / "shingikai" and "secret" not in str(folder)
    off = Settings.from_env({**env, "SHINGIKAI_INDEX_CACHE": "off"})
    assert index_cache_folder(db, off) is None
    EngineBuilder(db, index_cache_folder(db, off)).build()
    assert not (tmp_path / "kb.db.index").exists()


def test_service_restart_uses_the_cache(db_and_files: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    url, _ = db_and_files
    monkeypatch.setenv("SHINGIKAI_DATABASE_URL", url)
    settings = load_settings()
    first = AnswerService.open(settings)
    answer = first.ask(QUESTIONS[0])
    assert (first.builder.builds, first.builder.loads) == (1, 0)
    again = AnswerService.open(settings)  # a restart
    assert again.ask(QUESTIONS[0]) == answer
    assert (again.builder.builds, again.builder.loads) == (0, 1)
    again.ask(QUESTIONS[1])  # the corpus did not change: no rebuild
    assert (again.builder.builds, again.builder.loads) == (0, 1)
