"""Root field `changes(since:, first:)`: the change feed an offline app syncs from.

Every applied revision wrote change rows (schema.tables.change). A caller sees a
change of an article or section only if the article was visible to it before or
after: to the public a draft's creation is nothing, its publishing a creation, its
archiving a removal. Nodes come from the request's loaders, so they pass the same
visibility rules as every other field; a node the caller cannot see (any more) makes
the edge a removal, and one it never saw is left out.
"""

import asyncio
import base64
import binascii
import re
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from sqlalchemy import func, or_, select
from strawberry import relay

from schema.cursors import PageSize, page_size
from schema.tables import ContentChange
from schema.types.change import ChangeAction, ChangeConnection, ChangeEdge, ChangeKind

C = ContentChange
_CURSOR = re.compile(r"change:([0-9]{1,18})")
_ALWAYS_VISIBLE = ["topic", "reference"]  # topics have no status; references: see below


def encode(change_id: int) -> str:
    return base64.b64encode(f"change:{change_id}".encode()).decode("ascii")


def decode(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        match = _CURSOR.fullmatch(base64.b64decode(cursor, validate=True).decode())
    except (binascii.Error, UnicodeError, ValueError):
        match = None
    if match is None:
        raise GraphQLError(
            f"since: {cursor[:60]!r} is not a cursor of the change feed; pass an "
            "`endCursor` or edge `cursor` of an earlier answer, or leave it out to start over"
        )
    return int(match.group(1))


@strawberry.type
class ChangeQuery:
    @strawberry.field(
        description=(
            "Articles, sections, topics and references created, updated or removed since "
            "a cursor, oldest first: an app that stored everything once stays current by "
            "asking only for what changed."
        )
    )
    async def changes(
        self,
        info: strawberry.Info,
        since: Annotated[
            str | None,
            strawberry.argument(description="`endCursor` of the last answer; omit to start over."),
        ] = None,
        first: PageSize = 100,
    ) -> ChangeConnection:
        after, size = decode(since), page_size(first)
        statuses = sorted(info.context.visibility.statuses)
        visible = or_(
            C.kind.in_(_ALWAYS_VISIBLE), C.status_before.in_(statuses), C.status_after.in_(statuses)
        )
        reader = info.context.reader
        statement = select(C).where(C.id > after, visible).order_by(C.id).limit(size + 1)
        rows = list(await reader.all(statement))
        more = len(rows) > size
        rows = rows[:size]
        edges = await _edges(info, rows, set(statuses))
        # Without more rows: past every row, visible or not, so the next call starts there.
        end = rows[-1].id if more else max(after, await reader.scalar(select(func.max(C.id))) or 0)
        page_info = relay.PageInfo(
            has_next_page=more,
            has_previous_page=after > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=encode(end),
        )
        return ChangeConnection(edges=edges, page_info=page_info)


async def _edges(info: strawberry.Info, rows: list[Any], statuses: set[str]) -> list[ChangeEdge]:
    actions = [_action(row, statuses) for row in rows]
    nodes = await asyncio.gather(
        *(
            _node(info, row) if action != "removed" else _none()
            for row, action in zip(rows, actions, strict=True)
        )
    )
    edges = []
    for row, action, node in zip(rows, actions, nodes, strict=True):
        if node is None and action == "created":
            continue  # created and never visible to this caller: nothing to tell
        if node is None:
            action = "removed"
        edges.append(
            ChangeEdge(
                cursor=encode(row.id),
                kind=ChangeKind(row.kind),
                action=ChangeAction(action),
                global_id=strawberry.ID(row.global_id),
                revision=row.revision_id,
                node=node,
            )
        )
    return edges


def _action(row: Any, statuses: set[str]) -> str:
    """The action as this caller sees it: by the article's status before and after."""
    if row.kind in _ALWAYS_VISIBLE:
        return row.action
    before, after = row.status_before in statuses, row.status_after in statuses
    if before and after:
        return row.action
    return "created" if after else "removed"


async def _node(info: strawberry.Info, row: Any) -> Any:
    loaders = info.context.loaders
    loader = {
        "article": loaders.article_by_id,
        "section": loaders.section_by_id,
        "topic": loaders.topic_by_id,
        "reference": loaders.reference_by_id,
    }[row.kind]
    return await loader.load(row.entity_id)


async def _none() -> None:
    return None
