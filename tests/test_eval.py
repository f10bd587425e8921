"""Eval metrics (pure) and the eval/ask commands over a hand-made engine."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from bot.cli import knowledge as cli_knowledge
from knowledge.evaluate import EvalItem, judge, load_items, percentile, run, summarize
from knowledge.model import Answer, Hit
from knowledge.structure_text import compact
from tests.test_search import ENGINE


def _hit(source: str, passage: str) -> Hit:
    return Hit(source=source, meeting="m", consultation=None, passage=passage, score=1.0)


def test_compact_ignores_width_and_spaces() -> None:
    assert compact("７ 名\n") == "7名"


def test_judge_key_at_1_answer_and_mrr() -> None:
    item = EvalItem(q="q", source="a.txt", keys=["5 年"])
    hits = [_hit("b.txt", "5年"), _hit("a.txt", "保存は５年")]
    r = judge(item, Answer("q", True, "fact", hits), "保存は5年です", 2.0)
    assert not r.key_at_1 and not r.answer_ok and r.rr == 0.5
    r = judge(item, Answer("q", True, "fact", hits[::-1]), "保存は5年です", 2.0)
    assert r.key_at_1 and r.answer_ok and r.rr == 1.0
    r = judge(item, Answer("q", False, "not_found", hits[::-1]), "見つかりませんでした", 2.0)
    assert r.key_at_1 and not r.answer_ok


def test_summary_counts_abstention_separately() -> None:
    ok = judge(EvalItem("q1", "a.txt", ["x"]), Answer("q1", True, "fact", [_hit("a.txt", "x")]), "x", 1.0)
    bad = judge(EvalItem("q2", "a.txt", ["y"]), Answer("q2", True, "fact", [_hit("a.txt", "z")]), "z", 3.0)
    una = judge(EvalItem("q3", unanswerable=True), Answer("q3", False, "not_found"), "none", 2.0)
    una_wrong = judge(EvalItem("q4", unanswerable=True), Answer("q4", True, "fact"), "made up", 2.0)
    s = summarize([ok, bad, una, una_wrong])
    assert (s.answerable, s.unanswerable) == (2, 2)
    assert s.key_at_1 == 0.5 and s.answer == 0.5 and s.abstention == 0.5 and s.found == 1.0
    assert s.mean_ms == 2.0 and [r.item.q for r in s.misses] == ["q2", "q4"]
    assert percentile([1, 2, 3, 4, 100], 95) == 100


def test_load_items(tmp_path: Path) -> None:
    f = tmp_path / "q.jsonl"
    f.write_text('{"q": "a", "source": "s", "keys": ["k"]}\n\n{"q": "b", "unanswerable": true}\n', encoding="utf-8")
    items = load_items(f)
    assert items[0].keys == ["k"] and items[1].unanswerable


def _app() -> typer.Typer:
    app = typer.Typer()
    cli_knowledge.register(app, engine_factory=lambda: ENGINE)  # the hand-made engine, no database
    return app


def test_ask_batch_json_one_line_per_question(tmp_path: Path) -> None:
    f = tmp_path / "qs.txt"
    f.write_text("USBメモリで持ち出せる?\n委員の報酬はいくら?\n継続審議の案件は?\n", encoding="utf-8")
    out = CliRunner().invoke(_app(), ["ask", "--batch", str(f), "--json"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert [r["question"] for r in rows] == ["USBメモリで持ち出せる?", "委員の報酬はいくら?", "継続審議の案件は?"]
    assert [r["found"] for r in rows] == [True, False, True]
    assert rows[0]["hits"][0]["source"] == "kaede_12.txt" and rows[0]["answer"].startswith("> ")  # the quote first
    assert "（かえで市" in rows[0]["answer"]
    assert set(rows[0]["hits"][0]) == {"source", "meeting", "consultation", "passage", "score"}


def test_eval_prints_summary_last(tmp_path: Path) -> None:
    f = tmp_path / "e.jsonl"
    f.write_text(
        '{"q": "USBメモリで持ち出せる?", "source": "kaede_12.txt", "keys": ["USBポートは無効化"]}\n'
        '{"q": "委員の報酬はいくら?", "unanswerable": true}\n', encoding="utf-8")
    out = CliRunner().invoke(_app(), ["eval", str(f)])
    assert out.exit_code == 0, out.output
    last = out.output.strip().splitlines()[-3:]
    assert "key@1 1.000" in last[1] and "answer 1.000" in last[1] and "abstention 1.000" in last[2]


def test_run_asks_renders_and_judges_every_item() -> None:
    items = [EvalItem("q1", "a.txt", ["x"]), EvalItem("q2", unanswerable=True)]
    asked: list[str] = []

    def ask(q: str) -> Answer:
        asked.append(q)
        return Answer(q, q == "q1", "fact" if q == "q1" else "not_found", [_hit("a.txt", "x")])

    s = run(items, ask, lambda a: "x" if a.found else "", warm_up=True)
    assert asked == ["q1", "q1", "q2"]  # the warm-up question, then every item once
    assert (s.key_at_1, s.answer, s.abstention) == (1.0, 1.0, 1.0) and not s.misses
    s = run(items, ask, lambda a: "")  # the answer metric reads the rendered text
    assert asked[3:] == ["q1", "q2"] and s.key_at_1 == 1.0 and s.answer == 0.0


def test_report_pools_tune_and_test_and_keeps_no_test_misses(tmp_path: Path) -> None:
    from knowledge.evaluate import expand, report, report_json

    (tmp_path / "a_tune.jsonl").write_text('{"q": "q1", "source": "a.txt", "keys": ["x"]}\n'
                                           '{"q": "q2", "source": "a.txt", "keys": ["y"]}\n', encoding="utf-8")
    (tmp_path / "a_test.jsonl").write_text('{"q": "q3", "source": "a.txt", "keys": ["y"]}\n'
                                           '{"q": "q4", "unanswerable": true}\n', encoding="utf-8")

    def ask(q: str) -> Answer:
        return Answer(q, q != "q4", "fact" if q != "q4" else "not_found", [_hit("a.txt", "x")])

    files = expand([tmp_path])
    assert [f.name for f in files] == ["a_test.jsonl", "a_tune.jsonl"]
    r = report(files, ask, lambda a: "x" if a.found else "")
    assert r.tune is not None and r.test is not None and r.gap is not None
    assert r.tune.key_at_1 == 0.5 and r.test.key_at_1 == 0.0 and r.gap["key_at_1"] == -0.5
    assert r.test.abstention == 1.0 and r.tune.unanswerable == 0
    assert not r.test.misses and not r.rows[0].summary.misses  # the test half is read only in aggregate
    assert [m.item.q for m in r.rows[1].summary.misses] == ["q2"]
    data = report_json(r)
    assert "misses" not in data["files"][0] and data["files"][1]["misses"] == ["q2"]  # type: ignore[index]


def test_eval_several_files_prints_totals_and_gap(tmp_path: Path) -> None:
    (tmp_path / "s_tune.jsonl").write_text(
        '{"q": "USBメモリで持ち出せる?", "source": "kaede_12.txt", "keys": ["USBポートは無効化"]}\n', encoding="utf-8")
    (tmp_path / "s_test.jsonl").write_text('{"q": "委員の報酬はいくら?", "unanswerable": true}\n', encoding="utf-8")
    out = CliRunner().invoke(_app(), ["eval", str(tmp_path), "--misses"])
    assert out.exit_code == 0, out.output
    lines = out.output.strip().splitlines()
    assert lines[-3].startswith("調整用（tune）合計 | 1+0 | 1.000") and lines[-2].startswith("検証用（test）合計 | 0+1")
    assert lines[-1].startswith("差（test − tune）") and "委員の報酬" not in out.output
    out = CliRunner().invoke(_app(), ["eval", str(tmp_path), "--json"])
    data = json.loads(out.output)
    assert data["test"]["abstention"] == 1.0 and data["gap"] is not None
