"""Where a cold request spends its time: pyinstrument around the real app, in process.

The app runs with its response cache off, pinned to the server core, and answers
one request after another (no concurrency), so the profile shows the cost of
one request; it is called straight through ASGI, so no client code is profiled.
"""

import asyncio
import json
import os
import time

from api.app import create_app
from api.settings import Settings
from bench.measure import WrongAnswer
from bench.processes import SERVER_CORE
from bench.profile_summary import Profile, summarise
from bench.scenarios import Scenario

WARM_UP = 5  # requests before profiling: parser, validation and SQL compile caches filled


def profile_cold(database_url: str, scenario: Scenario, seconds: float) -> Profile:
    from pyinstrument import Profiler  # a dev dependency: only the profile needs it

    affinity = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {int(SERVER_CORE)})
    try:
        profiler = Profiler(interval=0.0005, async_mode="enabled")
        requests = asyncio.run(_requests(database_url, scenario, seconds, profiler))
    finally:
        os.sched_setaffinity(0, affinity)
    session = profiler.last_session
    tree = call_tree(session)
    return summarise(session.root_frame(), requests, session.cpu_time, session.sample_count, tree)


def call_tree(session, threshold: float = 0.02) -> str:
    """pyinstrument's console tree from the request loop down, plus any branch beside it.

    SQLAlchemy runs its synchronous core in greenlets, which pyinstrument shows
    as branches of their own at the top: they are request time too.
    """
    from pyinstrument.renderers import ConsoleRenderer

    options = {"filter_threshold": threshold}
    renderer = ConsoleRenderer(unicode=True, time="percent_of_total", processor_options=options)
    root = renderer.preprocess(session.root_frame())
    if root is None:
        return ""
    renderer.root_frame = root
    path = _path_to(root, _requests.__name__) or [root]
    beside = [child for child in root.children if len(path) > 1 and child is not path[1]]
    return "".join(renderer.render_frame(frame, precision=1) for frame in [path[-1], *beside])


def _path_to(frame, function: str) -> list:
    """Frames from `frame` down to the first frame of this module's `function`, or []."""
    if frame.function == function and (frame.file_path or "").endswith("bench/profiling.py"):
        return [frame]
    for child in frame.children:
        below = _path_to(child, function)
        if below:
            return [frame, *below]
    return []


async def _requests(database_url: str, scenario: Scenario, seconds: float, profiler) -> int:
    settings = Settings(database_url=database_url, response_cache=False, _env_file=None)
    app = create_app(settings)
    body = json.dumps(scenario.body()).encode()
    async with app.router.lifespan_context(app):
        for _ in range(WARM_UP):
            _verify(scenario, *await asgi_post(app, body))
        requests = 0
        deadline = time.perf_counter() + seconds
        with profiler:
            while time.perf_counter() < deadline or requests < 3:
                await asgi_post(app, body)
                requests += 1
    return requests


def _verify(scenario: Scenario, status: int, body: bytes) -> None:
    answer = json.loads(body) if status == 200 else {}
    problem = (
        f"HTTP {status}"
        if status != 200
        else json.dumps(answer["errors"])[:300]
        if answer.get("errors")
        else scenario.check(answer["data"])
    )
    if problem:
        raise WrongAnswer(f"{scenario.name} (profile): {problem}")


async def asgi_post(app, body: bytes, path: str = "/graphql") -> tuple[int, bytes]:
    """POST `body` as JSON to the ASGI `app`; (status, response body)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"bench"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    incoming = [{"type": "http.request", "body": body, "more_body": False}]
    status, chunks = 0, []

    async def receive():
        return incoming.pop() if incoming else {"type": "http.disconnect"}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)
