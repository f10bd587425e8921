"""Alembic environment: runs migrations on the engine handed over in ``config.attributes``.

On SQLite a column change copies the table (batch mode). Foreign keys are switched off around the migration
(the SQLite recipe for schema changes: ``PRAGMA foreign_keys`` cannot change inside a transaction), or dropping
the old copy of ``documents`` would cascade-delete every consultation and passage; they are checked afterwards.
"""

from __future__ import annotations

from alembic import context

from bot.storage.tables import SQLModel

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=sqlite)
                with context.begin_transaction():
                    context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left rows without their parent: {broken[:5]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


run_migrations_online()
