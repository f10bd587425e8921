"""``bot.ports.Notifier`` over Slack's Web API (the same WebClient as the Bolt app: ``SLACK_API_URL`` applies)."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient


class SlackNotifier:
    def __init__(self, client: WebClient) -> None:
        self.client = client

    def post(self, channel: str, *, text: str, blocks: list[dict[str, Any]], thread_ts: str | None = None) -> str:
        """Post in a channel, or to a member's DM with the app when ``channel`` is a user id; returns the ts."""
        response = self.client.chat_postMessage(channel=channel, text=text, blocks=blocks, thread_ts=thread_ts,
                                                unfurl_links=False, unfurl_media=False)
        return str(response["ts"])

    def update(self, channel: str, ts: str, *, text: str, blocks: list[dict[str, Any]]) -> None:
        self.client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)

    def upload(self, channel: str, *, thread_ts: str | None, filename: str, content: bytes, title: str) -> None:
        self.client.files_upload_v2(channel=channel, thread_ts=thread_ts, filename=filename, content=content,
                                    title=title)
