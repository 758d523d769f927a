"""Statements compiled once to the database's SQL text, run on the driver's own connection.

SQLAlchemy's per-execution work (execution context, parameter processing, result
metadata, and on asyncio its greenlet hand-offs) costs more than the database's
own for the compiled path's short reads. A `Prepared` statement keeps what
SQLAlchemy would compute each time: the SQL text, the order of its parameters
(with the values the statement binds itself, such as the public statuses), and
the result processors of its column types (SQLite's timestamps and JSON text), so
rows come out as the same Python values as through SQLAlchemy. The connections
come from SQLAlchemy's pools, with the type codecs its dialects set up.
"""

from collections import namedtuple
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Dialect, Executable, Select


@dataclass(frozen=True, slots=True)
class Prepared:
    sql: str
    names: tuple[str, ...]  # parameter names, in the SQL's positional order
    bound: dict[str, Any]  # values the statement binds itself
    row: type  # a named tuple of the result columns
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]  # (column, converter)

    def parameters(self, given: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(given[name] if name in given else self.bound[name] for name in self.names)

    def rows(self, raw: Sequence[Sequence[Any]]) -> list[Any]:
        make, processors = self.row._make, self.processors
        if not processors:
            return [make(values) for values in raw]
        built = []
        for values in raw:
            values = list(values)
            for index, convert in processors:
                values[index] = convert(values[index])
            built.append(make(values))
        return built


def prepare(statement: Select, dialect: Dialect) -> Prepared:
    # The statement's own IN lists (the public statuses) expand once, here; the
    # request's parameters get placeholders, their values come with each run.
    compiled = statement.compile(dialect=dialect)
    unbound = {name for name, bind in compiled.binds.items() if bind.required}
    expanded = compiled.construct_expanded_state(dict.fromkeys(unbound))
    columns = list(statement.selected_columns)
    processors = []
    for index, column in enumerate(columns):
        convert = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if convert is not None:
            processors.append((index, convert))
    names = [column.key or f"column_{index}" for index, column in enumerate(columns)]
    return Prepared(
        sql=expanded.statement,
        names=tuple(expanded.positiontup or ()),
        bound={name: value for name, value in expanded.parameters.items() if name not in unbound},
        row=namedtuple("PreparedRow", names, rename=True),
        processors=tuple(processors),
    )


class PreparedStatements:
    """Each statement prepared once for one dialect, on first use."""

    def __init__(self, dialect: Dialect) -> None:
        self._dialect = dialect
        self._prepared: dict[Executable, Prepared] = {}

    def __getitem__(self, statement: Select) -> Prepared:
        prepared = self._prepared.get(statement)
        if prepared is None:
            prepared = self._prepared[statement] = prepare(statement, self._dialect)
        return prepared
