"""Prometheus metrics and the `/metrics` endpoint.

With several uvicorn workers, one scrape reaches one worker at random; so `guide-api
serve --workers N` (N > 1) runs prometheus-client's multiprocess mode: each worker
writes its samples to files in PROMETHEUS_MULTIPROC_DIR and `/metrics` adds up every
worker's files. With one worker the process's own registry is served (plus the
standard process and Python metrics).
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import Response

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "guide_requests",
    "HTTP requests answered, by route, GraphQL operation and outcome "
    "(ok, graphql_error, client_error, server_error).",
    ["route", "operation", "outcome"],
)
LATENCY = Histogram(
    "guide_request_duration_seconds",
    "Time from the request's arrival to the end of its response, by route and operation.",
    ["route", "operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SQL_STATEMENTS = Histogram(
    "guide_sql_statements_per_request",
    "SQL statements one request ran, by route.",
    ["route"],
    buckets=(0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64),
)
CONTENT_VERSION = Gauge(
    "guide_content_version",
    "The content version this process serves (one series per worker in multiprocess mode).",
    multiprocess_mode="liveall",
)

# Operation names come from clients: beyond this many distinct ones a process reports
# "other", so a client cannot blow up the number of time series.
MAX_OPERATION_NAMES = 200
_operation_names: set[str] = set()


def operation_label(name: str | None) -> str:
    if name is None:
        return ""
    if name in _operation_names:
        return name
    if len(_operation_names) < MAX_OPERATION_NAMES:
        _operation_names.add(name)
        return name
    return "other"


def outcome(status: int, graphql_errors: bool) -> str:
    if status >= 500:
        return "server_error"
    if status >= 400:
        return "client_error"
    return "graphql_error" if graphql_errors else "ok"


# The labelled series of each (route, operation, outcome), looked up once: `labels()`
# costs more than the observation itself. Bounded like the labels themselves.
_series: dict[tuple[str, str, str], tuple] = {}


def _series_of(route: str, operation: str, result: str) -> tuple:
    key = (route, operation, result)
    series = _series.get(key)
    if series is None:
        series = (
            REQUESTS.labels(route, operation, result),
            LATENCY.labels(route, operation),
            SQL_STATEMENTS.labels(route),
        )
        _series[key] = series
    return series


def observe_request(
    *,
    route: str,
    operation: str | None,
    status: int,
    graphql_errors: bool,
    seconds: float,
    sql_statements: int,
) -> None:
    requests, latency, statements = _series_of(
        route, operation_label(operation), outcome(status, graphql_errors)
    )
    requests.inc()
    latency.observe(seconds)
    statements.observe(sql_statements)


async def metrics(_request: Request) -> Response:
    """The Prometheus text format: every worker's metrics in multiprocess mode."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


def process_exits() -> None:
    """In multiprocess mode, drop this worker's live gauges from the shared files."""
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.mark_process_dead(os.getpid())


@contextmanager
def multiprocess_metrics(workers: int) -> Iterator[None]:
    """Around a server with `workers` processes: a fresh PROMETHEUS_MULTIPROC_DIR when N > 1.

    Set before the workers start (they import prometheus-client fresh), removed after.
    A directory already named in the environment is used as it is and kept.
    """
    if workers <= 1 or os.environ.get(MULTIPROC_ENV):
        yield
        return
    directory = tempfile.mkdtemp(prefix="guide-metrics-")
    os.environ[MULTIPROC_ENV] = directory
    try:
        yield
    finally:
        del os.environ[MULTIPROC_ENV]
        shutil.rmtree(directory, ignore_errors=True)
