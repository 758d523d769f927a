"""Bad seed files: every problem is named by file and line or field, and nothing is written.

Each breakage edits a copy of the bundled content and returns the exact problem lines
it expects; the test seeds the good content first, so "nothing written" is checked
against a populated database.
"""

import shutil
from pathlib import Path

import pytest
import yaml

from seed import writer
from seed.errors import SeedError
from seed.importer import import_content

ARTICLE = "articles/knochenmetastasen-verstehen.md"
SLUG = "knochenmetastasen-verstehen"


# --- helpers that edit the copied content ----------------------------------------------


def read(content_dir: Path, file: str) -> str:
    return (content_dir / file).read_text(encoding="utf-8")


def write(content_dir: Path, file: str, text: str) -> None:
    (content_dir / file).write_text(text, encoding="utf-8")


def edit(content_dir: Path, file: str, old: str, new: str) -> None:
    """Replace the first `old` in a copied content file by `new`."""
    text = read(content_dir, file)
    assert old in text, f"{old!r} not in {file}"
    write(content_dir, file, text.replace(old, new, 1))


def append(content_dir: Path, file: str, text: str) -> None:
    write(content_dir, file, read(content_dir, file) + text)


def line_of(content_dir: Path, file: str, needle: str, start: int = 1) -> int:
    """The number of the first line (from `start` on) that contains `needle`."""
    lines = read(content_dir, file).splitlines()
    return next(n for n, line in enumerate(lines, 1) if n >= start and needle in line)


def front_matter(content_dir: Path) -> dict:
    return yaml.safe_load(read(content_dir, ARTICLE).split("---\n")[1])


def topic_count(content_dir: Path) -> int:
    return len(yaml.safe_load(read(content_dir, "topics.yaml")))


# --- breakages: each edits the copy and returns the problems it expects -----------------


def yaml_syntax_in_topics(content_dir):
    append(content_dir, "topics.yaml", "\n- slug: neu\n  name: Neu: Thema\n")
    line = line_of(content_dir, "topics.yaml", "name: Neu: Thema")
    return [
        f"topics.yaml: line {line}: invalid YAML: mapping values are not allowed in this "
        "context; put text that contains ': ' in quotes"
    ]


def yaml_syntax_in_front_matter(content_dir):
    edit(content_dir, ARTICLE, "title: Knochenmetastasen verstehen", "title: Knochen: verstehen")
    line = line_of(content_dir, ARTICLE, "title: Knochen: verstehen")
    return [
        f"{ARTICLE}: line {line}: invalid YAML: mapping values are not allowed in this "
        "context; put text that contains ': ' in quotes"
    ]


def no_front_matter(content_dir):
    write(content_dir, ARTICLE, read(content_dir, ARTICLE).removeprefix("---\n"))
    return [
        f"{ARTICLE}: line 1: no front matter; start the file with a '---' line, the fields "
        "(slug, title, …), and another '---' line"
    ]


def front_matter_not_closed(content_dir):
    edit(content_dir, ARTICLE, "\n---\n", "\n")
    return [f"{ARTICLE}: line 1: the front matter is not closed; add a '---' line after the fields"]


def front_matter_not_a_mapping(content_dir):
    text = read(content_dir, ARTICLE).split("---\n", 2)[2]
    write(content_dir, ARTICLE, f"---\n- slug\n---\n{text}")
    return [f"{ARTICLE}: line 2: front matter must be fields (name: value), e.g. 'title: …'"]


def wrong_field_type(content_dir):
    edit(content_dir, ARTICLE, "width: 1200", "width: breit")
    line = line_of(content_dir, ARTICLE, "width: breit")
    return [f"{ARTICLE}: line {line}, field hero.width: must be a whole number, not 'breit'"]


def unknown_field(content_dir):
    edit(content_dir, ARTICLE, "subtitle:", "subtitel:")
    line = line_of(content_dir, ARTICLE, "subtitel:")
    return [
        f"{ARTICLE}: line {line}, field subtitel: unknown field 'subtitel'; "
        "did you mean 'subtitle'?"
    ]


