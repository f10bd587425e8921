"""Nothing unescaped reaches Slack: a document and a question carrying Slack markup (``<!channel>``, ``<!here>``,
``<@U…>``, ``<https://…|label>``) and a code fence, through every surface, asserted on the exact payloads sent.

The document is a fixture ingested into a real database (real services, real ports); the handlers are called
directly with the recording client and Bolt's ack/respond as mocks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.services import open_ports
from bot.services.ingest import ingest_paths
from bot.settings import Channels, CouncilConfig, Settings
from bot.storage.db import open_database, sqlite_url
from handlers.actions.feedback import handle_feedback
from handlers.commands.shingikai import handle_command
from handlers.context import COUNCIL_KEY, PORTS_KEY
from handlers.events.questions import handle_app_mention, handle_message
from handlers.views.home import handle_home_opened
from templates.blocks.messages import FEEDBACK_UP
from tests.support.recording import Bolt, RecordingClient

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
BOT = "UBOT0001"
ASKER = "U0MEMBER1"
# what must never reach Slack as markup (the bot's own mentions of the bot and of the asker are allowed)
FORBIDDEN = ["<!channel>", "<!here>", "<@U123ABC>", "<https://example.com", "```"]
# the templates' own markup: the bot's and the asker's mentions, and "> " opening a quoted line
_ALLOWED_MARKUP = re.compile(rf"<@(?:{BOT}|{ASKER})>|^> ", re.MULTILINE)


@pytest.fixture
def ports(tmp_path: Path) -> Any:
    url = sqlite_url(tmp_path / "kb.db")
    db = open_database(url)
    ingest_paths(db, [HOSTILE], workers=1, clock=FixedClock())
    config = CouncilConfig(name="<!channel>つばめ市審議会 & 部会", municipality="つばめ市",
                           channels=Channels(members="C0MEMBERS1", secretariat="C0SECRET01"))
    settings = Settings(database_url=url, config=config, index_cache=False)
    return open_ports(settings, clock=FixedClock(), db=db)


def context(ports: Any) -> dict[str, Any]:
    return {PORTS_KEY: ports, COUNCIL_KEY: "<!channel>つばめ市審議会 & 部会", "bot_user_id": BOT}


def command(text: str) -> dict[str, Any]:
    return {"text": text, "channel_id": "C0COUNCIL", "user_id": ASKER, "trigger_id": "trigger.1",
            "command": "/shingikai"}


def text_fields(payload: Any) -> list[str]:
    """Every text a person reads in a payload: ``text`` and every Block Kit text object, at any depth."""
    out: list[str] = []
    if isinstance(payload, dict):
        for key, value in payload.items():
            if key == "text" and isinstance(value, str):
                out.append(value)
            else:
                out += text_fields(value)
    elif isinstance(payload, list):
        for value in payload:
            out += text_fields(value)
    return out


def payloads(recording: RecordingClient, bolt: Bolt) -> list[dict[str, Any]]:
    sent = [s.kwargs for s in recording.sent]
    sent += [dict(c.kwargs) for c in bolt.ack.call_args_list]
    sent += [dict(c.kwargs) for c in bolt.respond.call_args_list]
    return [json.loads(json.dumps(p, ensure_ascii=False, default=lambda o: o.to_dict())) for p in sent]


def assert_all_escaped(all_payloads: list[dict[str, Any]]) -> str:
    texts = [t for p in all_payloads for t in text_fields(p)]
    assert texts
    for t in texts:
        for bad in FORBIDDEN:
            assert bad not in t, f"{bad!r} reached Slack unescaped in: {t[:300]!r}"
        assert not re.search(r"[<>]", _ALLOWED_MARKUP.sub("", t)), f"raw < or > in: {t[:300]!r}"
        assert not re.search(r"&(?!amp;|lt;|gt;)", t), f"raw & in: {t[:300]!r}"
        assert not re.search(r"&amp;(?:amp|lt|gt);", t), f"escaped twice: {t[:300]!r}"
    return json.dumps(all_payloads, ensure_ascii=False)


def test_answers_in_a_thread_escape_the_document_and_the_question(ports: Any) -> None:
    recording, bolt = RecordingClient(), Bolt()
    ctx = context(ports)
    for i, question in enumerate(["<!channel> 防犯カメラの映像の保存期間は? <@U123ABC>",
                                  "防犯カメラの件はどうなった?", "設定ファイルは次のとおりか", "まだ結論が出ていない案件は?"]):
        event = {"type": "app_mention", "user": ASKER, "text": f"<@{BOT}> {question}", "ts": f"1.{i}",
                 "channel": "C0COUNCIL"}
        handle_app_mention(event, {"event_id": f"Ev{i}"}, recording, ctx)
    dm = {"type": "message", "channel_type": "im", "user": ASKER, "text": "<!here>", "ts": "2.1", "channel": "D1"}
    handle_message(dm, {"event_id": "EvDM"}, recording, ctx)
    recording.verify()
    sent = payloads(recording, bolt)
    assert len(sent) >= 5
    wire = assert_all_escaped(sent)
    assert "&lt;!channel&gt;つばめ市個人情報保護審議会" in wire  # the meeting's name, in the text fallback too
    first = sent[0]
    assert "&lt;!channel&gt;" in first["text"] and "保存期間は14日" in first["text"]
    assert "&lt;https://example.com|label&gt;" in json.dumps(first["blocks"], ensure_ascii=False)
    fence = next(t for p in sent for t in text_fields(p) if "rm -rf" in t)
    assert "`\u200b`\u200b`" in fence  # a quoted fence opens no code block


def test_slash_commands_escape_every_listing_and_hint(ports: Any) -> None:
    recording, bolt = RecordingClient(), Bolt()
    ctx = context(ports)
    for text in ["pending", "show 1", "help", "<!channel>", "show <@U123ABC>",
                 "ask <!channel> 防犯カメラの映像の保存期間は? <https://example.com|label>"]:
        handle_command(bolt.ack, command(text), bolt.respond, recording, ctx)
    sent = payloads(recording, bolt)
    wire = assert_all_escaped(sent)
    assert "防犯カメラ映像の提供について &lt;!here&gt; &amp; 確認" in wire
    assert "&lt;!channel&gt;つばめ市審議会 &amp; 部会" in wire  # the council's name in the help


def test_app_home_and_feedback_escape_everything(ports: Any) -> None:
    recording, bolt = RecordingClient(), Bolt()
    ctx = context(ports)
    handle_home_opened({"type": "app_home_opened", "user": ASKER, "tab": "home"}, {"event_id": "EvHome"}, recording,
                       ctx)
    body = {"user": {"id": ASKER}, "container": {"channel_id": "C0COUNCIL", "message_ts": "5.1"},
            "channel": {"id": "C0COUNCIL"}, "message": {"ts": "5.1", "text": "回答 &lt;!channel&gt;"},
            "trigger_id": "t.5"}
    action = {"action_id": FEEDBACK_UP, "value": json.dumps({"q": "<!channel>", "h": []})}
    handle_feedback(bolt.ack, body, action, recording, bolt.respond, ctx)
    sent = payloads(recording, bolt)
    wire = assert_all_escaped(sent)
    home = recording.one("views_publish")["view"]
    assert "&lt;!channel&gt;つばめ市審議会 &amp; 部会" in json.dumps(home, ensure_ascii=False)
    assert "防犯カメラ映像の提供について &lt;!here&gt;" in wire
