"""Inserting many rows at once, by the database driver's fastest path.

A seed of 10,000 articles writes some 200,000 rows. SQLAlchemy renders and processes
every parameter of every row, and on PostgreSQL sends batches of INSERT statements;
the drivers can do without:

- PostgreSQL: COPY, which streams the rows in asyncpg's binary format. For tables
  without JSON columns (asyncpg encodes numbers, text and timestamps as they are).
- SQLite: the driver's executemany of one prepared INSERT. For tables of numbers and
  text only (SQLAlchemy's own format of timestamps and JSON must be kept).

New ids are drawn first: on PostgreSQL from the table's sequence, in one statement;
on SQLite they are the ones SQLite would give (one more than the largest), which no
one else can take meanwhile, since the seed's transaction holds the database's write
lock (BEGIN IMMEDIATE, schema.revisions.lock). Other tables take SQLAlchemy's path.
Everything stays in the caller's transaction.
"""

from typing import Any

from sqlalchemy import JSON, Integer, String, Table, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

_SEQUENCE = text("SELECT pg_get_serial_sequence(:table, 'id')")
# The sequence as a parameter: named by a function call here, it would be looked up per row.
_NEXT_IDS = text(
    "SELECT array_agg(nextval(CAST(:sequence AS regclass))) FROM generate_series(1, :n)"
)


async def insert_many(connection: AsyncConnection, table: Table, rows: list[dict[str, Any]]):
    """Insert rows that all have the same keys."""
    if not rows:
        return
    if not _fast(connection, table):
        await connection.execute(insert(table), rows)
        return
    columns = list(rows[0])
    await _write(connection, table, columns, [tuple(map(row.__getitem__, columns)) for row in rows])


async def insert_returning(
    connection: AsyncConnection, table: Table, rows: list[dict[str, Any]], keys: tuple[str, ...]
) -> list[tuple]:
    """Insert rows (all with the same keys, but no id); returns (*keys, id) of each row."""
    if not rows:
        return []
    if not _fast(connection, table):
        columns = [table.c[key] for key in keys]
        result = await connection.execute(insert(table).returning(*columns, table.c.id), rows)
        return [tuple(row) for row in result]
    ids = await _new_ids(connection, table, len(rows))
    columns = list(rows[0])
    records = [(i, *map(row.__getitem__, columns)) for i, row in zip(ids, rows, strict=True)]
    await _write(connection, table, ["id", *columns], records)
    return [(*map(row.__getitem__, keys), i) for i, row in zip(ids, rows, strict=True)]


def _fast(connection: AsyncConnection, table: Table) -> bool:
    # The generic type of each column (sqlmodel's AutoString is a String).
    kinds = {column.type._type_affinity for column in table.columns}
    if connection.dialect.name == "postgresql":
        return JSON not in kinds
    return kinds <= {Integer, String}


async def _new_ids(connection: AsyncConnection, table: Table, count: int) -> list[int]:
    if connection.dialect.name == "postgresql":
        sequence = await connection.scalar(_SEQUENCE, {"table": table.name})
        return await connection.scalar(_NEXT_IDS, {"sequence": sequence, "n": count})
    largest = await connection.scalar(select(func.max(table.c.id)))
    start = (largest or 0) + 1
    return list(range(start, start + count))


async def _write(connection: AsyncConnection, table: Table, columns: list[str], records: list):
    if connection.dialect.name == "postgresql":
        raw = await connection.get_raw_connection()
        await raw.driver_connection.copy_records_to_table(
            table.name, records=records, columns=columns, schema_name=table.schema
        )
        return
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    await connection.exec_driver_sql(
        f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', records
    )
