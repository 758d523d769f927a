"""What a run found, kept apart from how it was measured, so the report needs no servers."""

import statistics
from dataclasses import dataclass, field
from pathlib import Path

from bench.databases import DEFAULT_POSTGRES_URL
from bench.measure import Measurement
from bench.profile_summary import Profile
from bench.scenarios import NAMES
from bench.selection import DATABASES, MODES


@dataclass
class Options:
    workdir: Path
    articles: int = 10_000
    rounds: int = 3
    seconds: int = 10
    connections: int = 16
    scenarios: tuple[str, ...] = tuple(NAMES)
    modes: tuple[str, ...] = MODES
    databases: tuple[str, ...] = DATABASES
    growth: bool = False
    growth_articles: int = 100_000
    postgres_url: str = DEFAULT_POSTGRES_URL
    profile: bool = True


def median(measurements: list[Measurement], scenario: str, mode: str, metric: str) -> float:
    """Median of `metric` over the rounds of one scenario and mode (nan when not measured)."""
    values = [
        getattr(m.result, metric) for m in measurements if m.scenario == scenario and m.mode == mode
    ]
    return statistics.median(values) if values else float("nan")


@dataclass
class Pages:
    """Keyset pagination: page 1 and page `deep` of the teaser list, one connection each."""

    deep: int
    measurements: list[Measurement] = field(default_factory=list)


@dataclass
class DatabaseRun:
    database: str  # "sqlite" or "postgresql"
    version: str = ""
    import_seconds: dict[str, float] = field(default_factory=dict)
    measurements: list[Measurement] = field(default_factory=list)
    pages: Pages | None = None
    statements: dict[str, int] = field(default_factory=dict)
    rss_mb: dict[str, float] = field(default_factory=dict)
    profile: Profile | None = None
    skipped: dict[str, str] = field(default_factory=dict)


@dataclass
class GrowthRun:
    """Cold latency on a small and a large corpus of the same shape, one connection each."""

    database: str
    small: int
    large: int
    import_seconds: float = 0.0  # first import of the large corpus
    measurements: list[Measurement] = field(default_factory=list)  # mode: "small" / "large"
    pages: Pages | None = None  # on the large corpus
    seconds: float = 0.0


@dataclass
class Results:
    options: Options
    databases: list[DatabaseRun] = field(default_factory=list)
    growth: list[GrowthRun] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # phase -> wall seconds
