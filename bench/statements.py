"""SQL statements per request, as the app itself counts them, in process on the real app.

The app attributes every statement to the request that ran it, also those its
compiled path sends straight to the driver, and writes the count into its
request log line (`sql_statements`, api.observability); the bench reads it from
there. Should the app not log it, statements seen by SQLAlchemy's engines are
counted instead. Each case is asked REPEAT times and the last count kept: the first
request of a query text takes the full GraphQL path and teaches the compiled path
its plan, later ones show what a repeated (cold) request costs.
"""

import asyncio
import logging
from contextlib import contextmanager

import httpx
from sqlalchemy import event
from sqlalchemy.engine import Engine

from api.app import create_app
from api.observability.logs import REQUEST_LOGGER
from api.settings import Settings
from bench.scenarios import Scenario, teasers

# The teaser list at 1 and at 100 items: the count must not grow with the items.
LIST_SIZES = (1, 100)
REPEAT = 3


def statement_cases(scenarios: list[Scenario]) -> dict[str, Scenario]:
    """Label -> scenario: the selected ones, plus the teaser list at each of LIST_SIZES."""
    cases = {scenario.key: scenario for scenario in scenarios}
    if "teasers" in cases:
        cases |= {f"teasers {size}": teasers(size) for size in LIST_SIZES}
    return cases


def statements_per_request(database_url: str, cases: dict[str, Scenario]) -> dict[str, int]:
    """Statements of one request of each case (response cache off), by label."""
    return asyncio.run(_count(database_url, cases))


class _Seen(logging.Handler):
    """What the app reported (its request log) and what the engines saw, for one request."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.reported: list[int] = []
        self.engine_statements = 0

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(getattr(record, "sql_statements", None), int):
            self.reported.append(record.sql_statements)

    def engine_statement(self, *_args) -> None:
        self.engine_statements += 1

    def take(self) -> int:
        count = self.reported[-1] if self.reported else self.engine_statements
        self.reported, self.engine_statements = [], 0
        return count


@contextmanager
def _watching(seen: _Seen):
    logger = logging.getLogger(REQUEST_LOGGER)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the counts are read here, not printed
    logger.addHandler(seen)
    event.listen(Engine, "before_cursor_execute", seen.engine_statement)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", seen.engine_statement)
        logger.removeHandler(seen)
        logger.setLevel(level)
        logger.propagate = propagate


async def _count(database_url: str, cases: dict[str, Scenario]) -> dict[str, int]:
    app = create_app(Settings(database_url=database_url, response_cache=False, _env_file=None))
    counts: dict[str, int] = {}
    seen = _Seen()
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            with _watching(seen):
                for label, scenario in cases.items():
                    for _ in range(REPEAT):
                        seen.take()
                        response = await client.post("/graphql", json=scenario.body())
                        response.raise_for_status()
                        counts[label] = seen.take()
    return counts
