"""The revision an applied import (or admin change) records, in its own transaction,
with the webhook event that announces it.

Changed topics, references and articles are stored with their seed documents as the
files say them; articles without a file (archived because their file is gone) as
their rows say them; deleted ones as None. The first revision also stores every
other entity, so the content as of any revision can be rebuilt (schema.revisions).
"""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from schema.content_version import read_version
from schema.revisions.record import Document, has_revisions, record_revision
from schema.revisions.snapshot import article_documents, reference_documents, topic_documents
from schema.webhooks_outbox import enqueue, revision_event
from seed.changes import Change
from seed.content import ArticleDoc, Content
from seed.plan import Plan
from seed.rows import article_hash


def article_document(article: ArticleDoc) -> dict[str, Any]:
    """What the article's file says: front matter (validated, defaults filled in) and body."""
    return {
        "front_matter": article.meta.model_dump(mode="json", by_alias=True, exclude_none=True),
        "lead": article.body.lead,
        "sections": [
            {"heading": section.heading, "body": section.body} for section in article.body.sections
        ],
    }


async def record_import(
    connection: AsyncConnection, plan: Plan, content: Content, *, author: str, source: str
) -> int:
    """Record the written plan as a new revision; returns its number."""
    report = plan.report
    documents = await _changed_documents(connection, report.changes, content)
    if not await has_revisions(connection):
        documents |= await _baseline(connection, plan, documents)
    changes = [_change_row(change) for change in [*report.changes, *report.followers]]
    number = await record_revision(
        connection,
        author=author,
        source=source,
        summary=report.summary(),
        documents=documents.values(),
        changes=changes,
    )
    # Webhook receivers hear of it once it commits (schema.webhooks_outbox, api.webhooks).
    version = await read_version(connection)
    event = revision_event(revision=number, version=version, changes=report.changes)
    await enqueue(connection, event)
    return number


async def _changed_documents(
    connection: AsyncConnection, changes: list[Change], content: Content
) -> dict[tuple[str, str], Document]:
    topics = {entry.doc.slug: (entry, n) for n, entry in enumerate(content.topics, start=1)}
    references = {entry.doc.id: entry for entry in content.references}
    articles = {article.meta.slug: article for article in content.articles}
    found: dict[tuple[str, str], Document] = {}
    without_file = []
    for change in changes:
        key = change.key
        if change.kind == "section":
            continue
        if change.action == "removed":
            found[change.kind, key] = Document(change.kind, key, None)
        elif change.kind == "topic":
            entry, position = topics[key]
            found["topic", key] = Document("topic", key, {"item": entry.raw, "position": position})
        elif change.kind == "reference":
            found["reference", key] = Document("reference", key, {"item": references[key].raw})
        elif key in articles:
            article = articles[key]
            document = article_document(article)
            found["article", key] = Document("article", key, document, article_hash(article))
        else:
            without_file.append(key)
    for slug, (document, digest) in (await article_documents(connection, without_file)).items():
        found["article", slug] = Document("article", slug, document, digest)
    return found


async def _baseline(
    connection: AsyncConnection, plan: Plan, changed: dict[tuple[str, str], Document]
) -> dict[tuple[str, str], Document]:
    """Before the first revision: every entity the revision does not store anyway, as its
    rows say it now (on a new database that is nothing: everything was just created)."""
    found: dict[tuple[str, str], Document] = {}
    for slug, document in (await topic_documents(connection)).items():
        found["topic", slug] = Document("topic", slug, document)
    for key, document in (await reference_documents(connection)).items():
        found["reference", key] = Document("reference", key, document)
    others = [slug for slug in plan.article_ids if ("article", slug) not in changed]
    for slug, (document, digest) in (await article_documents(connection, others)).items():
        found["article", slug] = Document("article", slug, document, digest)
    return {key: document for key, document in found.items() if key not in changed}


def _change_row(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "entity_id": change.entity_id,
        "global_id": change.global_id,
        "action": change.action,
        "key": change.key,
        "article": change.article,
        "status_before": change.status_before,
        "status_after": change.status_after,
    }
