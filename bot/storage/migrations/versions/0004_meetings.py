"""Meetings: the schedule, each meeting's agenda, members' answers (RSVP) and recorded attendance.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        _when("starts_at"),
        _when("ends_at", True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("reminder_offsets", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        _when("created_at"),
        sa.Column("created_by", sa.String(40), nullable=True),
        sa.Column("source", sa.String(8), nullable=False),
        _when("updated_at"),
        _when("rescheduled_at", True),
        _when("previous_starts_at", True),
        _when("previous_ends_at", True),
        sa.Column("announce_channel", sa.String(40), nullable=True),
        sa.Column("announce_ts", sa.String(40), nullable=True),
        sa.Column("announce_digest", sa.String(64), nullable=True),
    )
    op.create_index("ix_meetings_starts_at", "meetings", ["starts_at"])
    op.create_table(
        "meeting_agenda",
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("pending", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "rsvps",
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("slack_id", sa.String(40), primary_key=True),
        sa.Column("answer", sa.String(8), nullable=False),
        _when("answered_at"),
        sa.Column("recorded_by", sa.String(40), nullable=False),
        sa.Column("source", sa.String(8), nullable=False),
    )
    op.create_table(
        "meeting_attendance",
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("slack_id", sa.String(40), primary_key=True),
        _when("recorded_at"),
        sa.Column("recorded_by", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("meeting_attendance")
    op.drop_table("rsvps")
    op.drop_table("meeting_agenda")
    op.drop_index("ix_meetings_starts_at", table_name="meetings")
    op.drop_table("meetings")
