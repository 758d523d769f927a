"""What every batch function receives, and how answers are put in key order.

A batch function takes the request's `Scope` and the list of keys a DataLoader
collected in one tick, runs one `IN (...)` statement and answers one value per
key, in key order.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Row

from schema.reader import Reader
from schema.visibility import Visibility

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Scope:
    """The request's database reader and what it may see."""

    reader: Reader
    visibility: Visibility
    media_base_url: str


def one_per_key(
    keys: Sequence[K],
    rows: Iterable[Row[Any]],
    key_of: Callable[[Row[Any]], K],
    build: Callable[[Row[Any]], T],
) -> list[T | None]:
    """One object (or None) per key, in key order."""
    found = {key_of(row): build(row) for row in rows}
    return [found.get(key) for key in keys]


def many_per_key(
    keys: Sequence[K],
    rows: Iterable[Row[Any]],
    key_of: Callable[[Row[Any]], K],
    build: Callable[[Row[Any]], T],
) -> list[list[T]]:
    """A list of objects per key, in key order; rows keep their order within a key."""
    found: defaultdict[K, list[T]] = defaultdict(list)
    for row in rows:
        found[key_of(row)].append(build(row))
    return [found.get(key, []) for key in keys]
