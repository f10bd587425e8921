"""Block Kit rendering and /shingikai parsing (no network)."""

from __future__ import annotations

import json

import pytest

from handlers.commands.registry import parse_id
from handlers.commands.shingikai import SUBCOMMANDS
from handlers.replies import question_text
from knowledge.model import Answer, Lead, Related
from templates.answer import answer_body, answer_text
from templates.blocks.messages import (
    BUTTON_VALUE_LIMIT,
    answer_messages,
    chunk_text,
    feedback_value,
    text_message,
)
from templates.mrkdwn import Mrkdwn, escape
from tests.support.fakes import hit


def test_chunk_text_cuts_after_sentences_and_keeps_everything() -> None:
    text = "一文目です。" * 1000 + "最後の文"
    chunks = chunk_text(text, limit=100)
    assert "".join(chunks) == text
    assert all(len(c) <= 100 for c in chunks)
    assert all(c.endswith("。") for c in chunks[:-1])


def test_chunk_text_hard_cuts_a_sentence_longer_than_the_limit() -> None:
    chunks = chunk_text("あ" * 250, limit=100)
    assert [len(c) for c in chunks] == [100, 100, 50]


def test_answer_body_is_the_answer_text_without_its_sources() -> None:
    answer = Answer(question="q", found=True, kind="fact", sources=[hit(1, "x")], quote="引用",
                    lead=Lead("市川市 令和4年度第2回", "諮問事項ア", "委託"))
    text = answer_text(answer)
    assert text == (answer_body(answer) + "\n出典:\n• ichikawa_r4_2.txt — "
                    "市川市個人情報保護審議会 令和4年度第2回（2022-12-20） 諮問事項ア")
    assert answer_body(answer) == "> 引用\n（市川市 令和4年度第2回の記録、諮問事項ア「委託」より）"  # the quote first
    not_found = Answer(question="q", found=False, kind="not_found")
    assert answer_body(not_found) == answer_text(not_found)


def test_answer_message_has_sources_feedback_and_fallback() -> None:
    answer = Answer(question="委託先は？", found=True, kind="fact", hits=[hit(12, "p")],
                    sources=[hit(12, "p"), hit(7, "q", label="諮問事項イ")], consultation_id=12,
                    quote="委託先は A社 & <B社> です。", lead=Lead("会議"))
    [message] = answer_messages(answer, header="<@U1> さんの質問: 委託先は？")
    kinds = [b.type for b in message.blocks]
    assert kinds == ["context", "section", "divider", "context", "context", "context", "actions"]
    payload = message.as_kwargs()
    assert payload["blocks"][1]["text"]["text"] == (
        "> 委託先は A社 &amp; &lt;B社&gt; です。\n（会議の記録より）")  # escaped for mrkdwn
    assert "委託先は A社" in payload["text"] and "出典" in payload["text"]
    data = json.loads(payload["blocks"][-1]["elements"][0]["value"])
    assert data["q"] == "委託先は？" and data["h"][0]["consultation_id"] == 12


def test_related_passages_follow_the_quote_short_cited_and_escaped() -> None:
    related = [Related(hit(7, "p", label="諮問事項イ"), "委託先は <C社>\n& D社"), Related(hit(9, "p"), "保存は5年")]
    answer = Answer(question="委託先は？", found=True, kind="fact", hits=[hit(12, "p")], sources=[hit(12, "p")],
                    quote="委託先は A社 です。", lead=Lead("会議", "諮問事項ア"), related=related)
    text = answer_text(answer)
    assert text.index("> 委託先は A社") < text.index("（会議の記録、諮問事項アより）") < text.index("関連する箇所:")
    assert text.index("関連する箇所:") < text.index("出典:")
    assert "• 「委託先は <C社> & D社」（市川市個人情報保護審議会 令和4年度第2回（2022-12-20） 諮問事項イ — " in text
    assert text.count("\n• 「") == 2
    [message] = answer_messages(answer)
    body = message.as_kwargs()["blocks"][0]["text"]["text"]
    assert "*関連する箇所*" in body and "「委託先は &lt;C社&gt; &amp; D社」" in body  # escaped once, in templates
    assert "関連する箇所" not in answer_body(Answer(question="q", found=True, kind="fact", sources=[hit(1, "x")],
                                                   quote="引用", lead=Lead("会議")))


def test_not_found_answer_still_gets_feedback_buttons() -> None:
    answer = Answer(question="q", found=False, kind="not_found")
    [message] = answer_messages(answer)
    assert [b.type for b in message.blocks] == ["section", "divider", "actions"]


def test_feedback_value_stays_under_the_button_limit() -> None:
    hits = [hit(i, "p" * 50) for i in range(5)]
    for h in hits:
        h.meeting = "長い会議名" * 100
    value = feedback_value("質問" * 1000, hits)
    assert len(value) <= BUTTON_VALUE_LIMIT
    assert json.loads(value)["q"].startswith("質問")


def test_text_message_splits_long_listings() -> None:
    message = text_message(Mrkdwn("\n".join(f"• 項目{i} " + "説明" * 40 for i in range(200))))
    assert len(message.blocks) <= 50
    assert all(len(b.text.text) <= 3000 for b in message.blocks)


def test_escape() -> None:
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert escape("引用 ``` 以降") == "引用 `\u200b`\u200b` 以降"  # a quoted fence opens no code block


@pytest.mark.parametrize(("text", "bot", "expected"), [
    ("<@UBOT1> 納税の件は？", "UBOT1", "納税の件は？"),
    ("納税の件は <@UBOT1|shingikai> ？", "UBOT1", "納税の件は ？"),
    ("<@UBOT1> <@U0OTHER> さんの意見は &lt;要旨&gt;", "UBOT1", "<@U0OTHER> さんの意見は <要旨>"),
    ("<@UBOT1> 質問", None, "質問"),
])
def test_question_text_strips_the_bot_mention(text: str, bot: str | None, expected: str) -> None:
    assert question_text(text, bot) == expected


@pytest.mark.parametrize(("text", "kind", "arg"), [
    ("", "help", ""), ("help", "help", ""), ("ask 委託先は？", "ask", "委託先は？"),
    ("質問　委託先は？", "ask", "委託先は？"), ("ＰＥＮＤＩＮＧ", "pending", ""), ("show 12", "show", "12"),
    ("詳細 12", "show", "12"), ("使い方", "help", ""), ("help me", "help", "me"),
])
def test_parse_subcommands(text: str, kind: str, arg: str) -> None:
    req = SUBCOMMANDS.parse(text)
    assert (req.kind, req.arg) == (kind, arg)


@pytest.mark.parametrize(("text", "problem"), [
    ("foo", "unknown"), ("ask", "missing_text"), ("show", "bad_id"), ("show x", "bad_id"), ("show -3", "bad_id"),
    ("pending all", "extra"), ("minutes", "unknown"), ("meetings now", "extra"),
])
def test_parse_problems(text: str, problem: str) -> None:
    req = SUBCOMMANDS.parse(text)
    assert req.kind is None and req.problem == problem


@pytest.mark.parametrize(("arg", "expected"), [
    ("12", 12), ("１２", 12), ("#12", 12), ("ID 12", 12), ("id12", 12), ("第12号", 12), ("0", None), ("x", None),
    ("", None), ("1.5", None),
])
def test_parse_id(arg: str, expected: int | None) -> None:
    assert parse_id(arg) == expected
