"""The schedule modal's submission: validated by the meetings port; a problem is shown on its field.

Only 事務局 may add meetings (app.yaml's roles); the modal is opened by ``/shingikai schedule`` (registry).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.ports import MeetingForm, MeetingInputError
from handlers.context import ports_of
from templates.blocks import meetings as mb

log = logging.getLogger("shingikai.slack")
SECRETARIAT = "事務局"
FIELD_BLOCK = {"title": "title", "at": "date", "end": "end", "place": "place", "agenda": "agenda", "remind": "remind"}
ERROR_LIMIT = 2000


def _value(values: Mapping[str, Any], block: str) -> Any:
    element = (values.get(block) or {}).get(mb.FORM_ACTION) or {}
    return element


def form_from_state(values: Mapping[str, Any]) -> MeetingForm:
    """The modal's state as the meetings port takes it (the date and start time as one ISO 8601 WHEN)."""
    date = _value(values, "date").get("selected_date") or ""
    start = _value(values, "start").get("selected_time") or ""
    at = f"{date}T{start}" if date and start else f"{date} {start}".strip()
    agenda = tuple(int(o["value"]) for o in _value(values, "agenda").get("selected_options") or []
                   if str(o.get("value", "")).isdigit())
    return MeetingForm(
        title=str(_value(values, "title").get("value") or ""),
        at=at,
        end=_value(values, "end").get("selected_time"),
        place=_value(values, "place").get("value"),
        agenda=agenda,
        remind=_value(values, "remind").get("value"),
    )


def handle_schedule_submission(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                               context: Mapping[str, Any]) -> None:
    user = str((body.get("user") or {}).get("id", ""))
    ports = ports_of(context)
    if ports.members.role_of(user) != SECRETARIAT:
        ack(response_action="errors", errors={"title": mb.refusal(role=SECRETARIAT)})
        return
    try:
        done = ports.meetings.schedule(form_from_state((view.get("state") or {}).get("values") or {}), by=user)
    except MeetingInputError as exc:
        ack(response_action="errors", errors={FIELD_BLOCK.get(exc.field, "title"): mb.input_error(exc)[:ERROR_LIMIT]})
        return
    ack()
    ports.meetings.publish()  # the announcement now, not at the scheduler's next tick
    try:
        reply = mb.scheduled_reply(meeting_id=done.meeting.id, title=done.meeting.title, when=done.meeting.when,
                                   warnings=done.warnings)
        client.chat_postMessage(channel=user, **reply.as_kwargs())
    except Exception as exc:  # the meeting is stored and announced; only the confirmation failed
        log.error("could not confirm meeting %s to %s: %s", done.meeting.id, user, type(exc).__name__)
