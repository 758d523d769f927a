"""Resolving Relay node ids ("Article:1") through the request's loaders."""

import re
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from graphql import GraphQLError
from strawberry.dataloader import DataLoader

T = TypeVar("T")

_DIGITS = re.compile(r"[0-9]{1,10}")
# Primary keys are INTEGER columns; larger numbers cannot name a row (and would
# overflow PostgreSQL's int4 parameters).
_MAX_ID = 2**31 - 1


def node_key(node_id: str) -> int | None:
    """The primary key inside a global ID's node part, or None when it cannot be one."""
    if not _DIGITS.fullmatch(node_id):
        return None
    key = int(node_id)
    return key if 0 < key <= _MAX_ID else None


async def load_nodes(
    loader: DataLoader[int, T | None],
    node_ids: Iterable[str],
    *,
    required: bool,
    type_name: str,
) -> Sequence[T | None]:
    """Nodes in the order of `node_ids`: None for unknown or invisible ones, unless required."""
    keys = [node_key(str(node_id)) for node_id in node_ids]
    wanted = sorted({key for key in keys if key is not None})
    found: dict[int, Any] = dict(zip(wanted, await loader.load_many(wanted), strict=True))
    nodes = [found.get(key) if key is not None else None for key in keys]
    if required and any(node is None for node in nodes):
        raise GraphQLError(f"no {type_name} with this ID exists")
    return nodes
