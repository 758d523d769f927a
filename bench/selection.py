"""What part of the benchmark to run: --scenarios, --modes and --database."""

from bench.scenarios import NAMES

MODES = ("limit", "cold", "hot")
DATABASES = ("sqlite", "postgresql")
DATABASE_CHOICES = (*DATABASES, "both")


class SelectionError(ValueError):
    """A filter named nothing the benchmark knows."""


def _words(values: list[str] | None) -> list[str]:
    """`a,b c` -> [a, b, c]: the filters take commas, spaces, or both."""
    return [word.strip().lower() for value in values or [] for word in value.split(",") if word]


def pick_scenarios(values: list[str] | None) -> tuple[str, ...]:
    """Scenario keys matching each value as a key or name prefix; every scenario for none."""
    words = _words(values)
    if not words:
        return tuple(NAMES)
    picked = []
    for word in words:
        matches = [
            key for key, name in NAMES.items() if key.startswith(word) or name.startswith(word)
        ]
        if not matches:
            raise SelectionError(f"--scenarios: {word!r} matches none of {', '.join(NAMES)}")
        picked += matches
    return tuple(key for key in NAMES if key in picked)


def pick_modes(values: list[str] | None) -> tuple[str, ...]:
    """The modes to measure; the limit is always among them (every figure is a share of it)."""
    words = _words(values)
    unknown = [word for word in words if word not in MODES]
    if unknown:
        raise SelectionError(f"--modes: {', '.join(unknown)} not one of {', '.join(MODES)}")
    if words and not set(words) - {"limit"}:
        raise SelectionError("--modes: name cold and/or hot (the limit is measured with them)")
    return tuple(mode for mode in MODES if mode == "limit" or not words or mode in words)


def pick_databases(value: str) -> tuple[str, ...]:
    if value not in DATABASE_CHOICES:
        raise SelectionError(f"--database: {value!r} not one of {', '.join(DATABASE_CHOICES)}")
    return DATABASES if value == "both" else (value,)
