"""One vote per person per answer: a second click changes it, the same click again keeps it, the buttons show
the tally; old duplicates are reduced to the latest click by migration 0003; the CLI prints ``>`` as written."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from typer.testing import CliRunner

from bot.cli import slack as slack_cli
from bot.cli.japanese import JaTyper
from bot.clock import FixedClock
from bot.services import FeedbackService
from bot.storage import feedback
from bot.storage.db import make_engine, migrate, open_database, sqlite_url
from handlers.actions.feedback import handle_feedback
from handlers.context import PORTS_KEY
from knowledge.model import Answer, Lead
from templates.blocks.messages import FEEDBACK_DOWN, FEEDBACK_UP, answer_messages
from tests.support.fakes import Fakes, hit
from tests.support.recording import Bolt, RecordingClient

NOW = datetime(2025, 1, 20, 1, 0, tzinfo=UTC)


def test_one_vote_per_person_per_answer(db_url: str) -> None:
    engine = open_database(db_url)
    for rating in (1, 1, -1):  # 👍 twice, then 👎: one vote, 👎
        tally = feedback.save_feedback(engine, "U1", "C1", "1.1", "質問", "回答", rating, [], now=NOW)
    assert [(f.user, f.rating) for f in feedback.feedback(engine)] == [("U1", -1)]
    assert (tally.up, tally.down, tally.changed) == (0, 1, True)
    again = feedback.save_feedback(engine, "U1", "C1", "1.1", "質問", "回答", -1, [], now=NOW)
    assert (again.up, again.down, again.changed) == (0, 1, False)
    other = feedback.save_feedback(engine, "U2", "C1", "1.1", "質問", "回答", 1, [], now=NOW)
    assert (other.up, other.down) == (1, 1)
    elsewhere = feedback.save_feedback(engine, "U1", "C1", "2.2", "別の質問", "別の回答", 1, [], now=NOW)
    assert (elsewhere.up, elsewhere.down) == (1, 0) and len(feedback.feedback(engine)) == 3
    engine.dispose()


def test_migration_0003_keeps_the_latest_click(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "kb.db")
    engine = make_engine(url)
    migrate(engine, "0002")
    with engine.begin() as conn:
        for i, rating in enumerate((1, 1, -1)):
            conn.execute(text(
                "INSERT INTO feedback (created_at, user, channel, message_ts, question, answer, rating, hits) "
                f"VALUES ('2025-01-20 01:0{i}:00', 'U1', 'C1', '1.1', 'q', 'a', {rating}, '[]')"))
        conn.execute(text("INSERT INTO feedback (created_at, user, channel, message_ts, question, answer, rating, hits) "
                          "VALUES ('2025-01-20 02:00:00', 'U2', 'C1', '1.1', 'q', 'a', 1, '[]')"))
    migrate(engine)
    assert sorted((f.user, f.rating) for f in feedback.feedback(engine)) == [("U1", -1), ("U2", 1)]
    engine.dispose()


def posted_answer() -> dict[str, Any]:
    """An answer as Slack sends it back in a click's body (its text escaped by Slack)."""
    answer = Answer(question="委託先は？", found=True, kind="fact", hits=[hit(12, "p")], sources=[hit(12, "p")],
                    consultation_id=12, quote="A社 > B社 & C社", lead=Lead("第2回"))
    [message] = answer_messages(answer)
    return {"ts": "5.1", "thread_ts": "5.0", **message.as_kwargs()}


def click(fakes: Fakes, recording: RecordingClient, bolt: Bolt, user: str, action_id: str,
          message: dict[str, Any]) -> None:
    body = {"user": {"id": user}, "container": {"channel_id": "C1", "message_ts": "5.1"}, "channel": {"id": "C1"},
            "message": message, "trigger_id": f"t.{user}.{action_id}"}
    action = next(e for b in message["blocks"] if b.get("block_id") == "feedback" for e in b["elements"]
                  if e["action_id"] == action_id)
    handle_feedback(bolt.ack, body, action, recording, bolt.respond, {PORTS_KEY: fakes.ports})


def buttons(sent: dict[str, Any]) -> list[str]:
    block = next(b for b in sent["blocks"] if b.get("block_id") == "feedback")
    return [e["text"]["text"] for e in block["elements"]]


def test_the_buttons_show_the_tally_and_a_repeated_click_changes_nothing(fakes: Fakes) -> None:
    recording, bolt = RecordingClient(), Bolt()
    message = posted_answer()
    click(fakes, recording, bolt, "U1", FEEDBACK_UP, message)
    update = recording.of("chat_update")[-1]
    assert (update["channel"], update["ts"]) == ("C1", "5.1")
    assert buttons(update.kwargs) == ["👍 1", "👎 役に立たなかった"]
    message = {**message, "blocks": update["blocks"]}
    click(fakes, recording, bolt, "U2", FEEDBACK_UP, message)
    assert buttons(recording.of("chat_update")[-1].kwargs) == ["👍 2", "👎 役に立たなかった"]
    click(fakes, recording, bolt, "U1", FEEDBACK_DOWN, message)  # U1 changes their mind
    assert buttons(recording.of("chat_update")[-1].kwargs) == ["👍 1", "👎 1"]
    sent_before = len(recording.sent)
    click(fakes, recording, bolt, "U1", FEEDBACK_DOWN, message)  # the same click again
    assert len(recording.sent) == sent_before
    recording.verify()
    assert sorted((f.user, f.rating) for f in fakes.feedback.saved_feedback) == [("U1", -1), ("U2", 1)]
    stored = fakes.feedback.saved_feedback[0].answer
    assert "A社 > B社 & C社" in stored and "&gt;" not in stored  # stored as written


def test_the_feedback_listing_prints_what_was_written(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "kb.db"))
    service = FeedbackService(db, FixedClock(NOW))
    fakes = Fakes()
    fakes.feedback = service  # type: ignore[assignment]
    recording, bolt = RecordingClient(), Bolt()
    click(fakes, recording, bolt, "U1", FEEDBACK_UP, posted_answer())
    app = JaTyper()
    slack_cli.register(app, settings_factory=lambda: None, ports_factory=lambda _s: fakes.ports)  # type: ignore[arg-type,return-value]
    out = CliRunner().invoke(app, ["feedback"]).output
    assert "A社 > B社 & C社" in out and "&gt;" not in out and "&amp;" not in out
    data = json.loads(CliRunner().invoke(app, ["feedback", "--json"]).output)
    assert data[0]["answer"].count(">") >= 1
