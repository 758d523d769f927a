"""Live reload: a seed shows up in every worker of a running `guide-api serve --workers 2`.

Each response carries `X-Content-Version` (the version its process knows) and each
JSON request log line names the worker's pid, so the test can tell the workers apart.
It prints the measured delay from the version bump (in the seed's transaction, just
before its commit) to the first new answer of each worker; it asserts no timing.
"""

import asyncio
import json
import os
import signal
import subprocess
import threading
import time
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from servers import GUIDE_API, start_guide_api
from sqlalchemy import select, text

from api.content_watch import LISTENER_NAME, ContentWatch
from api.database import create_engine
from schema.content_version import bump_version
from schema.tables import ContentState

MARKER = "Live-Reload-Testsatz: diese Zeile kam mit dem neuen Seed."
KERNAUSSAGE = """{ section(article: "knochenmetastasen-verstehen", anchor: "kernaussage") {
    body { text } } }"""
WORKERS = 2
DEADLINE = 30  # seconds; only so that a broken build fails instead of hanging


class ServerLog:
    """Collects the server's JSON log lines from its stdout in a thread."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: list[dict] = []
        self.other: list[str] = []
        self._stream = process.stdout
        self._thread = threading.Thread(target=self._read, args=(self._stream,), daemon=True)
        self._thread.start()

    def close(self) -> None:
        """After the process ended: read the rest, close the pipe."""
        self._thread.join(timeout=10)
        self._stream.close()

    def _read(self, stream) -> None:
        for line in stream:
            try:
                self.lines.append(json.loads(line))
            except ValueError:
                self.other.append(line)

    def pid_of(self, request_id: str) -> int | None:
        for line in list(self.lines):
            if line.get("request_id") == request_id:
                return line["pid"]
        return None


@pytest.fixture
def workers(engine, database_url, tmp_path):
    """`guide-api serve --workers 2` on a database it seeds itself on start."""
    process, base_url = start_guide_api(
        database_url, tmp_path, "--workers", str(WORKERS), log_level="info"
    )
    log = ServerLog(process)
    try:
        yield base_url, log
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
    assert not [line for line in log.lines if line["level"] in ("ERROR", "CRITICAL")]


def ask(base_url: str, log: ServerLog) -> tuple[str, int, str]:
    """One request on a new connection: (request id, content version, section text)."""
    request_id = uuid.uuid4().hex
    response = httpx.post(
        f"{base_url}/graphql",
        json={"query": KERNAUSSAGE},
        headers={"X-Request-ID": request_id},
        timeout=10,
    )
    assert response.status_code == 200
    assert response.headers["X-Request-ID"] == request_id
    body = response.json()
    assert "errors" not in body, body
    return (
        request_id,
        int(response.headers["X-Content-Version"]),
        body["data"]["section"]["body"]["text"],
    )


def pids_of(log: ServerLog, request_ids: list[str]) -> dict[str, int]:
    """Wait until the log lines of these requests are written; map request id to pid."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        pids = {request_id: log.pid_of(request_id) for request_id in request_ids}
        if None not in pids.values():
            return pids
        time.sleep(0.05)
    pytest.fail("the server did not log every request")


def until_every_worker(base_url: str, log: ServerLog, done, seed=None) -> dict[int, tuple]:
    """Ask until `done(version, text)` held for an answer of each worker; first such per pid.

    With `seed` (a running process) the asking goes on while it runs, and stops if it fails.
    """
    first: dict[int, tuple] = {}
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if seed is not None and seed.poll() not in (None, 0):
            pytest.fail(f"the seed failed: {seed.communicate()}")
        batch = [(*ask(base_url, log), time.time()) for _ in range(6)]
        pids = pids_of(log, [request_id for request_id, *_ in batch])
        for request_id, version, answer, moment in batch:
            if done(version, answer):
                first.setdefault(pids[request_id], (version, answer, moment))
        if len(first) == WORKERS and len(set(pids.values()) | set(first)) == WORKERS:
            return first
    pytest.fail(f"not every worker got there within {DEADLINE} s: {first}")


