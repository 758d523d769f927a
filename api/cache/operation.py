"""Whether a document's chosen operation is a query (only queries are ever cached).

Asked after an operation ran without errors, so the document parses. The answer is
remembered per text, so a query parses here once, not on every miss.
"""

from cachetools import LRUCache
from graphql import GraphQLError, OperationType, parse
from graphql.utilities import get_operation_ast

# (is a query, length of the text): the texts, kept as keys, count against the bound.
_kinds: LRUCache[tuple[str, str | None], tuple[bool, int]] = LRUCache(
    maxsize=2**20, getsizeof=lambda known: known[1] + 128
)


def is_query(query: str, operation_name: str | None) -> bool:
    key = (query, operation_name)
    known = _kinds.get(key)
    if known is None:
        known = (_operation_is_query(query, operation_name), len(query))
        if len(query) <= 2**16:
            _kinds[key] = known
    return known[0]


def _operation_is_query(query: str, operation_name: str | None) -> bool:
    try:
        operation = get_operation_ast(parse(query), operation_name)
    except GraphQLError:
        return False
    return operation is not None and operation.operation is OperationType.QUERY
