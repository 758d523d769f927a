"""Section anchors: stable, URL-safe ids derived from a heading."""

from slugify import slugify

# German transliteration first; python-slugify handles every other character.
_GERMAN = [
    ["ä", "ae"],
    ["ö", "oe"],
    ["ü", "ue"],
    ["Ä", "Ae"],
    ["Ö", "Oe"],
    ["Ü", "Ue"],
    ["ß", "ss"],
]


def anchor_for(heading: str) -> str:
    """'Wie die Situation sicher abgeklärt …' -> 'wie-die-situation-sicher-abgeklaert-…'."""
    # An explicit backend: anchors must not change when another one gets installed.
    return slugify(heading, replacements=_GERMAN, lowercase=True, backend="text-unidecode")
