"""Web-search syntax for SQLite, read like PostgreSQL's `websearch_to_tsquery`.

- words are all required: `Schmerzen nachts`
- `"…"` is a phrase: the words in this order, next to each other
- `or` between two terms accepts either: `Bisphosphonate or Denosumab`
- a leading `-` excludes a term: `Therapie -Chemotherapie`

Everything else (FTS5 operators such as `NEAR`, `*`, `:`, `(`, `^`) is plain
text: only word characters survive, and every term reaches FTS5 as a quoted
phrase of stems, so no input can be parsed as FTS5 syntax or raise an error.
"""

import re
from dataclasses import dataclass

from schema.search.words import words

# A quoted phrase (the closing quote may be missing) or a run of non-space characters.
_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True, slots=True)
class Fts5Query:
    """A MATCH expression and the stems a snippet highlights."""

    match: str
    stems: frozenset[str]


def fts5_query(text: str) -> Fts5Query | None:
    """The FTS5 MATCH expression for `text`; None when it asks for no word at all."""
    required: list[list[str]] = []  # AND of groups; each group is an OR of phrases
    excluded: list[str] = []
    stems: set[str] = set()
    join_next = False
    for negated, quoted, bare in _CHUNK.findall(text):
        if bare.casefold() == "or" and required:
            join_next = True
            continue
        if bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        keys = [word.stem for word in words(quoted or bare)]
        if not keys:
            continue
        phrase = '"' + " ".join(keys) + '"'
        if negated:
            excluded.append(phrase)
        elif join_next:
            required[-1].append(phrase)
        else:
            required.append([phrase])
        if not negated:
            stems.update(keys)
        join_next = False
    if not required:
        return None
    match = " AND ".join("(" + " OR ".join(group) + ")" for group in required)
    if excluded:
        match = f"({match}) NOT ({' OR '.join(excluded)})"
    return Fts5Query(match=match, stems=frozenset(stems))
