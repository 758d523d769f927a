"""Database tables: internal storage, never exposed to clients as they are.

The GraphQL types in `schema.types` are the public shape; rows are mapped to
them by small constructors.
"""

from schema.tables.article import Article, ArticleStatus, ArticleTopic
from schema.tables.content_state import ContentState
from schema.tables.reference import Citation, Reference
from schema.tables.section import Section
from schema.tables.topic import Topic

__all__ = [
    "Article",
    "ArticleStatus",
    "ArticleTopic",
    "Citation",
    "ContentState",
    "Reference",
    "Section",
    "Topic",
]