def repeated_field(content_dir):
    edit(content_dir, ARTICLE, "publisher:", "title: Noch ein Titel\npublisher:")
    first = line_of(content_dir, ARTICLE, "title:")
    second = line_of(content_dir, ARTICLE, "title: Noch ein Titel")
    return [
        f"{ARTICLE}: line {second}, field title: appears twice (also on line {first}); "
        "keep only one"
    ]


def missing_title(content_dir):
    edit(content_dir, ARTICLE, "title: Knochenmetastasen verstehen\n", "")
    return [
        f"{ARTICLE}: line 2, field title: required field is missing; "
        "add title: <the title as printed in the source>"
    ]


def missing_hero_alt(content_dir):
    text = read(content_dir, ARTICLE)
    start = text.index("  alt: ")
    write(content_dir, ARTICLE, text[:start] + text[text.index("\n", start) + 1 :])
    line = line_of(content_dir, ARTICLE, "hero:")
    return [
        f"{ARTICLE}: line {line}, field hero.alt: required field is missing; "
        "add alt: <describe the image for readers who cannot see it>"
    ]


def bad_status(content_dir):
    edit(content_dir, ARTICLE, "status: published", "status: veröffentlicht")
    line = line_of(content_dir, ARTICLE, "status:")
    return [
        f"{ARTICLE}: line {line}, field status: 'veröffentlicht' is not allowed; "
        "use one of 'draft', 'published' or 'archived'"
    ]


def bad_timestamp(content_dir):
    edit(content_dir, ARTICLE, "publisher:", "published_at: 2025-13-01\npublisher:")
    line = line_of(content_dir, ARTICLE, "published_at:")
    return [
        f"{ARTICLE}: line {line}, field published_at: '2025-13-01' is not a date or "
        "timestamp; write e.g. 2025-10-28 or 2025-10-28T09:00:00+01:00"
    ]


def missing_heading_text(content_dir):
    line = line_of(content_dir, ARTICLE, "## Kernaussage")
    edit(content_dir, ARTICLE, "## Kernaussage", "## ")
    return [f"{ARTICLE}: line {line}: heading without text; write the heading after '## '"]


def empty_body(content_dir):
    head = read(content_dir, ARTICLE).split("\n---\n")[0]
    write(content_dir, ARTICLE, head + "\n---\n\n")
    line = line_of(content_dir, ARTICLE, "---", start=2) + 1
    return [f"{ARTICLE}: line {line}: empty body; write a lead and '## ' sections"]


def duplicate_anchor(content_dir):
    first = line_of(content_dir, ARTICLE, "## Kernaussage")
    append(content_dir, ARTICLE, "\n## Kernaussage!\n\nNoch einmal.\n")
    second = line_of(content_dir, ARTICLE, "## Kernaussage!")
    return [
        f"{ARTICLE}: line {second}: heading 'Kernaussage!' gives the anchor 'kernaussage', "
        f"which the heading on line {first} already has; reword one of them"
    ]


def unknown_topic_in_article(content_dir):
    index = front_matter(content_dir)["topics"].index("brustkrebs")
    edit(content_dir, ARTICLE, "  - brustkrebs", "  - brustkrebz")
    line = line_of(content_dir, ARTICLE, "  - brustkrebz")
    return [
        f"{ARTICLE}: line {line}, field topics[{index}]: unknown topic 'brustkrebz'; "
        "did you mean 'brustkrebs'?"
    ]


def unknown_parent_topic(content_dir):
    edit(content_dir, "topics.yaml", "parent: krebs", "parent: kerbs")
    line = line_of(content_dir, "topics.yaml", "parent: kerbs")
    return [
        f"topics.yaml: line {line}, field [1].parent: unknown parent topic 'kerbs'; "
        "did you mean 'krebs'?"
    ]


