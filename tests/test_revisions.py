"""Every applied seed is a revision: number, time, author, summary, per-article hash and
document; admins list them and read an article as it was; the CLI shows the same."""

import asyncio
import json
from datetime import UTC, datetime

from test_seed_resync import ARTICLE, ARTICLE_SLUG, KERNAUSSAGE, edit

from api.cli import main
from schema import build_schema
from schema.content_version import read_version
from schema.context import build_context
from schema.principal import ANONYMOUS, Principal, Role
from schema.revisions.history import list_revisions, rows_of
from seed.importer import import_content
from seed.rows import article_hash

ADMIN = Principal(role=Role.ADMIN, name="test")
CHANGED = "Knochenmetastasen sind sekundäre (!) Herde"


async def execute(engine, query: str, variables: dict | None = None, principal=ADMIN):
    """Run a GraphQL operation in-process, as the app would for this principal."""
    context = build_context(engine, None, None, principal=principal)
    return await build_schema().execute(query, variable_values=variables, context_value=context)


async def test_each_applied_seed_records_a_revision_and_bumps_the_version(engine, content_dir):
    started = datetime.now(UTC)
    first = await import_content(engine, content_dir, author="alice")
    unchanged = await import_content(engine, content_dir, author="alice")
    edit(content_dir, ARTICLE, KERNAUSSAGE, CHANGED)
    second = await import_content(engine, content_dir, author="bob")

    assert (first.revision, unchanged.revision, second.revision) == (1, None, 2)
    async with engine.connect() as connection:
        assert await read_version(connection) == 2
        revisions = await list_revisions(rows_of(connection), limit=10)
    assert [(r.number, r.author, r.source, r.summary) for r in revisions] == [
        (2, "bob", "seed", "articles: 1 updated; sections: 1 updated"),
        (
            1,
            "alice",
            "seed",
            "topics: 14 created; articles: 1 created; sections: 7 created; "
            "references: 12 created; citations: 12 created",
        ),
    ]
    assert all(started <= r.created_at <= datetime.now(UTC) for r in revisions)
    assert revisions[0].articles != revisions[1].articles
    assert set(revisions[0].articles) == {ARTICLE_SLUG}


async def test_author_comes_from_the_environment_without_author(engine, content_dir, monkeypatch):
    monkeypatch.setenv("GUIDE_AUTHOR", "redaktion")

    report = await import_content(engine, content_dir)

    async with engine.connect() as connection:
        [revision] = await list_revisions(rows_of(connection), limit=1)
    assert (report.revision, revision.author) == (1, "redaktion")


async def test_admins_list_revisions_and_read_an_article_as_it_was(engine, content_dir):
    await import_content(engine, content_dir, author="alice")
    edit(content_dir, ARTICLE, KERNAUSSAGE, CHANGED)
    await import_content(engine, content_dir, author="bob")
    query = """
      query ($first: Int, $after: String) {
        revisions(first: $first, after: $after) {
          edges { cursor node { number author source summary articles { slug contentHash } } }
          pageInfo { hasNextPage endCursor }
        }
      }
    """

    newest = await execute(engine, query, {"first": 1})
    older = await execute(engine, query, {"first": 1, "after": "2"})

    assert (newest.errors, older.errors) == (None, None)
    [edge] = newest.data["revisions"]["edges"]
    assert edge["node"]["number"] == 2
    assert edge["node"]["author"] == "bob"
    assert newest.data["revisions"]["pageInfo"] == {"hasNextPage": True, "endCursor": "2"}
    assert [e["node"]["number"] for e in older.data["revisions"]["edges"]] == [1]
    assert older.data["revisions"]["pageInfo"]["hasNextPage"] is False

    then = await execute(
        engine,
        """query { articleRevision(slug: "knochenmetastasen-verstehen", revision: 1) {
             revision status title contentHash sections { anchor heading body } document } }""",
    )
    assert then.errors is None
    article = then.data["articleRevision"]
    assert article["revision"] == 1
    assert article["status"] == "published"
    assert article["title"] == "Knochenmetastasen verstehen"
    assert article["sections"][-1]["anchor"] == "kernaussage"
    assert KERNAUSSAGE in article["sections"][-1]["body"]
    assert CHANGED not in article["document"]
    assert article["document"].startswith("---\nslug: knochenmetastasen-verstehen\n")
    old_hash = {
        a["slug"]: a["contentHash"] for a in older.data["revisions"]["edges"][0]["node"]["articles"]
    }
    assert article["contentHash"] == old_hash[ARTICLE_SLUG]


async def test_revision_hash_is_the_hash_of_what_the_file_says(engine, content_dir):
    from seed.importer import load_content

    await import_content(engine, content_dir)
    content, _ = load_content(content_dir)
    async with engine.connect() as connection:
        [revision] = await list_revisions(rows_of(connection), limit=1)
    assert revision.articles == {ARTICLE_SLUG: article_hash(content.articles[0])}


async def test_non_admins_get_a_permission_error(engine, content_dir):
    await import_content(engine, content_dir)
    preview = Principal(role=Role.PREVIEW, name="vorschau")

    for principal in (ANONYMOUS, preview):
        result = await execute(engine, "{ revisions { edges { cursor } } }", principal=principal)
        assert result.data is None
        [error] = result.errors
        assert error.message.startswith("permission denied: this field needs an admin access key")
        assert error.path == ["revisions"]


async def test_unknown_revision_is_a_clear_error(engine, content_dir):
    await import_content(engine, content_dir)

    result = await execute(
        engine, '{ articleRevision(slug: "knochenmetastasen-verstehen", revision: 7) { title } }'
    )

    assert result.data == {"articleRevision": None}
    assert [error.message for error in result.errors] == [
        "revision: revision 7 does not exist; revisions are numbered 1 to 1"
    ]


async def test_cli_lists_revisions_and_shows_an_article_as_it_was(
    engine, content_dir, database_url, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", database_url)
    await import_content(engine, content_dir, author="alice")
    edit(content_dir, ARTICLE, KERNAUSSAGE, CHANGED)
    await import_content(engine, content_dir, author="bob")
    capsys.readouterr()

    assert await asyncio.to_thread(main, ["revisions", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["author"]) for r in listed] == [(2, "bob"), (1, "alice")]

    assert await asyncio.to_thread(main, ["show", ARTICLE_SLUG, "--revision", "1"]) == 0
    shown = capsys.readouterr().out
    file = (content_dir / ARTICLE).read_text(encoding="utf-8")
    body = file.split("\n---\n", 1)[1]
    assert shown.split("\n---\n", 1)[1] == body.replace(CHANGED, KERNAUSSAGE)

    assert await asyncio.to_thread(main, ["show", ARTICLE_SLUG, "--revision", "9"]) == 1
    assert capsys.readouterr().err == (
        "guide-api show: revision 9 does not exist; revisions are numbered 1 to 2\n"
    )
