"""German full-text search over HTTP on both databases: the query table, the API, the errors."""

import pytest

from schema.search import refresh_search_index

ARTICLE = "knochenmetastasen-verstehen"
THERAPY = "was-moderne-therapien-leisten-systemisch-und-lokal"
SYMPTOMS = "warum-knochenmetastasen-beschwerden-verursachen"
EVERYDAY = "alltag-und-selbstfuersorge-sicherheit-zurueckgewinnen"
WHAT_THEY_ARE = "was-knochenmetastasen-sind-und-was-sie-nicht-sind"

SEARCH = """query Search($query: String!, $first: Int, $after: String) {
  search(query: $query, first: $first, after: $after) {
    totalCount
    edges {
      cursor
      node {
        rank
        snippet
        node {
          __typename
          ... on Article { slug }
          ... on Section { anchor article { slug } }
        }
      }
    }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}"""

ARTICLES = """query Articles($search: String, $topic: String, $first: Int, $after: String) {
  articles(search: $search, topic: $topic, first: $first, after: $after) {
    totalCount
    edges { cursor node { slug title } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}"""


@pytest.fixture
async def indexed(seeded_engine):
    """The seeded guide with its search index (re)built, as the seed writer does."""
    async with seeded_engine.begin() as connection:
        await refresh_search_index(connection)
    return seeded_engine


async def graphql(client, document: str, **variables) -> dict:
    response = await client.post("/graphql", json={"query": document, "variables": variables})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


async def graphql_error(client, document: str, **variables) -> dict:
    response = await client.post("/graphql", json={"query": document, "variables": variables})
    body = response.json()
    assert body.get("data") is None
    [error] = body["errors"]
    return {"message": error["message"], "path": error.get("path")}


def found(hit: dict) -> str:
    """The slug of an article hit, the anchor of a section hit."""
    node = hit["node"]
    return node["slug"] if node["__typename"] == "Article" else node["anchor"]


async def ranked(client, query: str, first: int = 10) -> list[str]:
    data = await graphql(client, SEARCH, query=query, first=first)
    return [found(edge["node"]) for edge in data["search"]["edges"]]


@pytest.mark.parametrize(
    ("query", "first_hit"),
    [
        ("Knochenmetastase", ARTICLE),
        ("Bisphosphonat", THERAPY),
        ("Schmerzen nachts", SYMPTOMS),
        ("Strahlen\u00adtherapie", THERAPY),
        ("Kalziumspiegel", SYMPTOMS),
        ("Selbstfuersorge", EVERYDAY),
        ("Selbstfürsorge", EVERYDAY),
        ("Übelkeit", SYMPTOMS),
        ("Uebelkeit", SYMPTOMS),
        ("UEBELKEIT", SYMPTOMS),
        ("Wirbelkörper", WHAT_THEY_ARE),
        ("Wirbelkoerper", WHAT_THEY_ARE),
        ('"tief sitzende Schmerzen"', SYMPTOMS),
        ("Bisphosphonate or Quatschwort", THERAPY),
        ("Zahnärztliche Untersuchung", THERAPY),
    ],
)
async def test_german_queries_find_their_first_hit(client, indexed, query, first_hit):
    hits = await ranked(client, query)
    assert hits[0] == first_hit


@pytest.mark.parametrize(
    "query",
    [
        'NEAR("Knochen" * : ( ) ^ AND OR NOT',
        '"unterminated',
        "title: Knochen*",
        "-",
        "''; DROP TABLE article; --",
        "Quatschwortgebilde",
        "Schmerzen -nachts -Belastung -Strahlentherapie -Knochenmetastasen -Wirbelkörper",
    ],
)
async def test_syntax_characters_and_nonsense_give_no_error(client, indexed, query):
    data = await graphql(client, SEARCH, query=query, first=10)
    assert data["search"]["totalCount"] == len(data["search"]["edges"])


async def test_a_nonsense_word_finds_nothing(client, indexed):
    data = await graphql(client, SEARCH, query="Quatschwortgebilde")
    assert data == {
        "search": {
            "totalCount": 0,
            "edges": [],
            "pageInfo": {"hasNextPage": False, "hasPreviousPage": False, "endCursor": None},
        }
    }


async def test_only_exclusions_find_nothing(client, indexed):
    assert await ranked(client, "-Knochen") == []


