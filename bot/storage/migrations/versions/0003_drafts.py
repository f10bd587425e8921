"""Drafts 答申 and their review: table ``drafts``.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("json", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("requested_by", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(40), nullable=True),
        sa.Column("ts", sa.String(40), nullable=True),
        sa.Column("approved_by", sa.String(40), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("comments", sa.JSON(), nullable=False),
    )
    op.create_index("ix_drafts_consultation_id", "drafts", ["consultation_id"])


def downgrade() -> None:
    op.drop_index("ix_drafts_consultation_id", table_name="drafts")
    op.drop_table("drafts")