def topic_parent_cycle(content_dir):
    edit(
        content_dir,
        "topics.yaml",
        "  name: Krebs\n",
        "  name: Krebs\n  parent: knochenmetastasen\n",
    )
    line = line_of(content_dir, "topics.yaml", "parent: knochenmetastasen")
    return [
        f"topics.yaml: line {line}, field [0].parent: topic parents form a cycle: "
        "krebs → knochenmetastasen → metastasen → krebs; one of them must have no parent"
    ]


def duplicate_topic_slug(content_dir):
    index = topic_count(content_dir)
    append(content_dir, "topics.yaml", "\n- slug: krebs\n  name: Noch einmal Krebs\n")
    first = line_of(content_dir, "topics.yaml", "- slug: krebs")
    second = line_of(content_dir, "topics.yaml", "- slug: krebs", start=first + 1)
    return [
        f"topics.yaml: line {second}, field [{index}].slug: slug 'krebs' is used twice "
        f"(first on line {first}); keep one"
    ]


def duplicate_article_slug(content_dir):
    shutil.copy(content_dir / ARTICLE, content_dir / "articles" / "kopie.md")
    return [
        f"articles/kopie.md: line 2, field slug: article slug '{SLUG}' is already used by "
        f"{ARTICLE}; change one"
    ]


def duplicate_reference_id(content_dir):
    index = len(yaml.safe_load(read(content_dir, "references.yaml")))
    append(
        content_dir,
        "references.yaml",
        "\n- id: ccs-2024-bone-metastases\n  citation: Doppelt\n  type: report\n  title: Doppelt\n",
    )
    first = line_of(content_dir, "references.yaml", "- id: ccs-2024-bone-metastases")
    second = line_of(content_dir, "references.yaml", "- id: ccs-2024-bone-metastases", first + 1)
    return [
        f"references.yaml: line {second}, field [{index}].id: id 'ccs-2024-bone-metastases' "
        f"is used twice (first on line {first}); keep one"
    ]


def unknown_reference(content_dir):
    index = front_matter(content_dir)["references"].index("ccs-2024-bone-metastases")
    edit(content_dir, ARTICLE, "  - ccs-2024-bone-metastases", "  - ccs-2024-bone-metastasen")
    line = line_of(content_dir, ARTICLE, "  - ccs-2024-bone-metastasen")
    return [
        f"{ARTICLE}: line {line}, field references[{index}]: unknown reference "
        "'ccs-2024-bone-metastasen'; did you mean 'ccs-2024-bone-metastases'?"
    ]


def reference_cited_twice(content_dir):
    index = front_matter(content_dir)["references"].index("ccs-2024-bone-metastases")
    edit(content_dir, ARTICLE, "  - ccs-2024-bone-metastases", "  - coleman-2020-esmo-bone-health")
    line = line_of(content_dir, ARTICLE, "references:") + 1 + index
    return [
        f"{ARTICLE}: line {line}, field references[{index}]: reference "
        "'coleman-2020-esmo-bone-health' is listed twice (also references[0]); remove one"
    ]


def bad_csl_item(content_dir):
    edit(content_dir, "references.yaml", "type: article-journal", "type: zeitschrift")
    edit(
        content_dir,
        "references.yaml",
        "accessed: {date-parts: [[2025, 10, 28]]}",
        "accessed: {date-parts: [[2025]]}",
    )
    edit(content_dir, "references.yaml", "container-title:", "containertitle:")
    type_line = line_of(content_dir, "references.yaml", "type: zeitschrift")
    container_line = line_of(content_dir, "references.yaml", "containertitle:")
    accessed_line = line_of(content_dir, "references.yaml", "accessed: {date-parts: [[2025]]}")
    return [
        f"references.yaml: line {type_line}, field [0].type: 'zeitschrift' is not a CSL type; "
        "e.g. article-journal, report",
        f"references.yaml: line {container_line}, field [0].containertitle: unknown field "
        "'containertitle'; did you mean 'container-title'?",
        f"references.yaml: line {accessed_line}, field [0].accessed: give year, month and day: "
        "{date-parts: [[2025, 10, 28]]}",
    ]


