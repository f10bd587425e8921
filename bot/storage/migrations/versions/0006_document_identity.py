"""Documents keyed by place and content; no length limit on free text; consultations can be withdrawn.

Revision ID: 0006
Revises: 0005

* ``documents.source`` is no longer unique (two folders may each hold a ``議事録.txt``): a plain index. The
  file's place, ``documents.path``, is unique instead, and ``sha256`` is indexed (the same content moved or
  renamed is found again). Stored rows keep their values: ``path`` was already one per file name.
* Every free-text column (source, council, municipality, session, date_text, chair; a consultation's label and
  kind) becomes TEXT (a 107-character 開催日時 overflowed VARCHAR(100) on PostgreSQL; SQLite never enforced
  the lengths and gets TEXT by a table copy, with foreign keys off: see ``env.py``).
* ``consultations.withdrawn`` (false for every stored row): set when a re-ingested document no longer has it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TEXTS = {
    "documents": {"source": 512, "council": 200, "municipality": 100, "session": 100, "date_text": 100,
                  "chair": 200},
    "consultations": {"label": 100, "kind": 100},
}
_NOT_NULL = {("documents", "source"), ("consultations", "label")}


def upgrade() -> None:
    op.drop_index("ix_documents_source", table_name="documents")
    for table, columns in _TEXTS.items():
        with op.batch_alter_table(table) as batch:
            for column, length in columns.items():
                batch.alter_column(column, type_=sa.Text(), existing_type=sa.String(length),
                                   existing_nullable=(table, column) not in _NOT_NULL)
    op.create_index("ix_documents_source", "documents", ["source"])
    op.create_index("ux_documents_path", "documents", ["path"], unique=True)
    op.create_index("ix_documents_sha256", "documents", ["sha256"])
    op.add_column("consultations", sa.Column("withdrawn", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("consultations", "withdrawn")
    op.drop_index("ix_documents_sha256", table_name="documents")
    op.drop_index("ux_documents_path", table_name="documents")
    op.drop_index("ix_documents_source", table_name="documents")
    postgres = op.get_bind().dialect.name == "postgresql"
    for table, columns in _TEXTS.items():  # values longer than the old limits would not fit: cut on PostgreSQL
        with op.batch_alter_table(table) as batch:
            for column, length in columns.items():
                using = {"postgresql_using": f"left({column}, {length})"} if postgres else {}
                batch.alter_column(column, type_=sa.String(length), existing_type=sa.Text(),
                                   existing_nullable=(table, column) not in _NOT_NULL, **using)
    op.create_index("ix_documents_source", "documents", ["source"], unique=True)
