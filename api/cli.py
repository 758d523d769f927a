"""The `guide-api` command line: a thin shell over the app and the seed importer."""

import argparse
import asyncio
import json
import sys
from pathlib import Path

from api.database import DatabaseURLError, create_engine
from api.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.command(args)
    except DatabaseURLError as error:
        print(f"guide-api: {error}", file=sys.stderr)
        return 2
    except DatabaseUnreachable as error:
        print(f"guide-api: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guide-api",
        description="Serve the patient guide over GraphQL and seed it from files. "
        "Settings come from environment variables (see README); DATABASE_URL selects "
        "the database (default sqlite:///./guide.db).",
    )
    commands = parser.add_subparsers(title="commands", required=True)

    serve = commands.add_parser("serve", help="run the API with uvicorn")
    serve.add_argument("--host", help="interface to bind (default GUIDE_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default GUIDE_PORT or 8000)")
    serve.add_argument("--workers", type=int, help="worker processes (default GUIDE_WORKERS or 1)")
    serve.add_argument(
        "--no-seed",
        action="store_true",
        help="do not seed the bundled guide into an empty database",
    )
    serve.set_defaults(command=_serve)

    seed = commands.add_parser(
        "seed",
        help="validate the content files and write them to the database in one transaction",
    )
    seed.add_argument(
        "directory",
        nargs="?",
        type=Path,
        help="content folder (default GUIDE_CONTENT_DIR or the bundled seed/content)",
    )
    seed.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    seed.add_argument("--json", action="store_true", help="print the report as JSON")
    seed.set_defaults(command=_seed)
    return parser


class DatabaseUnreachable(RuntimeError):
    """The database did not answer."""


def _run(coroutine):
    try:
        return asyncio.run(coroutine)
    except (OSError, TimeoutError) as error:
        raise DatabaseUnreachable(f"cannot reach the database: {error}") from error


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.startup import prepare_database

    overrides = {key: getattr(args, key) for key in ("host", "port", "workers")}
    settings = Settings(**{key: value for key, value in overrides.items() if value is not None})
    if args.no_seed:
        settings.seed_on_start = False
    report = _run(_with_engine(settings, lambda engine: prepare_database(engine, settings)))
    if report is not None:
        print(f"Seeded {settings.content_dir}:\n{report.format()}", flush=True)
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        loop="uvloop",
        http="httptools",
    )
    return 0


def _seed(args: argparse.Namespace) -> int:
    from seed.errors import SeedError
    from seed.importer import import_content

    settings = Settings()
    directory = args.directory or settings.content_dir

    async def run(engine):
        from api.database import create_tables

        await create_tables(engine)
        return await import_content(engine, directory, dry_run=args.dry_run)

    try:
        report = _run(_with_engine(settings, run))
    except SeedError as error:
        print(f"guide-api seed: {directory}: nothing was written.\n{error}", file=sys.stderr)
        return 1
    print(json.dumps(report.as_dict(), indent=2) if args.json else report.format())
    return 0


async def _with_engine(settings: Settings, work):
    engine = create_engine(settings.database_url)
    try:
        return await work(engine)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
