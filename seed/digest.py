"""The hashes that say whether content changed since the last seed."""

import hashlib
import json
from typing import Any

from pydantic_core import to_json

from seed.body import Body
from seed.documents import ArticleMeta

# Part of every hash: bump it when the rows built from unchanged files change (e.g. a new
# rich-text renderer), so the next seed rewrites every article and reference.
ROW_FORMAT = 1


def content_hash(data: Any) -> str:
    """sha256 of a canonical JSON (sorted keys, no spaces) of `data`, e.g. a CSL item."""
    canonical = json.dumps(
        {"format": ROW_FORMAT, "data": data},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def article_digest(meta: ArticleMeta, body: Body) -> str:
    """sha256 of a canonical JSON of what an article file says: front matter (validated,
    so defaults filled in and fields in model order), lead and sections.

    pydantic's JSON encoder (Rust) instead of `json`: articles are long, and a
    no-change seed of 10,000 of them hashes every one.
    """
    sections = [[section.heading, section.body] for section in body.sections]
    document = {"format": ROW_FORMAT, "meta": meta, "lead": body.lead}
    return hashlib.sha256(to_json({**document, "sections": sections})).hexdigest()
