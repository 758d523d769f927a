"""An offline app keeps a copy of everything by syncing the change feed over HTTP; after
three seed revisions its copy equals a fresh full read."""

import asyncio

from test_seed_resync import ARTICLE, KERNAUSSAGE, add_article, edit

from seed.importer import import_content

ENTITY = """
fragment Entity on Node {
  id
  ... on Article { slug title lead { markdown } }
  ... on Section { anchor heading position body { markdown } }
  ... on Topic { slug name description }
  ... on Reference { citation url }
}
"""
SYNC = (
    ENTITY
    + """
query Sync($since: String) {
  changes(since: $since, first: 10) {
    edges { kind action globalId revision node { ...Entity } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
)
FULL = (
    ENTITY
    + """
query Full {
  articles(first: 20) {
    edges { node { ...Entity sections { ...Entity } references { reference { ...Entity } } } }
  }
  topics { ...Entity }
}
"""
)
COLEMAN_URL = "https://www.esmo.org/guidelines/esmo-clinical-practice-guideline-bone-health-in-cancer-patients"


async def graphql(client, query: str, variables: dict | None = None) -> dict:
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}})
    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body["errors"]
    return body["data"]


async def sync(client, copy: dict[str, dict], since: str | None) -> tuple[str, list[dict]]:
    """Apply every change since `since` to `copy`; returns the new cursor and the edges."""
    seen = []
    while True:
        page = (await graphql(client, SYNC, {"since": since}))["changes"]
        for edge in page["edges"]:
            seen.append(edge)
            if edge["node"] is None:
                copy.pop(edge["globalId"], None)
            else:
                assert edge["node"]["id"] == edge["globalId"]
                copy[edge["globalId"]] = edge["node"]
        since = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            return since, seen


async def full_read(client) -> dict[str, dict]:
    data = await graphql(client, FULL)
    found = {topic["id"]: topic for topic in data["topics"]}
    for edge in data["articles"]["edges"]:
        article = dict(edge["node"])
        for section in article.pop("sections"):
            found[section["id"]] = section
        for citation in article.pop("references"):
            found[citation["reference"]["id"]] = citation["reference"]
        found[article["id"]] = article
    return found


async def test_a_client_copy_synced_across_three_revisions_equals_a_full_read(
    app, client, seeded_engine, content_dir
):
    copy: dict[str, dict] = {}
    cursor, first_sync = await sync(client, copy, None)
    assert {edge["action"] for edge in first_sync} == {"CREATED"}
    assert copy == await full_read(client)

    # Revision 2: a section's text, a reference URL, a new topic, a new draft article.
    edit(content_dir, ARTICLE, KERNAUSSAGE, "Knochenmetastasen sind sekundäre (!) Herde")
    edit(content_dir, "references.yaml", f"URL: {COLEMAN_URL}", "URL: https://example.org/neu")
    with (content_dir / "topics.yaml").open("a", encoding="utf-8") as file:
        file.write("\n- slug: palliativmedizin\n  name: Palliativmedizin\n")
    add_article(content_dir, "zweiter-artikel", status="draft")
    assert (await import_content(seeded_engine, content_dir)).revision == 2
    await until_served(app, 2)
    cursor, second = await sync(client, copy, cursor)
    # The draft is nothing to the public.
    assert [(e["kind"], e["action"], e["revision"]) for e in second] == [
        ("TOPIC", "CREATED", 2),
        ("REFERENCE", "UPDATED", 2),
        ("ARTICLE", "UPDATED", 2),
        ("SECTION", "UPDATED", 2),
    ]
    assert copy == await full_read(client)

    # Revision 3: the draft is published; a section and the new topic are removed.
    edit(content_dir, "articles/zweiter-artikel.md", "status: draft", "status: published")
    text = (content_dir / ARTICLE).read_text(encoding="utf-8")
    (content_dir / ARTICLE).write_text(text[: text.index("## Kernaussage")].rstrip() + "\n")
    topics = (content_dir / "topics.yaml").read_text(encoding="utf-8")
    (content_dir / "topics.yaml").write_text(topics.split("\n- slug: palliativmedizin")[0] + "\n")
    assert (await import_content(seeded_engine, content_dir)).revision == 3
    await until_served(app, 3)
    cursor, third = await sync(client, copy, cursor)
    assert sorted((e["kind"], e["action"]) for e in third) == [
        ("ARTICLE", "CREATED"),  # published: new to the public
        ("ARTICLE", "UPDATED"),
        ("SECTION", "CREATED"),
        ("SECTION", "REMOVED"),
        ("TOPIC", "REMOVED"),
    ]
    assert copy == await full_read(client)

    # Revision 4: the second article's file is gone: archived, so removed for the public.
    (content_dir / "articles" / "zweiter-artikel.md").unlink()
    assert (await import_content(seeded_engine, content_dir)).revision == 4
    await until_served(app, 4)
    cursor, fourth = await sync(client, copy, cursor)
    assert sorted((e["kind"], e["action"], e["node"]) for e in fourth) == [
        ("ARTICLE", "REMOVED", None),
        ("SECTION", "REMOVED", None),
    ]
    assert copy == await full_read(client)

    # Nothing new: no edges, and the cursor stays.
    assert await sync(client, copy, cursor) == (cursor, [])


async def test_a_bad_cursor_is_a_clear_error(client, seeded_engine):
    response = await client.post(
        "/graphql", json={"query": '{ changes(since: "xyz") { edges { cursor } } }'}
    )

    [error] = response.json()["errors"]
    assert error["message"] == (
        "since: 'xyz' is not a cursor of the change feed; pass an `endCursor` or edge "
        "`cursor` of an earlier answer, or leave it out to start over"
    )


async def until_served(app, version: int) -> None:
    """Until the app's content watch knows `version`: its response cache dropped older answers."""
    for _ in range(500):
        if app.state.content_watch.version >= version:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the app never saw content version {version}")
