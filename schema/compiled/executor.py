"""`CompiledQueries`: answering known query shapes of the public without graphql-core's executor.

The full GraphQL path spends most of a first-time request resolving hundreds of
fields one by one (async resolvers, DataLoaders, per-field bookkeeping). For the
shapes frontends repeat, a plan (`schema.compiled.plan`) knows up front which
rows to read and where every value goes, so a request costs a few prepared
statements and one pass over the rows.

- A plan is learnt from a document only after the full path has answered it
  without errors, so parsing, validation and every query limit have already
  accepted that exact text; documents outside the supported subset remember
  "no plan" and always take the full path.
- Only anonymous callers use plans (the caller checks): their visibility is the
  public one the statements are built with. Keys (partners, preview, admin)
  always take the full path.
- Whatever a plan cannot answer exactly as the full path would — invalid
  variables, an out-of-range page size, a bad cursor, a topic or search filter,
  a missing non-null value — gives `None`, and the full path answers instead.

The answers are the same bytes as the full path's: tests/test_compiled_queries.py
compares both for every frontend query and many hand-written shapes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache
from graphql import FragmentDefinitionNode, GraphQLError, GraphQLSchema, parse
from graphql.execution.values import VariableValues, get_variable_values
from graphql.utilities import get_operation_ast

from schema.compiled.fetch import FetchSettings, NotCompiled, fetch
from schema.compiled.plan import Plan, Unsupported, compile_plan
from schema.compiled.project import NullViolation, Shaper, finisher
from schema.compiled.snapshot import Snapshot

# Plans by (query text, operation name); texts beyond this length are never compiled.
MAX_PLANS = 1024
MAX_QUERY_LENGTH = 2**16
# Coerced variables by plan key and the variables' repr, for reprs up to this length.
MAX_COERCIONS = 4096
MAX_VARIABLES_LENGTH = 256


@dataclass(frozen=True, slots=True)
class _Compiled:
    plan: Plan
    # One per root field: (response key, its shaper applied to the fetched root value).
    roots: tuple[tuple[str, Shaper], ...]


@dataclass(frozen=True, slots=True)
class CompiledAnswer:
    data: dict[str, Any]
    operation: str | None  # the operation's name, as the full path reports it


class CompiledQueries:
    def __init__(
        self,
        schema: GraphQLSchema,
        open_snapshot: Callable[[], Snapshot],
        settings: FetchSettings,
        *,
        close: Callable[[], None] = lambda: None,
    ) -> None:
        self._schema = schema
        self._open_snapshot = open_snapshot
        self._settings = settings
        self.close = close  # releases what the snapshots share (the app's shutdown calls it)
        self._plans: LRUCache[tuple[str, str | None], _Compiled | None] = LRUCache(
            maxsize=MAX_PLANS
        )
        self._coerced: LRUCache[tuple[str, str | None, str], VariableValues] = LRUCache(
            maxsize=MAX_COERCIONS
        )

    def learn(self, query: str, operation_name: str | None) -> None:
        """Compile `query` (which the full path has just answered without errors), once."""
        key = (query, operation_name)
        if key not in self._plans and len(query) <= MAX_QUERY_LENGTH:
            self._plans[key] = _plan_of(self._schema, query, operation_name)

    def has_plan(self, query: str, operation_name: str | None) -> bool:
        return self._plans.get((query, operation_name)) is not None

    async def execute(
        self, query: str, variables: dict[str, Any] | None, operation_name: str | None
    ) -> CompiledAnswer | None:
        """The answer's `data`, or None when the full path must answer."""
        key = (query, operation_name)
        compiled = self._plans.get(key)
        if compiled is None:
            return None
        plan = compiled.plan
        coerced = self._coerce(key, plan, variables or {})
        if coerced is None:  # invalid variables: the full path reports them
            return None
        snapshot = self._open_snapshot()
        try:
            fetched = await fetch(plan, coerced, snapshot, self._settings)
            data = {
                key: shape(value, fetched)
                for (key, shape), value in zip(compiled.roots, fetched.roots, strict=True)
            }
        except (NotCompiled, NullViolation):
            return None
        finally:
            await snapshot.close()
        name = plan.operation.name
        return CompiledAnswer(data, operation_name or (name.value if name else None))

    def _coerce(
        self, plan_key: tuple[str, str | None], plan: Plan, variables: dict[str, Any]
    ) -> VariableValues | None:
        """graphql-core's coercion of `variables`, kept for short ones: frontends send the
        same few slugs and anchors again and again, and coercion is a pure function."""
        # repr, unlike JSON, tells 1 from 1.0 and True, and NaN from null.
        key = (*plan_key, repr(variables))
        coerced = self._coerced.get(key)
        if coerced is None:
            definitions = plan.operation.variable_definitions or ()
            found = get_variable_values(self._schema, definitions, variables)
            if isinstance(found, list):
                return None
            coerced = found
            if len(key[-1]) <= MAX_VARIABLES_LENGTH:
                self._coerced[key] = coerced
        return coerced


def _plan_of(schema: GraphQLSchema, query: str, operation_name: str | None) -> _Compiled | None:
    try:
        document = parse(query)
        operation = get_operation_ast(document, operation_name)
        if operation is None:
            return None
        fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        plan = compile_plan(schema, operation, fragments)
    except (GraphQLError, Unsupported, KeyError):
        return None
    # Root values are fetched by `fetch`; what is left is to finish them (nulls, fields).
    roots = tuple((root.planned.key, finisher(root.planned)) for root in plan.roots)
    return _Compiled(plan, roots)
