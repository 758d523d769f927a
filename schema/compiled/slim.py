"""Citations read only through plain columns: rows without the JSON, and no Reference built.

The website's and the portals' queries read little of a reference: its `citation`
line, perhaps `doi` and `url`. When a plan reads nothing of `Reference` but its
`PLAIN_COLUMNS` (and of `Citation` nothing but `number` and `reference`), its
references load as the `citations` relation (`schema.compiled.statements`):
without the CSL-JSON and author columns, which the full build would parse from
JSON for every row; and each row serves as the reference itself, since its
columns carry the attributes' names and values unchanged.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from schema.compiled.plan import RootField
from schema.types.reference import PLAIN_COLUMNS

PLAIN = frozenset(column.key for column in PLAIN_COLUMNS)
_CITATION = frozenset({"number", "reference"})


@dataclass(frozen=True, slots=True)
class PlainCitation:
    number: int
    reference: Any  # the row: its plain columns are the Reference attributes


def plain_citation(row: Any) -> PlainCitation:
    return PlainCitation(row.number, row)


def relations_to_load(root: RootField) -> frozenset[str]:
    """The relations `root` selects, with `citations` for `references` where they suffice."""
    return _to_load(root.relations, root.reads)


@cache  # a plan's sets are the same frozensets on every request
def _to_load(relations: frozenset[str], reads: frozenset[tuple[str, str]]) -> frozenset[str]:
    if "references" not in relations:
        return relations
    for type_name, attribute in reads:
        if type_name == "Reference" and attribute not in PLAIN:
            return relations
        if type_name == "Citation" and attribute not in _CITATION:
            return relations
    return (relations - {"references"}) | {"citations"}
