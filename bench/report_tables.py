"""The report's tables of figures: requests, keyset pages, growth, statements, memory, import."""

from bench.databases import LABELS
from bench.results import DatabaseRun, GrowthRun, Pages, Results, median
from bench.scenarios import NAMES
from bench.targets import SHARES, growth_ratio, page_ratio, ratio


def requests(run: DatabaseRun) -> list[str]:
    lines = [
        f"## Requests — {LABELS[run.database]}",
        "",
        "| scenario | mode | req/s | share of limit | target | p50 ms | p99 ms | wrk core |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    modes = list(dict.fromkeys(m.mode for m in run.measurements))
    for scenario in dict.fromkeys(m.scenario for m in run.measurements):
        limit = median(run.measurements, scenario, "limit", "requests_per_second")
        lines += [_request_row(run, scenario, mode, limit) for mode in modes]
    return [*lines, ""]


def _request_row(run: DatabaseRun, scenario: str, mode: str, limit: float) -> str:
    rate = median(run.measurements, scenario, mode, "requests_per_second")
    share = ratio(rate, limit)
    goal = SHARES.get(scenario, {}).get(mode)
    target = "" if goal is None else f"{goal:.0%} {'✓' if share >= goal else '✗'}"
    return (
        f"| {NAMES[scenario]} | {mode} | {rate:,.0f} | {share:.1%} | {target} | "
        f"{median(run.measurements, scenario, mode, 'p50_ms'):.2f} | "
        f"{median(run.measurements, scenario, mode, 'p99_ms'):.2f} | "
        f"{median(run.measurements, scenario, mode, 'load_cpu'):.0%} |"
    )


def pages(results: Results) -> list[str]:
    rows = [(run.database, results.options.articles, run.pages) for run in results.databases]
    rows += [(growth.database, growth.large, growth.pages) for growth in results.growth]
    rows = [row for row in rows if row[2]]
    if not rows:
        return []
    lines = [
        "## Keyset pagination",
        "",
        "The teaser list (`articles(first: 20, after: …)`), cold, one wrk connection.",
        "",
        "| database | articles | page | req/s | p50 ms | p99 ms | p50 vs page 1 (target ≤ 1.5×) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for database, articles, found in rows:
        lines += _page_rows(LABELS[database], articles, found)
    return [*lines, ""]


def _page_rows(database: str, articles: int, found: Pages) -> list[str]:
    lines = []
    for label, number in (("first", 1), ("deep", found.deep)):
        figures = _latency(found.measurements, label, "cold")
        vs = f"{page_ratio(found):.2f}×" if label == "deep" else ""
        lines.append(f"| {database} | {articles:,} | {number} | {figures} | {vs} |")
    return lines


def _latency(measurements, scenario: str, mode: str) -> str:
    return " | ".join(
        [
            f"{median(measurements, scenario, mode, 'requests_per_second'):,.0f}",
            f"{median(measurements, scenario, mode, 'p50_ms'):.2f}",
            f"{median(measurements, scenario, mode, 'p99_ms'):.2f}",
        ]
    )


def growth(results: Results) -> list[str]:
    lines = ["## Cost growth", ""]
    if not results.growth:
        return [*lines, "Not measured in this run (`--growth`).", ""]
    lines += [
        "Cold requests, one wrk connection, on two databases of the same shape: "
        f"{results.growth[0].small} articles and {results.growth[0].large:,}; "
        "the same article in both.",
        "",
        "| database | scenario | articles | req/s | p50 ms | p99 ms | p50 vs small (≤ 1.2×) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for found in results.growth:
        lines += _growth_rows(found)
    lines.append("")
    lines += [
        f"- {LABELS[found.database]}: the growth run took {found.seconds / 60:.1f} min, of which "
        f"the import of {found.large:,} articles {found.import_seconds / 60:.1f} min."
        for found in results.growth
    ]
    return [*lines, ""]


def _growth_rows(found: GrowthRun) -> list[str]:
    lines = []
    for scenario in dict.fromkeys(m.scenario for m in found.measurements):
        for size, articles in (("small", found.small), ("large", found.large)):
            vs = f"{growth_ratio(found, scenario):.2f}×" if size == "large" else ""
            figures = _latency(found.measurements, scenario, size)
            database, name = LABELS[found.database], NAMES[scenario]
            lines.append(f"| {database} | {name} | {articles:,} | {figures} | {vs} |")
    return lines


def by_database(results: Results, title: str, rows: dict[str, dict[str, str]]) -> list[str]:
    """A table with a row per item and a column per database."""
    databases = [run.database for run in results.databases]
    lines = [
        f"## {title}",
        "",
        "| | " + " | ".join(LABELS[d] for d in databases) + " |",
        "| --- |" + " ---: |" * len(databases),
    ]
    for label, cells in rows.items():
        lines.append(f"| {label} | " + " | ".join(cells.get(d, "") for d in databases) + " |")
    return [*lines, ""]


def statements(results: Results) -> list[str]:
    rows: dict[str, dict[str, str]] = {}
    for run in results.databases:
        for case, count in run.statements.items():
            label = NAMES.get(case) or f"teaser list ({case.split()[1]})"
            rows.setdefault(label, {})[run.database] = str(count)
    return by_database(results, "SQL statements per cold request", rows)


def memory(results: Results) -> list[str]:
    rows: dict[str, dict[str, str]] = {}
    for run in results.databases:
        for mode, megabytes in run.rss_mb.items():
            rows.setdefault(f"RSS of the {mode} API process after the run", {})[run.database] = (
                f"{megabytes:.0f} MB"
            )
    return by_database(results, "Memory", rows)


def imports(results: Results) -> list[str]:
    rows: dict[str, dict[str, str]] = {}
    for run in results.databases:
        for what, seconds in run.import_seconds.items():
            label = f"{what} ({results.options.articles:,} articles)"
            rows.setdefault(label, {})[run.database] = f"{seconds:.1f} s"
    for found in results.growth:
        label = f"first import ({found.large:,} articles)"
        rows.setdefault(label, {})[found.database] = f"{found.import_seconds:.1f} s"
    return by_database(results, "Import", rows)


def skipped(results: Results) -> list[str]:
    notes = [
        f"- {LABELS[run.database]}, {name}: {why}"
        for run in results.databases
        for name, why in run.skipped.items()
    ]
    return ["## Not measured", "", *notes, ""] if notes else []
