"""APScheduler's job table is part of the schema.

Revision ID: 0009
Revises: 0008

``apscheduler_jobs`` as APScheduler 3's ``SQLAlchemyJobStore`` defines it (apscheduler/jobstores/sqlalchemy.py):
``id`` Unicode(191) primary key, ``next_run_time`` Float(25) with the index ``ix_apscheduler_jobs_next_run_time``,
``job_state`` LargeBinary not null. Before this revision the job store created the table itself when a process
first led the scheduler (``Table.create(checkfirst=True)``), so a database the scheduler ran on has it already:
that table is kept as it is, with its jobs (only a missing index is added). The job store now finds the table
and creates nothing.

Downgrade drops the table (jobs are derived: the next leader's tick schedules them again, and before this
revision the job store creates the table again).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLE = "apscheduler_jobs"
INDEX = "ix_apscheduler_jobs_next_run_time"


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table(TABLE):
        op.create_table(
            TABLE,
            sa.Column("id", sa.Unicode(length=191), primary_key=True),
            sa.Column("next_run_time", sa.Float(precision=25), nullable=True),
            sa.Column("job_state", sa.LargeBinary(), nullable=False),
        )
    elif any(ix["column_names"] == ["next_run_time"] for ix in inspector.get_indexes(TABLE)):
        return
    op.create_index(INDEX, TABLE, ["next_run_time"])


def downgrade() -> None:
    op.drop_table(TABLE)
