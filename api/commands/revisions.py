"""`guide-api revisions`: the content revisions, newest first."""

import argparse
import json

from api.commands.common import with_engine
from api.settings import Settings

# Articles listed per revision in the text output; --json lists them all.
_SHOWN_ARTICLES = 10


def register(commands) -> None:
    parser = commands.add_parser(
        "revisions",
        help="list the content revisions, newest first",
        description="Each applied seed, rollback and admin change is a revision: its number, "
        "time, author, source, a summary, and the articles it stores with their content hash.",
    )
    parser.add_argument("--limit", type=int, default=20, help="how many to list (default 20)")
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    from api.migrate import migrate
    from schema.revisions.history import list_revisions, rows_of

    async def work(engine):
        await migrate(engine)
        async with engine.connect() as connection:
            return await list_revisions(rows_of(connection), limit=max(args.limit, 0))

    revisions = with_engine(Settings(), work)
    if args.json:
        print(json.dumps([_as_dict(revision) for revision in revisions], indent=2))
    elif not revisions:
        print("no revisions yet: the first seed that changes something records revision 1")
    for revision in [] if args.json else revisions:
        print(_format(revision))
    return 0


def _format(revision) -> str:
    when = revision.created_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    lines = [f"{revision.number:>4}  {when}  {revision.author}  {revision.source}"]
    lines.append(f"      {revision.summary}")
    articles = list(revision.articles.items())
    for slug, digest in articles[:_SHOWN_ARTICLES]:
        lines.append(f"      article {slug} {digest[:12] if digest else '(deleted)'}")
    if len(articles) > _SHOWN_ARTICLES:
        lines.append(f"      … and {len(articles) - _SHOWN_ARTICLES} more articles (--json)")
    return "\n".join(lines)


def _as_dict(revision) -> dict:
    return {
        "number": revision.number,
        "created_at": revision.created_at.isoformat(),
        "author": revision.author,
        "source": revision.source,
        "summary": revision.summary,
        "articles": revision.articles,
    }
