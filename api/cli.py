"""The `guide-api` command line: a thin shell over the app, migrations and the seed importer."""

import argparse
import sys

from api.commands import keys, migrate, revisions, seed, serve, show, webhooks
from api.commands.common import CommandError
from api.database import DatabaseURLError

# Each module adds one subcommand; keep one per line.
COMMANDS = (
    serve,
    migrate,
    seed,
    keys,
    webhooks,
    revisions,
    show,
)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.command(args)
    except DatabaseURLError as error:
        print(f"guide-api: {error}", file=sys.stderr)
        return 2
    except CommandError as error:
        print(f"guide-api {error}", file=sys.stderr)
        return error.exit_code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guide-api",
        description="Serve the patient guide over GraphQL and seed it from files. "
        "Settings come from environment variables (see README); DATABASE_URL selects "
        "the database (default sqlite:///./guide.db).",
    )
    commands = parser.add_subparsers(title="commands", required=True)
    for module in COMMANDS:
        module.register(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
