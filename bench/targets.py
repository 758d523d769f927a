"""The issue's targets, checked against a run: each a measured value, met or how far off."""

import math
from collections.abc import Callable
from dataclasses import dataclass

from bench.results import DatabaseRun, GrowthRun, Pages, Results, median
from bench.scenarios import NAMES

SHARES = {  # scenario -> mode -> least share of the limit
    "article": {"hot": 0.70, "cold": 0.05},
    "teasers": {"hot": 0.70, "cold": 0.04},
    "section": {"hot": 0.70, "cold": 0.14},
}
HOT_P99_MS = 5.0
GROWTH_RATIO = 1.2  # p50 at the large corpus / p50 at 100 articles
PAGES_RATIO = 1.5  # p50 of the deep page / p50 of page 1
IMPORT_SECONDS = 60.0  # first import of 10,000 articles
RESEED_SECONDS = 10.0
RSS_MB = 250.0


@dataclass(frozen=True)
class Target:
    label: str
    value: Callable[[DatabaseRun | GrowthRun], float]
    goal: float
    higher_is_better: bool
    unit: str  # "%", "ms", "×", "s", "MB"
    of_growth: bool = False  # read from the growth runs, not the main ones


@dataclass(frozen=True)
class Check:
    value: float
    target: Target

    @property
    def met(self) -> bool:
        if self.target.higher_is_better:
            return self.value >= self.target.goal
        return self.value <= self.target.goal

    def __str__(self) -> str:
        if math.isnan(self.value):
            return "—"
        shown = show(self.value, self.target.unit)
        if self.met:
            return f"{shown} ✓"
        goal = self.target.goal
        if not self.target.higher_is_better:
            return f"{shown} ✗ ({self.value / goal:.1f}× over)"
        return f"{shown} ✗ ({goal / self.value:.1f}× short)" if self.value else f"{shown} ✗"


def show(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value:.1%}"
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:,.1f} {unit}" if unit in ("s", "MB") else f"{value:.2f} {unit}"


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def share(run: DatabaseRun, scenario: str, mode: str) -> float:
    rate = median(run.measurements, scenario, mode, "requests_per_second")
    return ratio(rate, median(run.measurements, scenario, "limit", "requests_per_second"))


def page_ratio(pages: Pages | None) -> float:
    """p50 of the deep page over p50 of page 1 (nan when pages were not measured)."""
    if pages is None:
        return float("nan")
    deep = median(pages.measurements, "deep", "cold", "p50_ms")
    return ratio(deep, median(pages.measurements, "first", "cold", "p50_ms"))


def growth_ratio(growth: GrowthRun, scenario: str) -> float:
    large = median(growth.measurements, scenario, "large", "p50_ms")
    return ratio(large, median(growth.measurements, scenario, "small", "p50_ms"))


def statement_ratio(run: DatabaseRun) -> float:
    return ratio(run.statements.get("teasers 100", math.nan), run.statements.get("teasers 1", 0))


def request_targets() -> list[Target]:
    targets = []
    for key, goals in SHARES.items():
        name, cold = NAMES[key], goals["cold"]
        targets += [
            Target(
                f"{name}, hot: ≥ 70% of the limit",
                lambda r, k=key: share(r, k, "hot"),
                goals["hot"],
                True,
                "%",
            ),
            Target(
                f"{name}, hot: p99 < 5 ms",
                lambda r, k=key: median(r.measurements, k, "hot", "p99_ms"),
                HOT_P99_MS,
                False,
                "ms",
            ),
            Target(
                f"{name}, cold: ≥ {cold:.0%} of the limit",
                lambda r, k=key: share(r, k, "cold"),
                cold,
                True,
                "%",
            ),
        ]
    return targets


def scale_targets(results: Results) -> list[Target]:
    deep = next((r.pages.deep for r in results.databases if r.pages), 0)
    targets = [
        Target(
            "SQL statements per request: teaser list of 100 / of 1 (same = 1.00×)",
            statement_ratio,
            1.0,
            False,
            "×",
        ),
        Target(
            f"keyset page {deep} within 1.5× of page 1 (p50)",
            lambda r: page_ratio(r.pages),
            PAGES_RATIO,
            False,
            "×",
        ),
    ]
    for growth in results.growth[:1]:
        large, small = f"{growth.large:,}", growth.small
        targets += [
            Target(
                f"{NAMES[key]}, cold p50 at {large} articles within 1.2× of {small}",
                lambda g, k=key: growth_ratio(g, k),
                GROWTH_RATIO,
                False,
                "×",
                of_growth=True,
            )
            for key in ("article", "section")
        ]
        deep = growth.pages.deep if growth.pages else 0
        targets.append(
            Target(
                f"keyset page {deep} within 1.5× of page 1 at {large} articles",
                lambda g: page_ratio(g.pages),
                PAGES_RATIO,
                False,
                "×",
                of_growth=True,
            )
        )
    return targets


def resource_targets(results: Results) -> list[Target]:
    articles = results.options.articles
    return [
        Target(
            f"first import of {articles:,} articles < 60 s (the target is for 10,000)",
            lambda r: r.import_seconds.get("first import", math.nan),
            IMPORT_SECONDS,
            False,
            "s",
        ),
        Target(
            "re-seed, nothing changed < 10 s",
            lambda r: r.import_seconds.get("re-seed, nothing changed", math.nan),
            RESEED_SECONDS,
            False,
            "s",
        ),
        Target(
            "RSS of one API process < 250 MB",
            lambda r: max(r.rss_mb.values(), default=math.nan),
            RSS_MB,
            False,
            "MB",
        ),
    ]


def checks(results: Results) -> list[tuple[str, dict[str, Check]]]:
    """(target, database -> Check) for every target this run measured."""
    rows = []
    for target in request_targets() + scale_targets(results) + resource_targets(results):
        runs = results.growth if target.of_growth else results.databases
        cells = {run.database: Check(target.value(run), target) for run in runs}
        if any(not math.isnan(cell.value) for cell in cells.values()):
            rows.append((target.label, cells))
    return rows
