"""One vote per person per answer: feedback is unique on (user, channel, message_ts).

Revision ID: 0005
Revises: 0004

Existing duplicates (several clicks on one answer by one person) are reduced to the latest click, which is the
vote the person meant last.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # "user" quoted: unquoted, PostgreSQL reads it as CURRENT_USER
    op.execute('DELETE FROM feedback WHERE id NOT IN (SELECT MAX(id) FROM feedback GROUP BY "user", channel, message_ts)')
    with op.batch_alter_table("feedback") as batch:
        batch.create_unique_constraint("uq_feedback_vote", ["user", "channel", "message_ts"])


def downgrade() -> None:
    with op.batch_alter_table("feedback") as batch:
        batch.drop_constraint("uq_feedback_vote", type_="unique")
