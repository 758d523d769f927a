"""`guide-api migrate`: upgrade the database schema to the newest migration."""

import argparse

from api.commands.common import with_engine
from api.settings import Settings


def register(commands) -> None:
    migrate = commands.add_parser("migrate", help="upgrade the database schema (Alembic) to head")
    migrate.set_defaults(command=run)


def run(_args: argparse.Namespace) -> int:
    from api.migrate import migrate

    with_engine(Settings(), migrate)
    print("database schema is up to date")
    return 0
