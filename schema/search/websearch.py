"""Web-search syntax, read like PostgreSQL's `websearch_to_tsquery`, the same on both databases.

- words are all required: `Schmerzen nachts`
- `"…"` is a phrase: the words in this order, next to each other
- `or` between two terms accepts either: `Bisphosphonate or Denosumab`
- a leading `-` excludes a term: `Therapie -Chemotherapie`

`parse` reads a search text into `Terms`; `fts5_query` makes SQLite's MATCH
expression of them, `postgresql` a tsquery. Everything else (FTS5 or tsquery
operators such as `NEAR`, `*`, `:`, `(`, `^`, `&`, `!`) is plain text: only
word characters survive, and every term reaches FTS5 as a quoted phrase of
stems (PostgreSQL: `phraseto_tsquery`), so no input can be parsed as search
syntax or raise an error.
"""

import re
from dataclasses import dataclass

from schema.search.words import words

# A quoted phrase (the closing quote may be missing) or a run of non-space characters.
_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True, slots=True)
class Term:
    """One term as typed (the words of a quoted phrase, or one word) and its stems."""

    text: str
    stems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Terms:
    """What a search text asks for: every group (an OR of terms), and none of `excluded`."""

    required: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    @property
    def stems(self) -> frozenset[str]:
        """The stems of the wanted terms: what a snippet highlights."""
        return frozenset(stem for group in self.required for term in group for stem in term.stems)


@dataclass(frozen=True, slots=True)
class Fts5Query:
    """A MATCH expression and the stems a snippet highlights."""

    match: str
    stems: frozenset[str]


def parse(text: str) -> Terms | None:
    """The terms of `text`; None when it asks for no word at all."""
    required: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for negated, quoted, bare in _CHUNK.findall(text):
        if bare.casefold() == "or" and required:
            join_next = True
            continue
        if bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        term = Term(quoted or bare, tuple(word.stem for word in words(quoted or bare)))
        if not term.stems:
            continue
        if negated:
            excluded.append(term)
        elif join_next:
            required[-1].append(term)
        else:
            required.append([term])
        join_next = False
    if not required:
        return None
    return Terms(tuple(tuple(group) for group in required), tuple(excluded))


def fts5_query(text: str) -> Fts5Query | None:
    """The FTS5 MATCH expression for `text`; None when it asks for no word at all."""
    terms = parse(text)
    if terms is None:
        return None
    match = " AND ".join(
        "(" + " OR ".join(_phrase(term) for term in group) + ")" for group in terms.required
    )
    if terms.excluded:
        match = f"({match}) NOT ({' OR '.join(_phrase(term) for term in terms.excluded)})"
    return Fts5Query(match=match, stems=terms.stems)


def _phrase(term: Term) -> str:
    return '"' + " ".join(term.stems) + '"'
