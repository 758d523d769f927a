"""Compiling a validated query document into a `Plan`: what to fetch and how to shape it.

A plan is built once per query text (and operation name), from a document the full
GraphQL path has already parsed, validated and answered without errors. It resolves
everything that does not depend on the request: fragments and type conditions,
literal `@skip`/`@include`, aliases, field merging, and for each field how its value
is read (an attribute of the row-built object, a relation the fetch step loads, the
global ID, `__typename`) and serialised (graphql-core's own scalar and enum
serialisers, so values come out exactly as on the full path).

Anything outside the supported subset raises `Unsupported`: such documents always
take the full path. The subset: the root fields in `ROOT_FIELDS`, the relations in
`RELATIONS`, and fields without arguments (their values are plain attributes).
"""

from dataclasses import dataclass
from enum import Enum, auto
from typing import Any

from graphql import (
    BooleanValueNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    is_leaf_type,
)

# Root fields the compiled path answers, by name.
ROOT_FIELDS = frozenset({"article", "section", "articles"})
# Fields with resolvers whose values the fetch step loads: (type, field).
RELATIONS = frozenset(
    {
        ("Article", "sections"),
        ("Article", "topics"),
        ("Article", "references"),
        ("Section", "article"),
        ("ArticleConnection", "totalCount"),
    }
)


class Unsupported(Exception):
    """The document uses something the compiled path does not answer."""


class Kind(Enum):
    TYPENAME = auto()  # `__typename`: the object type's name
    GLOBAL_ID = auto()  # a Node's `id`: base64 of "Type:id"
    VALUE = auto()  # a plain attribute: a leaf, or an object shaped by `fields`
    RELATION = auto()  # loaded by the fetch step (RELATIONS)


@dataclass(frozen=True, slots=True)
class PlannedField:
    key: str  # the response key: alias or name
    name: str  # the schema field
    kind: Kind
    type_name: str  # the object type this field is selected on
    attribute: str = ""  # Python attribute, for VALUE
    serialize: Any = None  # leaf serialiser, for leaves
    is_list: bool = False
    non_null: bool = False  # the value must not be None (else the full path decides)
    fields: tuple["PlannedField", ...] = ()  # the sub-selection of objects


@dataclass(frozen=True, slots=True)
class RootField:
    planned: PlannedField
    node: FieldNode  # arguments are read from it per request (they may use variables)
    definition: GraphQLField
    relations: frozenset[str]  # the RELATIONS selected below it, by field name
    # (type, attribute) of every object value the plan reads below it: what rows must hold.
    reads: frozenset[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Plan:
    operation: OperationDefinitionNode
    roots: tuple[RootField, ...]


def compile_plan(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
) -> Plan:
    if operation.operation is not OperationType.QUERY:
        raise Unsupported("not a query")
    query_type = schema.query_type
    compiler = _Compiler(schema, fragments)
    roots = []
    for key, nodes in _collect(compiler, query_type, [operation.selection_set]).items():
        name = nodes[0].name.value
        if name not in ROOT_FIELDS or len(nodes) > 1:
            raise Unsupported(f"root field {name}")
        definition = query_type.fields[name]
        compiler.relations.clear()
        compiler.reads.clear()
        planned = compiler.field(query_type, key, nodes, allow_arguments=True)
        relations = frozenset(name for _type, name in compiler.relations)
        reads = frozenset(compiler.reads)
        roots.append(RootField(planned, nodes[0], definition, relations, reads))
    return Plan(operation, tuple(roots))


class _Compiler:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]):
        self.schema = schema
        self.fragments = fragments
        self.relations: set[tuple[str, str]] = set()
        self.reads: set[tuple[str, str]] = set()

    def field(
        self,
        parent: GraphQLObjectType,
        key: str,
        nodes: list[FieldNode],
        *,
        allow_arguments: bool = False,
    ) -> PlannedField:
        name = nodes[0].name.value
        if name == "__typename":
            return PlannedField(key, name, Kind.TYPENAME, parent.name)
        if name.startswith("__"):
            raise Unsupported("introspection")
        if not allow_arguments and any(node.arguments for node in nodes):
            raise Unsupported(f"arguments on {parent.name}.{name}")
        definition = parent.fields[name]
        field_type, non_null, is_list = _unwrap(definition.type)
        strawberry_field = definition.extensions.get("strawberry-definition")
        common = dict(non_null=non_null, is_list=is_list)
        if name == "id" and any(i.name == "Node" for i in parent.interfaces):
            self.reads.add((parent.name, "id"))
            return PlannedField(key, name, Kind.GLOBAL_ID, parent.name, **common)
        relation = (parent.name, name)
        if relation in RELATIONS or allow_arguments:
            kind = Kind.RELATION
            if relation in RELATIONS:
                self.relations.add(relation)
        elif strawberry_field is None or strawberry_field.base_resolver is not None:
            raise Unsupported(f"resolver of {parent.name}.{name}")
        else:
            kind = Kind.VALUE
        attribute = strawberry_field.python_name if strawberry_field else name
        if kind is Kind.VALUE:
            self.reads.add((parent.name, attribute))
        if is_leaf_type(field_type):
            return PlannedField(
                key, name, kind, parent.name, attribute, field_type.serialize, **common
            )
        sub_fields = tuple(
            self.field(field_type, sub_key, sub_nodes)
            for sub_key, sub_nodes in _collect(
                self, field_type, [node.selection_set for node in nodes if node.selection_set]
            ).items()
        )
        return PlannedField(
            key, name, kind, parent.name, attribute, None, fields=sub_fields, **common
        )


