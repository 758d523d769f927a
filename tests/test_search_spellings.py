"""Umlauts in either spelling, in the text and in the query, on both databases.

Two small articles say the same thing, one with umlauts ("Übelkeit"), one with
them spelled out ("Uebelkeit"). Every spelling of a query finds both, a phrase
too, and an excluded word is excluded in every spelling.
"""

import pytest

from seed.importer import import_content

WITH_UMLAUTS = "notiz-mit-umlauten"
SPELLED_OUT = "notiz-ohne-umlaute"

SEARCH = """query Search($query: String!) {
  search(query: $query, first: 20) {
    totalCount
    edges { node { node { ... on Section { article { slug } } } } }
  }
}"""


def article_file(slug: str, sentence: str) -> str:
    return f"""---
slug: {slug}
status: published
title: Notiz {slug}
topics:
  - knochenmetastasen
---
Eine kurze Notiz.

## Beschwerden

Bei der Zaubertherapie kommt es oft zu {sentence}.
"""


@pytest.fixture
async def both_spellings(seeded_engine, content_dir):
    articles = content_dir / "articles"
    (articles / f"{WITH_UMLAUTS}.md").write_text(
        article_file(WITH_UMLAUTS, "Übelkeit und Müdigkeit")
    )
    (articles / f"{SPELLED_OUT}.md").write_text(
        article_file(SPELLED_OUT, "Uebelkeit und Muedigkeit")
    )
    await import_content(seeded_engine, content_dir)
    return seeded_engine


async def articles_found(client, query: str) -> set[str]:
    response = await client.post("/graphql", json={"query": SEARCH, "variables": {"query": query}})
    body = response.json()
    assert "errors" not in body, body["errors"]
    return {
        edge["node"]["node"]["article"]["slug"]
        for edge in body["data"]["search"]["edges"]
        if edge["node"]["node"].get("article")
    }


@pytest.mark.parametrize(
    "query",
    [
        "Übelkeit Zaubertherapie",
        "Uebelkeit Zaubertherapie",
        "UEBELKEIT Zaubertherapie",
        "Müdigkeit Zaubertherapie",
        "Muedigkeit Zaubertherapie",
        '"Übelkeit und Müdigkeit"',
        '"Uebelkeit und Muedigkeit"',
    ],
)
async def test_every_spelling_finds_both_texts(client, both_spellings, query):
    assert await articles_found(client, query) == {WITH_UMLAUTS, SPELLED_OUT}


@pytest.mark.parametrize("query", ["Zaubertherapie -Übelkeit", "Zaubertherapie -Uebelkeit"])
async def test_an_excluded_word_is_excluded_in_every_spelling(client, both_spellings, query):
    assert await articles_found(client, query) == set()
