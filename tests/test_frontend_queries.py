"""Every documented frontend query runs against the seeded API over HTTP, by text and by hash."""

import json
from pathlib import Path

import pytest

from api.persisted import sha256_of

FRONTENDS = Path(__file__).resolve().parent.parent / "docs" / "frontends"
SLUG = "knochenmetastasen-verstehen"

# Variables for each documented query, and a check of the content its frontend shows.
CASES = {
    "app-sync.graphql": (
        {},
        lambda data: (
            {edge["kind"] for edge in data["changes"]["edges"]}
            == {"ARTICLE", "SECTION", "TOPIC", "REFERENCE"}
            and all(edge["node"]["id"] == edge["globalId"] for edge in data["changes"]["edges"])
            and data["changes"]["pageInfo"]["hasNextPage"] is False
        ),
    ),
    "website-article.graphql": (
        {"slug": SLUG},
        lambda data: (
            data["article"]["title"] == "Knochenmetastasen verstehen"
            and data["article"]["sections"][-1]["anchor"] == "kernaussage"
            and data["article"]["sections"][0]["body"]["html"].startswith("<p>")
            and [r["number"] for r in data["article"]["references"]] == list(range(1, 13))
            and data["article"]["heroImage"]["url"].startswith("/media/")
        ),
    ),
    "app-teasers.graphql": (
        {"first": 10, "topic": "knochenmetastasen"},
        lambda data: (
            [edge["node"]["slug"] for edge in data["articles"]["edges"]] == [SLUG]
            and data["articles"]["edges"][0]["node"]["lead"]["text"] != ""
            and data["articles"]["pageInfo"]["hasNextPage"] is False
            and data["articles"]["totalCount"] == 1
        ),
    ),
    "portal-section.graphql": (
        {"article": SLUG, "anchor": "kernaussage"},
        lambda data: (
            data["section"]["heading"] == "Kernaussage"
            and data["section"]["body"]["html"].startswith("<p>")
            and data["section"]["article"]["title"] == "Knochenmetastasen verstehen"
            and len(data["section"]["article"]["references"]) == 12
        ),
    ),
}
FILES = sorted(path.name for path in FRONTENDS.glob("*.graphql"))


def test_every_documented_query_has_a_case_and_its_hash_in_the_guide():
    assert sorted(CASES) == FILES
    guide = (FRONTENDS / "README.md").read_text(encoding="utf-8")
    for name in FILES:
        assert sha256_of((FRONTENDS / name).read_text(encoding="utf-8")) in guide, name


@pytest.mark.parametrize("name", FILES)
async def test_the_documented_query_answers_what_its_frontend_shows(client, name):
    query = (FRONTENDS / name).read_text(encoding="utf-8")
    variables, shows = CASES[name]
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"accept": "application/graphql-response+json"},
    )
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    assert shows(body["data"]), body["data"]


@pytest.mark.parametrize("name", FILES)
async def test_the_documented_query_runs_by_its_hash_over_get(client, name):
    query = (FRONTENDS / name).read_text(encoding="utf-8")
    variables, shows = CASES[name]
    params = {"documentId": f"sha256:{sha256_of(query)}", "variables": json.dumps(variables)}
    response = await client.get("/graphql", params=params, headers={"accept": "application/json"})
    body = response.json()
    assert "errors" not in body, body["errors"]
    assert shows(body["data"])
    assert response.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=300"
