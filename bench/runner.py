"""The benchmark run: corpus, import times, then interleaved rounds of every scenario.

Each round measures, per scenario, the limit (a bare route returning the same
bytes), the API with its response cache off (cold) and on (hot), so every
figure is a ratio against a limit measured minutes apart on the same machine.
"""

import statistics
import subprocess
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import CorpusShape, write_corpus
from bench.measure import Measurement, answer_bytes, measure
from bench.processes import BIN, free_port, pinned_server, rss_megabytes, uvicorn_command
from bench.scenarios import Scenario, scenarios
from bench.statements import statements_per_request

MODES = ("limit", "cold", "hot")


@dataclass
class Options:
    workdir: Path
    articles: int = 10_000
    rounds: int = 3
    seconds: int = 10
    connections: int = 16


@dataclass
class Results:
    options: Options
    import_seconds: dict[str, float] = field(default_factory=dict)
    measurements: list[Measurement] = field(default_factory=list)
    statements: dict[str, int] = field(default_factory=dict)
    rss_mb: dict[str, float] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def median(self, scenario: str, mode: str, metric: str) -> float:
        values = [
            getattr(m.result, metric)
            for m in self.measurements
            if m.scenario == scenario and m.mode == mode
        ]
        return statistics.median(values)


def run(options: Options) -> Results:
    results = Results(options)
    corpus = write_corpus(options.workdir / "corpus", CorpusShape(articles=options.articles))
    database_url = f"sqlite:///{options.workdir / 'bench.db'}"
    (options.workdir / "bench.db").unlink(missing_ok=True)
    results.import_seconds["first import (sqlite)"] = _seed(corpus, database_url)
    results.import_seconds["re-seed, nothing changed (sqlite)"] = _seed(corpus, database_url)
    cases = scenarios("artikel-000042", _third_anchor(corpus), "thema-001", "Knochenmetastasen")
    with ExitStack() as servers:
        apis = {
            mode: _start_api(servers, options.workdir, database_url, mode)
            for mode in ("cold", "hot")
        }
        cases = _available(cases, apis["cold"][0], results)
        limits = {case.name: _start_limit(servers, options.workdir, apis, case) for case in cases}
        for _round in range(options.rounds):
            for case in cases:
                for mode in MODES:
                    base_url = limits[case.name] if mode == "limit" else apis[mode][0]
                    results.measurements.append(
                        measure(base_url, case, mode, options.seconds, options.connections)
                    )
        results.rss_mb = {mode: rss_megabytes(pid) for mode, (_url, pid) in apis.items()}
    results.statements = statements_per_request(database_url, cases)
    return results


def _seed(corpus: Path, database_url: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "guide-api"), "seed", str(corpus)],
        env={"DATABASE_URL": database_url, "PATH": str(BIN)},
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def _third_anchor(corpus: Path) -> str:
    from schema.anchors import anchor_for

    text = (corpus / "articles" / "artikel-000042.md").read_text(encoding="utf-8")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    return anchor_for(headings[2])


def _start_api(servers: ExitStack, workdir: Path, database_url: str, mode: str):
    port = free_port()
    env = {
        "DATABASE_URL": database_url,
        "GUIDE_RESPONSE_CACHE": "true" if mode == "hot" else "false",
        "GUIDE_GRAPHQL_IDE": "false",
    }
    command = uvicorn_command("api.app:create_app", port)
    return servers.enter_context(pinned_server(command, env, port, workdir / f"api-{mode}.log"))


def _available(cases: list[Scenario], base_url: str, results: Results) -> list[Scenario]:
    """Scenarios whose fields the schema has (search comes with a later feature)."""
    kept = []
    for case in cases:
        try:
            answer_bytes(base_url, case)
            kept.append(case)
        except RuntimeError as error:
            if case.main:
                raise
            results.skipped[case.name] = str(error)
    return kept


def _start_limit(servers: ExitStack, workdir: Path, apis, case: Scenario) -> str:
    body = workdir / f"limit-{case.name.split()[0]}.json"
    body.write_bytes(answer_bytes(apis["hot"][0], case))
    port = free_port()
    command = uvicorn_command("bench.limit_app:create_app", port)
    env = {"GUIDE_BENCH_BODY": str(body)}
    log = workdir / f"limit-{case.name.split()[0]}.log"
    return servers.enter_context(pinned_server(command, env, port, log))[0]
