"""``bot.ports.Notifier`` over Slack's Web API (the same WebClient as the Bolt app: ``SLACK_API_URL`` applies).

The services hand over data (``bot.meetings.notices``); ``message_of`` words it and builds its Block Kit with
``templates/blocks/meetings.py`` (where every raw text is escaped), and ``SlackNotifier`` posts the result.
"""

from __future__ import annotations

import hashlib
import json

from slack_sdk import WebClient

from bot.meetings.notices import (
    Announcement,
    CalendarFile,
    Cancellation,
    ChannelReminder,
    MemberReminder,
    MissedReport,
    MoveNotice,
    Notice,
    QuorumOutlook,
    UnconfirmedReport,
)
from templates.blocks import meetings as blocks
from templates.blocks.messages import Message


def message_of(notice: Notice) -> Message:
    """The Slack message (fallback text and blocks) that says ``notice``."""
    match notice:
        case Announcement():
            return blocks.announcement(meeting_id=notice.meeting_id, title=notice.title, when=notice.when,
                                       place=notice.place, agenda=notice.agenda, tally=notice.tally,
                                       closed=notice.closed, cancelled=notice.cancelled)
        case Cancellation():
            return blocks.cancellation(title=notice.title, when=notice.when, reason=notice.reason)
        case MoveNotice():
            return blocks.move_notice(title=notice.title, old_when=notice.old_when, new_when=notice.new_when)
        case ChannelReminder():
            return blocks.reminder_channel(title=notice.title, when=notice.when, place=notice.place,
                                           before=notice.before, tally=notice.tally)
        case MemberReminder():
            return blocks.reminder_dm(meeting_id=notice.meeting_id, name=notice.name, title=notice.title,
                                      when=notice.when, place=notice.place, answer=notice.answer)
        case QuorumOutlook():
            return blocks.quorum_forecast(forecast=notice.forecast, title=notice.title, when=notice.when,
                                          quorum_text=notice.quorum_text)
        case MissedReport():
            return blocks.missed_report(notice.items)
        case UnconfirmedReport():
            return blocks.unconfirmed_report(notice.items)
    raise TypeError(f"not a notice: {type(notice).__name__}")


def fingerprint(notice: Notice) -> str:
    """SHA-256 of the message as posted (text and blocks, keys sorted)."""
    data = json.dumps(message_of(notice).as_kwargs(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def calendar_title() -> str:
    """The title of an uploaded .ics."""
    return blocks.label("ics_title")


class SlackNotifier:
    def __init__(self, client: WebClient) -> None:
        self.client = client

    def post(self, channel: str, notice: Notice, *, thread_ts: str | None = None) -> str:
        """Post in a channel, or to a member's DM with the app when ``channel`` is a user id; returns the ts."""
        message = message_of(notice).as_kwargs()
        response = self.client.chat_postMessage(channel=channel, text=message["text"], blocks=message["blocks"],
                                                thread_ts=thread_ts, unfurl_links=False, unfurl_media=False)
        return str(response["ts"])

    def update(self, channel: str, ts: str, notice: Notice) -> None:
        message = message_of(notice).as_kwargs()
        self.client.chat_update(channel=channel, ts=ts, text=message["text"], blocks=message["blocks"])

    def upload(self, channel: str, file: CalendarFile, *, thread_ts: str | None) -> None:
        self.client.files_upload_v2(channel=channel, thread_ts=thread_ts, filename=file.filename,
                                    content=file.content, title=calendar_title())

    def fingerprint(self, notice: Notice) -> str:
        return fingerprint(notice)
