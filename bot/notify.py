"""Posting to Slack outside a request: the daily digest through the Web API (bot token; ``SLACK_API_URL``)."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.app import build_client
from bot.services.digest import DigestData
from bot.settings import Settings
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
