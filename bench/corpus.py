"""A deterministic synthetic corpus in the seed format, for benchmarks.

    python -m bench corpus OUT [--articles 10000]

Defaults follow the benchmark plan: 10,000 articles of 8 sections with about
1,500 characters each and a lead of about 300, 50 topics in a two-level tree,
2,000 references, 12 citations and 1 to 3 topics per article. The same
arguments always write the same files.
"""

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.vocabulary import paragraph, title

REAL_CONTENT = Path(__file__).resolve().parent.parent / "seed" / "content"


@dataclass(frozen=True)
class CorpusShape:
    articles: int = 10_000
    sections: int = 8
    section_chars: int = 1_500
    lead_chars: int = 300
    topics: int = 50
    references: int = 2_000
    citations: int = 12
    seed: int = 20251028


def write_corpus(out: Path, shape: CorpusShape = CorpusShape()) -> Path:
    """Write the corpus to `out` (replacing it) and return `out`."""
    out = Path(out).resolve()
    if out == REAL_CONTENT or REAL_CONTENT in out.parents:
        raise ValueError(f"{out}: synthetic content never goes into the real seed/content")
    shutil.rmtree(out, ignore_errors=True)
    (out / "articles").mkdir(parents=True)
    (out / "media").mkdir()
    rng = random.Random(shape.seed)
    topic_slugs = _write_topics(out, rng, shape)
    reference_ids = _write_references(out, rng, shape)
    for number in range(shape.articles):
        _write_article(out, rng, shape, number, topic_slugs, reference_ids)
    return out


# libyaml's emitter when PyYAML has it: the pure-Python one takes seconds per 1,000 items.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _yaml(data) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)


def _dump(path: Path, data) -> None:
    path.write_text(_yaml(data), encoding="utf-8")


def _write_topics(out: Path, rng: random.Random, shape: CorpusShape) -> list[str]:
    roots = max(1, shape.topics // 10)
    topics = []
    for number in range(shape.topics):
        topic = {"slug": f"thema-{number:03d}", "name": title(rng, 2)}
        if number >= roots:
            topic["parent"] = f"thema-{number % roots:03d}"
        topic["description"] = paragraph(rng, 120)
        topics.append(topic)
    _dump(out / "topics.yaml", topics)
    return [topic["slug"] for topic in topics]


def _write_references(out: Path, rng: random.Random, shape: CorpusShape) -> list[str]:
    references = []
    for number in range(shape.references):
        year = 2000 + number % 25
        name = title(rng, 6)
        references.append(
            {
                "id": f"quelle-{number:05d}",
                "citation": f"Muster A, Beispiel B ({year}) {name}. Fachjournal {number % 40}.",
                "type": "article-journal",
                "author": [
                    {"family": "Muster", "given": "A"},
                    {"family": "Beispiel", "given": "B"},
                ],
                "issued": {"date-parts": [[year]]},
                "title": name,
                "container-title": f"Fachjournal {number % 40}",
                "DOI": f"10.5555/bench.{number:05d}",
                "URL": f"https://example.org/quelle/{number:05d}",
                "accessed": {"date-parts": [[2025, 10, 28]]},
            }
        )
    _dump(out / "references.yaml", references)
    return [reference["id"] for reference in references]


def _write_article(out, rng, shape, number, topic_slugs, reference_ids) -> None:
    slug = article_slug(number)
    front = {
        "slug": slug,
        "locale": "de",
        "status": "published",
        "title": f"{title(rng, 3)} {number}",
        "publisher": "bench.example",
        "topics": rng.sample(topic_slugs, rng.randint(1, 3)),
        "references": rng.sample(reference_ids, shape.citations),
    }
    parts = [paragraph(rng, shape.lead_chars)]
    for position in range(1, shape.sections + 1):
        parts.append(f"## {title(rng, 4)} {position}")
        parts.append(paragraph(rng, shape.section_chars))
    text = f"---\n{_yaml(front)}---\n" + "\n\n".join(parts) + "\n"
    (out / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")


def article_slug(number: int) -> str:
    return f"artikel-{number:06d}"


def probe_slug(articles: int) -> str:
    """The article the scenarios ask for: the same one in every corpus of 43 or more."""
    return article_slug(min(42, articles - 1))


def section_anchors(corpus: Path, slug: str) -> list[str]:
    """The anchors of an article's sections, as the importer derives them."""
    from schema.anchors import anchor_for

    text = (corpus / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    return [anchor_for(line[3:]) for line in text.splitlines() if line.startswith("## ")]
