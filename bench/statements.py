"""SQL statements per request, counted in-process on the real app."""

import asyncio

import httpx
from sqlalchemy import event

from api.app import create_app
from api.settings import Settings
from bench.scenarios import Scenario


def statements_per_request(database_url: str, scenarios: list[Scenario]) -> dict[str, int]:
    """Statements of the first (cold) request of each scenario."""
    return asyncio.run(_count(database_url, scenarios))


async def _count(database_url: str, scenarios: list[Scenario]) -> dict[str, int]:
    app = create_app(Settings(database_url=database_url, _env_file=None))
    counts: dict[str, int] = {}
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    async with app.router.lifespan_context(app):
        event.listen(app.state.engine.sync_engine, "before_cursor_execute", record)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for scenario in scenarios:
                statements.clear()
                await client.post("/graphql", json=scenario.body())
                counts[scenario.name] = len(statements)
    return counts
