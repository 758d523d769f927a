"""The change feed shows each caller only what it may see: a draft's life as the public
and an admin see it; sections follow their article."""

from test_revisions import ADMIN, execute
from test_seed_resync import add_article, edit

from schema.principal import ANONYMOUS
from seed.importer import import_content

FEED = """
query ($since: String) {
  changes(since: $since) {
    edges { kind action globalId revision node { id } }
    pageInfo { endCursor }
  }
}
"""
DRAFT = "articles/zweiter-artikel.md"


async def feed(engine, principal, since: str | None) -> tuple[list[tuple], str]:
    result = await execute(engine, FEED, {"since": since}, principal=principal)
    assert result.errors is None
    changes = result.data["changes"]
    edges = [(e["kind"], e["action"], e["node"] is not None) for e in changes["edges"]]
    return edges, changes["pageInfo"]["endCursor"]


async def test_a_drafts_life_in_the_feed_for_the_public_and_for_admins(seeded_engine, content_dir):
    engine = seeded_engine
    _, public = await feed(engine, ANONYMOUS, None)
    admin = public

    add_article(content_dir, "zweiter-artikel", status="draft")
    await import_content(engine, content_dir)
    edges, after = await feed(engine, ANONYMOUS, public)
    assert edges == []
    assert after != public  # past the draft's rows, which the public does not see
    public = after
    edges, admin = await feed(engine, ADMIN, admin)
    assert edges == [("ARTICLE", "CREATED", True), ("SECTION", "CREATED", True)]

    edit(content_dir, DRAFT, "status: draft", "status: published")
    await import_content(engine, content_dir)
    edges, public = await feed(engine, ANONYMOUS, public)
    assert edges == [("ARTICLE", "CREATED", True), ("SECTION", "CREATED", True)]
    edges, admin = await feed(engine, ADMIN, admin)
    assert edges == [("ARTICLE", "UPDATED", True), ("SECTION", "UPDATED", True)]

    edit(content_dir, DRAFT, "status: published", "status: draft")
    await import_content(engine, content_dir)
    edges, public = await feed(engine, ANONYMOUS, public)
    assert edges == [("ARTICLE", "REMOVED", False), ("SECTION", "REMOVED", False)]
    edges, admin = await feed(engine, ADMIN, admin)
    assert edges == [("ARTICLE", "UPDATED", True), ("SECTION", "UPDATED", True)]


async def test_the_public_feed_never_names_a_draft(seeded_engine, content_dir):
    add_article(content_dir, "geheimer-entwurf", status="draft")
    report = await import_content(seeded_engine, content_dir)
    draft_ids = {change.global_id for change in report.changes}

    edges, _ = await feed(seeded_engine, ANONYMOUS, None)
    result = await execute(seeded_engine, FEED, {"since": None}, principal=ANONYMOUS)

    assert len(edges) == 14 + 12 + 1 + 7  # the bundled guide, created
    assert draft_ids.isdisjoint(e["globalId"] for e in result.data["changes"]["edges"])
    assert "geheimer" not in str(result.data)
