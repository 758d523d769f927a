"""`guide-api keys create|list|revoke`: access keys for partners, previews and admins."""

import argparse
import json
from datetime import UTC, datetime

from api.commands.common import CommandError, with_engine
from api.settings import Settings

CREATE_EXAMPLE = (
    'example: guide-api keys create --role partner --name "Praxisportal" '
    "--topic knochenmetastasen --origin https://portal.example"
)


def register(commands) -> None:
    keys = commands.add_parser(
        "keys",
        help="create, list and revoke access keys (partner, preview, admin)",
        description="Access keys are sent as `Authorization: Bearer <key>`. "
        "Only their hashes are stored; a key is shown once, when it is created. "
        "See docs/access.md.",
    )
    actions = keys.add_subparsers(title="actions", required=True)
    _register_create(actions)
    listing = actions.add_parser("list", help="show every key (never the secrets)")
    listing.add_argument("--json", action="store_true", help="print the keys as JSON")
    listing.set_defaults(command=run_list)
    revoke = actions.add_parser("revoke", help="revoke a key; it stops working within seconds")
    revoke.add_argument("id", type=int, help="the key's id, as `keys list` shows it")
    revoke.set_defaults(command=run_revoke)


def _register_create(actions) -> None:
    create = actions.add_parser(
        "create",
        help="create a key and print it once",
        description="Create an access key and print it once; store it right away. "
        "partner: published content of its topics (and their subtopics) and articles; "
        "preview: drafts and archived articles too; admin: everything and the mutations.",
        epilog=CREATE_EXAMPLE,
    )
    create.add_argument("--role", required=True, help="partner, preview or admin")
    create.add_argument("--name", required=True, help="who the key is for, e.g. the partner")
    create.add_argument(
        "--topic",
        action="append",
        default=[],
        metavar="SLUG",
        help="partner scope: a topic and its subtopics (repeatable)",
    )
    create.add_argument(
        "--article",
        action="append",
        default=[],
        metavar="SLUG",
        help="partner scope: one article (repeatable)",
    )
    create.add_argument(
        "--origin",
        action="append",
        default=[],
        metavar="URL",
        help="a browser origin allowed to send the key, e.g. https://portal.example (repeatable)",
    )
    create.add_argument(
        "--expires",
        default="90d",
        help="a duration (90d, 12w, 48h), a date (2026-12-31: the key stops working when that "
        "day begins, UTC), a timestamp, or never (default 90d)",
    )
    create.add_argument("--json", action="store_true", help="print the new key as JSON")
    create.set_defaults(command=run_create)


def run_create(args: argparse.Namespace) -> int:
    from api.auth.listing import as_dict
    from api.auth.spec import KeySpecError, key_spec
    from api.auth.store import create_key

    # Whole seconds: the times are shown to people and compared as text on SQLite.
    now = datetime.now(UTC).replace(microsecond=0)
    try:
        spec = key_spec(
            name=args.name,
            role=args.role,
            topics=args.topic,
            articles=args.article,
            origins=args.origin,
            expires=args.expires,
            now=now,
        )
        record, secret = _run(lambda engine: create_key(engine, spec, now))
    except KeySpecError as error:
        raise CommandError(f"keys create: nothing was created.\n{error}", exit_code=2) from error
    if args.json:
        print(json.dumps({**as_dict(record), "key": secret}, indent=2, ensure_ascii=False))
        return 0
    print(f"Created access key {record.id}: {record.name!r} ({record.role}).")
    for label, value in _details(record):
        print(f"  {label + ':':10} {value}")
    print(f"\n{secret}\n")
    print("This is the only time the key is shown: store it now. Only its hash is kept.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from api.auth.listing import as_dict, format_keys
    from api.auth.store import list_keys

    records = _run(list_keys)
    if args.json:
        print(json.dumps([as_dict(record) for record in records], indent=2, ensure_ascii=False))
    else:
        print(format_keys(records, datetime.now(UTC)))
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from api.auth.store import UnknownKeyError, revoke_key

    now = datetime.now(UTC)
    try:
        record = _run(lambda engine: revoke_key(engine, args.id, now))
    except UnknownKeyError as error:
        raise CommandError(f"keys revoke: {error}") from error
    when = f"{record.revoked_at:%Y-%m-%d %H:%M} UTC"
    if record.revoked_at < now:
        print(f"Access key {record.id} ({record.name!r}) was already revoked on {when}.")
    else:
        seconds = Settings().access_key_cache_seconds
        print(
            f"Revoked access key {record.id} ({record.name!r}). Running servers refuse it "
            f"within {seconds:g} seconds (GUIDE_ACCESS_KEY_CACHE_SECONDS)."
        )
    return 0


def _run(work):
    from api.migrate import migrate

    async def migrated(engine):
        await migrate(engine)
        return await work(engine)

    return with_engine(Settings(), migrated)


def _details(record) -> list[tuple[str, str]]:
    from api.auth.listing import scope_text

    expires = "never" if record.expires_at is None else record.expires_at.isoformat()
    return [
        ("scope", scope_text(record)),
        ("origins", ", ".join(record.origins) or "none (server-to-server only)"),
        ("expires", expires),
    ]
