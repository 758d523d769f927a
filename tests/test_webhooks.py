"""Webhooks against a real HTTP receiver on 127.0.0.1: signature, retries, no double sends."""

import asyncio
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from api.app import create_app
from api.settings import Settings
from api.webhooks import deliver_after_seed
from schema.content_version import bump_version
from schema.tables import WebhookDelivery
from schema.webhooks_outbox import enqueue, revision_event

SECRET = "s3cret-for-tests"
DEADLINE = 30  # seconds; only so that a broken build fails instead of hanging


class Receiver:
    """A webhook receiver: records every request, answers with the next planned status."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses = list(statuses or [])
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/guide"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def bodies(self) -> list[dict]:
        return [json.loads(body) for _headers, body in self.requests]


@pytest.fixture
def receiver():
    made: list[Receiver] = []

    def make(statuses: list[int] | None = None) -> Receiver:
        made.append(Receiver(statuses))
        made[-1].thread.start()
        return made[-1]

    yield make
    for each in made:
        each.server.shutdown()
        each.server.server_close()


def settings_for(database_url: str, *urls: str, **overrides) -> Settings:
    values = {"webhook_secret": SECRET, "webhook_retry_delay": 0.05, "webhook_timeout": 2}
    return Settings(
        database_url=database_url,
        seed_on_start=False,
        webhook_urls=",".join(urls),
        _env_file=None,
        **(values | overrides),
    )


async def applied_revision(engine, revision: int) -> dict:
    """What a seed does in its transaction: bump the version, put the event in the outbox."""
    async with engine.begin() as connection:
        version = await bump_version(connection)
        event = revision_event(
            revision=revision,
            version=version,
            changes=[
                {
                    "kind": "section",
                    "action": "updated",
                    "global_id": "U2VjdGlvbjo3",
                    "key": "kernaussage",
                    "article": "knochenmetastasen-verstehen",
                }
            ],
        )
        await enqueue(connection, event)
    return event


async def until(condition, seconds: float = DEADLINE) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s")
        await asyncio.sleep(0.02)


async def deliveries(engine) -> list:
    async with engine.connect() as connection:
        result = await connection.execute(select(WebhookDelivery).order_by(WebhookDelivery.id))
        return result.all()


async def test_each_revision_is_posted_signed_to_every_receiver(engine, database_url, receiver):
    first, second = receiver(), receiver()
    app = create_app(settings_for(database_url, first.url, second.url))
    async with app.router.lifespan_context(app):
        event = await applied_revision(engine, revision=1)
        await until(lambda: first.requests and second.requests)
        await until_status(engine, "delivered", count=2)

    for each in (first, second):
        ((headers, body),) = each.requests
        # What a receiver does (docs/operations.md): HMAC-SHA256 over the raw body.
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(headers["X-Guide-Signature"], expected)
        assert headers["Content-Type"] == "application/json"
        assert headers["X-Guide-Event"] == "revision.applied"
        assert abs(int(headers["X-Guide-Timestamp"]) - time.time()) < 600
        assert json.loads(body) == {"delivery": headers["X-Guide-Delivery"], **event}
    assert event["changes"] == [
        {
            "kind": "section",
            "action": "updated",
            "id": "U2VjdGlvbjo3",
            "key": "kernaussage",
            "article": "knochenmetastasen-verstehen",
        }
    ]
    rows = await deliveries(engine)
    assert [(row.url, row.status, row.attempts) for row in rows] == [
        (first.url, "delivered", 1),
        (second.url, "delivered", 1),
    ]


async def test_a_failing_receiver_is_retried_with_the_same_delivery(engine, database_url, receiver):
    flaky = receiver(statuses=[500, 503])
    app = create_app(settings_for(database_url, flaky.url))
    async with app.router.lifespan_context(app):
        await applied_revision(engine, revision=1)
        await until_status(engine, "delivered")

    ids = {headers["X-Guide-Delivery"] for headers, _body in flaky.requests}
    assert len(ids) == 1
    assert len({body for _headers, body in flaky.requests}) == 1  # byte for byte the same
    ((row),) = await deliveries(engine)
    assert (row.status, row.attempts, row.last_status_code) == ("delivered", 3, 200)


async def test_after_the_last_attempt_a_delivery_is_marked_failed(engine, database_url, receiver):
    broken = receiver(statuses=[500] * 10)
    app = create_app(settings_for(database_url, broken.url, webhook_max_attempts=3))
    async with app.router.lifespan_context(app):
        await applied_revision(engine, revision=1)
        await until_status(engine, "failed")
    ((row),) = await deliveries(engine)
    assert (row.status, row.attempts, row.last_error) == ("failed", 3, "HTTP 500")


async def until_status(engine, status: str, count: int = 1) -> None:
    deadline = time.monotonic() + DEADLINE
    while [row.status for row in await deliveries(engine)] != [status] * count:
        if time.monotonic() > deadline:
            pytest.fail(f"no delivery became {status}")
        await asyncio.sleep(0.02)


async def test_a_dead_receiver_never_fails_the_delivery_after_a_seed(engine, database_url):
    dead = "http://127.0.0.1:9/hooks/guide"  # the discard port: nothing listens
    settings = settings_for(database_url, dead)
    await applied_revision(engine, revision=1)
    await deliver_after_seed(engine, settings)  # returns quietly
    ((row),) = await deliveries(engine)
    assert (row.status, row.attempts, row.last_status_code) == ("pending", 1, None)
    assert row.last_error.startswith("ConnectError")


async def test_several_processes_never_send_a_delivery_twice(engine, database_url, receiver):
    target = receiver()
    settings = settings_for(database_url, target.url)
    apps = [create_app(settings) for _ in range(3)]
    for revision in range(1, 11):
        await applied_revision(engine, revision)
    async with (
        apps[0].router.lifespan_context(apps[0]),
        apps[1].router.lifespan_context(apps[1]),
        apps[2].router.lifespan_context(apps[2]),
    ):
        await until_status(engine, "delivered", count=10)
        await asyncio.sleep(0.5)  # room for a second send, which must not come
    revisions = sorted(body["revision"] for body in target.bodies())
    assert revisions == list(range(1, 11))
    assert {row.status for row in await deliveries(engine)} == {"delivered"}


# --- The seed command itself: the revision's event reaches receivers ------------------


def seed_command(monkeypatch, database_url: str, content_dir, *urls: str) -> int:
    from api.cli import main

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("GUIDE_WEBHOOK_URLS", ",".join(urls))
    monkeypatch.setenv("GUIDE_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("GUIDE_WEBHOOK_TIMEOUT", "2")
    return main(["seed", str(content_dir)])


def test_guide_api_seed_posts_the_signed_revision(
    engine, database_url, content_dir, receiver, monkeypatch
):
    target = receiver()
    assert seed_command(monkeypatch, database_url, content_dir, target.url) == 0
    ((headers, body),) = target.requests
    assert (
        headers["X-Guide-Signature"]
        == "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    )
    event = json.loads(body)
    assert event["revision"] == 1
    articles = [c for c in event["changes"] if c["kind"] == "article"]
    assert [(c["action"], c["key"]) for c in articles] == [
        ("created", "knochenmetastasen-verstehen")
    ]
    assert all(c["id"] for c in event["changes"])  # Relay global ids


def test_guide_api_seed_succeeds_when_the_receiver_is_down(
    engine, database_url, content_dir, monkeypatch
):
    dead = "http://127.0.0.1:9/hooks/guide"  # the discard port: nothing listens
    assert seed_command(monkeypatch, database_url, content_dir, dead) == 0
    rows = asyncio.run(_deliveries_of(database_url))
    assert [(row.status, row.attempts) for row in rows] == [("pending", 1)]


async def _deliveries_of(database_url: str) -> list:
    from api.database import create_engine

    engine = create_engine(database_url)
    try:
        return await deliveries(engine)
    finally:
        await engine.dispose()
