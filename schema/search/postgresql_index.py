"""Keeping PostgreSQL's `search_fts` current: re-index only the documents whose text changed.

Two set-based statements in the writer's transaction. Each row keeps the md5
of the text it was built from (`ROW(…)::text` tells NULL from "" and never
mixes up neighbouring fields); the first statement deletes the rows of the
given articles whose document is gone or whose text changed, the second
computes the tsvectors (`search_text_vector`, migration 0008: the text as
written, soft hyphens removed, `german` configuration) of the documents that
have no row any more. So publishing an article, or a re-seed whose text did not
change, computes no tsvector at all.
"""

from collections.abc import Iterable

from sqlalchemy import ARRAY, Integer, bindparam, text
from sqlalchemy.ext.asyncio import AsyncConnection

ARTICLE_DIGEST = "md5(ROW(a.title, a.subtitle, a.lead_text)::text)"
SECTION_DIGEST = "md5(ROW(s.heading, s.body_text)::text)"
ARTICLE_VECTOR = (
    "search_text_vector(a.title, 'A') || search_text_vector(a.subtitle, 'B') "
    "|| search_text_vector(a.lead_text, 'C')"
)
SECTION_VECTOR = "search_text_vector(s.heading, 'B') || search_text_vector(s.body_text, 'C')"

_DELETE = """
DELETE FROM search_fts AS f
WHERE {wanted_f} AND NOT EXISTS (
  SELECT FROM article AS a
  WHERE f.section_id IS NULL AND a.id = f.article_id AND {article_digest} = f.digest
) AND NOT EXISTS (
  SELECT FROM section AS s
  WHERE s.id = f.section_id AND s.article_id = f.article_id AND {section_digest} = f.digest
)
"""

_INSERT = """
INSERT INTO search_fts (article_id, section_id, digest, tsv)
SELECT a.id, NULL, {article_digest}, {article_vector}
FROM article AS a
WHERE {wanted_a} AND NOT EXISTS (
  SELECT FROM search_fts AS f WHERE f.article_id = a.id AND f.section_id IS NULL
)
UNION ALL
SELECT s.article_id, s.id, {section_digest}, {section_vector}
FROM section AS s
WHERE {wanted_s} AND NOT EXISTS (
  SELECT FROM search_fts AS f WHERE f.article_id = s.article_id AND f.section_id = s.id
)
"""


def _statement(template: str, wanted: bool):
    filters = {
        name: f"{alias}.{column} = ANY(:ids)" if wanted else "TRUE"
        for name, alias, column in (
            ("wanted_f", "f", "article_id"),
            ("wanted_a", "a", "id"),
            ("wanted_s", "s", "article_id"),
        )
    }
    sql = template.format(
        article_digest=ARTICLE_DIGEST,
        section_digest=SECTION_DIGEST,
        article_vector=ARTICLE_VECTOR,
        section_vector=SECTION_VECTOR,
        **filters,
    )
    statement = text(sql)
    return statement.bindparams(bindparam("ids", type_=ARRAY(Integer))) if wanted else statement


STATEMENTS = {
    wanted: (_statement(_DELETE, wanted), _statement(_INSERT, wanted)) for wanted in (True, False)
}


async def refresh_postgres_index(
    connection: AsyncConnection, article_ids: Iterable[int] | None
) -> None:
    """Bring the index rows of these articles (all when None) in line with their text."""
    ids = None if article_ids is None else sorted(set(article_ids))
    if ids == []:
        return
    parameters = {} if ids is None else {"ids": ids}
    for statement in STATEMENTS[ids is not None]:
        await connection.execute(statement, parameters)
