"""`guide-api seed [DIR]`: validate the content files and write them in one transaction.

Also `--dry-run` (the diff, per entity and field, nothing written), `--prune` (delete
articles gone from the files instead of archiving them) and `--rollback N` (apply the
content as it was at revision N, as a new revision).
"""

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
        "Migrates the database schema first if needed. Each seed that changes something "
        "is recorded as a revision (see `guide-api revisions`).",
    )
    seed.add_argument(
        "directory",
        nargs="?",
        type=Path,
        help="content folder (default GUIDE_CONTENT_DIR or the bundled seed/content)",
    )
    seed.add_argument(
        "--dry-run", action="store_true", help="validate and print the diff, write nothing"
    )
    seed.add_argument("--json", action="store_true", help="print the report as JSON")
    seed.add_argument(
        "--prune",
        action="store_true",
        help="delete articles whose file is gone (default: archive them), and say which",
    )
    seed.add_argument(
        "--author", help="who is seeding, recorded in the revision (default GUIDE_AUTHOR, OS user)"
    )
    seed.add_argument(
        "--workers",
        type=_count,
        metavar="N",
        help="worker processes that render the rich text of changed articles while the files "
        "are read (default: one per core; 0: none, e.g. on a machine busy with other work)",
    )
    seed.add_argument(
        "--rollback",
        type=int,
        metavar="N",
        help="apply the content as it was at revision N, as a new revision "
        "(DIR then only provides the images)",
    )
    seed.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    from api.migrate import migrate
    from api.webhooks import deliver_after_seed
    from schema.revisions.history import UnknownRevisionError
    from schema.revisions.lock import WriteLockTimeout
    from seed.errors import SeedError
    from seed.importer import import_content
    from seed.rollback import rollback

    settings = Settings()
    directory = args.directory or settings.content_dir
    options = {
        "dry_run": args.dry_run,
        "author": args.author or settings.author or None,
        "lock_timeout": settings.seed_lock_timeout,
        "workers": args.workers,
    }

    async def work(engine):
        await migrate(engine)
        if args.rollback is not None:
            report = await rollback(engine, args.rollback, media=directory / "media", **options)
        else:
            report = await import_content(engine, directory, prune=args.prune, **options)
        if report.revision is not None and not report.dry_run:
            # Tell webhook receivers now; what does not get through, API processes retry.
            await deliver_after_seed(engine, settings)
        return report

    what = f"--rollback {args.rollback}" if args.rollback is not None else str(directory)
    try:
        report = with_engine(settings, work)
    except SeedError as error:
        raise CommandError(f"seed: {what}: nothing was written.\n{error}") from error
    except (WriteLockTimeout, UnknownRevisionError) as error:
        raise CommandError(f"seed: {what}: {error}") from error
    print(
        json.dumps(report.as_dict(), indent=2, ensure_ascii=False) if args.json else report.format()
    )
    return 0


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 or more, not {text!r}")
    return int(text)