def hero_file_missing(content_dir):
    (content_dir / "media" / f"{SLUG}.svg").unlink()
    line = line_of(content_dir, ARTICLE, "  url: media/")
    return [
        f"{ARTICLE}: line {line}, field hero.url: file 'media/{SLUG}.svg' not found in the "
        "content directory; add it or fix the path"
    ]


def topics_file_missing(content_dir):
    (content_dir / "topics.yaml").unlink()
    return [f"topics.yaml: not found in {str(content_dir)!r}; create it"]


def references_file_missing(content_dir):
    (content_dir / "references.yaml").unlink()
    return [f"references.yaml: not found in {str(content_dir)!r}; create it"]


def topics_not_a_list(content_dir):
    write(content_dir, "topics.yaml", "# Themen\nslug: krebs\nname: Krebs\n")
    return ["topics.yaml: line 2: must be a YAML list, one '- slug: …' per item"]


def not_utf8(content_dir):
    text = read(content_dir, "topics.yaml")
    (content_dir / "topics.yaml").write_bytes(text.encode("latin-1", errors="replace"))
    line = next(n for n, line in enumerate(text.splitlines(), 1) if not line.isascii())
    return [f"topics.yaml: line {line}: is not UTF-8 text; save the file as UTF-8"]


def problems_in_several_files(content_dir):
    # All of them, in reading order: topics, references, then articles by line.
    return [
        *unknown_parent_topic(content_dir),
        *duplicate_reference_id(content_dir),
        *bad_status(content_dir),
        *unknown_topic_in_article(content_dir),
        *missing_heading_text(content_dir),
    ]


BREAKAGES = [
    yaml_syntax_in_topics,
    yaml_syntax_in_front_matter,
    no_front_matter,
    front_matter_not_closed,
    front_matter_not_a_mapping,
    wrong_field_type,
    unknown_field,
    repeated_field,
    missing_title,
    missing_hero_alt,
    bad_status,
    bad_timestamp,
    missing_heading_text,
    empty_body,
    duplicate_anchor,
    unknown_topic_in_article,
    unknown_parent_topic,
    topic_parent_cycle,
    duplicate_topic_slug,
    duplicate_article_slug,
    duplicate_reference_id,
    unknown_reference,
    reference_cited_twice,
    bad_csl_item,
    hero_file_missing,
    topics_file_missing,
    references_file_missing,
    topics_not_a_list,
    not_utf8,
    problems_in_several_files,
]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda breakage: breakage.__name__)
async def test_bad_files_are_refused_and_the_database_kept(engine, content_dir, snapshot, breakage):
    await import_content(engine, content_dir)
    before = await snapshot(engine)
    expected = breakage(content_dir)

    with pytest.raises(SeedError) as raised:
        await import_content(engine, content_dir)

    assert str(raised.value) == "\n".join(expected)
    assert [str(problem) for problem in raised.value.problems] == expected
    assert await snapshot(engine) == before


async def test_missing_content_directory_is_refused(engine, content_dir, snapshot):
    await import_content(engine, content_dir)
    before = await snapshot(engine)
    missing = content_dir / "fehlt"

    with pytest.raises(SeedError) as raised:
        await import_content(engine, missing)

    assert str(raised.value) == (
        f".: content directory {str(missing)!r} not found; give the folder with topics.yaml"
    )
    assert await snapshot(engine) == before


async def test_failure_while_writing_rolls_everything_back(
    engine, content_dir, snapshot, monkeypatch
):
    await import_content(engine, content_dir)
    before = await snapshot(engine)
    edit(content_dir, "topics.yaml", "name: Krebs", "name: Krebserkrankungen")
    edit(content_dir, ARTICLE, "## Kernaussage", "## Das Wichtigste")
    (content_dir / ARTICLE).rename(content_dir / "articles" / "umbenannt.md")
    edit(content_dir, "articles/umbenannt.md", f"slug: {SLUG}", "slug: umbenannt")

    async def fail(*_args) -> None:
        raise RuntimeError("disk full")

    # Topics, references, articles, sections and citations are written before archiving.
    monkeypatch.setattr(writer, "_archive", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        await import_content(engine, content_dir)

    assert await snapshot(engine) == before
