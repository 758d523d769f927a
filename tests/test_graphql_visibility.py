"""Only published content is served: drafts and archived articles stay invisible everywhere.

Every door is checked: root fields, connections and their totals, topic counts,
citedBy, and the side door node(id:).
"""

import base64
from dataclasses import dataclass

import pytest
from sqlalchemy import insert, select

from schema import tables

REAL = "knochenmetastasen-verstehen"


@dataclass
class Hidden:
    article_ids: list[int]
    section_ids: list[int]
    secret_reference_id: int
    uncited_reference_id: int


async def _insert(connection, table, **values) -> int:
    return await connection.scalar(insert(table).values(**values).returning(table.id))


@pytest.fixture
async def hidden(seeded_engine) -> Hidden:
    """A draft and an archived article with sections, topics and citations, next to the guide."""
    async with seeded_engine.begin() as db:
        topics = dict((await db.execute(select(tables.Topic.slug, tables.Topic.id))).all())
        coleman = await db.scalar(
            select(tables.Reference.id).where(
                tables.Reference.key == "coleman-2020-esmo-bone-health"
            )
        )
        secret, uncited = [
            await _insert(
                db,
                tables.Reference,
                key=key,
                type="report",
                title=key,
                citation=key,
                authors=[],
                csl={"id": key},
            )
            for key in ("geheim", "unzitiert")
        ]
        article_ids, section_ids = [], []
        for slug, status in (("entwurf", "draft"), ("archiv", "archived")):
            article_id = await _insert(db, tables.Article, slug=slug, status=status, title=slug)
            article_ids.append(article_id)
            for position, anchor in enumerate(("kernaussage", "geheim"), start=1):
                section_ids.append(
                    await _insert(
                        db,
                        tables.Section,
                        article_id=article_id,
                        position=position,
                        anchor=anchor,
                        heading=anchor,
                    )
                )
            await db.execute(
                insert(tables.ArticleTopic),
                [
                    {"article_id": article_id, "topic_id": topics["knochenmetastasen"]},
                    {"article_id": article_id, "topic_id": topics["krebs"]},
                ],
            )
            await db.execute(
                insert(tables.Citation),
                [
                    {"article_id": article_id, "number": 1, "reference_id": coleman},
                    {"article_id": article_id, "number": 2, "reference_id": secret},
                ],
            )
    return Hidden(article_ids, section_ids, secret, uncited)


async def graphql(client, query: str, **variables) -> dict:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def global_id(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def test_root_fields_do_not_find_unpublished_articles(client, hidden):
    query = """{
      draft: article(slug: "entwurf") { slug }
      archived: article(slug: "archiv") { slug }
      draftSection: section(article: "entwurf", anchor: "kernaussage") { heading }
      archivedSection: section(article: "archiv", anchor: "geheim") { heading }
      published: article(slug: "knochenmetastasen-verstehen") { slug }
    }"""
    assert await graphql(client, query) == {
        "draft": None,
        "archived": None,
        "draftSection": None,
        "archivedSection": None,
        "published": {"slug": REAL},
    }


async def test_listings_and_counts_hold_published_articles_only(client, hidden):
    query = """{
      articles { edges { node { slug } } totalCount }
      krebs: articles(topic: "krebs") { edges { node { slug } } totalCount }
      topic(slug: "knochenmetastasen") {
        articleCount articles { edges { node { slug } } totalCount }
      }
    }"""
    only_real = {"edges": [{"node": {"slug": REAL}}], "totalCount": 1}
    assert await graphql(client, query) == {
        "articles": only_real,
        "krebs": only_real,
        "topic": {"articleCount": 1, "articles": only_real},
    }


async def test_cited_by_lists_published_articles_only(client, hidden):
    query = """{ article(slug: "knochenmetastasen-verstehen") {
      references { reference { key citedBy { slug } } }
    } }"""
    references = (await graphql(client, query))["article"]["references"]
    assert {r["reference"]["key"]: r["reference"]["citedBy"] for r in references} == {
        r["reference"]["key"]: [{"slug": REAL}] for r in references
    }


async def test_node_is_no_side_door(client, hidden):
    ids = [global_id("Article", key) for key in hidden.article_ids]
    ids += [global_id("Section", key) for key in hidden.section_ids]
    ids += [global_id("Reference", hidden.secret_reference_id)]
    ids += [global_id("Reference", hidden.uncited_reference_id)]
    aliases = " ".join(f'n{i}: node(id: "{node_id}") {{ id }}' for i, node_id in enumerate(ids))

    assert await graphql(client, "{ " + aliases + " }") == {f"n{i}": None for i in range(len(ids))}


async def test_references_only_drafts_cite_are_not_served(client, hidden):
    query = "query ($id: ID!) { reference(id: $id) { key } }"
    for key in (hidden.secret_reference_id, hidden.uncited_reference_id):
        assert await graphql(client, query, id=global_id("Reference", key)) == {"reference": None}
