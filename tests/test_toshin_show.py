"""``shingikai show`` and ``/shingikai show`` of a 答申: its conclusion, request and reasons (the long ones as their
first sentences, the whole with ``--full``) and its proceedings as a dated list; on SQLite and, with
TEST_DATABASE_URL, PostgreSQL. Slack escapes whatever the document wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.clock import FixedClock
from bot.services.answers import AnswerService, EngineBuilder
from bot.services.ingest import ingest_paths
from bot.storage import knowledge as stored
from bot.storage.db import open_database
from handlers.commands.shingikai import handle_command
from knowledge.model import CourseRow, ToshinRecord
from templates import texts
from templates.toshin import excerpt
from tests.support.fakes import Fakes
from tests.support.recording import Bolt, RecordingClient
from tests.test_handlers import command, context
from tests.test_toshin_course import FIXTURE

LONG_REASONS = "".join(f"（{i}）検討の{i}点目について\n　当審査会が見分したところ、第{i}の記載は相手方を特定し得る。\n"
                       for i in range(1, 13))
COURSE_LINES = [
    "  令和６年４月８日　実施機関から諮問書及び弁明書の写しを受理",
    "  令和６年４月25日　諮問の報告（第88回第一部会）",
    "  令和６年５月20日　審査請求人から意見書を受理",
    "  令和６年９月12日　実施機関からの事情聴取・審議（第93回第一部会）",
    "  令和６年10月10日　審査請求人の意見陳述・審議（第94回第一部会）",
    "  令和６年11月14日　審議（第95回第一部会）",
]


def with_long_reasons(folder: Path) -> Path:
    """Our fixture 答申 with reasons of 513 characters (12 short paragraphs), and a request that a
    person could have typed markup into."""
    text = FIXTURE.read_text(encoding="utf-8")
    start, end = text.index("（１）本件記録について"), text.index("（第一部会）")
    text = text[:start] + LONG_REASONS + text[end:]
    text = text.replace("全部の開示を求める", "全部の開示を<求める>&求める")
    path = folder / FIXTURE.name
    path.write_text(text, encoding="utf-8")
    return path


def ingested(db_url: str, tmp_path: Path) -> int:
    """The fixture ingested; the consultation ID of the 答申."""
    db = open_database(db_url)
    ingest_paths(db, [with_long_reasons(tmp_path)], workers=1, clock=FixedClock())
    [record] = stored.consultations(db)
    db.dispose()
    return record.id


def run(url: str, *args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"SHINGIKAI_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_a_toshin(db_url: str, tmp_path: Path) -> None:
    cid = ingested(db_url, tmp_path)
    out = run(db_url, "show", str(cid))
    lines = out.splitlines()
    assert "── 答申の内容（答申第57号、令和7年2月14日） ──" in lines
    assert lines[lines.index("【結論】") + 1] == (
        "  さくら台市長が、「児童扶養手当の現況届の審査記録」を一部開示とした決定は、妥当である。")
    assert lines[lines.index("【趣旨】") + 1].startswith("  本件審査請求の趣旨は、")
    # the reasons: their first paragraphs, whole sentences, about 400 characters of the 480
    head = lines.index("【判断（冒頭。全 513 字）】")
    shown = lines[head + 1 : lines.index("ほかに: 実施機関の説明（117 字）・申立人の意見（56 字）")]
    assert shown[0] == "  （1）検討の1点目について" and all(s.startswith("  ") for s in shown)
    assert shown[-1].endswith("。") and "（12）" not in "".join(shown) and 300 < len("".join(shown)) <= 420
    assert f"全文: shingikai show {cid} --full" in lines
    assert "委員: 高森悠、三島葉子、仁科亮" in lines
    course = lines.index("経過（6件）:")
    assert lines[course + 1 : course + 7] == COURSE_LINES
    assert "〓" not in out  # a clean table: no note about damage
    assert out.rstrip().endswith(f"出典: {FIXTURE.name}")


def test_show_full_gives_every_part_whole(db_url: str, tmp_path: Path) -> None:
    cid = ingested(db_url, tmp_path)
    lines = run(db_url, "show", str(cid), "--full").splitlines()
    for heading in ("【結論】", "【趣旨】", "【実施機関の説明】", "【申立人の意見】", "【判断】"):
        assert heading in lines
    reasons = lines[lines.index("【判断】") + 1 : lines.index("委員: 高森悠、三島葉子、仁科亮")]
    assert reasons[0] == "  （1）検討の1点目について" and reasons[-1] == "  当審査会が見分したところ、第12の記載は相手方を特定し得る。"
    assert len(reasons) == 24
    assert not any(line.startswith("全文:") or line.startswith("ほかに:") for line in lines)
    assert lines[lines.index("経過（6件）:") + 1 :][:6] == COURSE_LINES


def test_slack_show_escapes_the_document(db_url: str, tmp_path: Path) -> None:
    cid = ingested(db_url, tmp_path)
    db = open_database(db_url)
    record = AnswerService(db, EngineBuilder(db, None)).consultation(cid)
    assert record is not None and record.toshin is not None
    assert "<求める>&求める" in record.toshin.parts["request"]
    slack = texts.consultation_text(record)
    assert "全部の開示を&lt;求める&gt;&amp;求める" in slack and "<求める>" not in slack
    assert "*答申の内容*（答申第57号、令和7年2月14日）" in slack
    assert "*判断*（冒頭。全 513 字）" in slack and "（12）検討" not in slack
    assert f"`shingikai show {cid} --full`" in slack
    assert "• 令和６年９月12日　実施機関からの事情聴取・審議（第93回第一部会）" in slack
    db.dispose()


def test_minutes_show_nothing_of_a_toshin(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    ingest_paths(db, [Path(__file__).parent / "fixtures" / "layouts" / "aoba_kaigiroku.txt"], workers=1,
                 clock=FixedClock())
    first = stored.consultations(db)[0]
    db.dispose()
    out = run(db_url, "show", str(first.id))
    assert "答申の内容" not in out and "経過（" not in out


def test_a_damaged_table_says_so(tmp_path: Path) -> None:
    real = Path(__file__).resolve().parents[2] / "shared" / "real" / "toshin" / "答申第1276号.txt"
    if not real.is_file():
        pytest.skip(f"実在の答申がありません（{real}）")
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    db = open_database(url)
    ingest_paths(db, [real], workers=1, clock=FixedClock())
    [record] = stored.consultations(db)
    db.dispose()
    lines = run(url, "show", str(record.id)).splitlines()
    assert "  平成26年４〓10日　審議（第245回第一部会）" in lines
    assert "  ※ 表の一部を原文から読み取れませんでした（〓 は読み取れない文字）。原文で確かめてください。" in lines


@pytest.mark.parametrize(
    ("text", "limit", "shown", "cut"),
    [
        ("短い。", 10, ["短い。"], False),
        ("一文目。\n二文目です。三文目です。", 12, ["一文目。", "二文目です。"], True),
        # a sentence inside brackets does not end the sentence around it
        ("実施機関（以下「市長」という。）が行った決定の取消しを求める。", 20, ["実施機関（以下「市長」という。）が行っ…"], True),
        ("第一段落は長いので切れる。", 5, ["第一段落…"], True),
    ],
)
def test_excerpt(text: str, limit: int, shown: list[str], cut: bool) -> None:
    assert excerpt(text, limit) == (shown, cut)


def test_slash_show_of_a_toshin_fits_slack(fakes: Fakes, recording: RecordingClient, bolt: Bolt) -> None:
    """``/shingikai show 7`` of a record found in a 答申: the parts and the dated list reach the reply, split into
    sections Slack takes (a long table too)."""
    rows = [CourseRow(f"令和６年{m}月{d}日", ["審議"], f"第{i}回第一部会", f"2024-{m:02d}-{d:02d}")
            for i, (m, d) in enumerate(((m, d) for m in range(1, 13) for d in (5, 19)), start=60)]
    fakes.answers.records[7].toshin = ToshinRecord(
        number="答申第57号", date="2025-02-14", date_text="令和7年2月14日", addressee="さくら台市長", chair="春日直樹",
        subject=None, matter=None, members=[],
        parts={"conclusion": "決定は、妥当である。", "request": "取消しを求める<b>。", "reasons": "判断の理由。" * 200},
        course=rows, course_incomplete=False)
    handle_command(bolt.ack, command("show 7"), bolt.respond, recording, context(fakes))
    [shown] = bolt.responses()
    sections = [b["text"]["text"] for b in shown["blocks"] if b.get("type") == "section"]
    body = "\n".join(sections)
    assert all(len(s) <= 3000 for s in sections)
    assert "*結論*\n決定は、妥当である。" in body and "取消しを求める&lt;b&gt;。" in body
    assert "*判断*（冒頭。全 1,200 字）" in body and body.count("判断の理由。") == 66
    assert "*経過（24件）*" in body and "• 令和６年12月19日　審議（第83回第一部会）" in body
