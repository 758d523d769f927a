"""The GraphQL schema of the guide: content types, root fields, loaders.

Root fields (the table of contents; each area is one Query type):

| field | returns | in `schema.queries.` |
| --- | --- | --- |
| `node(id:)` | any Article, Section, Topic or Reference by global ID | `node` |
| `article(slug:)` | one article | `article` |
| `articles(first:, after:, topic:)` | ArticleConnection, ordered by slug | `article` |
| `section(article:, anchor:)` | one section of an article | `article` |
| `topic(slug:)` | one topic | `topic` |
| `topics` | every topic, in list order | `topic` |
| `reference(id:)` | one literature reference | `reference` |

Types live in `schema.types`, DataLoaders in `schema.loaders`, the per-request
context in `schema.context` and the visibility rules in `schema.visibility`.
"""

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from schema.cursors import MAX_PAGE_SIZE
from schema.extensions import CloseReader
from schema.queries.article import ArticleQuery
from schema.queries.node import NodeQuery
from schema.queries.reference import ReferenceQuery
from schema.queries.topic import TopicQuery

Query = merge_types("Query", (NodeQuery, ArticleQuery, TopicQuery, ReferenceQuery))
Query.__strawberry_definition__.description = (
    "The published patient guide: articles, their sections and references, and topics."
)


def build_schema() -> strawberry.Schema:
    """The schema the app serves; extensions are passed as classes (one instance per request)."""
    return strawberry.Schema(
        query=Query,
        extensions=[CloseReader, ParserCache, ValidationCache],
        config=StrawberryConfig(relay_max_results=MAX_PAGE_SIZE),
    )
