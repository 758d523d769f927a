"""`guide-api show ARTICLE [--revision N]`: an article's seed file, now or at a revision."""

import argparse
import json

from api.commands.common import CommandError, with_engine
from api.settings import Settings


def register(commands) -> None:
    parser = commands.add_parser(
        "show",
        help="print an article's seed file as it is now or was at a revision",
        description="Prints the front matter and body as the seed file would hold them; "
        "save it as articles/<slug>.md to bring that version back into the files.",
    )
    parser.add_argument("article", help="slug of the article")
    parser.add_argument("--revision", type=int, metavar="N", help="as at revision N (default: now)")
    parser.add_argument("--json", action="store_true", help="print the document as JSON")
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    from api.migrate import migrate
    from schema.revisions.files import article_text
    from schema.revisions.history import UnknownRevisionError, article_at, rows_of
    from schema.revisions.snapshot import article_documents

    async def work(engine):
        await migrate(engine)
        async with engine.connect() as connection:
            if args.revision is None:
                return (await article_documents(connection, [args.article])).get(args.article)
            return await article_at(rows_of(connection), args.article, args.revision)

    try:
        found = with_engine(Settings(), work)
    except UnknownRevisionError as error:
        raise CommandError(f"show: {error}") from error
    if found is None:
        when = f"at revision {args.revision}" if args.revision is not None else "in the database"
        raise CommandError(f"show: there is no article {args.article!r} {when}")
    document, digest = found
    if args.json:
        print(json.dumps({"content_hash": digest, **document}, indent=2, ensure_ascii=False))
    else:
        print(article_text(document), end="")
    return 0