def _unwrap(graphql_type: Any) -> tuple[Any, bool, bool]:
    """(named type, non-null, list) of a field type; lists of lists are not supported."""
    non_null = isinstance(graphql_type, GraphQLNonNull)
    if non_null:
        graphql_type = graphql_type.of_type
    is_list = isinstance(graphql_type, GraphQLList)
    if is_list:
        graphql_type = graphql_type.of_type
        if isinstance(graphql_type, GraphQLNonNull):
            graphql_type = graphql_type.of_type
        if isinstance(graphql_type, GraphQLList | GraphQLNonNull):
            raise Unsupported("nested lists")
    if not (is_leaf_type(graphql_type) or isinstance(graphql_type, GraphQLObjectType)):
        raise Unsupported(f"abstract type {graphql_type}")
    return graphql_type, non_null, is_list


def _collect(
    compiler: _Compiler, runtime_type: GraphQLObjectType, selection_sets: list[SelectionSetNode]
) -> dict[str, list[FieldNode]]:
    """Fields by response key, in order of first appearance, through fragments (GraphQL's
    CollectFields); a field named twice under one key is merged later."""
    fields: dict[str, list[FieldNode]] = {}
    visited: set[str] = set()

    def visit(selection_set: SelectionSetNode) -> None:
        for selection in selection_set.selections:
            if not _included(selection):
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                fields.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                if _applies(selection.type_condition, runtime_type):
                    visit(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = compiler.fragments.get(name)
                if name in visited or fragment is None:
                    continue
                visited.add(name)
                if _applies(fragment.type_condition, runtime_type):
                    visit(fragment.selection_set)

    for selection_set in selection_sets:
        visit(selection_set)
    return fields


def _applies(condition: Any, runtime_type: GraphQLObjectType) -> bool:
    if condition is None:
        return True
    name = condition.name.value
    return name == runtime_type.name or any(i.name == name for i in runtime_type.interfaces)


def _included(selection: Any) -> bool:
    """Literal `@skip`/`@include`; a directive with a variable, or another one, is unsupported."""
    included = True
    for directive in selection.directives or ():
        name = directive.name.value
        if name not in ("skip", "include"):
            raise Unsupported(f"directive @{name}")
        value = directive.arguments[0].value if directive.arguments else None
        if not isinstance(value, BooleanValueNode):
            raise Unsupported(f"@{name} with a variable")
        included = included and (value.value if name == "include" else not value.value)
    return included
