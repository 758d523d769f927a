"""The benchmark run: corpus, then per database import times and interleaved rounds.

Each round measures, per scenario, the limit (a bare route returning the same
bytes), the API with its response cache off (cold) and on (hot), so every
figure is a ratio against a limit measured minutes apart on the same machine.
Keyset pages are measured in the same rounds; SQL statement counts and a
profile of a cold article page follow once the servers are stopped.
"""

import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from bench.corpus import CorpusShape, probe_slug, section_anchors, write_corpus
from bench.databases import LABELS, database, server_version
from bench.growth import LATENCY_CONNECTIONS, growth_corpora, run_growth
from bench.importing import import_times
from bench.measure import answer_bytes, measure
from bench.pagination import first_and_deep
from bench.processes import rss_megabytes, start_api, start_limit
from bench.results import DatabaseRun, Options, Pages, Results
from bench.scenarios import Scenario, scenarios
from bench.statements import statement_cases, statements_per_request


@contextmanager
def timed(timings: dict[str, float], phase: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[phase] = time.perf_counter() - started


def run(options: Options) -> Results:
    results = Results(options)
    with timed(results.timings, "whole run"):
        with timed(results.timings, "corpus"):
            shape = CorpusShape(articles=options.articles)
            corpus = write_corpus(options.workdir / "corpus", shape)
        for kind in options.databases:
            with (
                timed(results.timings, LABELS[kind]),
                database(kind, options.workdir, "main", options.postgres_url) as url,
            ):
                results.databases.append(run_database(options, kind, url, corpus))
        if options.growth:
            with timed(results.timings, "growth corpora"):
                small, large = growth_corpora(options)
            for kind in options.databases:
                with timed(results.timings, f"growth, {LABELS[kind]}"):
                    results.growth.append(run_growth(options, kind, small, large))
    return results


def run_database(options: Options, kind: str, url: str, corpus: Path) -> DatabaseRun:
    found = DatabaseRun(kind, server_version(kind, url))
    found.import_seconds = import_times(corpus, url)
    with ExitStack() as servers:
        apis = {
            mode: start_api(servers, options.workdir, url, mode == "hot", f"{kind}-{mode}")
            for mode in options.modes
            if mode != "limit"
        }
        probe = (apis.get("hot") or apis["cold"])[0]
        cases = _available(_selected(options, corpus), probe, found)
        limits = {
            case.key: start_limit(
                servers, options.workdir, answer_bytes(probe, case), f"{kind}-{case.key}"
            )
            for case in cases
        }
        pages = _pages(options, corpus, apis, found)
        targets = {**limits, **{mode: base for mode, (base, _pid) in apis.items()}}
        for _round in range(options.rounds):
            _one_round(options, cases, targets, found)
            for label, case in pages:
                found.pages.measurements.append(
                    measure(
                        apis["cold"][0], case, "cold", options.seconds, LATENCY_CONNECTIONS, label
                    )
                )
        found.rss_mb = {mode: rss_megabytes(pid) for mode, (_url, pid) in apis.items()}
    found.statements = statements_per_request(url, statement_cases(cases))
    _profile(options, url, cases, found)
    return found


def _selected(options: Options, corpus: Path) -> list[Scenario]:
    slug = probe_slug(options.articles)
    every = scenarios(slug, section_anchors(corpus, slug)[2], "thema-001", "Knochenmetastasen")
    return [case for case in every if case.key in options.scenarios]


def _one_round(options: Options, cases, servers: dict[str, str], found: DatabaseRun) -> None:
    """Every case in every mode once; `servers` maps a mode, or a case's key for its limit."""
    for case in cases:
        for mode in options.modes:
            base_url = servers[case.key if mode == "limit" else mode]
            found.measurements.append(
                measure(base_url, case, mode, options.seconds, options.connections)
            )


def _available(cases: list[Scenario], base_url: str, found: DatabaseRun) -> list[Scenario]:
    """Scenarios the server answers; a side scenario it cannot answer is noted, not fatal."""
    kept = []
    for case in cases:
        try:
            answer_bytes(base_url, case)
            kept.append(case)
        except RuntimeError as error:
            if case.main:
                raise
            found.skipped[case.name] = str(error)
    return kept


def _pages(options: Options, corpus: Path, apis, found: DatabaseRun):
    """(label, scenario) of page 1 and the deep page, when keyset pages are selected."""
    if "pages" not in options.scenarios:
        return []
    if "cold" not in apis:
        found.skipped["keyset pages"] = "measured on the cold server: add `--modes cold`"
        return []
    deep, cases = first_and_deep(corpus, options.articles)
    found.pages = Pages(deep)
    return cases


def _profile(options: Options, url: str, cases: list[Scenario], found: DatabaseRun) -> None:
    article = next((case for case in cases if case.key == "article"), None)
    if not options.profile or article is None:
        return
    try:
        from bench.profiling import profile_cold

        found.profile = profile_cold(url, article, options.seconds)
    except ImportError as error:
        found.skipped["profile"] = f"pyinstrument is not installed ({error})"
