"""The GraphQL schema of the guide: content types, root fields, loaders.

Root fields (the table of contents; each area is one Query type):

| field | returns | in `schema.queries.` |
| --- | --- | --- |
| `node(id:)` | any Article, Section, Topic or Reference by global ID | `node` |
| `article(slug:)` | one article | `article` |
| `articles(first:, after:, topic:, search:)` | ArticleConnection, by slug or rank | `article` |
| `section(article:, anchor:)` | one section of an article | `article` |
| `topic(slug:)` | one topic | `topic` |
| `topics` | every topic, in list order | `topic` |
| `reference(id:)` | one literature reference | `reference` |
| `search(query:, first:, after:)` | SearchConnection: ranked articles and sections | `search` |
| `changes(since:, first:)` | ChangeConnection: the change feed for offline apps | `changes` |
| `revisions(first:, after:)`, `articleRevision(slug:, revision:)` | history, admins | `revisions` |

Mutations (admin keys only) live in `schema.mutations`.

Types live in `schema.types`, DataLoaders in `schema.loaders`, the per-request
context in `schema.context` and the visibility rules in `schema.visibility`.
"""

from collections.abc import Sequence

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from schema.extensions import CloseReader
from schema.limits import GuideSchema, Limits, limit_extensions
from schema.mutations import Mutation
from schema.queries.article import ArticleQuery
from schema.queries.changes import ChangeQuery
from schema.queries.node import NodeQuery
from schema.queries.reference import ReferenceQuery
from schema.queries.revisions import RevisionQuery
from schema.queries.search import SearchQuery
from schema.queries.topic import TopicQuery

Query = merge_types(
    "Query",
    (NodeQuery, ArticleQuery, TopicQuery, ReferenceQuery, SearchQuery, ChangeQuery, RevisionQuery),
)
Query.__strawberry_definition__.description = (
    "The published patient guide: articles, their sections and references, and topics."
)


def build_schema(limits: Limits | None = None, *, extensions: Sequence = ()) -> strawberry.Schema:
    """The schema the app serves, enforcing `limits` (schema.limits; defaults without).

    `extensions` are the app's own (e.g. recording operations for logs). All are
    passed as classes or factories: one instance per request.
    """
    limits = limits or Limits()
    return GuideSchema(
        query=Query,
        mutation=Mutation,
        extensions=[
            CloseReader,
            *limit_extensions(limits),
            ParserCache,
            ValidationCache,
            *extensions,
        ],
        config=StrawberryConfig(
            relay_max_results=limits.max_page_size,
            disable_field_suggestions=not limits.introspection,
        ),
    )
