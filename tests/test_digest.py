"""The daily digest: what it says (open items with days open and what they wait for, unrecorded outcomes,
meetings, new documents), when it is posted (working days, once per day across restarts and two processes,
SQLite and PostgreSQL), and ``shingikai digest [--dry-run] [--json]``."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from sqlalchemy import text
from typer.testing import CliRunner

from bot.cli import desk as desk_cli
from bot.clock import FixedClock
from bot.notify import SlackDigestPoster
from bot.services.digest import DIGEST, Awaited, DigestService, MeetingDigestItem, waits_for
from bot.services.ingest import ingest_paths
from bot.settings import Settings
from bot.storage import knowledge as stored
from bot.storage.db import open_database, sqlite_url
from bot.storage.ledger import Ledger
from tests.conftest import DEMO_CORPUS, SEEDS_DIR
from tests.support.desk import MEMBERS_CHANNEL, SECRETARIAT_CHANNEL, desk_settings
from tests.support.slack_stub import BOT_TOKEN, SlackStub, fast_client

MONDAY = datetime(2025, 1, 27, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo
runner = CliRunner()


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS_DIR.is_dir() or not any(SEEDS_DIR.glob("*.txt")):
        pytest.skip(f"参照コーパスがありません: {SEEDS_DIR}（../shared/seeds をリポジトリの隣に置いてください）")
    path = tmp_path_factory.mktemp("digest") / "kb.db"
    db = open_database(sqlite_url(path))
    ingest_paths(db, [SEEDS_DIR, DEMO_CORPUS], workers=1, clock=FixedClock())  # ingested 2025-01-20
    db.dispose()
    return path


@pytest.fixture
def seeded(seeded_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "kb.db"
    shutil.copy(seeded_template, target)
    return sqlite_url(target)


@pytest.fixture(scope="module")
def stub() -> Iterator[SlackStub]:
    s = SlackStub().start()
    yield s
    s.stop()


@pytest.fixture
def slack(stub: SlackStub) -> SlackStub:
    stub.reset()
    return stub


def service(url: str, clock: FixedClock, *, stub: SlackStub | None = None, meetings: object = None,
            **digest: object) -> DigestService:
    settings = desk_settings(url, api_url=stub.api_url if stub else None, token=BOT_TOKEN, **digest)
    poster = SlackDigestPoster(fast_client(settings)) if stub else None
    return DigestService(open_database(url), settings, clock, poster=poster, meetings=meetings)  # type: ignore[arg-type]


def digest_text_of(svc: DigestService, now: datetime) -> str:
    from templates.digest import digest_text

    return digest_text(svc.data(now))


# -- what it says ----------------------------------------------------------------------------------------------
def test_dry_run_lists_both_pending_suita_items_with_days_open_and_what_they_wait_for(seeded: str) -> None:
    clock = FixedClock(MONDAY)
    settings = desk_settings(seeded)
    app = typer.Typer()
    desk_cli.register(app, settings_factory=lambda: settings, clock_factory=lambda: clock)
    result = runner.invoke(app, ["digest", "--dry-run"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("*みどり野市個人情報保護審議会 ダイジェスト*（2025年1月27日（月））")
    lines = out.splitlines()
    second = next(i for i, line in enumerate(lines) if "吹田市 案件(2)" in line)
    third = next(i for i, line in enumerate(lines) if "吹田市 案件(3)" in line)
    assert "再審議、1102日経過（2022-01-21 の会議から）" in lines[second]
    assert "待っているもの: 要配慮個人情報を取扱う必要性" in lines[second + 1] and "等についての追加資料" in lines[second + 1]
    assert "次回審議、1102日経過" in lines[third] and "予定時間超過" in lines[third + 1]
    midorino = next(line for line in lines if "みどり野市 案件(2)" in line)
    assert "継続審議、4日経過（2025-01-23 の会議から）" in midorino
    assert "待っているもの: 責任分界を示す資料" in lines[lines.index(midorino) + 1]
    assert lines[lines.index(midorino) + 1].endswith("データ消去手順書の提出")
    assert "諮問第21号" not in out  # carried over in 2023-11, settled by the 答申 of 2024-02
    assert second < third and lines.index(midorino) > third  # longest open first
    assert "新しく取り込んだ資料" not in out  # everything was ingested a week before


def test_what_an_item_waits_for_comes_from_the_record(seeded: str) -> None:
    db = open_database(seeded)
    records = {(c.source[:4], c.label): c for c in stored.consultations(db)}
    assert waits_for(records[("004_", "案件(2)")]) == Awaited(
        "要配慮個人情報を取扱う必要性や、ネットワーク間（マイナンバー利用事務系と LGWAN）の連携の取扱い等", "追加資料")
    assert waits_for(records[("2025", "案件(2)")]) == Awaited(
        "責任分界を示す資料、移行対象データの項目一覧、旧システムのデータ消去手順書", "提出")
    assert waits_for(records[("004_", "案件(3)")]) is None  # 予定時間超過: nothing is awaited


def test_items_whose_outcome_is_not_recorded_are_listed_for_checking(seeded: str) -> None:
    db = open_database(seeded)
    tama = next(c for c in stored.consultations(db) if c.source.startswith("003_") and c.label == "諮問イ")
    with db.begin() as conn:
        conn.execute(text("UPDATE consultations SET status = 'unknown', outcome = '' WHERE id = :id"), {"id": tama.id})
    svc = DigestService(db, desk_settings(seeded), FixedClock(MONDAY))
    data = svc.data(MONDAY)
    ichikawa = [c.id for c in stored.consultations(db) if c.source.startswith("000_")]  # ア, イ: no decision recorded
    assert sorted(u.consultation_id for u in data.unchecked) == sorted([tama.id, *ichikawa])
    out = digest_text_of(svc, MONDAY)
    assert "*結論が記録されていない諮問（3件、議事録の確認をお願いします）*" in out
    assert f"多摩市 諮問イ「{tama.title}」（`ID {tama.id}`、2021-12-23" in out


class Meetings:
    def __init__(self) -> None:
        self.asked: list[tuple[datetime, int]] = []

    def upcoming(self, now: datetime, days: int) -> list[MeetingDigestItem]:
        self.asked.append((now, days))
        return [MeetingDigestItem("第40回 みどり野市個人情報保護審議会", datetime(2025, 2, 3, 5, 0, tzinfo=UTC),
                                  attending=3, absent=1, undecided=2, unanswered=2, quorum="定足数に達する見込み")]


def test_meetings_of_the_next_14_days_come_from_the_meetings_port(seeded: str) -> None:
    meetings = Meetings()
    svc = service(seeded, FixedClock(MONDAY), meetings=meetings)
    out = digest_text_of(svc, MONDAY)
    assert meetings.asked == [(MONDAY, 14)]
    assert "*14日以内の会議（1件）*" in out
    assert ("• 2025-02-03（月）14:00 第40回 みどり野市個人情報保護審議会 — 出席 3・欠席 1・未定 2・未回答 2 ／ "
            "定足数に達する見込み") in out


def test_documents_ingested_since_the_last_digest(seeded: str, slack: SlackStub, tmp_path: Path) -> None:
    clock = FixedClock(MONDAY)
    svc = service(seeded, clock, stub=slack)
    assert svc.digest_job(MONDAY) == "posted"
    new = tmp_path / "docs"
    new.mkdir()
    text = (DEMO_CORPUS / "2024-02_答申_諮問第21号.txt").read_text(encoding="utf-8")  # a new document: other content
    (new / "2025-01_追加_答申.txt").write_text(text + "\n（追記）\n", encoding="utf-8")
    ingest_paths(svc.db, [new], workers=1, clock=FixedClock(MONDAY + timedelta(hours=5)))
    tuesday = MONDAY + timedelta(days=1)
    data = svc.data(tuesday)
    assert [d.source for d in data.documents] == ["2025-01_追加_答申.txt"]
    assert data.documents_since == MONDAY  # the previous digest (confirmed then: the clock stood still)
    out = digest_text_of(svc, tuesday)
    assert "*新しく取り込んだ資料（前回のダイジェスト 2025-01-27（月）09:00 以降、1件）*" in out
    assert "• 2025-01_追加_答申.txt（みどり野市" in out


def test_json_dry_run_has_data_text_and_blocks(seeded: str) -> None:
    clock = FixedClock(MONDAY)
    settings = desk_settings(seeded)
    app = typer.Typer()
    desk_cli.register(app, settings_factory=lambda: settings, clock_factory=lambda: clock)
    result = runner.invoke(app, ["digest", "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"post", "skip", "channel", "data", "text", "blocks"}
    assert (data["post"], data["skip"], data["channel"]) == (True, None, MEMBERS_CHANNEL)
    items = data["data"]["open_items"]
    suita = [i for i in items if i["place"] == "吹田市"]
    assert [(i["label"], i["state"], i["days_open"]) for i in suita] == [("案件(2)", "再審議", 1102),
                                                                     ("案件(3)", "次回審議", 1102)]
    assert data["data"]["day"] == "2025-01-27"
    assert "".join(b["text"]["text"] for b in data["blocks"]).replace("\n", "") == data["text"].replace("\n", "")


# -- when it is posted -----------------------------------------------------------------------------------------
def test_posting_twice_in_a_day_posts_once_even_after_a_restart(db_url: str, slack: SlackStub) -> None:
    clock = FixedClock(MONDAY)
    first = service(db_url, clock, stub=slack)
    assert first.digest_job(MONDAY) == "posted"
    assert first.digest_job(MONDAY + timedelta(hours=3)) == "already"
    restarted = service(db_url, clock, stub=slack)  # a new process over the same database
    assert restarted.digest_job(MONDAY + timedelta(hours=8)) == "already"
    [post] = slack.of("chat.postMessage")
    assert post.body["channel"] == MEMBERS_CHANNEL and post.body["channel"] != SECRETARIAT_CHANNEL
    assert "本日お知らせすることはありません" in post.body["text"]  # an empty database: the one short line
    assert restarted.digest_job(MONDAY + timedelta(days=1)) == "posted"  # the next day posts again
    assert len(slack.of("chat.postMessage")) == 2
    assert Ledger(first.db, clock).unconfirmed(DIGEST) == []


def test_two_processes_posting_at_once_post_once(db_url: str, slack: SlackStub) -> None:
    open_database(db_url).dispose()  # migrated once, as the first start would
    clock = FixedClock(MONDAY)
    services = [service(db_url, clock, stub=slack) for _ in range(2)]  # separate engines and connections
    assert services[0].db is not services[1].db
    barrier = threading.Barrier(2)
    results: list[str] = []

    def run(svc: DigestService) -> None:
        barrier.wait()
        results.append(svc.digest_job(MONDAY))

    threads = [threading.Thread(target=run, args=(s,)) for s in services]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == ["already", "posted"]
    assert len(slack.of("chat.postMessage")) == 1


@pytest.mark.parametrize(("moment", "outcome"), [
    (datetime(2025, 2, 11, 0, 0, tzinfo=UTC), "holiday"),  # 建国記念の日 (a Tuesday)
    (datetime(2025, 2, 8, 0, 0, tzinfo=UTC), "weekend"),
    (datetime(2025, 1, 26, 16, 0, tzinfo=UTC), "weekend"),  # Sunday 16:00 UTC is Monday 01:00 in Tokyo ...
])
def test_no_digest_on_weekends_and_national_holidays(tmp_path: Path, slack: SlackStub, moment: datetime,
                                                     outcome: str) -> None:
    url = sqlite_url(tmp_path / "kb.db")
    svc = service(url, FixedClock(moment), stub=slack)
    expected = "posted" if moment.weekday() == 6 else outcome  # ... a working day in the council's zone
    assert svc.digest_job(moment) == expected
    assert len(slack.of("chat.postMessage")) == (1 if expected == "posted" else 0)


def test_skip_holidays_off_posts_on_a_saturday(tmp_path: Path, slack: SlackStub) -> None:
    saturday = datetime(2025, 2, 8, 0, 0, tzinfo=UTC)
    svc = service(sqlite_url(tmp_path / "kb.db"), FixedClock(saturday), stub=slack, skip_holidays=False)
    assert svc.digest_job(saturday) == "posted"


def test_an_empty_day_posts_nothing_when_app_yaml_says_skip(tmp_path: Path, slack: SlackStub) -> None:
    svc = service(sqlite_url(tmp_path / "kb.db"), FixedClock(MONDAY), stub=slack, when_empty="skip")
    assert svc.digest_job(MONDAY) == "empty"
    assert slack.of("chat.postMessage") == []
    assert Ledger(svc.db, FixedClock()).claim(DIGEST, "2025-01-27")  # nothing was claimed: a later run may post


def test_a_failed_post_leaves_an_unconfirmed_claim_and_is_not_repeated(tmp_path: Path, slack: SlackStub) -> None:
    svc = service(sqlite_url(tmp_path / "kb.db"), FixedClock(MONDAY), stub=slack)
    slack.script("chat.postMessage", status=500, times=5)
    assert svc.digest_job(MONDAY) == "failed"
    assert [c.key for c in Ledger(svc.db, FixedClock()).unconfirmed(DIGEST)] == ["2025-01-27"]
    assert svc.digest_job(MONDAY) == "already"  # at most once: the secretariat sees the unconfirmed claim


def test_digest_command_posts_through_the_web_api_once(seeded: str, slack: SlackStub) -> None:
    clock = FixedClock(MONDAY)
    settings = desk_settings(seeded, api_url=slack.api_url, token=BOT_TOKEN)
    app = typer.Typer()
    desk_cli.register(app, settings_factory=lambda: settings, clock_factory=lambda: clock)
    dry = runner.invoke(app, ["digest", "--dry-run"]).output
    first = runner.invoke(app, ["digest"])
    assert first.exit_code == 0 and "投稿しました" in first.output
    second = runner.invoke(app, ["digest"])
    assert second.exit_code == 0 and "投稿済み" in second.output
    [post] = slack.of("chat.postMessage")
    assert post.headers.get("Authorization") == f"Bearer {BOT_TOKEN}"
    posted = "".join(b["text"]["text"] for b in post.body["blocks"])
    assert posted.replace("\n", "") == dry.replace("\n", "")  # the dry run printed exactly this
    assert "吹田市 案件(2)" in posted


def test_digest_command_without_a_token_exits_2(tmp_path: Path) -> None:
    settings: Settings = desk_settings(sqlite_url(tmp_path / "kb.db"))
    app = typer.Typer()
    desk_cli.register(app, settings_factory=lambda: settings, clock_factory=lambda: FixedClock(MONDAY))
    result = runner.invoke(app, ["digest"])
    assert result.exit_code == 2 and "SLACK_BOT_TOKEN" in result.output


def test_dry_run_on_a_holiday_says_it_would_not_post(tmp_path: Path) -> None:
    holiday = datetime(2025, 2, 11, 0, 0, tzinfo=UTC)
    settings = desk_settings(sqlite_url(tmp_path / "kb.db"))
    app = typer.Typer()
    desk_cli.register(app, settings_factory=lambda: settings, clock_factory=lambda: FixedClock(holiday))
    result = runner.invoke(app, ["digest", "--dry-run"])
    assert result.exit_code == 0 and "祝日のため、今日は投稿しません" in "".join(result.output.split())


def test_digest_settings_are_checked_in_japanese(tmp_path: Path) -> None:
    from bot.settings import ConfigError, load_council_config

    bad = tmp_path / "app.yaml"
    bad.write_text("council:\n  name: 架空市審議会\n  municipality: 架空市\n"
                   "  channels: {members: C0MEMBERS1, secretariat: C0SECRET01}\n"
                   "  digest: {time: '8時', when_empty: sometimes, skip_holidays: maybe}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_council_config(bad)
    message = str(caught.value)
    assert "digest.time: 時刻を HH:MM（例: 08:30）で指定してください" in message
    assert "digest.when_empty: 次のいずれかを指定してください" in message and "'line'" in message
    assert "digest.skip_holidays: true か false を指定してください" in message
    good = load_council_config(Path(__file__).resolve().parents[1] / "app.yaml").digest
    assert (good.time, good.when_empty, good.skip_holidays) == ("08:30", "line", True)


def test_the_scheduler_hook_posts_with_the_bot_token(tmp_path: Path, slack: SlackStub) -> None:
    from bot.notify import open_digest

    url = sqlite_url(tmp_path / "kb.db")
    settings = desk_settings(url, api_url=slack.api_url, token=BOT_TOKEN)
    job = open_digest(settings, open_database(url), clock=FixedClock(MONDAY)).digest_job  # what the scheduler calls
    assert [job(MONDAY), job(MONDAY + timedelta(minutes=1))] == ["posted", "already"]
    [post] = slack.of("chat.postMessage")
    assert post.body["channel"] == MEMBERS_CHANNEL and post.headers.get("Authorization") == f"Bearer {BOT_TOKEN}"
