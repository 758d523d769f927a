"""The compiled query path: known query shapes of the public, answered from plans.

- `plan`: a validated document compiled once into fields, attributes and serialisers;
- `statements`: the prepared statements, with the public's visibility;
- `aggregated`: PostgreSQL's root statements, carrying their relations as arrays of rows;
- `connections`: PostgreSQL's own asyncpg connections for the compiled path;
- `prepared`: statements compiled once to SQL text, run on the driver's connection;
- `snapshot`: one consistent read per request (raw sqlite3, or asyncpg);
- `fetch`: root fields and relations, loaded in a constant number of statements;
- `slim`: citations read through plain columns only, without the JSON;
- `project`: rows shaped into the response by the plan;
- `executor`: `CompiledQueries`, learning plans and answering with them.

See docs/performance.md.
"""

from schema.compiled.connections import PostgresConnections
from schema.compiled.executor import CompiledQueries
from schema.compiled.fetch import FetchSettings
from schema.compiled.prepared import PreparedStatements
from schema.compiled.snapshot import PostgresSnapshot, Snapshot, SqliteConnection, SqliteSnapshot

__all__ = [
    "CompiledQueries",
    "FetchSettings",
    "PostgresConnections",
    "PostgresSnapshot",
    "PreparedStatements",
    "Snapshot",
    "SqliteConnection",
    "SqliteSnapshot",
]
