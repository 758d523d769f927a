"""German-looking words for synthetic text, taken from the real guide's own text."""

import random
import re
from functools import cache
from pathlib import Path

GUIDE_ARTICLE = (
    Path(__file__).resolve().parent.parent
    / "seed"
    / "content"
    / "articles"
    / "knochenmetastasen-verstehen.md"
)
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")


@cache
def words() -> tuple[str, ...]:
    """The distinct words of the guide's body, sorted, so every run draws the same ones."""
    body = GUIDE_ARTICLE.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return tuple(sorted(set(_WORD.findall(body))))


def sentence(rng: random.Random, length: int) -> str:
    chosen = rng.choices(words(), k=length)
    return " ".join([chosen[0].capitalize(), *chosen[1:]]) + "."


def paragraph(rng: random.Random, characters: int) -> str:
    """Sentences of 6 to 16 words until about `characters` characters."""
    parts: list[str] = []
    size = 0
    while size < characters:
        parts.append(sentence(rng, rng.randint(6, 16)))
        size += len(parts[-1]) + 1
    return " ".join(parts)


def title(rng: random.Random, length: int) -> str:
    return " ".join(word.capitalize() for word in rng.choices(words(), k=length))
