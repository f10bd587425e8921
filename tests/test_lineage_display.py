"""What became of a carried-over item is shown where it is listed; a 答申's record reads "諮問第21号" with no stray
space and no "所管: （記載なし）" line (the demo corpus, and the 藤沢市 答申 of the seeds when present)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.services.answers import AnswerService
from bot.settings import Channels, CouncilConfig, Settings
from bot.storage.db import open_database, sqlite_url
from templates import texts

SEED_TOSHIN = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "002_e330fed36d322f81.txt"


@pytest.fixture
def demo_url(demo_db_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "kb.db"
    shutil.copy(demo_db_template, path)
    return sqlite_url(path)


def run(url: str, *args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"SHINGIKAI_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_consultations_list_shows_the_lineage_and_clean_toshin_records(demo_url: str) -> None:
    out = run(demo_url, "consultations")
    carried = next(block for block in out.split("\n[") if "諮問第21号" in block and "2023-11-16" in block)
    assert "→ 2024-02-08 の答申で結論: 適当" in carried
    toshin = next(block for block in out.split("\n[") if "2024-02-08" in block.split("\n")[0])
    first = toshin.split("\n")[0]
    assert "諮問第21号「" in first and "） 第21号" not in first and not re.search(r"\s（", first)
    assert "所管: （記載なし）" not in out and "（記載なし） ／" not in out


def test_show_shows_the_lineage_on_the_cli_and_in_slack(demo_url: str) -> None:
    config = CouncilConfig(name="みどり野市個人情報保護審議会", municipality="みどり野市",
                           channels=Channels(members="C0MEMBERS1", secretariat="C0SECRET01"))
    answers = AnswerService.open(Settings(database_url=demo_url, config=config, index_cache=False))
    carried = next(c for c in answers.consultations() if c.label == "諮問第21号" and c.meeting_date == "2023-11-16")
    assert "→ 2024-02-08 の答申で結論: 適当" in run(demo_url, "show", str(carried.id))
    record = answers.consultation(carried.id)
    assert record is not None
    assert "→ 2024-02-08 の答申で結論: 適当" in texts.consultation_text(record)
    toshin = next(c for c in answers.consultations() if c.meeting_date == "2024-02-08")
    shown = run(demo_url, "show", str(toshin.id))
    assert shown.startswith("諮問第21号「") and "所管" not in shown
    slack = texts.consultation_text(answers.consultation(toshin.id))  # type: ignore[arg-type]
    assert slack.startswith("*諮問第21号「") and "所管" not in slack


def test_the_fujisawa_toshin_reads_as_a_consultation(tmp_path: Path) -> None:
    if not SEED_TOSHIN.is_file():
        pytest.skip(f"参照コーパスがありません: {SEED_TOSHIN}（../shared/seeds をリポジトリの隣に置いてください）")
    url = sqlite_url(tmp_path / "kb.db")
    open_database(url).dispose()
    CliRunner().invoke(cli, ["ingest", str(SEED_TOSHIN)], env={"SHINGIKAI_DATABASE_URL": url})
    out = run(url, "consultations")
    assert "諮問第1050号「" in out and "） 第1050号" not in out and "所管: （記載なし）" not in out
