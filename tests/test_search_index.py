"""The search index: kept current by refresh_search_index, built by migration 0005; no drafts."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import delete, select, update
from sqlmodel import SQLModel

from api.migrate import alembic_config, migrate
from api.migrations.unmodelled import include_name
from api.settings import BUNDLED_CONTENT
from schema import tables
from schema.reader import Reader
from schema.search import hit_page, matcher_for, refresh_search_index, search_text
from schema.visibility import EVERY_STATUS, PUBLIC, PartnerScope, Visibility
from seed.importer import import_content

ARTICLE = "knochenmetastasen-verstehen"
DRAFT = "entwurf-zauberwurzel"
SECRET_WORD = "Zauberwurzeltherapie"


async def found(
    engine, text: str, statuses=PUBLIC, visibility: Visibility | None = None
) -> list[tuple[int, int | None]]:
    """(article id, section id) of every hit for `text`, best first, through the real search."""
    visibility = visibility or Visibility(statuses=statuses)
    reader = Reader(engine)
    try:
        matcher = matcher_for(reader.dialect, search_text(text, "query"))
        hits = await hit_page(reader, matcher, visibility, offset=0, limit=100)
    finally:
        await reader.close()
    return [(hit.article_id, hit.section_id) for hit in hits]


async def ids(engine, anchor: str) -> tuple[int, int]:
    async with engine.connect() as connection:
        row = (
            await connection.execute(
                select(tables.Section.article_id, tables.Section.id).where(
                    tables.Section.anchor == anchor
                )
            )
        ).one()
    return row.article_id, row.id


@pytest.fixture
async def indexed(seeded_engine):
    async with seeded_engine.begin() as connection:
        await refresh_search_index(connection)
    return seeded_engine


@pytest.fixture
async def with_draft(seeded_engine, content_dir: Path):
    """The guide plus a draft article whose only section speaks of SECRET_WORD."""
    source = (content_dir / "articles" / f"{ARTICLE}.md").read_text()
    front, _body = source.split("\n---\n", 1)
    front = front.replace(f"slug: {ARTICLE}", f"slug: {DRAFT}")
    front = front.replace("status: published", "status: draft")
    front = front.replace("title: Knochenmetastasen verstehen", "title: Zauberwurzel")
    body = f"Ein Entwurf.\n\n## Geheime Sache\n\nDie {SECRET_WORD} hilft Wirbelkörpern.\n"
    (content_dir / "articles" / f"{DRAFT}.md").write_text(f"{front}\n---\n{body}")
    await import_content(seeded_engine, content_dir)
    async with seeded_engine.begin() as connection:
        await refresh_search_index(connection)
    return seeded_engine


SEARCH = """query Search($text: String!) {
  search(query: $text) { totalCount edges { node { node { __typename } } } }
  articles(search: $text) { totalCount edges { node { slug } } }
}"""


async def public_search(client, text: str) -> dict:
    response = await client.post("/graphql", json={"query": SEARCH, "variables": {"text": text}})
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


async def test_a_draft_is_indexed_but_never_found_by_the_public(with_draft, client):
    draft_id, section_id = await ids(with_draft, "geheime-sache")
    assert await found(with_draft, SECRET_WORD, statuses=EVERY_STATUS) == [(draft_id, section_id)]
    assert await found(with_draft, SECRET_WORD) == []
    nothing = {"search": {"totalCount": 0, "edges": []}, "articles": {"totalCount": 0, "edges": []}}
    assert await public_search(client, SECRET_WORD) == nothing
    assert await public_search(client, "Zauberwurzel") == nothing
    # A word in the draft and in the guide: only the guide's three sections come back.
    shared = await public_search(client, "Wirbelkörper")
    assert shared["search"]["totalCount"] == 3
    assert shared["articles"] == {"totalCount": 1, "edges": [{"node": {"slug": ARTICLE}}]}


async def _rewrite_symptoms(connection) -> int:
    article_id, section_id = await ids(
        connection.engine, "warum-knochenmetastasen-beschwerden-verursachen"
    )
    await connection.execute(
        update(tables.Section)
        .where(tables.Section.id == section_id)
        .values(body_text=f"Neu: {SECRET_WORD}.")
    )
    await refresh_search_index(connection, {article_id})
    return section_id


async def test_refresh_reindexes_the_changed_articles(indexed):
    async with indexed.begin() as connection:
        section_id = await _rewrite_symptoms(connection)
    assert [hit[1] for hit in await found(indexed, SECRET_WORD)] == [section_id]
    assert await found(indexed, "Kalziumspiegel") == []


async def test_refresh_is_part_of_the_callers_transaction(indexed):
    before = await found(indexed, "Kalziumspiegel")
    async with indexed.connect() as connection:
        await connection.begin()
        await _rewrite_symptoms(connection)
        await connection.rollback()
    assert await found(indexed, SECRET_WORD) == []
    assert await found(indexed, "Kalziumspiegel") == before != []


async def test_refresh_drops_a_deleted_article(indexed):
    async with indexed.begin() as connection:
        article_id = await connection.scalar(
            select(tables.Article.id).where(tables.Article.slug == ARTICLE)
        )
        await connection.execute(delete(tables.Article).where(tables.Article.id == article_id))
        await refresh_search_index(connection, {article_id})
        await refresh_search_index(connection, set())
    assert await found(indexed, "Knochenmetastase", statuses=EVERY_STATUS) == []


async def test_migration_0005_indexes_the_content_already_there(bare_engine):
    for head in ScriptDirectory.from_config(alembic_config()).get_heads():
        if head != "0005":
            await migrate(bare_engine, head)
    await import_content(bare_engine, BUNDLED_CONTENT)
    await migrate(bare_engine)
    article_id, section_id = await ids(
        bare_engine, "was-moderne-therapien-leisten-systemisch-und-lokal"
    )
    assert await found(bare_engine, "Bisphosphonat") == [(article_id, section_id)]


def _differences(connection) -> list:
    options = {"compare_type": True, "include_name": include_name}
    return compare_metadata(MigrationContext.configure(connection, opts=options), SQLModel.metadata)


async def test_autogenerate_leaves_the_search_objects_alone(engine):
    async with engine.connect() as connection:
        assert await connection.run_sync(_differences) == []


async def test_a_partner_key_finds_only_articles_in_its_scope(indexed):
    inside = Visibility(statuses=PUBLIC, partner=PartnerScope(articles=frozenset({ARTICLE})))
    outside = Visibility(statuses=PUBLIC, partner=PartnerScope(articles=frozenset({"anderer"})))
    by_topic = Visibility(statuses=PUBLIC, partner=PartnerScope(topics=frozenset({"krebs"})))
    assert len(await found(indexed, "Knochenmetastase", visibility=inside)) == 5
    assert len(await found(indexed, "Knochenmetastase", visibility=by_topic)) == 5
    assert await found(indexed, "Knochenmetastase", visibility=outside) == []
