"""Admin mutations: validated like a seed, written with a revision, change rows and a
version bump, answered with the updated object or a clear error (nothing written)."""

from sqlalchemy import select
from test_revisions import ADMIN, execute
from test_seed_resync import rows

from schema.content_version import read_version
from schema.principal import ANONYMOUS, Principal, Role
from schema.revisions.history import article_at, list_revisions, rows_of
from schema.tables import ContentChange

SLUG = "knochenmetastasen-verstehen"
UPDATE = """
mutation ($anchor: String!, $heading: String, $body: String) {
  updateSection(article: "knochenmetastasen-verstehen", anchor: $anchor,
                heading: $heading, body: $body) {
    anchor heading position body { markdown html } article { slug }
  }
}
"""


async def changes_of(engine, revision: int) -> list[tuple]:
    table = ContentChange.__table__
    found = await rows(
        engine,
        select(
            table.c.kind, table.c.key, table.c.action, table.c.status_before, table.c.status_after
        )
        .where(table.c.revision_id == revision)
        .order_by(table.c.id),
    )
    return [tuple(row) for row in found]


async def test_update_section_body_writes_a_revision_by_the_admin(seeded_engine):
    result = await execute(
        seeded_engine, UPDATE, {"anchor": "kernaussage", "body": "Neuer **Kern**."}
    )

    assert result.errors is None
    assert result.data == {
        "updateSection": {
            "anchor": "kernaussage",
            "heading": "Kernaussage",
            "position": 7,
            "body": {"markdown": "Neuer **Kern**.", "html": "<p>Neuer <strong>Kern</strong>.</p>"},
            "article": {"slug": SLUG},
        }
    }
    async with seeded_engine.connect() as connection:
        assert await read_version(connection) == 2
        revision, _ = await list_revisions(rows_of(connection), limit=2)
        document, _ = await article_at(rows_of(connection), SLUG, 2)
    assert (revision.number, revision.author, revision.source) == (
        2,
        "test",
        "mutation updateSection",
    )
    assert revision.summary == "articles: 1 updated; sections: 1 updated"
    assert document["sections"][-1] == {"heading": "Kernaussage", "body": "Neuer **Kern**."}
    assert await changes_of(seeded_engine, 2) == [
        ("article", SLUG, "updated", "published", "published"),
        ("section", "kernaussage", "updated", "published", "published"),
    ]


async def test_a_new_heading_gives_a_new_anchor(seeded_engine):
    result = await execute(seeded_engine, UPDATE, {"anchor": "kernaussage", "heading": "Fazit"})

    assert result.errors is None
    assert result.data["updateSection"]["anchor"] == "fazit"
    assert [row[1:3] for row in await changes_of(seeded_engine, 2)][1:] == [
        ("fazit", "created"),
        ("kernaussage", "removed"),
    ]


async def test_status_mutations_publish_unpublish_and_archive(seeded_engine):
    statuses = []
    for name in ("unpublishArticle", "publishArticle", "archiveArticle"):
        result = await execute(seeded_engine, f'mutation {{ {name}(slug: "{SLUG}") {{ status }} }}')
        assert result.errors is None
        statuses.append(result.data[name]["status"])

    assert statuses == ["DRAFT", "PUBLISHED", "ARCHIVED"]
    async with seeded_engine.connect() as connection:
        revisions = await list_revisions(rows_of(connection), limit=10)
        assert await read_version(connection) == 4
    assert [revision.source for revision in revisions] == [
        "mutation archiveArticle",
        "mutation publishArticle",
        "mutation unpublishArticle",
        "seed",
    ]
    article, *followers = await changes_of(seeded_engine, 2)
    assert article == ("article", SLUG, "updated", "published", "draft")
    # Its sections follow it out of public view; its references are re-announced.
    assert [row[0] for row in followers] == ["section"] * 7 + ["reference"] * 12


async def test_invalid_edits_are_refused_and_write_nothing(seeded_engine, snapshot):
    before = await snapshot(seeded_engine)
    cases = {
        ("kernaussage", "   ", None): "updateSection: heading: heading without text; "
        "write the heading after '## '",
        ("kernaussage", "Warum Knochenmetastasen Beschwerden verursachen", None): (
            "updateSection: heading: 'Warum Knochenmetastasen Beschwerden verursachen' gives "
            "the anchor 'warum-knochenmetastasen-beschwerden-verursachen', which section 3 "
            "already has; reword it"
        ),
        ("kernaussage", None, "Text.\n\n## Noch eine\n\nMehr."): (
            "updateSection: body: a line starting with '## ' would start a new section; "
            "write sub-headings as '### ' or edit the sections one by one"
        ),
        ("gibt-es-nicht", None, "Text."): (
            "updateSection: the article has no section 'gibt-es-nicht'; its sections are: "
            "was-knochenmetastasen-sind-und-was-sie-nicht-sind, "
            "metastasen-streuen-nicht-was-damit-gemeint-ist, "
            "warum-knochenmetastasen-beschwerden-verursachen, "
            "wie-die-situation-sicher-abgeklaert-und-ueberwacht-wird, "
            "was-moderne-therapien-leisten-systemisch-und-lokal, "
            "alltag-und-selbstfuersorge-sicherheit-zurueckgewinnen, kernaussage"
        ),
    }
    for (anchor, heading, body), message in cases.items():
        variables = {"anchor": anchor, "heading": heading, "body": body}
        result = await execute(seeded_engine, UPDATE, variables)
        assert result.data is None
        assert [error.message for error in result.errors] == [message]

    result = await execute(seeded_engine, 'mutation { publishArticle(slug: "nein") { id } }')
    assert [error.message for error in result.errors] == [
        "publishArticle: article 'nein' does not exist"
    ]
    assert await snapshot(seeded_engine) == before


async def test_only_admins_may_mutate(seeded_engine, snapshot):
    before = await snapshot(seeded_engine)
    preview = Principal(role=Role.PREVIEW, name="vorschau")

    for principal in (ANONYMOUS, preview):
        result = await execute(
            seeded_engine,
            f'mutation {{ archiveArticle(slug: "{SLUG}") {{ id }} }}',
            principal=principal,
        )
        assert result.data is None
        [error] = result.errors
        assert error.message.startswith("permission denied: this field needs an admin access key")

    assert await snapshot(seeded_engine) == before
    assert ADMIN.is_admin
