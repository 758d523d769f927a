"""Reference and Citation: literature sources and their numbered use in articles."""

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from sqlalchemy import Row
from strawberry import relay
from strawberry.scalars import JSON

from schema import tables
from schema.types.node import load_nodes

if TYPE_CHECKING:
    from schema.types.article import Article


@strawberry.type(
    description=(
        "A literature source, described with the Citation Style Language (CSL-JSON) "
        "vocabulary and shared between articles. Fields the source does not state are null."
    )
)
class Reference(relay.Node):
    id: relay.NodeID[int]
    key: str = strawberry.field(
        description="The editors' stable key, e.g. `coleman-2020-esmo-bone-health`."
    )
    type: str = strawberry.field(
        description="CSL item type: `article-journal`, `report`, `webpage`, …"
    )
    title: str = strawberry.field(description="Title of the work.")
    authors: list[str] = strawberry.field(
        description=(
            'Authors as printed, e.g. "Coleman R" or an institution such as "NICE"; '
            "see `etAl` for shortened lists."
        )
    )
    et_al: bool = strawberry.field(
        description='True when the source shortens the author list with "et al."'
    )
    year: int | None = strawberry.field(description='Year of publication; null for "o. J.".')
    container_title: str | None = strawberry.field(
        description="Journal, book or website the work appeared in."
    )
    volume: str | None = strawberry.field(description="Volume of the journal.")
    issue: str | None = strawberry.field(description="Issue of the journal.")
    page: str | None = strawberry.field(description="Page range, e.g. `1650–1663`.")
    number: str | None = strawberry.field(description="Report or guideline number, e.g. `NG234`.")
    publisher: str | None = strawberry.field(description="Publishing body.")
    publisher_place: str | None = strawberry.field(description="Place of the publisher.")
    version: str | None = strawberry.field(description="Version of a guideline, e.g. `2024-06`.")
    note: str | None = strawberry.field(
        description="Anything else the source prints, in its own words, e.g. `aktual. 2024`."
    )
    doi: str | None = strawberry.field(description="Digital Object Identifier, without `doi:`.")
    url: str | None = strawberry.field(
        description="Where to read the work, kept as the source prints it (possibly incomplete)."
    )
    accessed: date | None = strawberry.field(description="When the URL was last visited.")
    citation: str = strawberry.field(
        description="The reference line exactly as the source prints it."
    )
    csl: JSON = strawberry.field(
        description="The complete CSL-JSON item, for citation processors such as citeproc."
    )

    @strawberry.field(description="The articles that cite this reference, ordered by slug.")
    async def cited_by(
        self, info: strawberry.Info
    ) -> list[Annotated["Article", strawberry.lazy("schema.types.article")]]:
        return await info.context.loaders.cited_by_reference.load(self.id)

    @classmethod
    async def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list["Reference | None"]:
        loader = info.context.loaders.reference_by_id
        return await load_nodes(loader, node_ids, required=required, type_name="Reference")


@strawberry.type(description="An article's numbered use of a reference.")
class Citation:
    number: int = strawberry.field(
        description="The number in the text, 1..n in the order of first use."
    )
    reference: Reference = strawberry.field(description="The source cited.")


R = tables.Reference
# The columns whose value is the Reference attribute of the same name, as they are:
# everything but the CSL-JSON and the author list, which are parsed from JSON text.
PLAIN_COLUMNS = (
    R.id,
    R.key,
    R.type,
    R.title,
    R.year,
    R.container_title,
    R.doi,
    R.url,
    R.accessed,
    R.citation,
)
# The columns a Reference is built from.
COLUMNS = (*PLAIN_COLUMNS, R.authors, R.csl)


def _text(csl: dict[str, Any], name: str) -> str | None:
    value = csl.get(name)
    return None if value is None or value == "" else str(value)


def reference_from_row(row: Row[Any]) -> Reference:
    """A Reference from a row holding `COLUMNS`."""
    csl = row.csl or {}
    return Reference(
        id=row.id,
        key=row.key,
        type=row.type,
        title=row.title,
        authors=list(row.authors or []),
        et_al=bool(csl.get("et-al", False)),
        year=row.year,
        container_title=row.container_title,
        volume=_text(csl, "volume"),
        issue=_text(csl, "issue"),
        page=_text(csl, "page"),
        number=_text(csl, "number"),
        publisher=_text(csl, "publisher"),
        publisher_place=_text(csl, "publisher-place"),
        version=_text(csl, "version"),
        note=_text(csl, "note"),
        doi=row.doi,
        url=row.url,
        accessed=row.accessed,
        citation=row.citation,
        csl=csl,
    )
