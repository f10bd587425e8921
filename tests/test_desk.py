"""The desk over the database: drafts and precedents through the service and the ``shingikai draft`` /
``similar`` commands, over the seeds (skipped when ../shared/seeds is absent) and the demo corpus."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import typer
from typer.testing import CliRunner

from bot.cli import desk as desk_cli
from bot.clock import FixedClock
from bot.services.desk import DeskService
from bot.services.ingest import ingest_paths
from bot.settings import Settings
from bot.storage import knowledge as stored
from bot.storage.db import open_database, sqlite_url
from knowledge.draft_rules import faithful
from knowledge.drafts import HEADINGS, Draft, base_outcome, latest_record
from knowledge.model import ConsultationRecord
from knowledge.structure_outcome import classify
from tests.conftest import DEMO_CORPUS, SEEDS_DIR
from tests.support.desk import desk_settings

runner = CliRunner()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """The seeds and the demo corpus ingested once for the module."""
    if not SEEDS_DIR.is_dir() or not any(SEEDS_DIR.glob("*.txt")):
        pytest.skip(f"参照コーパスがありません: {SEEDS_DIR}（../shared/seeds をリポジトリの隣に置いてください）")
    path = tmp_path_factory.mktemp("desk") / "kb.db"
    db = open_database(sqlite_url(path))
    ingest_paths(db, [SEEDS_DIR, DEMO_CORPUS], workers=1, clock=FixedClock())
    db.dispose()
    yield desk_settings(sqlite_url(path))


@pytest.fixture(scope="module")
def desk(seeded: Settings) -> DeskService:
    return DeskService.open(seeded, clock=FixedClock())


def cli(settings: Settings) -> typer.Typer:
    app = typer.Typer()
    desk_cli.register(app, settings_factory=lambda: settings, clock_factory=FixedClock)
    return app


def find(desk: DeskService, prefix: str, label: str) -> ConsultationRecord:
    return next(c for c in stored.consultations(desk.db) if c.source.startswith(prefix) and c.label == label)


def sentences(draft: Draft, key: str) -> list[str]:
    section = draft.section(key)
    return [s.text for s in section.sentences] if section else []


def test_every_decided_seed_draft_states_the_recorded_conclusion(desk: DeskService) -> None:
    records = stored.consultations(desk.db)
    decided = [c for c in records if c.source[3:4] == "_" and latest_record(c, records)[-1].status == "decided"]
    assert len(decided) >= 13  # 17 seed items: 2 pending (吹田市), 2 with no recorded conclusion (市川市 ア, イ)
    for c in decided:
        built = desk.build(c.id)
        assert built is not None
        conclusion = sentences(built.draft, "conclusion")
        assert conclusion, f"{c.source} {c.label}: no conclusion"
        found = [classify(s) for s in conclusion]
        assert any(f is not None and f[1] == base_outcome(c.outcome) for f in found), (c.label, c.outcome, conclusion)
        assert built.draft.section("open_points") is None
        assert all(p.source != c.source for p in built.precedents)


def test_every_sentence_is_cited_to_the_stored_passage(desk: DeskService) -> None:
    records = stored.consultations(desk.db)
    for c in records[:: 3]:
        built = desk.build(c.id)
        assert built is not None
        cited = {x.passage_id: x.quote for s in built.draft.sections for t in s.sentences for x in t.citations}
        texts = stored.passage_texts(desk.db, list(cited))
        assert cited and texts == cited  # quotes are the stored passages' texts
        for section in built.draft.sections:
            for s in section.sentences:
                assert s.citations and any(faithful(s.text, x.quote) for x in s.citations), s.text
                assert s.text in built.draft.text


def test_draft_command_carries_the_members_concrete_requests(seeded: Settings, desk: DeskService) -> None:
    c = find(desk, "001_", "諮問第10号")  # 東村山市: USB made unusable, documents returned to the city
    result = runner.invoke(cli(seeded), ["draft", str(c.id)])
    assert result.exit_code == 0, result.output
    text = result.output
    requests = text.split(HEADINGS["requests"], 1)[1].split(HEADINGS["precedents"], 1)[0]
    assert "USBメモリ等の使用ができない" in requests and "パソコンの構造上" in requests
    assert "書類は市に返還" in requests
    assert "「可」とする" in text.split(HEADINGS["conclusion"], 1)[1]
    assert "〔出典: 001_" in text


def test_pending_suita_drafts_list_their_open_points(desk: DeskService) -> None:
    second = desk.build(find(desk, "004_", "案件(2)").id)
    assert second is not None
    points = "".join(sentences(second.draft, "open_points"))
    assert "要配慮個人情報を取扱う必要性" in points and "追加資料" in points
    assert second.draft.section("conclusion") is None and "結論に至っていない" in second.draft.text
    third = desk.build(find(desk, "004_", "案件(3)").id)
    assert third is not None
    assert "予定時間超過のため、次回審議となった" in "".join(sentences(third.draft, "open_points"))


def test_draft_json_has_the_agreed_shape(seeded: Settings, desk: DeskService) -> None:
    c = find(desk, "2023-05", "諮問事項イ")
    result = runner.invoke(cli(seeded), ["draft", str(c.id), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"text", "sections"} and data["text"].startswith("答申（案）")
    assert [s["heading"] for s in data["sections"]][:2] == [HEADINGS["subject"], HEADINGS["conclusion"]]
    quotes = {}
    for section in data["sections"]:
        assert set(section) == {"heading", "sentences"}
        for s in section["sentences"]:
            assert set(s) == {"text", "citations"} and s["citations"]
            for cite in s["citations"]:
                assert set(cite) == {"source", "meeting_date", "passage_id", "quote"}
                quotes[cite["passage_id"]] = cite["quote"]
    assert stored.passage_texts(desk.db, list(quotes)) == quotes
    assert any(s["text"] for sec in data["sections"] if sec["heading"] == HEADINGS["precedents"]
               for s in sec["sentences"])


def test_similar_command_json_and_text(seeded: Settings, desk: DeskService) -> None:
    c = find(desk, "001_", "諮問第10号")
    result = runner.invoke(cli(seeded), ["similar", str(c.id), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert len(found) == 5
    assert all(set(p) == {"id", "source", "label", "title", "kind", "status", "outcome", "score", "why"} for p in found)
    assert all(p["source"] != c.source for p in found)
    assert "外部委託" in (found[0]["kind"] or "") and "同じ種類: 外部委託" in found[0]["why"]
    text = runner.invoke(cli(seeded), ["similar", str(c.id), "--limit", "2"]).output
    assert text.count("似ている点:") == 2 and "委員の主な意見:" in text
    assert f"[ID {found[0]['id']}]" in text and "同じ種類: 外部委託" in text


@pytest.mark.parametrize(("arg", "reason"), [
    ("abc", "`abc` は諮問の ID として読めません"),
    ("0", "`0` は諮問の ID として読めません"),
    ("99999", "ID 99999 の諮問は見つかりません"),
])
@pytest.mark.parametrize("command", ["draft", "similar"])
def test_a_bad_or_unknown_id_exits_2_with_the_reason(seeded: Settings, command: str, arg: str, reason: str) -> None:
    result = runner.invoke(cli(seeded), [command, arg])
    assert result.exit_code == 2
    assert "".join(reason.split()) in "".join(result.output.split())  # the error console wraps long lines


def test_full_width_id_is_read(seeded: Settings, desk: DeskService) -> None:
    c = find(desk, "004_", "案件(2)")
    full = str(c.id).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    result = runner.invoke(cli(seeded), ["draft", full])
    assert result.exit_code == 0 and "結論に至っていない" in result.output



def test_show_command_displays_the_approved_draft(seeded: Settings, tmp_path_factory: pytest.TempPathFactory) -> None:
    """``shingikai show ID`` (the real command, app.yaml's members): a draft awaiting review, then the approved
    text with who approved it and when."""
    from bot.cli import build_app

    path = tmp_path_factory.mktemp("show") / "kb.db"
    shutil.copy(seeded.database_url.removeprefix("sqlite:///"), path)
    env = {"SHINGIKAI_DATABASE_URL": sqlite_url(path), "SHINGIKAI_INDEX_CACHE": "off"}
    settings = Settings.from_env(env)  # app.yaml: U0MIDORI90 is 事務局, U0MIDORI03 a 委員
    desk = DeskService.open(settings, clock=FixedClock(datetime(2025, 1, 20, 1, 0, tzinfo=UTC)))
    c = find(desk, "004_", "案件(1)")
    draft = desk.create(c.id, "U0MIDORI90")
    assert draft is not None and draft.text.startswith("答申（案）")
    waiting = runner.invoke(build_app(), ["show", str(c.id)], env=env)
    assert waiting.exit_code == 0 and "答申（案）は事務局の確認待ちです（2025-01-20（月）10:00 作成）" in waiting.output
    assert desk.approve(draft.id, "U0MIDORI03").outcome == "forbidden"  # a 委員
    assert desk.approve(draft.id, "U0MIDORI90").outcome == "done"
    assert desk.approve(draft.id, "U0MIDORI90").outcome == "already"
    shown = runner.invoke(build_app(), ["show", str(c.id)], env=env)
    assert "答申（承認済み: 総務課 佐野・2025-01-20（月）10:00）" in shown.output
    assert draft.text in shown.output
