"""Keeping SQLite's `search_fts` current: re-index only the documents whose text changed.

Each row keeps a digest of the source text it was built from. A refresh reads
the current texts of the given articles, compares digests, deletes the rows of
documents that changed or are gone, and stems and inserts only the changed and
new ones, in bulk (executemany). So publishing an article or re-seeding files
whose text did not change costs a digest per document, not a re-index.
"""

import hashlib
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from sqlalchemy import Connection, select, text

from schema import tables
from schema.search.sqlite import SECTION_BITS, article_rowids, document_rowid
from schema.search.words import index_text

A = tables.Article
S = tables.Section
# Articles refreshed at a time, read with `id IN (…)`.
_FEW = 500

_INSERT = text(
    "INSERT INTO search_fts (rowid, digest, title, heading, body) "
    "VALUES (:rowid, :digest, :title, :heading, :body)"
)
_DELETE = text("DELETE FROM search_fts WHERE rowid = :rowid")


class Document(NamedTuple):
    """The texts of one search document, as the article and section rows hold them."""

    rowid: int
    digest: str
    title: str | None
    heading: str | None
    body: str | None


def document(rowid: int, title: str | None, heading: str | None, body: str | None) -> Document:
    return Document(rowid, text_digest(title, heading, body), title, heading, body)


def text_digest(*texts: str | None) -> str:
    """A digest of the texts that tells None from "" and never mixes up neighbours."""
    # Netstring-like framing: each text as "<length>:<text>", None as "-".
    framed = "".join("-" if value is None else f"{len(value)}:{value}" for value in texts)
    return hashlib.blake2b(framed.encode(), digest_size=16).hexdigest()


def refresh_sqlite_index(connection: Connection, article_ids: Iterable[int] | None) -> None:
    """Bring the index rows of these articles (all when None) in line with their text;
    many articles _FEW at a time, so the texts held and the rows read stay few."""
    if article_ids is None:
        _refresh(connection, None)
        return
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), _FEW):
        _refresh(connection, frozenset(ids[start : start + _FEW]))


def _refresh(connection: Connection, wanted: frozenset[int] | None) -> None:
    current = {doc.rowid: doc for doc in _documents(connection, wanted)}
    stored = _stored_digests(connection, wanted)
    fresh = [doc for rowid, doc in current.items() if stored.get(rowid) != doc.digest]
    stale = [rowid for rowid in stored if rowid not in current]
    stale += [doc.rowid for doc in fresh if doc.rowid in stored]
    if stale:
        connection.execute(_DELETE, [{"rowid": rowid} for rowid in stale])
    if fresh:
        connection.execute(_INSERT, [_row(doc) for doc in fresh])


def _documents(connection: Connection, wanted: frozenset[int] | None) -> Iterator[Document]:
    articles = select(A.id, A.title, A.subtitle, A.lead_text)
    sections = select(S.article_id, S.id, S.heading, S.body_text)
    if wanted is not None:
        articles = articles.where(A.id.in_(sorted(wanted)))
        sections = sections.where(S.article_id.in_(sorted(wanted)))
    for article_id, title, subtitle, lead in connection.execute(articles):
        if wanted is None or article_id in wanted:
            yield document(document_rowid(article_id, None), title, subtitle, lead)
    for article_id, section_id, heading, body in connection.execute(sections):
        if wanted is None or article_id in wanted:
            yield document(document_rowid(article_id, section_id), None, heading, body)


def _stored_digests(connection: Connection, wanted: frozenset[int] | None) -> dict[int, str]:
    """Rowid → digest of the index rows of the wanted articles."""
    statement = "SELECT rowid, digest FROM search_fts"
    bounds = {}
    if wanted is not None:
        # One rowid range around all wanted articles (FTS5 scans a range, not a list).
        bounds = {"low": article_rowids(min(wanted))[0], "high": article_rowids(max(wanted))[1]}
        statement += " WHERE rowid BETWEEN :low AND :high"
    return {
        rowid: digest
        for rowid, digest in connection.execute(text(statement), bounds)
        if wanted is None or rowid >> SECTION_BITS in wanted
    }


def _row(doc: Document) -> dict[str, object]:
    return {
        "rowid": doc.rowid,
        "digest": doc.digest,
        "title": index_text(doc.title),
        "heading": index_text(doc.heading),
        "body": index_text(doc.body),
    }
