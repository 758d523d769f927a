"""The per-request database Reader: lazy, serialised, one snapshot, closed after the operation."""

import asyncio

import pytest
from sqlalchemy import literal, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from schema import build_schema
from schema.context import build_context
from schema.reader import Reader, ReaderClosedError


async def test_opens_no_connection_until_the_first_statement(engine: AsyncEngine) -> None:
    reader = Reader(engine)
    assert not reader.opened
    assert engine.pool.checkedout() == 0

    assert await reader.scalar(select(literal(7))) == 7
    assert reader.opened
    assert engine.pool.checkedout() == 1

    await reader.close()
    assert engine.pool.checkedout() == 0


async def test_close_is_idempotent_and_final(engine: AsyncEngine) -> None:
    reader = Reader(engine)
    await reader.close()  # never opened
    await reader.close()
    with pytest.raises(ReaderClosedError, match="already closed"):
        await reader.all(select(literal(1)))
    assert engine.pool.checkedout() == 0


async def test_concurrent_statements_share_one_connection(
    engine: AsyncEngine, count_statements
) -> None:
    reader = Reader(engine)
    with count_statements(engine) as counter:
        answers = await asyncio.gather(*(reader.scalar(select(literal(n))) for n in range(25)))
        rows = await reader.all(select(literal(1).label("a"), literal(2).label("b")))
        row = await reader.one_or_none(select(literal("x").label("value")))
    await reader.close()

    assert answers == list(range(25))
    assert [tuple(r) for r in rows] == [(1, 2)]
    assert row is not None
    assert row.value == "x"
    assert engine.pool.checkedout() == 0
    # SQLite adds one explicit BEGIN per request (see schema/reader.py).
    assert counter.count == 27 + (engine.dialect.name == "sqlite")


async def test_all_statements_of_a_request_see_one_snapshot(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE reader_probe (x INTEGER)"))
    reader = Reader(engine)
    try:
        assert await reader.scalar(text("SELECT count(*) FROM reader_probe")) == 0
        async with engine.begin() as connection:  # an import commits meanwhile
            await connection.execute(text("INSERT INTO reader_probe VALUES (1)"))
        assert await reader.scalar(text("SELECT count(*) FROM reader_probe")) == 0
    finally:
        await reader.close()
    fresh = Reader(engine)
    assert await fresh.scalar(text("SELECT count(*) FROM reader_probe")) == 1
    await fresh.close()


async def test_the_schema_closes_the_reader_after_each_operation(engine: AsyncEngine) -> None:
    schema = build_schema()
    context = build_context(engine, None, None)

    result = await schema.execute("{ topics { slug } }", context_value=context)

    assert result.errors is None
    assert result.data == {"topics": []}
    assert engine.pool.checkedout() == 0
    with pytest.raises(ReaderClosedError):
        await context.reader.scalar(select(literal(1)))


async def test_the_reader_is_closed_after_a_failed_operation_too(engine: AsyncEngine) -> None:
    schema = build_schema()
    context = build_context(engine, None, None)

    result = await schema.execute(
        '{ topics { slug } articles(after: "not a cursor") { totalCount } }',
        context_value=context,
    )

    assert result.errors is not None
    assert engine.pool.checkedout() == 0


async def test_a_request_without_sql_opens_no_connection(engine: AsyncEngine) -> None:
    schema = build_schema()
    context = build_context(engine, None, None)

    result = await schema.execute("{ __typename }", context_value=context)

    assert result.data == {"__typename": "Query"}
    assert not context.reader.opened
