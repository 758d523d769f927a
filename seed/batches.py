"""The articles to write, batch by batch: their files read again, checked, rendered.

The first pass (seed.reader) validates every file but keeps only each article's facts,
so an import's memory is bounded by the batch size, not by the corpus. The articles to
write are read again here, `size` at a time, and rendered by the render pool; a file
that changed since the first pass stops the import (nothing is written). A thread
prepares the next batch while the import writes the one before (`ahead`).
"""

import asyncio
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypeVar

from seed.content import ArticleDoc, ArticleFacts
from seed.errors import Problem, SeedError
from seed.existing import chunks
from seed.reader import read_article_file
from seed.renderpool import RenderPool

BATCH_ARTICLES = 1000  # articles read, rendered and written at a time

T = TypeVar("T")


def read_batches(
    content_dir: Path, articles: Sequence[ArticleFacts], size: int, pool: RenderPool
) -> Iterator[list[ArticleDoc]]:
    """The articles' documents, read again `size` at a time and rendered."""
    for batch in chunks(articles, size):
        documents = [_read_again(content_dir, facts) for facts in batch]
        for document in documents:
            pool.add(document)
        pool.finish()
        yield documents


def _read_again(content_dir: Path, facts: ArticleFacts) -> ArticleDoc:
    article, problems, _warnings = read_article_file(content_dir, facts.file)
    if article is None or problems or article.digest != facts.digest:
        message = "changed while the seed was reading the files; seed again"
        raise SeedError([Problem(facts.file, "", message)])
    return article


@asynccontextmanager
async def ahead(items: Iterator[T]) -> AsyncIterator[AsyncIterator[T]]:
    """Iterate blocking `items` in a thread, one item ahead of the caller:

    async with ahead(read_batches(...)) as batches:
        async for batch in batches:
            ...  # meanwhile the next batch is read
    """
    pending: list[asyncio.Future] = []

    def fetch() -> asyncio.Future:
        pending[:] = [asyncio.ensure_future(asyncio.to_thread(next, items, None))]
        return pending[0]

    async def iterate() -> AsyncIterator[T]:
        item = await fetch()
        while item is not None:
            following = fetch()
            yield item
            item = await following

    try:
        yield iterate()
    finally:
        # A batch still being read when the caller stops: let the thread finish first.
        await asyncio.gather(*pending, return_exceptions=True)
