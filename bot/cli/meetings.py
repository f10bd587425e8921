"""``shingikai meeting add|list|show|move|cancel|ics|rsvp|quorum|attendance`` and ``shingikai scheduler status``.

The CLI changes the database only; the running bot (``shingikai serve``) announces, notifies and reminds within
its next scheduler tick. Exit codes: 0 done, 1 no such meeting, 2 input that cannot be used (the reason printed).
The services, the database and the templates are imported inside the commands (``shingikai --help`` stays fast).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bot.cli.common import say, settings_or_exit
from bot.cli.japanese import JaTyper

if TYPE_CHECKING:
    from bot.meetings.notices import CalendarFile, Notice
    from bot.ports import MeetingInputError, MeetingView, Scheduled
    from bot.services.meetings import MeetingService

ServiceFactory = Callable[[], "MeetingService"]
CLI_USER = "cli"


def default_service() -> MeetingService:
    from bot.clock import SystemClock
    from bot.services.meetings import MeetingService
    from bot.storage.db import open_database
    from bot.storage.ledger import Ledger

    settings = settings_or_exit()
    db = open_database(settings.database_url)
    clock = SystemClock()
    return MeetingService(db, settings.config, clock, Ledger(db, clock))


def _text(part: str, **ctx: Any) -> str:
    from templates.render import render

    return render("cli/meetings.j2", part=part, **ctx)


def meeting_json(v: MeetingView, service: MeetingService, *, status: str | None = None) -> dict[str, Any]:
    from bot.meetings.display import offset_label
    from bot.services.meetings import short_offset

    tz = service.tz
    stored = service.stored(v.id)
    return {
        "id": v.id,
        "title": v.title,
        "starts_at": v.starts_at.astimezone(tz).isoformat(),
        "ends_at": v.ends_at.astimezone(tz).isoformat() if v.ends_at else None,
        "when": v.when,
        "place": v.place,
        "agenda": [{"id": a.consultation_id, "label": a.label, "title": a.title, "pending": a.pending}
                   for a in v.agenda],
        "reminders": [{"offset": short_offset(o), "before": offset_label(o),
                       "due_at": (v.starts_at - o).astimezone(tz).isoformat()} for o in v.reminders],
        "status": status or stored.info.status,
        "cancel_reason": stored.info.cancel_reason,
        "sequence": stored.info.sequence,
        "tally": {"attending": v.tally.attending, "absent": v.tally.absent, "undecided": v.tally.undecided,
                  "unanswered": v.tally.unanswered},
        "announced": stored.announce_ts is not None,
    }


def _bad(exc: MeetingInputError) -> typer.Exit:
    from templates.blocks.meetings import input_error

    say(input_error(exc), style="red")
    return typer.Exit(2)


def _missing(meeting_id: int) -> typer.Exit:
    say(_text("not_found", meeting_id=meeting_id), style="red")
    return typer.Exit(1)


def _print_scheduled(done: Scheduled, service: MeetingService, part: str, *, as_json: bool) -> None:
    """The meeting an add or a move produced, with its warnings (weekend, holiday…): JSON or the ``part`` text."""
    from templates.blocks.meetings import date_warning

    data = meeting_json(done.meeting, service)
    warnings = [date_warning(w) for w in done.warnings]
    if as_json:
        typer.echo(json.dumps({**data, "warnings": warnings}, ensure_ascii=False, indent=2))
        return
    typer.echo(_text(part, m=data, warnings=warnings))


def _ids(text: str, what: str) -> tuple[int, ...]:
    from bot.ports import MeetingInputError

    parts = [p.strip() for p in text.replace("、", ",").split(",") if p.strip()]
    bad = [p for p in parts if not p.isdigit()]
    if bad:
        raise MeetingInputError(what, "ids", option=what, values=bad)
    return tuple(int(p) for p in parts)


def register(app: typer.Typer, *, service_factory: ServiceFactory = default_service) -> None:
    meeting = JaTyper(help="会議の日程・出欠・定足数（事務局向け）", no_args_is_help=True, add_completion=False)
    app.add_typer(meeting, name="meeting")

    @meeting.command("add")
    def add(
        title: Annotated[str, typer.Option("--title", help="会議名（例: 第80回 個人情報保護審議会）")],
        at: Annotated[str, typer.Option("--at", help="開始日時（例: 令和8年1月21日(水) 15:00、2026-01-21T15:00）")],
        end: Annotated[str | None, typer.Option("--end", help="終了時刻（例: 17:00）")] = None,
        place: Annotated[str | None, typer.Option("--place", help="場所")] = None,
        agenda: Annotated[str | None, typer.Option("--agenda", help="議題にする諮問の ID（カンマ区切り、例: 12,15）")] = None,
        remind: Annotated[str | None, typer.Option("--remind", help="リマインドのタイミング（例: 7d,1d,2h。省略時は app.yaml）")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False,
    ) -> None:
        """会議を登録する

        起動中のボットが 1 分以内に委員のチャンネルでお知らせします。
        """
        from bot.ports import MeetingForm, MeetingInputError

        service = service_factory()
        try:
            form = MeetingForm(title=title, at=at, end=end, place=place,
                               agenda=_ids(agenda, "--agenda") if agenda else (), remind=remind)
            done = service.schedule(form, by=CLI_USER, source="cli")
        except MeetingInputError as exc:
            raise _bad(exc) from None
        _print_scheduled(done, service, "added", as_json=as_json)

    @meeting.command("list")
    def listing(
        all_: Annotated[bool, typer.Option("--all", help="終わった会議・中止した会議も表示する")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False,
    ) -> None:
        """予定されている会議の一覧"""
        service = service_factory()
        items = [meeting_json(v, service) for v in service.listing(include_past=all_)]
        if as_json:
            typer.echo(json.dumps(items, ensure_ascii=False, indent=2))
            return
        typer.echo(_text("list", items=items, all=all_))

    @meeting.command("show")
    def show(
        meeting_id: Annotated[int, typer.Argument(metavar="ID", help="会議の ID")],
        as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False,
    ) -> None:
        """会議を一件表示する

        委員ごとの出欠と出席の記録（定足数に達したか）とともに表示します。
        """
        from bot.meetings.quorum import voting_members
        from bot.storage.meetings import MeetingNotFound

        service = service_factory()
        try:
            d = service.detail(meeting_id)
        except MeetingNotFound:
            raise _missing(meeting_id) from None
        names = {m.slack_id: m.name for m in service.config.members}
        answers = [{"slack_id": m.slack_id, "name": m.name, "answer": d.answers.get(m.slack_id)}
                   for m in voting_members(service.config.members)]
        data = {**meeting_json(d.view, service), "answers": answers,
                "present": [{"slack_id": p, "name": names.get(p, p)} for p in d.present], "quorate": d.quorate}
        if as_json:
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        typer.echo(_text("show", m=data, answers=answers, present=[names.get(p, p) for p in d.present],
                         quorate=d.quorate))

    @meeting.command("move")
    def move(
        meeting_id: Annotated[int, typer.Argument(metavar="ID", help="会議の ID")],
        at: Annotated[str, typer.Option("--at", help="新しい開始日時")],
        end: Annotated[str | None, typer.Option("--end", help="新しい終了時刻（省略時は会議の長さを保つ）")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False,
    ) -> None:
        """会議の日時を変える

        リマインドも移り、委員のチャンネルに知らせます。
        """
        from bot.ports import MeetingInputError
        from bot.storage.meetings import MeetingNotFound

        service = service_factory()
        try:
            done = service.move(meeting_id, at=at, end=end)
        except MeetingNotFound:
            raise _missing(meeting_id) from None
        except MeetingInputError as exc:
            raise _bad(exc) from None
        _print_scheduled(done, service, "moved", as_json=as_json)

    @meeting.command("cancel")
    def cancel(
        meeting_id: Annotated[int, typer.Argument(metavar="ID", help="会議の ID")],
        reason: Annotated[str | None, typer.Option("--reason", help="中止の理由（委員に伝えます）")] = None,
    ) -> None:
        """会議を中止する

        リマインドを取り消し、委員に知らせます。
        """
        from bot.ports import MeetingInputError
        from bot.storage.meetings import MeetingNotFound

        service = service_factory()
        try:
            v = service.cancel(meeting_id, reason=reason)
        except MeetingNotFound:
            raise _missing(meeting_id) from None
        except MeetingInputError as exc:
            raise _bad(exc) from None
        typer.echo(_text("cancelled", m={"id": v.id, "title": v.title}))

    @meeting.command("ics")
    def ics(
        meeting_id: Annotated[int, typer.Argument(metavar="ID", help="会議の ID")],
        output: Annotated[Path | None, typer.Option("-o", "--output", help="書き出すファイル（省略時は標準出力）")] = None,
    ) -> None:
        """会議を iCalendar（.ics）で出力する

        カレンダーアプリに取り込めます。
        """
        from bot.storage.meetings import MeetingNotFound

        service = service_factory()
        try:
            content = service.ics(meeting_id)
        except MeetingNotFound:
            raise _missing(meeting_id) from None
        if output is None:
            typer.echo(content.decode("utf-8"), nl=False)
            return
        output.write_bytes(content)
        say(_text("ics_written", path=output))

    @meeting.command("rsvp")
    def rsvp(
        meeting_id: Annotated[int, typer.Argument(metavar="ID", help="会議の ID")],
        member: Annotated[str, typer.Option("--member", help="委員の Slack ID（app.yaml の slack_id）")],
        answer: Annotated[str, typer.Option("--answer", help="出席 / 欠席 / 未定")],
    ) -> None:
        """委員の出欠を記録する

        電話やメールで受けた出欠を記録します。
        """
        from bot.ports import MeetingInputError

        service = service_factory()
        try:
            result = service.rsvp(meeting_id, member, answer.strip(), by=CLI_USER, source="cli")
        except MeetingInputError as exc:
            raise _bad(exc) from None
        if result.status == "not_found":
            raise _missing(meeting_id)
        if result.status != "recorded":
            say(_text("rsvp_refused", status=result.status, member=member, meeting_id=meeting_id), style="red")
            raise typer.Exit(2)
        names = {m.slack_id: m.name for m in service.config.members}
        typer.echo(_text("rsvp", member_name=names.get(member, member), answer=answer.strip(), meeting_id=meeting_id))

    @meeting.command("quorum")
    def quorum(
        meeting_id: Annotated[int, typer.Argument(metavar="ID", help="会議の ID")],
        as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False,
    ) -> None:
        """定足数の見込み

        出席の回答で足りるか、未定の方次第か、届かないかを表示します。
        """
        from bot.storage.meetings import MeetingNotFound

        service = service_factory()
        try:
            f = service.quorum(meeting_id)
        except MeetingNotFound:
            raise _missing(meeting_id) from None
        if as_json:
            typer.echo(json.dumps(f.to_json(), ensure_ascii=False, indent=2))
            return
        typer.echo(_text("quorum", f=f))

    @meeting.command("attendance")
    def attendance(
        meeting_id: Annotated[int, typer.Argument(metavar="ID", help="会議の ID")],
        present: Annotated[str, typer.Option("--present", help="出席した委員の Slack ID（カンマ区切り）")],
    ) -> None:
        """会議に出席した委員を記録する

        `meeting show` が定足数に達したかを表示します。
        """
        from bot.ports import MeetingInputError
        from bot.storage.meetings import MeetingNotFound

        service = service_factory()
        ids = [p.strip() for p in present.replace("、", ",").split(",") if p.strip()]
        try:
            d = service.record_attendance(meeting_id, ids, by=CLI_USER)
        except MeetingNotFound:
            raise _missing(meeting_id) from None
        except MeetingInputError as exc:
            raise _bad(exc) from None
        typer.echo(_text("attendance", present=d.present, quorate=d.quorate))

    scheduler = JaTyper(help="リマインドと定足数確認のスケジューラ", no_args_is_help=True, add_completion=False)
    app.add_typer(scheduler, name="scheduler")

    @scheduler.command("status")
    def status(as_json: Annotated[bool, typer.Option("--json", help="JSON で出力する")] = False) -> None:
        """スケジューラの担当と次の送信予定

        どのプロセスがスケジューラを担当しているか、次に何を送るかを表示します。
        """
        from bot.meetings.display import offset_label, short_datetime
        from bot.services.reminders import ReminderService
        from bot.storage.leader import current_leader
        from templates.render import render

        service = service_factory()
        reminders = ReminderService(service, _NoNotifier())
        now = service.clock.now()
        due = [{"due": short_datetime(s.due_at, tz=service.tz), "due_at": s.due_at.astimezone(service.tz).isoformat(),
                "kind": render("meetings/labels.j2", key=f"kind_{s.kind}"), "before": offset_label(s.offset),
                "meeting_id": m.id, "title": m.info.title} for m, s in reminders.upcoming(now)[:10]]
        leader = current_leader(service.db)
        unconfirmed = sum(len(service.ledger.unconfirmed(k)) for k in ("reminder", "quorum"))
        if as_json:
            typer.echo(json.dumps({"leader": leader, "next": due, "unconfirmed": unconfirmed}, ensure_ascii=False,
                                  indent=2))
            return
        typer.echo(_text("status", leader=leader, due=due, unconfirmed=unconfirmed))


class _NoNotifier:
    """``scheduler status`` only plans: it never posts."""

    def post(self, channel: str, notice: Notice, *, thread_ts: str | None = None) -> str:
        raise RuntimeError("scheduler status does not post")

    def update(self, channel: str, ts: str, notice: Notice) -> None:
        raise RuntimeError("scheduler status does not post")

    def upload(self, channel: str, file: CalendarFile, *, thread_ts: str | None) -> None:
        raise RuntimeError("scheduler status does not post")

    def fingerprint(self, notice: Notice) -> str:
        raise RuntimeError("scheduler status does not post")
