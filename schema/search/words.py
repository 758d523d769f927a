"""German words for the SQLite index: split, normalise, stem (the Snowball German stemmer).

PostgreSQL stems in the database (`to_tsvector('german', …)`); SQLite has no
German stemmer, so the index text and every query pass through `stem` here,
the same way on both sides. The Snowball German stemmer (snowballstemmer ≥ 3)
folds umlauts and their transliterations alike: "Übelkeit", "Uebelkeit" and
"Ubelkeit" all become `ubel`; `casefold` turns ß into ss first.
"""

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

# Characters that may sit inside a word without splitting it (soft hyphen,
# zero-width space and joiners, word joiner, BOM); they are dropped before stemming.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_WORD = re.compile(rf"[\w{INVISIBLE}]+")

_STEMMER = snowballstemmer.stemmer("german")


class Word(NamedTuple):
    """A word of a text: where it stands (for highlighting) and its stem (for matching)."""

    start: int
    end: int
    stem: str


def without_invisible(text: str) -> str:
    return text.translate(_DROP_INVISIBLE)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The search key of one word: casefolded (ß → ss), invisible characters dropped, stemmed."""
    return _STEMMER.stemWord(without_invisible(word).casefold())


def words(text: str) -> Iterator[Word]:
    """The words of `text` in order; punctuation, hyphens and slashes separate words."""
    for match in _WORD.finditer(text):
        key = stem(match.group())
        if key:
            yield Word(match.start(), match.end(), key)


def index_text(text: str | None) -> str:
    """The stems of `text`, space-separated: what the FTS5 table stores and matches.

    The same stems as `words` yields (no word spans whitespace, so the text is
    split at whitespace first), with each whitespace-separated token's stems
    remembered: an import indexes millions of tokens, nearly all seen before.
    """
    if not text:
        return ""
    if len(_TOKEN_STEMS) > _MAX_TOKENS:
        _TOKEN_STEMS.clear()
    return " ".join(filter(None, map(_TOKEN_STEMS.__getitem__, text.split())))


class _TokenStems(dict[str, str]):
    """Token ("Schmerzen," or "Knochen-Metastasen") → its stems, space-separated."""

    def __missing__(self, token: str) -> str:
        value = " ".join(filter(None, map(stem, _WORD.findall(token))))
        self[token] = value
        return value


_TOKEN_STEMS = _TokenStems()
_MAX_TOKENS = 200_000
