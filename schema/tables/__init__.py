"""Database tables: internal storage, never exposed to clients as they are.

The GraphQL types in `schema.types` are the public shape; rows are mapped to
them by small constructors.
"""

from schema.tables.access_key import AccessKey, KeyRole
from schema.tables.article import Article, ArticleStatus, ArticleTopic
from schema.tables.change import ContentChange
from schema.tables.content_state import ContentState
from schema.tables.reference import Citation, Reference
from schema.tables.revision import ContentRevision, RevisionDocument
from schema.tables.section import Section
from schema.tables.topic import Topic
from schema.tables.webhook import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent

__all__ = [
    "AccessKey",
    "Article",
    "ArticleStatus",
    "ArticleTopic",
    "Citation",
    "ContentChange",
    "ContentRevision",
    "ContentState",
    "DeliveryStatus",
    "KeyRole",
    "Reference",
    "RevisionDocument",
    "Section",
    "Topic",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]
