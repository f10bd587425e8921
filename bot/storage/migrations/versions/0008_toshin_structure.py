"""A 答申's structure is kept: its parts and its proceedings.

Revision ID: 0008
Revises: 0007

* ``toshin`` (one row per document with a recognisable 答申 structure): number, date, addressee, chair,
  subject, matter, members, and whether the proceedings table was damaged (``course_incomplete``).
* ``toshin_parts``: the span of each part found in the document's text (conclusion, request, explanation,
  opinion, reasons), the heading left out.
* ``toshin_course``: the rows of 《参考》審査会の経過 in order (date, as written and ISO; meeting; steps).

Written at ingest with the document and replaced with it. 答申 stored before this revision have none yet:
``show`` reads their structure from the stored text the first time and keeps it (``bot.storage.toshin``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "toshin",
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("number", sa.Text(), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("addressee", sa.Text(), nullable=True),
        sa.Column("chair", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("matter", sa.Text(), nullable=True),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("course_incomplete", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "toshin_parts",
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("toshin.document_id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("part", sa.String(length=16), primary_key=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    )
    op.create_table(
        "toshin_course",
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("toshin.document_id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=False),
        sa.Column("meeting", sa.Text(), nullable=True),
        sa.Column("steps", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("toshin_course")
    op.drop_table("toshin_parts")
    op.drop_table("toshin")
