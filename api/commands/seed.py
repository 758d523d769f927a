"""`guide-api seed [DIR]`: validate the content files and write them in one transaction."""

import argparse
import json
from pathlib import Path

from api.commands.common import CommandError, with_engine
from api.settings import Settings


def register(commands) -> None:
    seed = commands.add_parser(
        "seed",
        help="validate the content files and write them to the database in one transaction",
        description="Validates every file first; on any problem nothing is written. "
        "Migrates the database schema first if needed.",
    )
    seed.add_argument(
        "directory",
        nargs="?",
        type=Path,
        help="content folder (default GUIDE_CONTENT_DIR or the bundled seed/content)",
    )
    seed.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    seed.add_argument("--json", action="store_true", help="print the report as JSON")
    seed.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    from api.migrate import migrate
    from seed.errors import SeedError
    from seed.importer import import_content

    settings = Settings()
    directory = args.directory or settings.content_dir

    async def work(engine):
        await migrate(engine)
        return await import_content(engine, directory, dry_run=args.dry_run)

    try:
        report = with_engine(settings, work)
    except SeedError as error:
        raise CommandError(f"seed: {directory}: nothing was written.\n{error}") from error
    print(
        json.dumps(report.as_dict(), indent=2, ensure_ascii=False) if args.json else report.format()
    )
    return 0
