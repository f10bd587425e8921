"""Block Kit builders: every Slack message and view layout (wording comes from the ``.j2`` templates)."""
