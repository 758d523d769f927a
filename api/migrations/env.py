"""Alembic environment: runs on a connection handed over by `api.migrate`."""

from alembic import context
from sqlmodel import SQLModel

import schema.tables  # noqa: F401  (registers every table on the metadata)
from api.migrations.unmodelled import include_name


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `guide-api migrate` (api.migrate), not the alembic CLI")
run(connection)
