"""Shaping fetched objects into the response by a plan: the compiled path's executor.

Each planned object selection becomes one function `(value, fetched) -> dict`,
generated once per plan as a single dict display: attributes holding text,
numbers or flags are read and checked inline, and only nested objects, lists and
other leaves call out (to graphql-core's serialisers and to the nested
selections' functions). So a request runs no per-field dispatch on kinds or
types, and few calls per field.
"""

import keyword
from collections.abc import Callable
from typing import Any

from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    GraphQLBoolean,
    GraphQLID,
    GraphQLInt,
    GraphQLString,
)
from strawberry.relay import to_base64

from schema.compiled.fetch import Fetched
from schema.compiled.plan import Kind, PlannedField

Shaper = Callable[[Any, Fetched], Any]

# Leaf values each serialiser returns unchanged, as a check on `{value}` (which it
# names first): graphql-core's own conditions for returning its input.
_AS_IS = {
    GraphQLString.serialize: "{value}.__class__ is str",
    GraphQLID.serialize: "{value}.__class__ is str",
    GraphQLBoolean.serialize: "{value}.__class__ is bool",
    GraphQLInt.serialize: (
        f"{{value}}.__class__ is int and {GRAPHQL_MIN_INT} <= v <= {GRAPHQL_MAX_INT}"
    ),
}


class NullViolation(Exception):
    """A non-null field has no value: the full path answers (and reports the error)."""


def finisher(field: PlannedField) -> Shaper:
    """The function turning a field's unserialised value into its response value."""
    one = _one_leaf(field.serialize) if field.serialize is not None else _one_object(field)
    where = f"{field.type_name}.{field.name}"
    non_null, is_list = field.non_null, field.is_list

    def finish(value: Any, fetched: Fetched) -> Any:
        if value is None:
            if non_null:
                raise NullViolation(where)
            return None
        if is_list:
            return [one(item, fetched) for item in value]
        return one(value, fetched)

    return finish


def _one_leaf(serialize: Callable[[Any], Any]) -> Shaper:
    if serialize is GraphQLString.serialize:  # the identity for text, its only value here
        return lambda value, _fetched: value if value.__class__ is str else serialize(value)
    return lambda value, _fetched: serialize(value)


def _one_object(field: PlannedField) -> Shaper:
    """The generated function giving the dict of `field`'s sub-selection on one value."""
    namespace: dict[str, Any] = {"to_base64": to_base64}
    entries = [
        f"{sub.key!r}: {_expression(sub, f'_{number}', namespace)}"
        for number, sub in enumerate(field.fields)
    ]
    source = "def one(value, fetched):\n    return {" + ", ".join(entries) + "}\n"
    exec(compile(source, f"<plan of {field.type_name}.{field.name}>", "exec"), namespace)
    return namespace["one"]


def _expression(field: PlannedField, name: str, namespace: dict[str, Any]) -> str:
    """Python source for `field`'s response value on `value`; helpers go into `namespace`."""
    if field.kind is Kind.TYPENAME:
        return repr(field.type_name)
    if field.kind is Kind.GLOBAL_ID:
        return f"to_base64({field.type_name!r}, value.id)"
    if field.kind is Kind.VALUE and _plain_name(field.attribute):
        read = f"value.{field.attribute}"
    elif field.kind is Kind.VALUE:
        read = f"getattr(value, {field.attribute!r})"
    else:
        read = f"fetched.relation({field.name!r}, value)"
    namespace[name] = finisher(field)  # the general case: nulls, lists, objects, serialisers
    as_is = _AS_IS.get(field.serialize)
    if as_is is None or field.is_list:
        return f"{name}({read}, fetched)"
    # Text, numbers and flags are their own response values (None too, where allowed):
    # checked inline, with the serialiser called only for anything else.
    if field.non_null:
        check = as_is.format(value=f"(v := {read})")
    else:
        check = f"(v := {read}) is None or " + as_is.format(value="v")
    return f"(v if {check} else {name}(v, fetched))"


def _plain_name(attribute: str) -> bool:
    return attribute.isidentifier() and not keyword.iskeyword(attribute)
