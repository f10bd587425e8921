"""One pending list: one heading, one order (oldest meeting first, then document order), the same items in the
CLI, ``/shingikai pending``, the answer to 「まだ結論が出ていない案件は?」 and App Home; reasons without doubled
brackets; the unknown-outcome ones under their own heading; every item reachable in Slack (「続きを表示」)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.clock import FixedClock
from bot.services import open_ports
from bot.services.ingest import ingest_paths
from bot.settings import Channels, CouncilConfig, Settings
from bot.storage.db import open_database, sqlite_url
from handlers.actions.pending import handle_pending_more
from handlers.commands.shingikai import handle_command
from handlers.context import COUNCIL_KEY, PORTS_KEY
from handlers.events.questions import handle_message
from handlers.views.home import handle_home_opened
from templates.blocks.messages import PENDING_MORE
from tests.support.fakes import Fakes, consultation
from tests.support.recording import Bolt, RecordingClient

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [ROOT / "demo_corpus", ROOT / "tests" / "fixtures" / "layouts", ROOT / "tests" / "fixtures" / "listing"]
HEADING = "結論が出ていない諮問"
UNKNOWN_HEADING = "結論の記載が見つからない諮問"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    url = sqlite_url(tmp_path_factory.mktemp("pending") / "kb.db")
    db = open_database(url)
    ingest_paths(db, CORPUS, workers=1, clock=FixedClock())
    config = CouncilConfig(name="みどり野市個人情報保護審議会", municipality="みどり野市",
                           channels=Channels(members="C0MEMBERS1", secretariat="C0SECRET01"))
    return url, open_ports(Settings(database_url=url, config=config, index_cache=False), clock=FixedClock(), db=db)


def context(ports: Any) -> dict[str, Any]:
    return {PORTS_KEY: ports, COUNCIL_KEY: "みどり野市個人情報保護審議会", "bot_user_id": "UBOT0001"}


def slack_text(payload: dict[str, Any]) -> str:
    blocks = payload.get("blocks") or (payload.get("view") or {}).get("blocks") or []
    blocks = [b if isinstance(b, dict) else b.to_dict() for b in blocks]
    return "\n".join(b["text"]["text"] for b in blocks if b.get("type") in ("section", "header"))


def ids(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?:ID |\[)(\d+)[`\]]", text)]


def test_every_surface_lists_the_same_items_in_the_same_order_under_one_heading(corpus: tuple[str, Any]) -> None:
    url, ports = corpus
    result = CliRunner().invoke(cli, ["pending"], env={"SHINGIKAI_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    cli_text = result.stdout
    bolt, recording = Bolt(), RecordingClient()
    handle_command(bolt.ack, {"text": "pending", "channel_id": "C1", "user_id": "U0MEMBER1", "command": "/shingikai"},
                   bolt.respond, recording, context(ports))
    command_text = slack_text(bolt.responses()[0])
    dm = {"type": "message", "channel_type": "im", "user": "U0MEMBER1", "text": "まだ結論が出ていない案件は?",
          "ts": "9.1", "channel": "D1"}
    handle_message(dm, {"event_id": "EvP"}, recording, context(ports))
    dm_text = "\n".join(slack_text(s.kwargs) for s in recording.of("chat_postMessage"))
    handle_home_opened({"user": "U0MEMBER1", "tab": "home"}, {"event_id": "EvH"}, recording, context(ports))
    home_text = slack_text(recording.one("views_publish").kwargs)

    records = ports.answers.pending()
    expected = [c.id for c in records if c.status == "pending"] + [c.id for c in records if c.status == "unknown"]
    dates = [c.meeting_date or "9999" for c in records if c.status == "pending"]
    assert dates == sorted(dates)  # oldest meeting first
    assert len(expected) >= 6 and any(c.status == "unknown" for c in records)
    for name, text in [("cli", cli_text), ("/shingikai pending", command_text), ("dm", dm_text), ("home", home_text)]:
        assert ids(text) == expected, name
        assert text.count(HEADING) == 1, (name, text)  # App Home too: no heading repeated under its header
        assert text.count(UNKNOWN_HEADING) == 1, name
        assert "継続審議中の諮問" not in text and "ほか" not in text, name
        assert not re.search(r"）（|\)\(", text), (name, text)  # no doubled brackets
        assert "次回審議（予定時間超過のため" in text, name
    # 第21号 was carried over at 第33回 and settled by the 答申: not pending
    assert "諮問第21号" not in cli_text


def test_every_item_is_reachable_with_the_more_button(fakes: Fakes) -> None:
    fakes.answers.records = {
        i: consultation(i, f"案件{i}の外部委託について", status="pending", outcome="継続審議", reason="追加資料の提出待ち")
        for i in range(1, 63)
    }
    ctx = {PORTS_KEY: fakes.ports, COUNCIL_KEY: "市川市個人情報保護審議会", "bot_user_id": "UBOT0001"}
    bolt, recording = Bolt(), RecordingClient()
    handle_command(bolt.ack, {"text": "pending", "channel_id": "C1", "user_id": "U1", "command": "/shingikai"},
                   bolt.respond, recording, ctx)
    seen: list[int] = []
    for _ in range(10):
        payload = bolt.responses()[-1]
        blocks = payload["blocks"]
        assert len(blocks) <= 50 and all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
        seen += ids(slack_text(payload))
        buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
        if not buttons:
            break
        assert buttons[0]["action_id"] == PENDING_MORE and buttons[0]["text"]["text"] == "続きを表示"
        body = {"user": {"id": "U1"}, "container": {"type": "message", "channel_id": "C1"}, "trigger_id": "t"}
        handle_pending_more(bolt.ack, body, buttons[0], recording, bolt.respond, ctx)
    assert seen == list(range(1, 63))
    # App Home pages in place
    handle_home_opened({"user": "U1", "tab": "home"}, {"event_id": "EvH2"}, recording, ctx)
    home_seen: list[int] = []
    for _ in range(10):
        view = recording.of("views_publish")[-1].kwargs["view"]
        home_seen += ids(slack_text({"view": view}))
        buttons = [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]
                   if e["action_id"] == PENDING_MORE]  # Home also shows the meetings' RSVP buttons
        if not buttons:
            break
        body = {"user": {"id": "U1"}, "container": {"type": "view", "view_id": "V1"}, "trigger_id": "t"}
        handle_pending_more(bolt.ack, body, buttons[0], recording, bolt.respond, ctx)
    assert home_seen == list(range(1, 63))
    assert json.dumps(recording.of("views_publish")[0].kwargs, ensure_ascii=False).count(HEADING) == 1
