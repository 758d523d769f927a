"""The revision an applied import (or admin change) records, part by part, in the import's
transaction, with the webhook event that announces it.

    revision = await Revision.start(connection, author=..., source=...)
    await revision.add(part_report, articles=batch)   # once per batch of articles, …
    await revision.finish(report, first=..., stored=...)

Changed topics, references and articles are stored with their seed documents as the
files say them; articles without a file (archived because their file is gone) as
their rows say them; deleted ones as None. Each part's documents and change rows are
written as it comes, so nothing of them is held for the whole import. The first
revision also stores every other entity, so the content as of any revision can be
rebuilt (schema.revisions).
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncConnection

from schema.content_version import bump_version
from schema.revisions.record import (
    CHANGE,
    REVISION,
    Document,
    add_documents,
    add_revision,
)
from schema.revisions.snapshot import article_documents, reference_documents, topic_documents
from schema.webhooks_outbox import enqueue, revision_event
from seed.changes import Change
from seed.content import ArticleDoc, Content
from seed.existing import chunks
from seed.report import ImportReport
from seed.rows import article_hash

# The webhook event lists this many changes (receivers often refuse bodies over a
# megabyte); `more_changes` counts the others, which the change feed serves.
EVENT_CHANGES = 1000


def article_document(article: ArticleDoc) -> dict[str, Any]:
    """What the article's file says: front matter (validated, defaults filled in) and body."""
    return {
        "front_matter": article.meta.model_dump(mode="json", by_alias=True, exclude_none=True),
        "lead": article.body.lead,
        "sections": [
            {"heading": section.heading, "body": section.body} for section in article.body.sections
        ],
    }


@dataclass
class Revision:
    """A revision being recorded: its row is written first, its documents and change rows
    part by part, its summary and webhook event last."""

    connection: AsyncConnection
    number: int

    @classmethod
    async def start(cls, connection: AsyncConnection, *, author: str, source: str) -> "Revision":
        """Add the revision's row; the version bump, summary and webhook event come last."""
        return cls(connection, await add_revision(connection, author=author, source=source))

    async def add(
        self,
        part: ImportReport,
        *,
        content: Content | None = None,
        articles: Iterable[ArticleDoc] = (),
    ) -> None:
        """Record the changes of one written part of the import (listed ones and followers,
        with their ids) and the documents of the entities they name: topics and references
        from `content`, articles from `articles` or, without a file, from their rows."""
        changes = [*part.changes, *part.followers]
        documents = await _changed_documents(self.connection, changes, content, articles)
        await self._documents(documents)
        rows = [{"revision_id": self.number, **_change_row(change)} for change in changes]
        if rows:
            await self.connection.execute(insert(CHANGE), rows)

    async def finish(
        self,
        report: ImportReport,
        *,
        first: bool,
        stored: Collection[tuple[str, str]],
        articles: Iterable[str],
    ) -> None:
        """Bump the content version, write the summary and the webhook event. The `first`
        revision also stores every entity it has not `stored` (kind, key) yet, as its rows
        say it now; `articles` are the slugs of every article in the database."""
        if first:
            await self._baseline(stored, articles)
        version = await bump_version(self.connection)  # after every row: see bump_version
        statement = update(REVISION).where(REVISION.c.id == self.number)
        await self.connection.execute(statement.values(summary=report.summary()))
        changes = report.changes[:EVENT_CHANGES]
        event = revision_event(revision=self.number, version=version, changes=changes)
        event["more_changes"] = len(report.changes) - len(changes) + report.more_changes
        # Webhook receivers hear of it once it commits (schema.webhooks_outbox, api.webhooks).
        await enqueue(self.connection, event)

    async def _documents(self, documents: Iterable[Document]) -> None:
        await add_documents(self.connection, self.number, documents)

    async def _baseline(self, stored: Collection[tuple[str, str]], articles: Iterable[str]) -> None:
        """Before the first revision: every entity this one has not stored, as its rows say
        it now (on a new database that is nothing: everything was just created)."""
        topics = await topic_documents(self.connection)
        references = await reference_documents(self.connection)
        await self._documents(
            document
            for document in [
                *(Document("topic", slug, doc) for slug, doc in topics.items()),
                *(Document("reference", key, doc) for key, doc in references.items()),
            ]
            if (document.kind, document.key) not in stored
        )
        others = [slug for slug in articles if ("article", slug) not in stored]
        for chunk in chunks(others):
            found = await article_documents(self.connection, chunk)
            await self._documents(
                Document("article", slug, document, digest)
                for slug, (document, digest) in found.items()
            )


async def _changed_documents(
    connection: AsyncConnection,
    changes: list[Change],
    content: Content | None,
    articles: Iterable[ArticleDoc],
) -> list[Document]:
    content = content or Content()
    topics = {entry.doc.slug: (entry, n) for n, entry in enumerate(content.topics, start=1)}
    references = {entry.doc.id: entry for entry in content.references}
    files = {article.meta.slug: article for article in articles}
    found: list[Document] = []
    without_file = []
    for change in changes:
        key = change.key
        if change.kind == "section" or not change.listed:
            continue
        if change.action == "removed":
            found.append(Document(change.kind, key, None))
        elif change.kind == "topic":
            entry, position = topics[key]
            found.append(Document("topic", key, {"item": entry.raw, "position": position}))
        elif change.kind == "reference":
            found.append(Document("reference", key, {"item": references[key].raw}))
        elif key in files:
            article = files[key]
            document = article_document(article)
            found.append(Document("article", key, document, article_hash(article)))
        else:
            without_file.append(key)
    for slug, (document, digest) in (await article_documents(connection, without_file)).items():
        found.append(Document("article", slug, document, digest))
    return found


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
