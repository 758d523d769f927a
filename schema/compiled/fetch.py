"""Loading what a plan needs: each root field's value, then the relations selected below it.

A root field loads by its arguments: an article by slug, a section (with its
article, in the same statement) by article slug and anchor, or a page of articles
(and their count, only when `totalCount` is selected). Then each relation
selected below it (sections, topics, references) is one statement for all its
articles: by the article's id, or, for a page, by the page's own condition. So a
request costs a small constant number of statements, whatever the page size.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLError
from graphql.execution.values import VariableValues, get_argument_values

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
}


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
        default_factory=lambda: {name: {} for name in _BUILDERS}
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
    row = await one(snapshot, sql.ARTICLE_BY_SLUG, {"slug": arguments["slug"]})
    article = _remember(fetched, row, settings)
    if article is not None:
        await _relations(root, sql.OF_ARTICLE, {"id": article.id}, [article], snapshot, fetched)
    return article


async def _section(root, arguments, snapshot, settings, fetched) -> Any:
    parameters = {"article": arguments["article"], "anchor": arguments["anchor"]}
    row = await one(snapshot, sql.SECTION_BY_ANCHOR, parameters)
    if row is None:
        return None
    article = _remember(fetched, Prefixed(row, "article__"), settings)
    await _relations(root, sql.OF_ARTICLE, {"id": article.id}, [article], snapshot, fetched)
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
    rows = await snapshot.all(sql.ARTICLE_PAGE, parameters)
    articles = [_remember(fetched, row, settings) for row in rows]
    await _relations(root, sql.ON_PAGE, parameters, articles, snapshot, fetched)
    connection = connection_from_page(articles, first=size, after=after, count_all=_never)
    if "totalCount" in root.relations:
        fetched.counts[id(connection)] = await scalar(snapshot, sql.ARTICLE_COUNT, {})
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
    articles: Sequence[Article],
    snapshot: Snapshot,
    fetched: Fetched,
) -> None:
    """Each relation selected below `root`, for all of `articles`, in one statement each."""
    if not articles:
        return
    for name, build in _BUILDERS.items():
        if name not in root.relations:
            continue
        found: defaultdict[int, list[Any]] = defaultdict(list)
        for row in await snapshot.all(statements[name], parameters):
            found[row.article_id].append(build(row))
        related = fetched.related[name]
        for article in articles:
            related[article.id] = found.get(article.id, [])
