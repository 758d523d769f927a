"""Unexpected errors: a generic message with a request id for the client, the details in the log."""

import logging
import re

from sqlalchemy import text

QUERY = '{ article(slug: "knochenmetastasen-verstehen") { title sections { heading } } }'


async def break_sections(engine) -> None:
    """A real outage of one table: the sections are gone from the database."""
    async with engine.begin() as connection:
        await connection.execute(
            text("DROP TABLE section" + (" CASCADE" if engine.dialect.name == "postgresql" else ""))
        )


async def test_an_internal_error_is_masked_and_logged_with_its_request_id(
    client, seeded_engine, caplog
):
    await break_sections(seeded_engine)
    with caplog.at_level(logging.DEBUG, logger="guide.graphql"):
        response = await client.post("/graphql", json={"query": QUERY})
    assert response.status_code == 200
    body = response.json()
    [error] = body["errors"]
    match = re.fullmatch(r"Internal error \(request id ([0-9A-Za-z]+)\)", error["message"])
    assert match, error
    request_id = match.group(1)
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    assert error["path"] == ["article", "sections"]
    assert body["data"] == {"article": None}
    # Nothing of the failure reaches the client: no SQL, no traceback, no table name.
    assert "section" not in response.text.replace('"sections"', "")
    assert "Traceback" not in response.text
    if "x-request-id" in response.headers:
        assert response.headers["x-request-id"] == request_id
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.name == "guide.graphql"
    assert request_id in record.getMessage()
    assert record.exc_info is not None  # the traceback and the SQL stay in the log


async def test_client_errors_are_visible_and_not_logged_as_failures(client, caplog):
    with caplog.at_level(logging.DEBUG):
        response = await client.post("/graphql", json={"query": "{ topics { slugs } }"})
        await client.post("/graphql", json={"query": '{ articles(after: "???") { totalCount } }'})
    assert response.json()["errors"][0]["message"].startswith("Cannot query field 'slugs'")
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_the_server_keeps_serving_after_an_internal_error(client, seeded_engine):
    await break_sections(seeded_engine)
    await client.post("/graphql", json={"query": QUERY})
    response = await client.post("/graphql", json={"query": "{ topics { slug } }"})
    assert response.json()["data"]["topics"][0] == {"slug": "krebs"}
