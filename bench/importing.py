"""Import times: `guide-api seed` of a corpus, as an admin runs it."""

import os
import subprocess
import time
from pathlib import Path

from bench.processes import BIN


def seed_seconds(corpus: Path, database_url: str) -> float:
    """Wall time of one `guide-api seed` (with its migration check) into `database_url`."""
    started = time.perf_counter()
    finished = subprocess.run(
        [str(BIN / "guide-api"), "seed", str(corpus)],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"guide-api seed {corpus} failed:\n{finished.stderr[-2000:]}")
    return time.perf_counter() - started


def import_times(corpus: Path, database_url: str) -> dict[str, float]:
    """The first import into an empty database, then a re-seed of the same files."""
    return {
        "first import": seed_seconds(corpus, database_url),
        "re-seed, nothing changed": seed_seconds(corpus, database_url),
    }
