"""Problems found in the seed files, and the error that carries them."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Problems are listed in the order an editor reads the files: topics, references, articles.
_FILE_ORDER = {".": 0, "topics.yaml": 1, "references.yaml": 2}
_LINE = re.compile(r"line (\d+)")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one file.

    `file` is relative to the content directory; `location` says where inside it,
    e.g. "line 12", "field hero.alt" or "line 7, field references[3]"; it may be empty.
    """

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        parts = [self.file, self.location, self.message]
        return ": ".join(part for part in parts if part)

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "location": self.location, "message": self.message}


class SeedError(Exception):
    """The seed files cannot be imported; `problems` lists every reason, nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order by file (topics, references, then articles by name), then by line."""
    return sorted(problems, key=_sort_key)


def _sort_key(problem: Problem) -> tuple[int, str, int]:
    match = _LINE.match(problem.location)
    line = int(match.group(1)) if match else 0
    return _FILE_ORDER.get(problem.file, 3), problem.file, line
