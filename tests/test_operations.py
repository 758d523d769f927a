"""Readiness, request ids, the request log line and Prometheus metrics, over the real app."""

import logging

import httpx
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app
from api.settings import Settings

TITLES = {"query": "query Titles { articles { edges { node { title } } } }"}


def samples(text: str) -> dict[tuple, float]:
    """{(sample name, sorted labels): value} of a Prometheus text exposition."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_readyz_reports_a_migrated_database_as_ready(client):
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "content_version": 1}


async def test_readyz_is_503_with_a_reason_until_the_database_is_migrated(
    bare_engine, database_url
):
    app = create_app(Settings(database_url=database_url, seed_on_start=False, _env_file=None))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            ready = await client.get("/readyz")
            alive = await client.get("/healthz")
    assert ready.status_code == 503
    assert ready.json() == {
        "status": "not ready",
        "reason": "the database schema is not at the newest migration; run guide-api migrate",
    }
    assert alive.status_code == 200


async def test_readyz_is_503_when_the_database_is_unreachable(tmp_path):
    url = f"sqlite:///{tmp_path / 'missing' / 'guide.db'}"  # its folder does not exist
    app = create_app(Settings(database_url=url, seed_on_start=False, _env_file=None))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "not ready",
        "reason": "the database is unreachable: OperationalError",
    }


async def test_every_response_carries_a_request_id_and_the_content_version(client):
    given = await client.post("/graphql", json=TITLES, headers={"X-Request-ID": "trace-42"})
    made = await client.get("/healthz")
    hostile = await client.get("/healthz", headers={"X-Request-ID": "<script> id" * 30})
    assert given.headers["X-Request-ID"] == "trace-42"
    assert len(made.headers["X-Request-ID"]) == 32
    assert hostile.headers["X-Request-ID"] != "<script> id" * 30
    assert {r.headers["X-Content-Version"] for r in (given, made, hostile)} == {"1"}


async def test_one_log_line_per_request_with_operation_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="guide.request"):
        response = await client.post("/graphql", json=TITLES, headers={"X-Request-ID": "r-1"})
    assert response.status_code == 200
    (record,) = [r for r in caplog.records if r.name == "guide.request"]
    assert record.getMessage() == "POST /graphql 200"
    assert (record.method, record.path, record.operation, record.status) == (
        "POST",
        "/graphql",
        "Titles",
        200,
    )
    assert record.request_id == "r-1"
    assert record.duration_ms > 0
    assert record.sql_statements >= 1
    assert record.content_version == 1


async def test_metrics_count_requests_by_operation_and_outcome(client):
    before = samples((await client.get("/metrics")).text)
    await client.post("/graphql", json=TITLES)
    await client.post("/graphql", json={"query": "query Broken { nothing }"})
    await client.get("/nowhere")
    after = samples((await client.get("/metrics")).text)

    def grew(name: str, **labels) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    graphql = {"route": "/graphql"}
    assert grew("guide_requests_total", operation="Titles", outcome="ok", **graphql) == 1
    assert grew("guide_requests_total", operation="Broken", outcome="graphql_error", **graphql) == 1
    assert (
        grew("guide_requests_total", route="unmatched", operation="", outcome="client_error") == 1
    )
    assert grew("guide_request_duration_seconds_count", operation="Titles", **graphql) == 1
    assert grew("guide_sql_statements_per_request_count", **graphql) == 2
    assert grew("guide_sql_statements_per_request_sum", **graphql) >= 1
    assert after[("guide_content_version", ())] == 1
