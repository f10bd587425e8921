"""Consultations keep their precedent profile.

Revision ID: 0007
Revises: 0006

``consultations.profile`` (JSON, nullable): what ``knowledge.precedents`` ranks by — kinds, personal data,
safeguards, nouns — made from the consultation and its passages when its document is ingested, so that
``shingikai similar`` and a draft's precedents read no passage text. Rows stored before stay NULL and are made
(and kept) the first time precedents are ranked.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("consultations", sa.Column("profile", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("consultations") as batch:
        batch.drop_column("profile")
