"""Shaping fetched objects into the response by a plan: the compiled path's executor.

Each planned field becomes a small function `(parent, fetched) -> response value`,
built once per plan, so a request runs no per-field dispatch on kinds or types.
"""

from collections.abc import Callable
from typing import Any

from graphql import GraphQLString
from strawberry.relay import to_base64

from schema.compiled.fetch import Fetched
from schema.compiled.plan import Kind, PlannedField

Shaper = Callable[[Any, Fetched], Any]


class NullViolation(Exception):
    """A non-null field has no value: the full path answers (and reports the error)."""


def shaper(field: PlannedField) -> Shaper:
    """The function giving `field`'s response value on a parent object."""
    kind = field.kind
    if kind is Kind.TYPENAME:
        type_name = field.type_name
        return lambda _parent, _fetched: type_name
    if kind is Kind.GLOBAL_ID:
        type_name = field.type_name
        return lambda parent, _fetched: to_base64(type_name, parent.id)
    finish = finisher(field)
    if kind is Kind.VALUE:
        attribute = field.attribute
        return lambda parent, fetched: finish(getattr(parent, attribute), fetched)
    relation = field.name
    return lambda parent, fetched: finish(fetched.relation(relation, parent), fetched)


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
    shapers = [(sub.key, shaper(sub)) for sub in field.fields]

    def one(value: Any, fetched: Fetched) -> dict[str, Any]:
        return {key: shape(value, fetched) for key, shape in shapers}

    return one
