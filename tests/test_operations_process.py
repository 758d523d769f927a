"""Operations of a real `guide-api serve` process: graceful shutdown, metrics across workers."""

import json
import signal
import socket
import subprocess
import time

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from servers import start_guide_api

QUERY = json.dumps(
    {"query": 'query Slow { article(slug: "knochenmetastasen-verstehen") { title } }'}
)


@pytest.fixture
def start_server(engine, database_url, tmp_path):
    processes: list[subprocess.Popen] = []

    def start(*args: str) -> tuple[subprocess.Popen, str]:
        process, base_url = start_guide_api(database_url, tmp_path, *args, log_level="info")
        processes.append(process)
        return process, base_url

    yield start
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)


def test_sigterm_lets_a_request_in_flight_finish(start_server):
    server, base_url = start_server()
    port = int(base_url.rsplit(":", 1)[1])
    body = QUERY.encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as slow:
        # A slow client: the request has begun, its body is still coming.
        slow.sendall(
            b"POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            b"X-Request-ID: in-flight\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body[:10]
        )
        time.sleep(0.5)
        server.send_signal(signal.SIGTERM)
        time.sleep(0.5)  # the server is shutting down now, and waits for us
        assert server.poll() is None
        slow.sendall(body[10:])
        response = b""
        while chunk := slow.recv(65536):
            response += chunk
    output, _ = server.communicate(timeout=30)
    head, _, payload = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), response
    assert json.loads(payload) == {"data": {"article": {"title": "Knochenmetastasen verstehen"}}}
    logged = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    (line,) = [entry for entry in logged if entry.get("request_id") == "in-flight"]
    assert (line["operation"], line["status"]) == ("Slow", 200)
    assert any(entry["message"] == "Shutting down" for entry in logged)


def test_metrics_add_up_every_worker(start_server):
    _server, base_url = start_server("--workers", "2")
    for _ in range(20):  # new connections, so both workers answer some
        response = httpx.post(
            f"{base_url}/graphql", content=QUERY, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 200
    text = httpx.get(f"{base_url}/metrics", timeout=10).text
    values = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }
    labels = (("operation", "Slow"), ("outcome", "ok"), ("route", "/graphql"))
    assert values[("guide_requests_total", labels)] == 20
    versions = {key: value for key, value in values.items() if key[0] == "guide_content_version"}
    assert len(versions) == 2  # one series per worker
    assert set(versions.values()) == {1}
