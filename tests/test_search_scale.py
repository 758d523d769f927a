"""Search with many hits, on both databases: a request's cost does not grow with its hits,
totals and pages stay right, visibility holds, and the index re-indexes only changed text.

The extra articles are small files written next to the bundled guide; each has
three documents with WORD (its lead and two sections), all equally relevant, so
ties between ranks are everywhere and paging must still be stable and complete.
"""

from pathlib import Path

from sqlalchemy import select, text
from test_search import SEARCH

from schema import tables
from schema.reader import Reader
from schema.search import hit_count, hit_page, matcher_for, search_text
from schema.search.sqlite import document_rowid
from schema.search.words import index_text
from schema.visibility import EVERY_STATUS, PartnerScope, Visibility
from seed.importer import import_content

WORD = "Zauberwurzel"
HITS_PER_ARTICLE = 3


def article_file(slug: str, status: str = "published", section_text: str = "") -> str:
    return f"""---
slug: {slug}
status: {status}
title: Notizen {slug}
topics:
  - knochenmetastasen
---
Die {WORD} im Vorspann.

## Erster Abschnitt

Eine {WORD} im ersten Abschnitt. {section_text}

## Zweiter Abschnitt

Noch eine {WORD}, im zweiten Abschnitt.
"""


async def add_articles(engine, content_dir: Path, count: int, status: str = "published") -> None:
    """Articles notiz-<status>-000 … up to `count` (those already there stay as they are)."""
    for number in range(count):
        slug = f"notiz-{status}-{number:03d}"
        (content_dir / "articles" / f"{slug}.md").write_text(article_file(slug, status))
    await import_content(engine, content_dir)


async def search(client, operation: str, **variables) -> dict:
    # Each call names its own operation, so the response cache never answers it.
    query = SEARCH.replace("query Search(", f"query {operation}(", 1)
    body = {"query": query, "variables": {"query": WORD, **variables}}
    response = await client.post("/graphql", json=body)
    answer = response.json()
    assert "errors" not in answer, answer["errors"]
    return answer["data"]["search"]


def place(edge: dict) -> tuple[str, str | None]:
    node = edge["node"]["node"]
    if node["__typename"] == "Article":
        return node["slug"], None
    return node["article"]["slug"], node["anchor"]


async def found(engine, visibility: Visibility, limit: int = 1000) -> tuple[int, list]:
    """(total, page of (article id, section id)) for WORD, through the real search."""
    reader = Reader(engine)
    try:
        matcher = matcher_for(reader.dialect, search_text(WORD, "query"))
        total = await hit_count(reader, matcher, visibility)
        hits = await hit_page(reader, matcher, visibility, offset=0, limit=limit)
    finally:
        await reader.close()
    return total, [(hit.article_id, hit.section_id) for hit in hits]


async def test_a_search_costs_the_same_statements_for_10_and_100_matching_articles(
    app, client, seeded_engine, content_dir, count_statements
):
    await add_articles(seeded_engine, content_dir, 10)
    with count_statements(app.state.engine) as ten:
        small = await search(client, "Ten", first=10)
    await add_articles(seeded_engine, content_dir, 100)
    with count_statements(app.state.engine) as hundred:
        large = await search(client, "Hundred", first=10)
    assert [small["totalCount"], large["totalCount"]] == [30, 300]
    assert [len(small["edges"]), len(large["edges"])] == [10, 10]
    assert [small["pageInfo"]["hasNextPage"], large["pageInfo"]["hasNextPage"]] == [True, True]
    # The page, the total, the articles and the sections of the hits (SQLite: + BEGIN).
    assert ten.count == hundred.count <= 5
    for edge in large["edges"]:
        assert f"<mark>{WORD}</mark>" in edge["node"]["snippet"]


