"""Reading every channel message is a choice in app.yaml (off by default): the manifest subscribes to channel
messages only when it is on, and the handler ignores them when it is off. The display name is never cut
mid-word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.manifest import NAME_LIMIT, build_manifest, display_name
from bot.settings import load_council_config
from handlers.context import COUNCIL_KEY, FOLLOWUPS_KEY, PORTS_KEY
from handlers.events.questions import handle_app_mention, handle_message
from tests.support.fakes import Fakes
from tests.support.recording import RecordingClient

CHANNEL_EVENTS = {"message.channels", "message.groups"}
CHANNEL_SCOPES = {"channels:history", "groups:history"}
ROOT = Path(__file__).resolve().parent.parent


def test_the_manifest_reads_channel_messages_only_when_follow_ups_are_on() -> None:
    off = build_manifest("市川市個人情報保護審議会")
    assert not CHANNEL_EVENTS & set(off["settings"]["event_subscriptions"]["bot_events"])
    assert not CHANNEL_SCOPES & set(off["oauth_config"]["scopes"]["bot"])
    assert {"app_mention", "message.im"} <= set(off["settings"]["event_subscriptions"]["bot_events"])
    on = build_manifest("市川市個人情報保護審議会", thread_followups=True)
    assert CHANNEL_EVENTS <= set(on["settings"]["event_subscriptions"]["bot_events"])
    assert CHANNEL_SCOPES <= set(on["oauth_config"]["scopes"]["bot"])


def test_app_yaml_decides_and_the_default_is_off(tmp_path: Path) -> None:
    assert load_council_config(ROOT / "app.yaml").slack.thread_followups_without_mention is False
    config = tmp_path / "app.yaml"
    config.write_text("council:\n  name: 船橋市個人情報保護審議会\n  short_name: 船橋市審議会\n  municipality: 船橋市\n"
                      "  channels: {members: C0COUNCIL, secretariat: C0SECRET}\n"
                      "  slack: {thread_followups_without_mention: true}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["manifest"], env={"SHINGIKAI_CONFIG": str(config), "XDG_DATA_HOME": str(tmp_path)})
    assert result.exit_code == 0, result.output
    m = yaml.safe_load(result.stdout)
    assert CHANNEL_EVENTS <= set(m["settings"]["event_subscriptions"]["bot_events"])
    assert m["display_information"]["name"] == "船橋市審議会" == m["features"]["bot_user"]["display_name"]


@pytest.mark.parametrize("council", [
    "東京都多摩地域市町村 個人情報保護・情報公開 審議会 第二専門部会 合同審査会",
    "独立行政法人国立病院機構・国立大学法人個人情報保護及び情報公開審査会専門部会合同会議",
])
def test_a_long_name_is_cut_at_a_word_boundary(council: str) -> None:
    name = display_name(council)
    assert 0 < len(name) <= NAME_LIMIT
    assert council.startswith(name)
    assert council[len(name)] in " \u3000・/／"  # cut where a word ends


def test_a_long_name_without_boundaries_falls_back_or_uses_the_short_name() -> None:
    council = "あ" * 50 + "個人情報保護審議会"
    assert display_name(council) == "審議会 アシスタント"
    assert display_name(council, "あいう市審議会") == "あいう市審議会"


def follow_up(fakes: Fakes, recording: RecordingClient, *, on: bool) -> None:
    ctx: dict[str, Any] = {PORTS_KEY: fakes.ports, COUNCIL_KEY: "市川市個人情報保護審議会", "bot_user_id": "UBOT0001"}
    if on:
        ctx[FOLLOWUPS_KEY] = True
    mention = {"type": "app_mention", "user": "U0MEMBER1", "text": "<@UBOT0001> 納税通知書の外部委託は？", "ts": "3.1",
               "channel": "C0COUNCIL"}
    handle_app_mention(mention, {"event_id": f"Ev3{on}"}, recording, ctx)
    reply = {"type": "message", "channel_type": "channel", "user": "U0MEMBER1", "text": "その件の委託先は?",
             "ts": "3.2", "thread_ts": "3.1", "channel": "C0COUNCIL"}
    handle_message(reply, {"event_id": f"Ev4{on}"}, recording, ctx)


def test_a_follow_up_without_a_mention_is_ignored_when_off() -> None:
    fakes, recording = Fakes(), RecordingClient()
    follow_up(fakes, recording, on=False)
    assert [q for q, _ in fakes.answers.asked] == ["納税通知書の外部委託は？"]
    assert len(recording.of("chat_postMessage")) == 1


def test_a_follow_up_without_a_mention_is_answered_when_on() -> None:
    fakes, recording = Fakes(), RecordingClient()
    follow_up(fakes, recording, on=True)
    assert fakes.answers.asked[1] == ("その件の委託先は?", 12)
    assert len(recording.of("chat_postMessage")) == 2
