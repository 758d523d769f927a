"""topic(slug:), topics, the topic tree, and articles of a topic including its subtopics."""

import base64

import pytest
import yaml
from sqlalchemy import insert, select, update

from api.settings import BUNDLED_CONTENT
from schema import tables

REAL = "knochenmetastasen-verstehen"
# Extra articles, each filed under the topics given.
EXTRA = {
    "a-metastasen": ("published", ["metastasen"]),
    "b-brust": ("published", ["brustkrebs", "knochenmetastasen"]),  # twice below krebs
    "c-schmerz": ("published", ["schmerztherapie"]),
    "d-entwurf": ("draft", ["knochenmetastasen", "schmerztherapie"]),
}
# Visible articles per topic, its subtopics included.
EXPECTED_ARTICLES = {
    "krebs": ["a-metastasen", "b-brust", REAL],
    "metastasen": ["a-metastasen", "b-brust", REAL],
    "knochenmetastasen": ["b-brust", REAL],
    "brustkrebs": ["b-brust", REAL],
    "behandlung": ["c-schmerz", REAL],
    "schmerztherapie": ["c-schmerz", REAL],
}

PAGE = """
fragment Page on ArticleConnection {
  edges { cursor node { slug } } pageInfo { hasNextPage endCursor } totalCount
}"""


@pytest.fixture
async def filed(seeded_engine) -> None:
    async with seeded_engine.begin() as connection:
        topic_ids = dict(
            (await connection.execute(select(tables.Topic.slug, tables.Topic.id))).all()
        )
        for slug, (status, topics) in EXTRA.items():
            article_id = await connection.scalar(
                insert(tables.Article)
                .values(slug=slug, status=status, title=slug)
                .returning(tables.Article.id)
            )
            await connection.execute(
                insert(tables.ArticleTopic),
                [{"article_id": article_id, "topic_id": topic_ids[topic]} for topic in topics],
            )


def topic_list() -> list[dict]:
    return yaml.safe_load((BUNDLED_CONTENT / "topics.yaml").read_text(encoding="utf-8"))


async def graphql(client, query: str, **variables) -> dict:
    if "...Page" in query:
        query += PAGE
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def cursor(slug: str) -> str:
    return base64.b64encode(slug.encode()).decode()


def connection(slugs: list[str], *, more: bool = False, total: int | None = None) -> dict:
    return {
        "edges": [{"cursor": cursor(slug), "node": {"slug": slug}} for slug in slugs],
        "pageInfo": {"hasNextPage": more, "endCursor": cursor(slugs[-1]) if slugs else None},
        "totalCount": len(slugs) if total is None else total,
    }


async def test_topics_are_the_topic_list_in_order_with_their_tree(client, filed):
    query = """{ topics {
      slug name description parent { slug } children { slug } articleCount
    } }"""
    listed = topic_list()
    children = {
        topic["slug"]: [child["slug"] for child in listed if child.get("parent") == topic["slug"]]
        for topic in listed
    }

    data = await graphql(client, query)

    assert data == {
        "topics": [
            {
                "slug": topic["slug"],
                "name": topic["name"],
                "description": topic["description"],
                "parent": {"slug": topic["parent"]} if topic.get("parent") else None,
                "children": [{"slug": slug} for slug in children[topic["slug"]]],
                "articleCount": len(EXPECTED_ARTICLES.get(topic["slug"], [REAL])),
            }
            for topic in listed
        ]
    }


async def test_one_topic_with_parent_children_and_articles(client, filed):
    query = """{ topic(slug: "metastasen") {
      slug name parent { slug parent { slug } } children { slug children { slug } }
      articleCount articles(first: 2) { ...Page }
    } }"""
    assert await graphql(client, query) == {
        "topic": {
            "slug": "metastasen",
            "name": "Metastasen",
            "parent": {"slug": "krebs", "parent": None},
            "children": [{"slug": "knochenmetastasen", "children": []}],
            "articleCount": 3,
            "articles": connection(["a-metastasen", "b-brust"], more=True, total=3),
        }
    }


@pytest.mark.parametrize("topic", sorted(EXPECTED_ARTICLES))
async def test_articles_of_a_topic_include_its_subtopics(client, filed, topic):
    query = """query ($topic: String!) {
      articles(topic: $topic) { ...Page }
      topic(slug: $topic) { articles { ...Page } }
    }"""
    expected = connection(EXPECTED_ARTICLES[topic])
    assert await graphql(client, query, topic=topic) == {
        "articles": expected,
        "topic": {"articles": expected},
    }


async def test_articles_of_a_topic_are_paged(client, filed):
    query = """query ($after: String) {
      articles(topic: "krebs", first: 2, after: $after) { ...Page }
    }"""
    first = await graphql(client, query)
    assert first == {"articles": connection(["a-metastasen", "b-brust"], more=True, total=3)}
    rest = await graphql(client, query, after=first["articles"]["pageInfo"]["endCursor"])
    assert rest == {"articles": connection([REAL], total=3)}


async def test_an_unknown_topic_has_no_articles(client, filed):
    query = '{ articles(topic: "gibt-es-nicht") { ...Page } topic(slug: "gibt-es-nicht") { slug } }'
    assert await graphql(client, query) == {
        "articles": connection([]),
        "topic": None,
    }


async def test_an_unknown_topic_still_checks_its_arguments(client, filed):
    query = '{ articles(topic: "gibt-es-nicht", first: 500) { totalCount } }'
    response = await client.post("/graphql", json={"query": query})
    [error] = response.json()["errors"]
    assert error["message"].startswith("first must be between 0 and 100, got 500")


async def test_a_cycle_in_the_topic_tree_does_not_hang(client, filed, seeded_engine):
    async with seeded_engine.begin() as db:
        ids = dict((await db.execute(select(tables.Topic.slug, tables.Topic.id))).all())
        await db.execute(
            update(tables.Topic)
            .where(tables.Topic.id == ids["krebs"])
            .values(parent_id=ids["knochenmetastasen"])
        )
    query = '{ articles(topic: "krebs") { ...Page } topic(slug: "krebs") { articleCount } }'
    assert await graphql(client, query) == {
        "articles": connection(EXPECTED_ARTICLES["krebs"]),
        "topic": {"articleCount": 3},
    }
