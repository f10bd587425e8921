"""The CLI over the five seeds: 17 consultations, exactly 吹田市 案件(2) and 案件(3) pending."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

pytestmark = pytest.mark.slow

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
EXPECTED = {"市川市": 2, "東村山市": 3, "藤沢市": 1, "多摩市": 8, "吹田市": 3}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"参照コーパス {SEEDS} がありません（リポジトリの隣に shared/ を置くと実行されます）")
    env = {"SHINGIKAI_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('db') / 'kb.db'}"}
    result = CliRunner().invoke(app, ["ingest", str(SEEDS)], env=env)
    assert result.exit_code == 0, result.output
    return env


def test_consultations_json_lists_the_17(seeded: dict[str, str]) -> None:
    result = CliRunner().invoke(app, ["consultations", "--json"], env=seeded)
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 17
    per_city: dict[str, int] = {}
    for item in items:
        for key in ("id", "source", "label", "title", "department", "kind", "status", "outcome", "meeting_date"):
            assert key in item
        assert item["status"] in ("pending", "decided", "unknown")
        assert bool(item["outcome"]) == (item["status"] != "unknown"), item  # 市川市 ア・イ record no outcome
        assert item["meeting_date"] and len(item["meeting_date"]) == 10
        per_city[item["municipality"]] = per_city.get(item["municipality"], 0) + 1
    assert per_city == EXPECTED
    tama = [i["label"] for i in items if i["municipality"] == "多摩市"]
    assert [label[-1] for label in tama] == list("アイウエオカキク")


def test_pending_is_exactly_suita_2_and_3(seeded: dict[str, str]) -> None:
    result = CliRunner().invoke(app, ["pending", "--json"], env=seeded)
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    pending = [i for i in items if i["status"] == "pending"]
    assert [(i["municipality"], i["label"]) for i in pending] == [("吹田市", "案件(2)"), ("吹田市", "案件(3)")]
    assert all(i["reason"] for i in pending)
    unknown = [i for i in items if i["status"] == "unknown"]  # no conclusion recorded: listed for checking
    assert [(i["municipality"], i["label"]) for i in unknown] == [("市川市", "諮問事項ア"), ("市川市", "諮問事項イ")]
    assert len(items) == 4


def test_reingest_of_seeds_changes_nothing(seeded: dict[str, str]) -> None:
    before = CliRunner().invoke(app, ["consultations", "--json"], env=seeded).stdout
    again = CliRunner().invoke(app, ["ingest", str(SEEDS)], env=seeded)
    assert again.exit_code == 0
    assert "変更なし 5 件" in again.output
    assert CliRunner().invoke(app, ["consultations", "--json"], env=seeded).stdout == before


def test_show_prints_qa_in_japanese(seeded: dict[str, str]) -> None:
    items = json.loads(CliRunner().invoke(app, ["consultations", "--json"], env=seeded).stdout)
    with_qa = next(i for i in items if i["qa"] > 0)
    result = CliRunner().invoke(app, ["show", str(with_qa["id"])], env=seeded)
    assert result.exit_code == 0
    assert with_qa["title"] in result.stdout and "質疑" in result.stdout and "Q1" in result.stdout
    missing = CliRunner().invoke(app, ["show", "99999"], env=seeded)
    assert missing.exit_code == 1 and "見つかりません" in missing.output
