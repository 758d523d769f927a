"""Loading what a plan needs: each root field's value, and the relations selected below it.

A root field loads by its arguments: an article by slug, a section (with its
article, in the same statement) by article slug and anchor, or a page of articles
(and their count, only when `totalCount` is selected). Each relation selected
below it (sections, topics, references) comes for all its articles at once:

- on PostgreSQL inside the root's statement, as an array of rows per article
  (`schema.compiled.aggregated`): one statement per root field;
- on SQLite as one statement per relation: by the article's id, or, for a page,
  by the page's own condition (`schema.compiled.statements`).

So a request costs a small constant number of statements, whatever the page size.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLError
from graphql.execution.values import VariableValues, get_argument_values

from schema.compiled import slim
from schema.compiled import statements as sql
from schema.compiled.plan import Plan, RootField
from schema.compiled.snapshot import Snapshot, one, scalar
from schema.cursors import decode_cursor, page_size
from schema.types.article import Article, article_from_row
from schema.types.connection import ArticleConnection, connection_from_page
from schema.types.reference import Citation, reference_from_row
from schema.types.section import section_from_row
from schema.types.topic import topic_from_row

# How rows of each relation become objects.
_BUILDERS: dict[str, Callable[[Any], Any]] = {
    "sections": section_from_row,
    "topics": topic_from_row,
    "references": lambda row: Citation(number=row.number, reference=reference_from_row(row)),
    "citations": slim.plain_citation,
}
# The field a relation answers, where its name is not the field's.
_FIELD_OF = {"citations": "references"}


class NotCompiled(Exception):
    """These arguments take the full path (e.g. a search, a topic filter, a bad cursor)."""


async def _never() -> int:
    raise AssertionError("the compiled path counts before shaping")


@dataclass
class Fetched:
    """Everything loaded for one request: root values, and relations by their owner."""

    roots: list[Any] = field(default_factory=list)
    articles: dict[int, Article] = field(default_factory=dict)
    related: dict[str, dict[int, list[Any]]] = field(
        default_factory=lambda: {name: {} for name in _BUILDERS if name not in _FIELD_OF}
    )
    counts: dict[int, int] = field(default_factory=dict)  # by id() of the connection

    def relation(self, name: str, owner: Any) -> Any:
        if name == "article":
            return self.articles.get(owner.article_id)
        if name == "totalCount":
            return self.counts[id(owner)]
        return self.related[name][owner.id]


@dataclass(frozen=True)
class FetchSettings:
    media_base_url: str
    max_page_size: int


async def fetch(
    plan: Plan, variables: VariableValues, snapshot: Snapshot, settings: FetchSettings
) -> Fetched:
    fetched = Fetched()
    if len(plan.roots) > 1:
        snapshot.hold()
    for root in plan.roots:
        arguments = get_argument_values(root.definition, root.node, variables)
        name = root.planned.name
        if name == "article":
            value = await _article(root, arguments, snapshot, settings, fetched)
        elif name == "section":
            value = await _section(root, arguments, snapshot, settings, fetched)
        else:
            value = await _page(root, arguments, snapshot, settings, fetched)
        fetched.roots.append(value)
    return fetched


async def _article(root, arguments, snapshot, settings, fetched) -> Article | None:
    statement = snapshot.root_statements.article(slim.relations_to_load(root))
    row = await one(snapshot, statement, {"slug": arguments["slug"]})
    article = _remember(fetched, row, settings)
    if article is not None:
        owners = [(article.id, row)]
        await _relations(root, sql.OF_ARTICLE, {"id": article.id}, owners, snapshot, fetched)
    return article


async def _section(root, arguments, snapshot, settings, fetched) -> Any:
    parameters = {"article": arguments["article"], "anchor": arguments["anchor"]}
    statement = snapshot.root_statements.section(slim.relations_to_load(root))
    row = await one(snapshot, statement, parameters)
    if row is None:
        return None
    article = _remember(fetched, Prefixed(row, "article__"), settings)
    owners = [(article.id, row)]
    await _relations(root, sql.OF_ARTICLE, {"id": article.id}, owners, snapshot, fetched)
    return section_from_row(row)


async def _page(root, arguments, snapshot, settings, fetched) -> ArticleConnection:
    if arguments.get("topic") is not None or arguments.get("search") is not None:
        raise NotCompiled("a topic or search filter")
    try:
        size = page_size(arguments.get("first"), maximum=settings.max_page_size)
        after = decode_cursor(arguments.get("after"))
    except GraphQLError as error:
        raise NotCompiled(error.message) from None
    parameters = {"after": after or "", "limit": size + 1}
    statement = snapshot.root_statements.page(slim.relations_to_load(root))
    rows = await snapshot.all(statement, parameters)
    total: int | None = None
    if rows and "total" in rows[0]._fields:
        # The count came with the page; an empty page is one row of nulls beside it.
        total = rows[0].total
        rows = [row for row in rows if row.id is not None]
    articles = [_remember(fetched, row, settings) for row in rows]
    owners = [(article.id, row) for article, row in zip(articles, rows, strict=True)]
    await _relations(root, sql.ON_PAGE, parameters, owners, snapshot, fetched)
    connection = connection_from_page(articles, first=size, after=after, count_all=_never)
    if "totalCount" in root.relations:
        if total is None:
            total = await scalar(snapshot, sql.ARTICLE_COUNT, {})
        fetched.counts[id(connection)] = total
    return connection


class Prefixed:
    """The columns of a row whose names start with `prefix`, by their names without it."""

    def __init__(self, row: Any, prefix: str) -> None:
        self._row = row
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, self._prefix + name)


def _remember(fetched: Fetched, row: Any, settings: FetchSettings) -> Article | None:
    if row is None:
        return None
    article = article_from_row(row, settings.media_base_url)
    fetched.articles[article.id] = article
    return article


async def _relations(
    root: RootField,
    statements: dict[str, Any],
    parameters: dict[str, Any],
    owners: Sequence[tuple[int, Any]],
    snapshot: Snapshot,
    fetched: Fetched,
) -> None:
    """Each relation selected below `root`, for all `owners` (article id, root row): from
    the root rows when they carry it (aggregated), else in one statement each."""
    if not owners:
        return
    to_load = slim.relations_to_load(root)
    for name, build in _BUILDERS.items():
        if name not in to_load:
            continue
        related = fetched.related[_FIELD_OF.get(name, name)]
        if name in owners[0][1]._fields:
            for article_id, row in owners:
                related[article_id] = [build(one) for one in getattr(row, name)]
            continue
        found: defaultdict[int, list[Any]] = defaultdict(list)
        for row in await snapshot.all(statements[name], parameters):
            found[row.article_id].append(build(row))
        for article_id, _row in owners:
            related[article_id] = found.get(article_id, [])
