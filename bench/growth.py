"""Cost growth: cold latency on 100 articles vs a large corpus, and keyset page depth.

One wrk connection, so latency is the cost of one request and not queueing;
small and large servers are measured alternately in each round.
"""

import time
from contextlib import ExitStack
from pathlib import Path

from bench.corpus import CorpusShape, probe_slug, section_anchors, write_corpus
from bench.databases import database
from bench.importing import seed_seconds
from bench.measure import measure
from bench.pagination import first_and_deep
from bench.processes import start_api
from bench.results import GrowthRun, Options, Pages
from bench.scenarios import article_page, portal_section

SMALL_CORPUS = 100
LATENCY_CONNECTIONS = 1


def growth_corpora(options: Options) -> tuple[Path, Path]:
    small = write_corpus(options.workdir / "growth-small", CorpusShape(articles=SMALL_CORPUS))
    large = CorpusShape(articles=options.growth_articles)
    return small, write_corpus(options.workdir / "growth-large", large)


def run_growth(options: Options, kind: str, small: Path, large: Path) -> GrowthRun:
    started = time.perf_counter()
    found = GrowthRun(kind, SMALL_CORPUS, options.growth_articles)
    slug = probe_slug(SMALL_CORPUS)  # the same article, with the same text, in both corpora
    cases = [
        case
        for case in (article_page(slug), portal_section(slug, section_anchors(large, slug)[2]))
        if case.key in options.scenarios
    ]
    pg = options.postgres_url
    with (
        database(kind, options.workdir, "growth-small", pg) as small_url,
        database(kind, options.workdir, "growth-large", pg) as large_url,
        ExitStack() as servers,
    ):
        seed_seconds(small, small_url)
        found.import_seconds = seed_seconds(large, large_url)
        urls = {
            "small": start_api(servers, options.workdir, small_url, False, f"{kind}-small")[0],
            "large": start_api(servers, options.workdir, large_url, False, f"{kind}-large")[0],
        }
        pages = _pages(options, large, found)
        for _round in range(options.rounds):
            for case in cases:
                for size, base_url in urls.items():
                    found.measurements.append(
                        measure(base_url, case, size, options.seconds, LATENCY_CONNECTIONS)
                    )
            for label, case in pages:
                found.pages.measurements.append(
                    measure(
                        urls["large"], case, "cold", options.seconds, LATENCY_CONNECTIONS, label
                    )
                )
    found.seconds = time.perf_counter() - started
    return found


def _pages(options: Options, large: Path, found: GrowthRun):
    if "pages" not in options.scenarios:
        return []
    deep, cases = first_and_deep(large, options.growth_articles)
    found.pages = Pages(deep) if cases else None
    return cases