async def test_a_hit_has_rank_snippet_and_its_node(client, indexed):
    data = await graphql(client, SEARCH, query="Schmerzen nachts")
    [edge] = data["search"]["edges"]
    hit = edge["node"]
    assert hit["rank"] > 0
    assert hit["node"] == {
        "__typename": "Section",
        "anchor": SYMPTOMS,
        "article": {"slug": ARTICLE},
    }
    assert (
        "<mark>Schmerzen</mark> sein, die unter Belastung oder <mark>nachts</mark>"
        in (hit["snippet"])
    )
    assert data["search"]["totalCount"] == 1


async def test_snippets_mark_the_written_form_whatever_the_query_spelling(client, indexed):
    for query in ("Uebelkeit", "Übelkeit"):
        data = await graphql(client, SEARCH, query=query)
        snippet = data["search"]["edges"][0]["node"]["snippet"]
        assert "<mark>Übelkeit</mark> oder Verwirrtheit" in snippet
        assert snippet.count("<mark>") == 1


async def test_pages_of_hits_continue_where_the_last_ended(client, indexed):
    everything = await ranked(client, "Knochenmetastase", first=100)
    assert len(everything) == 5
    seen, after, pages = [], None, 0
    while True:
        data = await graphql(client, SEARCH, query="Knochenmetastase", first=2, after=after)
        connection = data["search"]
        seen += [found(edge["node"]) for edge in connection["edges"]]
        assert connection["pageInfo"]["hasPreviousPage"] == (after is not None)
        assert connection["totalCount"] == 5
        pages += 1
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert (seen, pages) == (everything, 3)


async def test_articles_search_ranks_articles_by_their_best_hit(client, indexed):
    data = await graphql(client, ARTICLES, search="Bisphosphonate")
    connection = data["articles"]
    assert [edge["node"] for edge in connection["edges"]] == [
        {"slug": ARTICLE, "title": "Knochenmetastasen verstehen"}
    ]
    assert connection["totalCount"] == 1
    assert connection["pageInfo"]["hasNextPage"] is False


async def test_articles_search_within_a_topic(client, indexed):
    inside = await graphql(client, ARTICLES, search="Kalziumspiegel", topic="krebs")
    unknown = await graphql(client, ARTICLES, search="Kalziumspiegel", topic="gibt-es-nicht")
    assert [edge["node"]["slug"] for edge in inside["articles"]["edges"]] == [ARTICLE]
    assert unknown["articles"] == {
        "totalCount": 0,
        "edges": [],
        "pageInfo": {"hasNextPage": False, "hasPreviousPage": False, "endCursor": None},
    }


async def test_articles_search_without_a_match_is_empty(client, indexed):
    data = await graphql(client, ARTICLES, search="Quatschwortgebilde")
    assert data["articles"]["totalCount"] == 0
    assert data["articles"]["edges"] == []


@pytest.mark.parametrize(
    ("document", "variables", "message"),
    [
        (SEARCH, {"query": "   "}, "query: the search text is empty; give at least one word"),
        (SEARCH, {"query": ""}, "query: the search text is empty; give at least one word"),
        (
            SEARCH,
            {"query": "Knochen " * 26},
            "query: the search text has 208 characters, at most 200 are allowed; "
            "search for fewer words",
        ),
        (
            ARTICLES,
            {"search": "\u00ad"},
            "search: the search text is empty; give at least one word",
        ),
        (
            SEARCH,
            {"query": "Knochen", "after": "a25vY2hlbm1ldGFzdGFzZW4tdmVyc3RlaGVu"},
            "after: 'a25vY2hlbm1ldGFzdGFzZW4tdmVyc3RlaGVu' is not a cursor of these search "
            "results; pass an `endCursor` or edge `cursor` from an earlier page of the same "
            "search, or leave it out",
        ),
        (
            SEARCH,
            {"query": "Knochen", "first": 101},
            "first must be between 0 and 100, got 101; page through longer lists with `after`",
        ),
    ],
)
async def test_bad_arguments_get_a_clear_error(client, indexed, document, variables, message):
    error = await graphql_error(client, document, **variables)
    assert error["message"] == message


async def test_a_search_costs_a_fixed_number_of_statements(app, client, indexed, count_statements):
    with count_statements(app.state.engine) as few:
        small = await graphql(client, SEARCH, query="Knochenmetastase", first=2)
    with count_statements(app.state.engine) as many:
        large = await graphql(client, SEARCH, query="Knochenmetastase", first=100)
    assert [len(data["search"]["edges"]) for data in (small, large)] == [2, 5]
    # Hits, total, articles, sections; the sections' article is the cached article hit.
    # SQLite adds the reader's BEGIN.
    expected = 5 if indexed.dialect.name == "sqlite" else 4
    assert (few.count, many.count) == (expected, expected)