async def test_pages_of_equally_ranked_hits_hold_every_hit_once(
    app, client, seeded_engine, content_dir
):
    await add_articles(seeded_engine, content_dir, 10)
    everything = await search(client, "Everything", first=100)
    assert everything["totalCount"] == 30
    walked, after, pages = [], None, 0
    while True:
        page = await search(client, f"Page{pages}", first=7, after=after)
        assert page["totalCount"] == 30
        walked += [place(edge) for edge in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 5
    assert walked == [place(edge) for edge in everything["edges"]]
    assert len(set(walked)) == 30


async def test_the_total_and_the_page_hold_only_what_the_caller_may_see(seeded_engine, content_dir):
    await add_articles(seeded_engine, content_dir, 10)
    await add_articles(seeded_engine, content_dir, 5, status="draft")
    async with seeded_engine.connect() as connection:
        slugs = dict(
            (await connection.execute(select(tables.Article.id, tables.Article.slug))).all()
        )
    published = {id_ for id_, slug in slugs.items() if slug.startswith("notiz-published")}
    public_total, public_hits = await found(seeded_engine, Visibility())
    preview_total, preview_hits = await found(seeded_engine, Visibility(statuses=EVERY_STATUS))
    partner = PartnerScope(articles=frozenset({"notiz-published-001", "notiz-draft-001"}))
    partner_total, partner_hits = await found(seeded_engine, Visibility(partner=partner))
    assert (public_total, len(public_hits)) == (30, 30)
    assert {article for article, _section in public_hits} == published
    assert (preview_total, len(preview_hits)) == (45, 45)
    # The partner's draft stays hidden: only the published article of its scope.
    assert partner_total == len(partner_hits) == 3
    assert {slugs[article] for article, _section in partner_hits} == {"notiz-published-001"}


async def test_a_refresh_reindexes_only_documents_whose_text_changed(seeded_engine, content_dir):
    slug = "notiz-published-000"
    await add_articles(seeded_engine, content_dir, 1)
    async with seeded_engine.connect() as connection:
        article_id, first_section = (
            await connection.execute(
                select(tables.Section.article_id, tables.Section.id)
                .join(tables.Article)
                .where(tables.Article.slug == slug, tables.Section.heading == "Erster Abschnitt")
            )
        ).one()
    # Mark the section's index row as if it held another word; only a re-index undoes it.
    async with seeded_engine.begin() as connection:
        await _index_as(connection, article_id, first_section, "Platzhalterwort")
    marker = Visibility(statuses=EVERY_STATUS)

    async def section_hits(word: str) -> list:
        reader = Reader(seeded_engine)
        try:
            matcher = matcher_for(reader.dialect, search_text(word, "query"))
            hits = await hit_page(reader, matcher, marker, offset=0, limit=10)
        finally:
            await reader.close()
        return [hit.section_id for hit in hits]

    assert await section_hits("Platzhalterwort") == [first_section]
    # The title changes, the sections do not: their rows are left alone.
    article = content_dir / "articles" / f"{slug}.md"
    new_title = "title: Notizen Himmelsleiter"
    article.write_text(article_file(slug).replace(f"title: Notizen {slug}", new_title))
    await import_content(seeded_engine, content_dir)
    assert await section_hits("Platzhalterwort") == [first_section]
    assert await section_hits("Himmelsleiter") == [None]
    # Now the section's text changes: its row is built again from the text.
    article.write_text(article_file(slug, section_text="Sternenstaub."))
    await import_content(seeded_engine, content_dir)
    assert await section_hits("Platzhalterwort") == []
    assert await section_hits("Sternenstaub") == [first_section]


async def _index_as(connection, article_id: int, section_id: int, word: str) -> None:
    if connection.dialect.name == "sqlite":
        await connection.execute(
            text("UPDATE search_fts SET body = :body WHERE rowid = :rowid"),
            {"body": index_text(word), "rowid": document_rowid(article_id, section_id)},
        )
    else:
        await connection.execute(
            text(
                "UPDATE search_fts SET tsv = search_text_vector(:word, 'C') "
                "WHERE article_id = :article AND section_id = :section"
            ),
            {"word": word, "article": article_id, "section": section_id},
        )
