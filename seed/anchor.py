"""Section anchors of headings, quickly: `schema.anchors.anchor_for`, with a shortcut.

A seed of 10,000 articles derives 80,000 anchors, and python-slugify takes some 8 µs
for each. Most headings hold only letters, German umlauts, digits, spaces and a few
marks that slugify turns into hyphens; for those, its result is exactly this: umlauts
transliterated, lowercased, every run of other characters one '-', trimmed
(tests/test_seed_anchor.py checks it against slugify). Any other heading goes to
`anchor_for` itself.
"""

import re
from functools import lru_cache

from schema.anchors import anchor_for

# No '&' or '#' (HTML entities), "'" (dropped, not a separator) or ',' (dropped
# between digits), nothing slugify would transliterate but the umlauts and the en dash.
_SIMPLE = re.compile(r"[A-Za-z0-9ÄÖÜäöüß .:;!?()/–-]*")
_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def heading_anchor(heading: str) -> str:
    """The anchor of `heading`, always equal to `anchor_for(heading)`."""
    if _SIMPLE.fullmatch(heading):
        return _SEPARATORS.sub("-", heading.translate(_GERMAN).lower()).strip("-")
    return _slugified(heading)


# Headings such as "Kernaussage" recur across articles.
_slugified = lru_cache(maxsize=65536)(anchor_for)
