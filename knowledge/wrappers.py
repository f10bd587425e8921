"""What people wrap a question in, as it is typed in Slack (used by the wrapper test and benchmark: an answer
must not change when a question is wrapped in one of these)."""

from __future__ import annotations

WRAPPERS: dict[str, str] = {
    "greeting": "すみません、{q}",
    "tired": "お疲れ様です。{q}",
    "urgent": "至急 {q}",
    "tag": "【確認】{q}",
    "bold_urgent": "*緊急* {q}",
    "mention": "<@U0123ABCD> {q}",
    "url": "{q} https://example.jp/minutes/74.pdf",
    "slack_link": "<https://example.jp/minutes|議事録> {q}",
    "emoji_code": "{q} :pray:",
    "emoji": "{q}🙏",
    "hearsay": "青木さんが聞いてたんだけど、{q}",
    "closing": "{q} よろしくお願いします",
    "markup": "_{q}_",
}


def wrap(question: str) -> dict[str, str]:
    """``question`` in each wrapper."""
    return {name: w.format(q=question) for name, w in WRAPPERS.items()}
