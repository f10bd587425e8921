"""The secretariat's commands: ``draft ID``, ``similar ID`` and ``digest`` (``--dry-run``, ``--json``).

``register(app, settings_factory=..., clock_factory=..., poster_factory=...)``: tests pass their own settings,
a ``FixedClock`` and a poster. A bad or unknown ID exits 2 with the reason in Japanese.
The services, the database and the templates are imported inside the commands (``shingikai --help`` stays fast).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bot.cli.common import say, settings_or_exit

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.services.desk import DeskService
    from bot.services.digest import DigestPoster
    from bot.settings import Settings
    from knowledge.model import ConsultationRecord

SettingsFactory = Callable[[], "Settings"]
ClockFactory = Callable[[], "Clock"]
PosterFactory = Callable[["Settings"], "DigestPoster"]
CONCERNS = 3
SIMILAR_DEFAULT = 5  # = bot.services.desk.SIMILAR_DEFAULT, repeated so that --help need not load the services


def parse_id(arg: str) -> int | None:
    """``12``, ``１２``, ``#12``, ``ID12`` → 12; anything else → None."""
    text = unicodedata.normalize("NFKC", arg).strip().lower().removeprefix("id").removeprefix("#").strip()
    return int(text) if text.isdigit() and 0 < int(text) < 2**31 else None


def _record_or_exit(desk: DeskService, arg: str) -> ConsultationRecord:
    from templates import desk as words

    number = parse_id(arg)
    if number is None:
        say(words.message("bad_id", arg=arg), style="red")
        raise typer.Exit(2)
    record = desk.consultation(number)
    if record is None:
        say(words.message("unknown_id", id=number), style="red")
        raise typer.Exit(2)
    return record


def concerns(c: ConsultationRecord) -> list[str]:
    """The members' concerns of a precedent: its recorded requests, else members' change requests in its Q&A."""
    from knowledge.drafts import is_change_request

    if c.requests:
        return c.requests[:CONCERNS]
    asked = [q.question for q in c.qa if is_change_request(q.question)]
    return asked[:CONCERNS]


def _slack_poster(settings: Settings) -> DigestPoster:
    from bot.notify import SlackDigestPoster  # Bolt and the Slack client load only for the command that posts

    return SlackDigestPoster.from_settings(settings)


def _system_clock() -> Clock:
    from bot.clock import SystemClock

    return SystemClock()


def register(app: typer.Typer, *, settings_factory: SettingsFactory = settings_or_exit,
             clock_factory: ClockFactory = _system_clock, poster_factory: PosterFactory = _slack_poster) -> None:
    def desk_service() -> DeskService:
        from bot.services.desk import DeskService

        return DeskService.open(settings_factory(), clock=clock_factory())

    @app.command("draft")
    def draft(
        consultation_id: Annotated[str, typer.Argument(metavar="ID", help="諮問の ID（consultations の [ ] 内の数字）")],
        as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する（text と、出典付きの文の sections）")] = False,
    ) -> None:
        """答申（案）を議事録の記載だけから作る

        結論・説明要旨・判断理由・要望・類似案件の各文に出典を付けます。
        """
        desk = desk_service()
        record = _record_or_exit(desk, consultation_id)
        built = desk.build(record.id)
        assert built is not None  # the record exists
        if as_json:
            typer.echo(json.dumps(built.draft.to_dict(), ensure_ascii=False, indent=2))
        else:
            typer.echo(built.draft.text)

    @app.command("similar")
    def similar(
        consultation_id: Annotated[str, typer.Argument(metavar="ID", help="諮問の ID（consultations の [ ] 内の数字）")],
        as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False,
        limit: Annotated[int, typer.Option("--limit", min=1, max=50, help="表示する件数")] = SIMILAR_DEFAULT,
    ) -> None:
        """似た諮問（先例）の一覧

        他の会議・審議会の先例を、種類・個人情報・安全対策の共通点と結論とともに一覧します。
        """
        from templates import desk as words

        desk = desk_service()
        record = _record_or_exit(desk, consultation_id)
        found = desk.similar(record.id, k=limit) or []
        if as_json:
            typer.echo(json.dumps([p.to_dict() for p in found], ensure_ascii=False, indent=2))
            return
        if not found:
            typer.echo(words.message("no_similar", label=record.label, title=record.title))
            return
        items: list[dict[str, Any]] = []
        for p in found:
            other = desk.consultation(p.id)
            items.append({**p.to_dict(), "place": (other.municipality or other.council) if other else None,
                          "meeting_date": other.meeting_date if other else None,
                          "concerns": concerns(other) if other else []})
        typer.echo(words.similar_text(asdict(record), items))

    @app.command("digest")
    def digest(
        dry_run: Annotated[bool, typer.Option("--dry-run", help="投稿せず、投稿される内容をそのまま表示する")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="--dry-run の内容を JSON で出力する（data・text・blocks）")] = False,
    ) -> None:
        """毎日のダイジェストを委員のチャンネルに投稿する

        結論が出ていない諮問・結論未記録の諮問・14 日以内の会議・新しく取り込んだ資料。投稿は 1 日 1 回までです。
        """
        from bot.services.digest import DigestService
        from bot.storage.db import open_database
        from templates import desk as words
        from templates.blocks.digest import digest_message
        from templates.digest import digest_text
        from templates.render import render

        settings = settings_factory()
        clock = clock_factory()
        db = open_database(settings.database_url)
        if dry_run or as_json:
            service = DigestService(db, settings, clock)
            now = clock.now()
            data = service.data(now)
            skip = service.skip_reason(now, data)
            message = digest_message(data)
            if as_json:
                typer.echo(json.dumps({"post": skip is None, "skip": skip, "channel": service.channel(),
                                       "data": data.to_dict(), "text": digest_text(data),
                                       "blocks": message.as_kwargs()["blocks"]}, ensure_ascii=False, indent=2))
                return
            if skip is not None:
                say(words.message("digest_skip", reason=skip))
            typer.echo(digest_text(data))
            return
        if not settings.slack_bot_token:
            say(render("slack/cli_messages.j2", key="no_bot_token"), style="red")
            raise typer.Exit(2)
        service = DigestService(db, settings, clock, poster=poster_factory(settings))
        result = service.digest_job(clock.now())
        say(words.message("digest_result", result=result))
        raise typer.Exit(1 if result == "failed" else 0)
