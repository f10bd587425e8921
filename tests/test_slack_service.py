"""End to end with the real ports (``bot.services.open_ports``) over a database holding the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.services import open_ports
from bot.services.ingest import ingest_paths
from bot.storage.db import open_database
from templates.answer import answer_text
from tests.support.slack_stub import BOT_USER_ID, Harness, SlackStub, make_settings, mention
from tests.test_slack_interactive import click_payload

pytestmark = [pytest.mark.wire, pytest.mark.slow]

DEMO = Path(__file__).resolve().parent.parent / "demo_corpus"


def test_threaded_cited_answers_pending_feedback_and_dedupe_across_restart(db_url: str, clock: FixedClock,
                                                                          tmp_path: Path) -> None:
    ingest_paths(open_database(db_url), [DEMO], workers=1, clock=clock)
    stub = SlackStub().start()
    settings = make_settings(stub.api_url, database_url=db_url, cache_home=tmp_path)
    first = Harness(open_ports(settings, clock=clock), stub=stub, settings=settings)
    question = f"<@{BOT_USER_ID}> 健康管理システムの件、なんで止まってるの?"
    expected = first.ports.answers.ask("健康管理システムの件、なんで止まってるの?")
    assert expected.found and expected.sources and expected.consultation_id is not None
    root = "1700005000.000100"
    try:
        first.event(mention(question, ts=root), event_id="EvSvc1")
        [answer] = stub.wait_for("chat.postMessage")
        assert answer.body["thread_ts"] == root
        blocks = json.dumps(answer.body["blocks"], ensure_ascii=False)
        assert answer.body["text"].startswith(answer_text(expected).splitlines()[0][:50])
        assert all(s.source in blocks for s in expected.sources)  # 出典 as context blocks
        first.drain()
        about = first.ports.conversations.thread_consultation("C0COUNCIL", root)
        assert about is not None

        first.event(mention(f"<@{BOT_USER_ID}> その件の委託先は?", ts="1700005001.000100", thread_ts=root),
                    event_id="EvSvc2")
        follow_up = stub.wait_for("chat.postMessage", 2)[1]
        assert follow_up.body["thread_ts"] == root
        first.drain()
        assert first.ports.conversations.thread_consultation("C0COUNCIL", root) is not None

        first.command("pending")
        [listing] = stub.wait_for("response_url")
        listed = json.dumps(listing.body["blocks"], ensure_ascii=False)
        assert first.ports.answers.pending() and all(f"ID {c.id}" in listed for c in first.ports.answers.pending())

        first.action(click_payload(answer.body, "1700005000.000200", "feedback_down", thread_ts=root))
        stub.wait_for("chat.postEphemeral")
        first.drain()
        [record] = first.ports.feedback.feedback()
        assert record.rating == -1 and record.question == "健康管理システムの件、なんで止まってるの?"
        assert record.hits and record.hits[0]["source"]
    finally:
        first.close(stop_stub=False)

    second = Harness(open_ports(settings, clock=clock), stub=stub, settings=settings)  # a restart: new process state, same DB
    try:
        retry = second.event(mention(question, ts=root), event_id="EvSvc1",
                             headers={"X-Slack-Retry-Num": "3", "X-Slack-Retry-Reason": "http_timeout"})
        assert retry.status_code == 200
        second.drain()
        assert len(stub.of("chat.postMessage")) == 2
    finally:
        second.close()
