"""docs/benchmarks.md is rendered from a run's results: tables, targets met or how far off."""

from pathlib import Path

from bench.measure import Measurement
from bench.report import report_lines
from bench.results import DatabaseRun, GrowthRun, Options, Pages, Results
from bench.wrk import LoadResult


def _load(rate: float, p50: float = 1.0, p99: float = 2.0) -> LoadResult:
    return LoadResult(rate, p50, p99, errors=0, load_cpu=0.1)


def _run(database: str) -> DatabaseRun:
    run = DatabaseRun(database, version=database)
    for rate_limit, rate_cold, rate_hot in ((10_000, 600, 8_000), (12_000, 500, 7_000)):
        run.measurements += [
            Measurement("article", "limit", _load(rate_limit)),
            Measurement("article", "cold", _load(rate_cold)),
            Measurement("article", "hot", _load(rate_hot, p99=6.0)),
        ]
    run.pages = Pages(500, [Measurement("first", "cold", _load(300, p50=2.0))])
    run.pages.measurements.append(Measurement("deep", "cold", _load(280, p50=2.2)))
    run.statements = {"article": 5, "teasers 1": 4, "teasers 100": 4}
    run.rss_mb = {"cold": 180.0, "hot": 260.0}
    run.import_seconds = {"first import": 70.0, "re-seed, nothing changed": 9.0}
    return run


def _results(growth: bool) -> Results:
    results = Results(Options(Path("/tmp"), articles=10_000))
    results.databases = [_run("sqlite"), _run("postgresql")]
    results.timings = {"corpus": 12.0, "SQLite": 300.0, "whole run": 700.0}
    if growth:
        found = GrowthRun("sqlite", 100, 100_000, import_seconds=650.0, seconds=900.0)
        found.measurements = [
            Measurement("article", "small", _load(200, p50=5.0)),
            Measurement("article", "large", _load(150, p50=6.5)),
        ]
        results.growth = [found]
    return results


def _row(lines: list[str], start: str) -> str:
    return next(line for line in lines if line.startswith(start))


def test_targets_say_met_or_how_far_off():
    lines = report_lines(_results(growth=False), "python -m bench run")
    # medians: limit 11,000, cold 550 (5.0 %), hot 7,500 (68.2 %)
    assert _row(lines, "| article page, cold:") == (
        "| article page, cold: ≥ 5% of the limit | 5.0% ✓ | 5.0% ✓ |"
    )
    assert "68.2% ✗ (1.0× short)" in _row(lines, "| article page, hot: ≥ 70%")
    assert "6.00 ms ✗ (1.2× over)" in _row(lines, "| article page, hot: p99")
    assert "1.10× ✓" in _row(lines, "| keyset page 500")
    assert "1.00× ✓" in _row(lines, "| SQL statements per request")
    assert "70.0 s ✗ (1.2× over)" in _row(lines, "| first import of 10,000")
    assert "260.0 MB ✗" in _row(lines, "| RSS of one API process")


def test_tables_per_database_and_no_growth_without_the_flag():
    lines = report_lines(_results(growth=False), "python -m bench run")
    assert "## Requests — SQLite" in lines
    assert "## Requests — PostgreSQL" in lines
    assert _row(lines, "| article page | cold |").startswith(
        "| article page | cold | 550 | 5.0% | 5% ✓"
    )
    assert _row(lines, "| teaser list (100) |") == "| teaser list (100) | 4 | 4 |"
    assert "Not measured in this run (`--growth`)." in lines
    assert "- Run time: corpus 12 s, SQLite 5.0 min, whole run 11.7 min." in lines


def test_growth_table_and_target():
    lines = report_lines(_results(growth=True), "python -m bench run --growth")
    assert _row(lines, "| SQLite | article page | 100,000 |").endswith("| 1.30× |")
    assert "1.30× ✗ (1.1× over)" in _row(lines, "| article page, cold p50 at 100,000")
    assert any("the import of 100,000 articles 10.8 min" in line for line in lines)
