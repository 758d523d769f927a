"""A pyinstrument profile, summarised for the report: time by package, top functions, the tree.

Self time is grouped by the package of the code that spent it; built-in calls
count for the package that made them, and `[await]` (a request task waiting for
the database driver or the network) is a group of its own, named by where it waited.
"""

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pyinstrument is a dev dependency: only a profiling run imports it
    from pyinstrument.frame import Frame

REPO = Path(__file__).resolve().parent.parent
WAITING = "waiting (database, I/O)"
AWAIT_FRAME_IDENTIFIER = "[await]"  # pyinstrument.frame.AWAIT_FRAME_IDENTIFIER
_TREE_START = re.compile(r"^\s*\d+(\.\d+)?%")


@dataclass(frozen=True)
class Profile:
    requests: int
    seconds: float  # wall time of the profiled requests
    cpu_seconds: float
    samples: int
    packages: list[tuple[str, float]]  # package -> share of wall time
    functions: list[tuple[str, str, float]]  # function, where, share of wall time (self time)
    tree: list[str]  # pyinstrument's call tree, trimmed

    @property
    def ms_per_request(self) -> float:
        return self.seconds / self.requests * 1000 if self.requests else float("nan")


def package_of(path: str | None) -> str | None:
    """The top-level package a source file belongs to; None for built-in code."""
    if not path or path.startswith("<"):
        return None
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if Path(path).is_relative_to(REPO):
        return Path(path).relative_to(REPO).parts[0].removesuffix(".py")
    return "asyncio" if "/asyncio/" in path else "stdlib"


def short_path(path: str | None) -> str:
    """`path` from its package on: site-packages and the repository root cut off."""
    if not path or path.startswith("<"):
        return path or "?"
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1]
    if Path(path).is_relative_to(REPO):
        return str(Path(path).relative_to(REPO))
    return "/".join(Path(path).parts[-2:])


def _label(frame: "Frame", caller: tuple[str, str]) -> tuple[str, str]:
    """(function, where); a built-in is placed where it was called from."""
    name = f"{frame.class_name}.{frame.function}" if frame.class_name else frame.function
    if package_of(frame.file_path) is None:
        return name, f"built-in, from {caller[1]}" if caller[1] else "built-in"
    return name, f"{short_path(frame.file_path)}:{frame.line_no}"


def self_times(frame: "Frame", package: str = "stdlib", caller=("", "")):
    """(package, function, where, seconds) for the self time of every frame under `frame`."""
    if frame.identifier == AWAIT_FRAME_IDENTIFIER:
        yield WAITING, f"[await] in {caller[0]}", caller[1], frame.time
        return
    if frame.is_synthetic:  # [self], [out-of-context], [root]: the caller's time
        yield package, *caller, frame.time
        return
    package = package_of(frame.file_path) or package
    label = _label(frame, caller)
    own = frame.time - sum(child.time for child in frame.children)
    if own > 0:
        yield package, *label, own
    for child in frame.children:
        yield from self_times(child, package, label)


def summarise(root: "Frame", requests: int, cpu_seconds: float, samples: int, tree: str, top=15):
    total = root.time or float("nan")
    packages: Counter[str] = Counter()
    functions: Counter[tuple[str, str]] = Counter()
    for package, function, where, seconds in self_times(root):
        packages[package] += seconds
        functions[function, where] += seconds
    return Profile(
        requests=requests,
        seconds=root.time,
        cpu_seconds=cpu_seconds,
        samples=samples,
        packages=[(name, seconds / total) for name, seconds in packages.most_common()],
        functions=[(f, w, seconds / total) for (f, w), seconds in functions.most_common(top)],
        tree=trim_tree(tree),
    )


def trim_tree(text: str, max_lines: int = 60) -> list[str]:
    """pyinstrument's console output without its banner, at most `max_lines` lines."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _TREE_START.match(line)), len(lines))
    tree = [line.rstrip() for line in lines[start:] if line.strip()]
    return tree[:max_lines] + (["…"] if len(tree) > max_lines else [])
