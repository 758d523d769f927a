"""Pydantic validation errors, retold as problems an editor can act on."""

from collections.abc import Iterable
from difflib import get_close_matches
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from seed.errors import Problem
from seed.yamlsource import FieldPath, Source

M = TypeVar("M", bound=BaseModel)

# What to write when a required field is missing.
_MISSING_HINTS = {
    "slug": "a stable key in lowercase a-z, digits and hyphens",
    "title": "the title as printed in the source",
    "name": "the display name",
    "alt": "describe the image for readers who cannot see it",
    "url": "a path such as media/bild.svg",
    "id": "a stable key such as coleman-2020-esmo-bone-health",
    "citation": "the reference line exactly as the source prints it",
    "type": "a CSL type such as article-journal, report or webpage",
    "date-parts": "e.g. {date-parts: [[2020]]}",
}


def validate_entry(model: type[M], data: Any) -> tuple[M | None, ValidationError | None]:
    """Validate `data`; on errors, also try again without the top-level fields at fault.

    The second result (defaults in place of the bad fields) is only for the checks
    across files, so that one bad field does not hide every other problem of the entry.
    """
    try:
        return model.model_validate(data), None
    except ValidationError as error:
        if not isinstance(data, dict):
            return None, error
        bad = {detail["loc"][0] for detail in error.errors() if detail["loc"]}
        try:
            partial = model.model_validate({k: v for k, v in data.items() if k not in bad})
        except ValidationError:
            partial = None
        return partial, error


def validation_problems(
    error: ValidationError, source: Source, base: FieldPath, known: Iterable[str]
) -> list[Problem]:
    """One problem per pydantic error, at the line of the field it concerns."""
    known = sorted(known)
    problems = []
    for detail in error.errors(include_url=False):
        path = (*base, *_clean(detail["loc"]))
        problems.append(source.problem(path, describe(detail, known)))
    return problems


def _clean(loc: tuple[Any, ...]) -> FieldPath:
    # Validator names (e.g. 'function-after[...]') are not fields an editor wrote.
    return tuple(part for part in loc if isinstance(part, int) or "[" not in str(part))


def describe(detail: ErrorDetails, known: list[str]) -> str:
    kind, value, ctx = detail["type"], detail.get("input"), detail.get("ctx") or {}
    field = str(detail["loc"][-1]) if detail["loc"] else ""
    if value is None and kind.endswith("_type"):
        return f"has no value; write it after '{field}:'"
    match kind:
        case "missing":
            hint = _MISSING_HINTS.get(field)
            return f"required field is missing; add {field}: <{hint}>" if hint else "is required"
        case "extra_forbidden":
            close = get_close_matches(field, known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else "known fields: " + ", ".join(known)
            return f"unknown field {field!r}; {hint}"
        case "string_type":
            # YAML reads 31, yes or 1.5 as numbers / booleans unless quoted.
            hint = "; put it in quotes" if isinstance(value, int | float) else ""
            return f"must be text, not {_shown(value)}{hint}"
        case "string_too_long":
            return f"is longer than {ctx.get('max_length')} characters"
        case "string_pattern_mismatch":
            return f"{value!r} does not have the expected form ({ctx.get('pattern')})"
        case "enum":
            return f"{value!r} is not allowed; use one of {ctx.get('expected')}"
        case "int_type" | "int_parsing" | "int_from_float":
            return f"must be a whole number, not {_shown(value)}"
        case "greater_than":
            return f"must be greater than {ctx.get('gt')}, not {value!r}"
        case "bool_type" | "bool_parsing":
            return f"must be true or false, not {_shown(value)}"
        case "list_type":
            return f"must be a list (one '- item' per line), not {_shown(value)}"
        case "model_type" | "model_attributes_type" | "dict_type":
            return f"must be a mapping of fields (name: value), not {_shown(value)}"
        case "value_error" | "assertion_error":
            return detail["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind.startswith(("datetime", "date")):
        return (
            f"{value!r} is not a date or timestamp; "
            "write e.g. 2025-10-28 or 2025-10-28T09:00:00+01:00"
        )
    return f"{detail['msg']} (got {_shown(value)})"


def _shown(value: Any) -> str:
    kinds = {bool: "true/false", int: "a number", float: "a number", dict: "a mapping"}
    kind = kinds.get(type(value))
    if isinstance(value, list):
        kind = "a list"
    if value is None:
        return "an empty value"
    return f"{kind} ({value!r})" if kind else repr(value)
