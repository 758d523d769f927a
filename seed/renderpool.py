"""Rendering the rich text of many articles at once, with worker processes.

The markdown renderer is pure Python: the 90,000 texts of 10,000 new articles keep one
core busy for many seconds. Worker processes, one per core, render batches of texts and
send back the HTML and plain text (plain strings: cheap to pass between processes).

A seed hands each batch of articles it writes to the pool (`RenderPool.add`, in batches
of BATCH to the workers) and `finish` collects; meanwhile the seed writes the batch
before (seed.batches). The workers start with the first full batch (never
for a seed that changes little): they fork from a fork server, never from this
possibly threaded process, and take about a second. Batches no worker has taken by
then are rendered here, from the end, while the workers start.
"""

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from schema.richtext import RenderedText, render
from seed.content import ArticleDoc
from seed.rendered import RenderedBody

# A seed that writes fewer articles renders them in its own process.
PARALLEL_FROM = 2000
BATCH = 200  # articles per task: fewer tasks, less coordination

Texts = tuple[str, ...]  # an article's lead, then its sections' bodies (markdown)
Rendered = list[tuple[str, str]]  # (html, text) of each of them


def default_workers() -> int:
    """One worker per core this process may use; none on a single core."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    count = len(cores) if cores else os.cpu_count() or 1
    return count if count > 1 else 0


class RenderPool:
    """Articles rendered by `workers` worker processes (None: `default_workers`; 0: here).

    with RenderPool() as pool:
        for article in articles:
            pool.add(article)
        pool.finish()  # every added article is rendered
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else workers
        self.pending: list[ArticleDoc] = []
        self.batches: list[tuple[list[ArticleDoc], Future]] = []
        self.pool: ProcessPoolExecutor | None = None
        self.started = False  # the workers have rendered a batch

    def __enter__(self) -> "RenderPool":
        return self

    def __exit__(self, *exc_info) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def add(self, article: ArticleDoc) -> None:
        if article.is_rendered:
            return
        self.pending.append(article)
        if self.workers > 0 and len(self.pending) >= BATCH:
            self._submit()

    def finish(self) -> None:
        """Wait until every added article is rendered."""
        if self.pool is None:
            _render_here(self.pending)
        elif self.pending:
            self._submit()
        self.pending = []
        # Until the first batch is back, the workers are still starting: help them. Once
        # they have answered, leave them the work (this process writes meanwhile).
        first = self.batches[0][1] if self.batches else None
        for batch, future in reversed(self.batches):
            if self.started or first.done() or not future.cancel():
                break
            _render_here(batch)
        for batch, future in self.batches:
            if not future.cancelled():
                _take(batch, future)
        self.started = self.pool is not None
        self.batches = []

    def _submit(self) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, _context())
        batch, self.pending = self.pending, []
        future = self.pool.submit(render_texts, [_texts(article) for article in batch])
        self.batches.append((batch, future))


def render_texts(batch: list[Texts]) -> list[Rendered]:
    """What a worker does: render each text of each article."""
    return [[_pair(render(text)) for text in texts] for texts in batch]


def _pair(rendered: RenderedText) -> tuple[str, str]:
    return rendered.html, rendered.text


def _texts(article: ArticleDoc) -> Texts:
    return (article.body.lead, *(section.body for section in article.body.sections))


def _render_here(articles: Sequence[ArticleDoc]) -> None:
    for article in articles:
        article.rendered  # noqa: B018 (renders it)


def _take(batch: Sequence[ArticleDoc], future: Future) -> None:
    try:
        results = future.result()
    except BrokenProcessPool:  # a worker died (e.g. out of memory): render the batch here
        _render_here(batch)
        return
    for article, pairs in zip(batch, results, strict=True):
        texts = zip(_texts(article), pairs, strict=True)
        lead, *sections = [RenderedText(text.strip(), *pair) for text, pair in texts]
        article.use_rendered(RenderedBody(lead, tuple(sections)))


def _context():
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The fork server imports the renderer once; each worker forks with it loaded.
    context.set_forkserver_preload([__name__])
    return context