async def bumped_at(database_url: str) -> float:
    """When the newest version was set (in the seed's transaction, just before its commit)."""
    engine = create_engine(database_url)
    async with engine.connect() as connection:
        changed_at: datetime = await connection.scalar(select(ContentState.changed_at))
    await engine.dispose()
    # SQLite hands the UTC time back without its zone.
    return changed_at.replace(tzinfo=changed_at.tzinfo or UTC).timestamp()


def test_a_seed_reaches_every_worker(workers, database_url, content_dir, tmp_path):
    base_url, log = workers
    before = until_every_worker(base_url, log, lambda _version, text: MARKER not in text)
    (old_version,) = {version for version, _text, _moment in before.values()}
    assert old_version >= 1

    article = content_dir / "articles" / "knochenmetastasen-verstehen.md"
    article.write_text(article.read_text(encoding="utf-8").rstrip() + f" {MARKER}\n", "utf-8")
    seed = subprocess.Popen(
        [str(GUIDE_API), "seed", str(content_dir)],
        env={**os.environ, "DATABASE_URL": database_url},
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Ask while the seed runs, so the first new answer is timed closely.
    after = until_every_worker(
        base_url, log, lambda version, text: version > old_version and MARKER in text, seed
    )
    output, errors = seed.communicate(timeout=120)
    assert seed.returncode == 0, errors
    assert "section kernaussage" in output, output
    assert {version for version, _text, _moment in after.values()} == {old_version + 1}
    committed = asyncio.run(bumped_at(database_url))
    delays = {pid: round((moment - committed) * 1000) for pid, (_v, _t, moment) in after.items()}
    print(f"\n{database_url.split(':')[0]}: commit -> first new answer per worker (ms): {delays}")


# --- The content watch in one process ---------------------------------------------------


async def _bump(engine) -> int:
    async with engine.begin() as connection:
        return await bump_version(connection)


async def _until(condition, seconds: float = DEADLINE) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s")
        await asyncio.sleep(0.01)


@pytest.fixture
async def watch(engine):
    seen: list[int] = []
    content_watch = ContentWatch(poll_interval=0.05)
    content_watch.on_change(seen.append)
    await content_watch.start(engine)
    yield content_watch, seen
    await content_watch.stop()


async def test_the_watch_follows_each_bump_and_calls_its_hooks(watch, engine):
    content_watch, seen = watch
    assert content_watch.version == 0
    for expected in (1, 2, 3):
        assert await _bump(engine) == expected
        await _until(lambda expected=expected: content_watch.version == expected)
    assert seen == [1, 2, 3]


# LISTEN/NOTIFY is PostgreSQL's; SQLite processes poll.
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_the_listener_reconnects_and_catches_up_after_losing_its_connection(watch, engine):
    content_watch, seen = watch
    terminate = text(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE application_name = :name AND datname = current_database()"
    )
    await _until(lambda: content_watch._task is not None)
    for _ in range(2):  # the connection drops; a bump happens while the watch is away
        async with engine.connect() as connection:
            await _until_listening(connection)
            assert await connection.scalar(terminate, {"name": LISTENER_NAME}) == 1
        await _bump(engine)
    await _until(lambda: content_watch.version == 2)
    assert await _bump(engine) == 3  # and NOTIFY works again on the new connection
    await _until(lambda: content_watch.version == 3)
    assert seen == [1, 2, 3]


async def _until_listening(connection) -> None:
    # Idle after its COMMIT: LISTEN and the version read are done.
    listening = text(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
        "AND datname = current_database() AND state = 'idle' AND query ILIKE 'COMMIT%'"
    )
    deadline = time.monotonic() + DEADLINE
    while not await connection.scalar(listening, {"name": LISTENER_NAME}):
        await connection.commit()  # pg_stat_activity is a snapshot per transaction
        if time.monotonic() > deadline:
            pytest.fail("the content listener did not connect")
        await asyncio.sleep(0.02)
