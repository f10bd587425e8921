"""Posting to Slack outside a request: the daily digest through the Web API (bot token; ``SLACK_API_URL``)."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.app import build_client
from bot.clock import Clock
from bot.services.digest import DigestData, DigestService, UpcomingMeetings
from bot.settings import Settings
from bot.storage.db import Database
from templates.blocks.digest import digest_message


class SlackDigestPoster:
    """``bot.services.digest.DigestPoster`` over a ``WebClient``."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    @classmethod
    def from_settings(cls, settings: Settings) -> SlackDigestPoster:
        return cls(build_client(settings))

    def post_digest(self, channel: str, data: DigestData) -> str:
        message = digest_message(data)
        response = self.client.chat_postMessage(channel=channel, unfurl_links=False, unfurl_media=False,
                                                **message.as_kwargs())
        return str(response["ts"])


def open_digest(settings: Settings, db: Database, *, clock: Clock | None = None,
                meetings: UpcomingMeetings | None = None) -> DigestService:
    """The digest service that posts through the Slack Web API: what the scheduler calls ``digest_job(now)`` on
    at app.yaml's ``digest.time`` (``meetings``: the meetings service, once it exists)."""
    return DigestService(db, settings, clock, poster=SlackDigestPoster.from_settings(settings), meetings=meetings)
