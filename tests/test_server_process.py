"""`guide-api serve` as a real process: uvicorn on a real port, seeding an empty database."""

import httpx
import pytest
from servers import start_guide_api, stop


@pytest.fixture
def server(engine, database_url, tmp_path):
    """A real `guide-api serve` on an empty (tables only) database."""
    process, base_url = start_guide_api(database_url, tmp_path)
    try:
        yield base_url
    finally:
        output = stop(process, timeout=15)
    assert "articles: 1 created" in output


def test_serve_seeds_an_empty_database_and_answers_graphql(server):
    query = """{ article(slug: "knochenmetastasen-verstehen") {
        title sections { anchor } references { number reference { title } } } }"""
    response = httpx.post(f"{server}/graphql", json={"query": query}, timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body
    article = body["data"]["article"]
    assert article["title"] == "Knochenmetastasen verstehen"
    assert len(article["sections"]) == 7
    assert [c["number"] for c in article["references"]] == list(range(1, 13))


def test_serve_offers_graphiql_to_browsers(server):
    response = httpx.get(f"{server}/graphql", headers={"Accept": "text/html"}, timeout=10)
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


def test_serve_delivers_the_hero_image(server):
    response = httpx.get(f"{server}/media/knochenmetastasen-verstehen.svg", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.text.lstrip().startswith("<svg")
