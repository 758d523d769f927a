"""Carrying out a plan on one connection, inside the caller's transaction.

Bulk statements throughout: new rows by the driver's fastest path (seed.bulk: COPY on
PostgreSQL), updates by executemany. The order keeps every foreign key valid on
PostgreSQL and SQLite: parents before children; an import writes its plans part by part
(the topics and references, then each batch of articles) and removes references and
topics last (`write_removals`), once nothing points at them any more.
"""

from typing import Any

from sqlalchemy import Table, bindparam, delete, update
from sqlalchemy.ext.asyncio import AsyncConnection

from schema.search import refresh_search_index
from schema.tables import ArticleStatus
from seed.bulk import insert_many, insert_returning
from seed.compression import compress_with_lz4
from seed.existing import (
    ARTICLE,
    ARTICLE_TOPIC,
    CITATION,
    REFERENCE,
    SECTION,
    TOPIC,
    chunks,
)
from seed.plan import Plan


async def write_plan(connection: AsyncConnection, plan: Plan) -> None:
    """Write the rows of the plan but its removals of references and topics, then give each
    change the id of its row and bring the search index of its articles up to date."""
    await compress_with_lz4(connection)
    plan.topic_ids |= await _insert(connection, TOPIC, plan.topic_inserts, "slug")
    await _update_topics(connection, plan)
    plan.reference_ids |= await _insert(connection, REFERENCE, plan.reference_inserts, "key")
    await _update(connection, REFERENCE, plan.reference_updates)
    plan.article_ids |= await _insert(connection, ARTICLE, plan.article_inserts, "slug")
    await _update(connection, ARTICLE, plan.article_updates)
    await _write_sections(connection, plan)
    await _replace_links(connection, plan, CITATION, plan.citations, _citation_rows)
    await _replace_links(connection, plan, ARTICLE_TOPIC, plan.article_topics, _topic_rows)
    await _archive(connection, plan.article_archives)
    # Sections, citations and topic links go with their article (ON DELETE CASCADE).
    await _delete(connection, ARTICLE, ARTICLE.c.id, plan.article_deletes)
    _name_ids(plan)
    await refresh_search_index(connection, _searchable_changes(plan))


async def write_removals(connection: AsyncConnection, plan: Plan) -> None:
    """Delete the plan's references and topics, once no article written points at them."""
    await _delete(connection, REFERENCE, REFERENCE.c.id, plan.reference_deletes)
    await _delete(connection, TOPIC, TOPIC.c.id, plan.topic_deletes)


def _searchable_changes(plan: Plan) -> set[int]:
    """Ids of the articles whose searchable text (title, lead, sections) may have changed."""
    slugs = {
        change.key if change.kind == "article" else change.article
        for change in plan.report.changes
        if change.kind in ("article", "section")
    }
    return {plan.article_ids[slug] for slug in slugs if slug in plan.article_ids} | set(
        plan.article_deletes
    )


def _name_ids(plan: Plan) -> None:
    ids = {"topic": plan.topic_ids, "reference": plan.reference_ids, "article": plan.article_ids}
    for change in [*plan.report.changes, *plan.report.followers]:
        if change.entity_id is None and change.kind == "section":
            change.entity_id = plan.section_ids[change.article, change.key]
        elif change.entity_id is None:
            change.entity_id = ids[change.kind][change.key]


async def _insert(
    connection: AsyncConnection, table: Table, rows: list[dict[str, Any]], key: str
) -> dict[str, int]:
    """Insert rows; returns the new ids by natural key."""
    return dict(await insert_returning(connection, table, rows, (key,)))


async def _update(connection: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Update rows by id: every row carries its id as `row_id` and the same columns."""
    if rows:
        statement = update(table).where(table.c.id == bindparam("row_id"))
        await connection.execute(statement, rows)


async def _update_topics(connection: AsyncConnection, plan: Plan) -> None:
    # By slug, with the parent's id looked up now that every topic has one.
    rows = [
        {**_without(row, "slug", "parent"), "parent_id": plan.topic_ids.get(row["parent"])}
        for row in plan.topic_updates
    ]
    if rows:
        statement = update(TOPIC).where(TOPIC.c.slug == bindparam("b_slug"))
        await connection.execute(statement, rows)


async def _write_sections(connection: AsyncConnection, plan: Plan) -> None:
    await _delete(connection, SECTION, SECTION.c.id, plan.section_deletes)
    await _update(connection, SECTION, plan.section_updates)
    rows = [
        {**_without(row, "article"), "article_id": plan.article_ids[row["article"]]}
        for row in plan.section_inserts
    ]
    slug_of = {article_id: slug for slug, article_id in plan.article_ids.items()}
    for article_id, anchor, section_id in await insert_returning(
        connection, SECTION, rows, ("article_id", "anchor")
    ):
        plan.section_ids[slug_of[article_id], anchor] = section_id


async def _replace_links(connection, plan: Plan, table: Table, links: dict, make_rows) -> None:
    """Replace the citations (or topic links) of each listed article by its new list."""
    inserted = {row["slug"] for row in plan.article_inserts}
    old = [plan.article_ids[slug] for slug in links if slug not in inserted]
    await _delete(connection, table, table.c.article_id, old)
    rows = [row for slug, keys in links.items() for row in make_rows(plan, slug, keys)]
    await insert_many(connection, table, rows)


def _citation_rows(plan: Plan, slug: str, keys: list[str]) -> list[dict[str, int]]:
    article_id = plan.article_ids[slug]
    return [
        {"article_id": article_id, "number": number, "reference_id": plan.reference_ids[key]}
        for number, key in enumerate(keys, start=1)
    ]


def _topic_rows(plan: Plan, slug: str, slugs: list[str]) -> list[dict[str, int]]:
    article_id = plan.article_ids[slug]
    return [{"article_id": article_id, "topic_id": plan.topic_ids[topic]} for topic in slugs]


def _without(row: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name not in names}


async def _archive(connection: AsyncConnection, article_ids: list[int]) -> None:
    for ids in chunks(article_ids):
        statement = update(ARTICLE).where(ARTICLE.c.id.in_(ids))
        await connection.execute(statement.values(status=ArticleStatus.ARCHIVED.value))


async def _delete(connection: AsyncConnection, table: Table, column, ids: list[int]) -> None:
    for chunk in chunks(ids):
        await connection.execute(delete(table).where(column.in_(chunk)))
