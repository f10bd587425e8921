"""The schedule modal and the RSVP buttons over the wire: signed requests to the app served by uvicorn, real ports
over SQLite, the local Web API stand-in recording what the bot posts (member and non-member, 事務局 and not)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from bot.clock import FixedClock
from bot.notifier import SlackNotifier
from bot.services import open_ports
from bot.services.meetings import MeetingService
from bot.settings import Settings
from bot.storage.db import open_database
from tests.support.slack_stub import (
    APP_ID,
    BOT_ID,
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    TEAM_ID,
    Harness,
    SlackStub,
    command_body,
    fast_client,
)
from tests.test_meetings_service import CONFIG, NOW

pytestmark = pytest.mark.wire
SECRETARIAT = "U0SEC01"
MEMBER = "U0M01"
OUTSIDER = "U0OUTSIDE"


@pytest.fixture
def h(tmp_path: Path) -> Iterator[Harness]:
    stub = SlackStub().start()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kb.db'}", config=CONFIG, slack_bot_token=BOT_TOKEN,
                        slack_signing_secret=SIGNING_SECRET, slack_api_url=stub.api_url, cache_home=tmp_path,
                        data_home=tmp_path)
    db = open_database(settings.database_url)
    ports = open_ports(settings, clock=FixedClock(NOW), db=db, notifier=SlackNotifier(fast_client(settings)))
    harness = Harness(ports, stub=stub, settings=settings)
    yield harness
    harness.close()
    db.dispose()


def meetings_of(h: Harness) -> MeetingService:
    assert isinstance(h.ports.meetings, MeetingService)
    return h.ports.meetings


def slash(h: Harness, text: str, user: str) -> Any:
    body = command_body(text, response_url=h.stub.response_url(), user=user, channel="C0MEMBERS")
    return h.post(body, content_type="application/x-www-form-urlencoded")


def submission(user: str, **values: Any) -> dict[str, Any]:
    fields = {"title": {"type": "plain_text_input", "value": "第80回 審議会"},
              "date": {"type": "datepicker", "selected_date": "2026-01-21"},
              "start": {"type": "timepicker", "selected_time": "15:00"},
              "end": {"type": "timepicker", "selected_time": "17:00"},
              "place": {"type": "plain_text_input", "value": "本庁舎 3階"},
              "remind": {"type": "plain_text_input", "value": None}}
    for key, value in values.items():
        fields[key] = {**fields[key], **value}
    return {
        "type": "view_submission", "team": {"id": TEAM_ID, "domain": "stub"}, "api_app_id": APP_ID,
        "user": {"id": user, "username": "someone", "team_id": TEAM_ID}, "token": "legacy", "trigger_id": "trigger.2",
        "view": {"id": "V0000002", "team_id": TEAM_ID, "type": "modal", "callback_id": "meeting_schedule",
                 "private_metadata": "", "app_id": APP_ID, "bot_id": BOT_ID,
                 "state": {"values": {k: {"value": v} for k, v in fields.items()}}},
    }


def click(h: Harness, user: str, action_id: str, meeting_id: int, message_ts: str) -> Any:
    return h.action({
        "type": "block_actions", "user": {"id": user, "username": "someone", "team_id": TEAM_ID},
        "api_app_id": APP_ID, "token": "legacy", "trigger_id": "trigger.3",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": "C0MEMBERS", "is_ephemeral": False},
        "team": {"id": TEAM_ID, "domain": "stub"}, "channel": {"id": "C0MEMBERS", "name": "council"},
        "message": {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": message_ts, "text": "…"},
        "response_url": h.stub.response_url("rsvp"),
        "actions": [{"action_id": action_id, "block_id": "rsvp", "type": "button", "value": str(meeting_id),
                     "action_ts": "1700001000.000001"}],
    })


def test_schedule_is_for_the_secretariat_only(h: Harness) -> None:
    response = slash(h, "schedule", MEMBER)
    assert response.status_code == 200
    body = response.json()
    assert body["response_type"] == "ephemeral" and "事務局の方だけ" in body["text"]
    h.drain()
    assert h.stub.of("views.open") == []

    assert slash(h, "schedule", SECRETARIAT).status_code == 200
    [opened] = h.stub.wait_for("views.open")
    view = opened.body["view"]
    assert view["callback_id"] == "meeting_schedule" and view["title"]["text"] == "会議の登録"
    assert [b["block_id"] for b in view["blocks"]] == ["title", "date", "start", "end", "place", "remind"]
    assert view["blocks"][-1]["element"]["placeholder"]["text"] == "7d,1d"


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"title": {"value": "  "}}, "title", "会議名を入力してください"),
    ({"date": {"selected_date": "2025-12-01"}}, "date", "過去の日時"),
    ({"end": {"selected_time": "14:00"}}, "end", "より後ではありません"),
    ({"remind": {"value": "そのうち"}}, "remind", "そのうち"),
])
def test_invalid_submission_is_shown_on_the_field(h: Harness, values: dict[str, Any], field: str, words: str) -> None:
    response = h.action(submission(SECRETARIAT, **values))
    assert response.status_code == 200
    body = response.json()
    assert body["response_action"] == "errors" and list(body["errors"]) == [field] and words in body["errors"][field]
    h.drain()
    assert meetings_of(h).listing(include_past=True) == [] and h.stub.of("chat.postMessage") == []


def test_a_non_secretary_cannot_submit(h: Harness) -> None:
    body = h.action(submission(MEMBER)).json()
    assert body["response_action"] == "errors" and "事務局の方だけ" in body["errors"]["title"]
    assert meetings_of(h).listing(include_past=True) == []


def test_submission_announces_with_buttons_and_the_ics_then_answers_update_the_tally(h: Harness) -> None:
    response = h.action(submission(SECRETARIAT))
    assert response.status_code == 200 and response.text in ("", "null")
    h.drain()
    posts = h.stub.of("chat.postMessage")
    [announcement] = [p for p in posts if p.body["channel"] == "C0MEMBERS"]
    text = json.dumps(announcement.body["blocks"], ensure_ascii=False)
    assert "*第80回 審議会*" in text and "令和8年1月21日(水) 15:00–17:00" in text and "場所: 本庁舎 3階" in text
    assert "rsvp_attend" in text and "rsvp_absent" in text and "rsvp_undecided" in text
    [confirmation] = [p for p in posts if p.body["channel"] == SECRETARIAT]
    assert "会議を登録しました" in confirmation.body["text"]
    [upload] = h.stub.of("file_upload")
    event = Calendar.from_ical(upload.body["content"].encode("utf-8")).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "第80回 審議会"
    [complete] = h.stub.of("files.completeUploadExternal")
    assert complete.body["channel_id"] == "C0MEMBERS" and complete.body["thread_ts"]

    ts = meetings_of(h).stored(1).announce_ts
    assert ts
    assert click(h, MEMBER, "rsvp_attend", 1, ts).status_code == 200
    h.drain()
    [reply] = h.stub.of("response_url")
    assert reply.body["response_type"] == "ephemeral" and "「出席」で承りました" in reply.body["text"]
    [update] = h.stub.of("chat.update")
    assert update.body["ts"] == ts and "出席 1・欠席 0・未定 0・未回答 7" in json.dumps(update.body["blocks"],
                                                                                   ensure_ascii=False)
    assert meetings_of(h).answers(1) == {MEMBER: "出席"}

    h.stub.reset()
    assert click(h, OUTSIDER, "rsvp_absent", 1, ts).status_code == 200
    h.drain()
    [refused] = h.stub.of("response_url")
    assert "委員として登録された方" in refused.body["text"] and "記録していません" in refused.body["text"]
    assert h.stub.of("chat.update") == [] and meetings_of(h).answers(1) == {MEMBER: "出席"}

    h.stub.reset()
    assert click(h, SECRETARIAT, "rsvp_attend", 1, ts).status_code == 200  # 事務局 does not vote
    h.drain()
    assert "記録していません" in h.stub.of("response_url")[0].body["text"] and meetings_of(h).answers(1) == {MEMBER: "出席"}
