"""Documents written back as seed files: one article's file, or a whole content folder."""

from pathlib import Path
from typing import Any

import yaml

from schema.revisions.history import ContentState

# Field order as editors write them (PostgreSQL's jsonb keeps no key order).
_FRONT_MATTER = [
    "slug",
    "locale",
    "status",
    "title",
    "subtitle",
    "publisher",
    "url",
    "published_at",
    "updated_at",
    "reviewed_at",
    "hero",
    "topics",
    "references",
]
_HERO = ["url", "alt", "caption", "width", "height"]
_TOPIC = ["slug", "name", "parent", "description"]
_REFERENCE = [
    "id",
    "citation",
    "type",
    "author",
    "et-al",
    "issued",
    "title",
    "container-title",
    "volume",
    "issue",
    "page",
    "DOI",
    "URL",
    "accessed",
    "publisher",
    "publisher-place",
    "number",
    "version",
    "note",
]
_NAME = ["family", "given", "literal"]


def _ordered(data: dict[str, Any], order: list[str]) -> dict[str, Any]:
    """`data` with the keys of `order` first, in that order, then any others sorted."""
    known = [key for key in order if key in data]
    return {key: data[key] for key in [*known, *sorted(set(data) - set(order))]}


def article_text(document: dict[str, Any]) -> str:
    """The article's seed file: YAML front matter between `---` lines, the lead, the sections."""
    front = _ordered(document["front_matter"], _FRONT_MATTER)
    if isinstance(front.get("hero"), dict):
        front["hero"] = _ordered(front["hero"], _HERO)
    front = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    parts = [document["lead"]] if document["lead"] else []
    parts += [f"## {section['heading']}\n\n{section['body']}" for section in document["sections"]]
    return f"---\n{front}---\n" + "\n\n".join(parts).rstrip("\n") + "\n"


def write_content(state: ContentState, folder: Path, media: Path | None) -> None:
    """Write `state` as a content folder (topics.yaml, references.yaml, articles/*.md).

    Images are not part of revisions: `media` (the current media folder) is linked in.
    """
    folder.mkdir(parents=True, exist_ok=True)
    topics = sorted(state.topics.values(), key=lambda document: document["position"])
    _dump_yaml(folder / "topics.yaml", [_ordered(doc["item"], _TOPIC) for doc in topics])
    references = [_reference(state.references[key]["item"]) for key in sorted(state.references)]
    _dump_yaml(folder / "references.yaml", references)
    (folder / "articles").mkdir(exist_ok=True)
    for slug, document in state.articles.items():
        (folder / "articles" / f"{slug}.md").write_text(article_text(document), encoding="utf-8")
    if media is not None and media.is_dir():
        (folder / "media").symlink_to(media.resolve(), target_is_directory=True)


def _reference(item: dict[str, Any]) -> dict[str, Any]:
    item = _ordered(item, _REFERENCE)
    if isinstance(item.get("author"), list):
        item["author"] = [
            _ordered(name, _NAME) if isinstance(name, dict) else name for name in item["author"]
        ]
    return item


def _dump_yaml(path: Path, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")
