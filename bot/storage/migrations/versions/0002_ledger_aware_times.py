"""A general ledger (kind, key) replaces processed_events (its rows move over); timestamps become aware.

Revision ID: 0002
Revises: 0001

Every timestamp column becomes ``TIMESTAMP WITH TIME ZONE``; the values stored so far were naive UTC, so
PostgreSQL reads them ``AT TIME ZONE 'UTC'``. SQLite keeps no zone and its values stay as they are (UTC).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_TIMES = (("documents", "ingested_at"), ("thread_contexts", "updated_at"), ("feedback", "created_at"))


def upgrade() -> None:
    op.create_table(
        "ledger",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.UniqueConstraint("kind", "key", name="uq_ledger_kind_key"),
    )
    op.create_index("ix_ledger_claimed_at", "ledger", ["claimed_at"])
    postgres = op.get_bind().dialect.name == "postgresql"
    seen = "seen_at AT TIME ZONE 'UTC'" if postgres else "seen_at"
    op.execute(
        "INSERT INTO ledger (kind, key, claimed_at, confirmed_at) "
        f"SELECT 'slack_event', event_id, {seen}, {seen} FROM processed_events"
    )
    op.drop_index("ix_processed_events_seen_at", table_name="processed_events")
    op.drop_table("processed_events")
    if postgres:  # on SQLite the column type does not change (and a batch copy would cascade deletes)
        for table, column in _TIMES:
            op.alter_column(table, column, type_=sa.DateTime(timezone=True), existing_nullable=False,
                            postgresql_using=f"{column} AT TIME ZONE 'UTC'")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        for table, column in _TIMES:
            op.alter_column(table, column, type_=sa.DateTime(), existing_nullable=False,
                            postgresql_using=f"{column} AT TIME ZONE 'UTC'")
    op.create_table(
        "processed_events",
        sa.Column("event_id", sa.String(100), primary_key=True),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_processed_events_seen_at", "processed_events", ["seen_at"])
    claimed = "claimed_at AT TIME ZONE 'UTC'" if postgres else "claimed_at"
    op.execute(
        f"INSERT INTO processed_events (event_id, seen_at) SELECT key, {claimed} FROM ledger "
        "WHERE kind = 'slack_event'"
    )
    op.drop_index("ix_ledger_claimed_at", table_name="ledger")
    op.drop_table("ledger")
