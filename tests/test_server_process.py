"""`guide-api serve` as a real process: uvicorn on a real port, seeding an empty database."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

GUIDE_API = Path(sys.executable).with_name("guide-api")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(base_url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"server exited with {server.returncode}: {server.stdout.read()}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"server did not answer /healthz within {seconds} s")


@pytest.fixture
def server(engine, database_url, tmp_path):
    """A real `guide-api serve` on an empty (tables only) database."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "GUIDE_LOG_LEVEL": "warning"}
    process = subprocess.Popen(
        [str(GUIDE_API), "serve", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process)
        yield base_url
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=15)
    # uvicorn shuts down gracefully, then re-raises the signal it caught.
    assert process.returncode in (0, -signal.SIGTERM), output
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
