"""Reference and Citation: CSL fields, citedBy, reference(id:), against references.yaml."""

import base64
from datetime import date

import pytest
import yaml

from api.settings import BUNDLED_CONTENT

REAL = "knochenmetastasen-verstehen"

FIELDS = """
  key type title authors etAl year containerTitle volume issue page number
  publisher publisherPlace version note doi url accessed citation csl
  citedBy { slug }
"""

CITATIONS = (
    '{ article(slug: "knochenmetastasen-verstehen") { references { number reference { id %s } } } }'
)


def yaml_items() -> list[dict]:
    return yaml.safe_load((BUNDLED_CONTENT / "references.yaml").read_text(encoding="utf-8"))


def author_name(author: dict) -> str:
    return author.get("literal") or f"{author['family']} {author['given']}"


def date_of(value: dict | None) -> str | None:
    return date(*value["date-parts"][0]).isoformat() if value else None


def expected_reference(item: dict) -> dict:
    """What the API serves for one CSL item of references.yaml."""
    return {
        "key": item["id"],
        "type": item["type"],
        "title": item["title"],
        "authors": [author_name(author) for author in item.get("author", [])],
        "etAl": item.get("et-al", False),
        "year": item["issued"]["date-parts"][0][0] if "issued" in item else None,
        "containerTitle": item.get("container-title"),
        "volume": item.get("volume"),
        "issue": item.get("issue"),
        "page": item.get("page"),
        "number": item.get("number"),
        "publisher": item.get("publisher"),
        "publisherPlace": item.get("publisher-place"),
        "version": item.get("version"),
        "note": item.get("note"),
        "doi": item.get("DOI"),
        "url": item.get("URL"),
        "accessed": date_of(item.get("accessed")),
        "citation": item["citation"],
        "csl": item,
        "citedBy": [{"slug": REAL}],
    }


async def graphql(client, query: str, **variables) -> dict:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


async def test_the_articles_citations_are_the_twelve_sources_in_order(client):
    data = await graphql(client, CITATIONS % FIELDS)
    citations = data["article"]["references"]
    for citation in citations:
        assert base64.b64decode(citation["reference"].pop("id")).startswith(b"Reference:")

    assert citations == [
        {"number": number, "reference": expected_reference(item)}
        for number, item in enumerate(yaml_items(), start=1)
    ]


async def test_a_journal_article_in_full(client):
    data = await graphql(client, CITATIONS % FIELDS)
    coleman = data["article"]["references"][0]["reference"]
    # `citation` and `csl` are compared with references.yaml in the test above.
    assert coleman.pop("citation").startswith("Coleman R, Hadji P, Body JJ, et al.")
    assert coleman.pop("csl")["id"] == "coleman-2020-esmo-bone-health"
    del coleman["id"]
    assert coleman == {
        "key": "coleman-2020-esmo-bone-health",
        "type": "article-journal",
        "title": "Bone health in cancer: ESMO Clinical Practice Guidelines",
        "authors": ["Coleman R", "Hadji P", "Body JJ"],
        "etAl": True,
        "year": 2020,
        "containerTitle": "Annals of Oncology",
        "volume": "31",
        "issue": "12",
        "page": "1650–1663",
        "number": None,
        "publisher": None,
        "publisherPlace": None,
        "version": None,
        "note": None,
        "doi": "10.1016/j.annonc.2020.07.019",
        "url": "https://www.esmo.org/guidelines/esmo-clinical-practice-guideline-bone-health-in-cancer-patients",
        "accessed": "2025-10-28",
        "citedBy": [{"slug": REAL}],
    }


async def test_gaps_in_the_source_are_served_as_printed(client):
    data = await graphql(client, CITATIONS % "key year url")
    by_key = {c["reference"]["key"]: c["reference"] for c in data["article"]["references"]}
    assert by_key["cruk-oj-secondary-bone-cancer"]["year"] is None  # "o. J."
    assert by_key["eau-2025-prostate-cancer-guidelines"]["url"] == "PDF"
    assert "/.../" in by_key["leitlinienprogramm-onkologie-2022-s3-supportivtherapie"]["url"]


async def test_reference_by_id_round_trips(client):
    data = await graphql(client, CITATIONS % "key")
    for citation in data["article"]["references"]:
        reference_id = citation["reference"]["id"]
        found = await graphql(
            client, "query ($id: ID!) { reference(id: $id) { id key } }", id=reference_id
        )
        assert found == {"reference": {"id": reference_id, "key": citation["reference"]["key"]}}


async def test_an_unknown_reference_is_null(client):
    unknown = base64.b64encode(b"Reference:999999").decode()
    query = "query ($id: ID!) { reference(id: $id) { key } }"
    assert await graphql(client, query, id=unknown) == {"reference": None}


@pytest.mark.parametrize(
    "bad", [base64.b64encode(b"Article:1").decode(), "not-an-id", base64.b64encode(b"x").decode()]
)
async def test_an_id_of_something_else_is_refused(client, bad):
    query = "query ($id: ID!) { reference(id: $id) { key } }"
    response = await client.post("/graphql", json={"query": query, "variables": {"id": bad}})
    body = response.json()
    assert body["data"] == {"reference": None}
    [error] = body["errors"]
    assert error["message"] == (
        f"id: {bad!r} is not a Reference ID; use the `id` of a Reference, "
        "e.g. from `Article.references`"
    )
    assert error["path"] == ["reference"]
