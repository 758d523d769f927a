"""Reading seed files without a database: body splitting, YAML details, warnings."""

from pathlib import Path

import pytest

from seed.body import parse_body
from seed.errors import SeedError
from seed.importer import load_content
from seed.reader import read_article_file
from seed.yamlsource import parse_yaml

ARTICLE = "articles/knochenmetastasen-verstehen.md"


def edit(content_dir: Path, file: str, old: str, new: str) -> None:
    """Replace the first `old` in a copied content file by `new`."""
    path = content_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def warnings_of(content_dir: Path) -> list[str]:
    _, warnings = load_content(content_dir)
    return [str(warning) for warning in warnings if "references.yaml" not in warning.file]


def test_body_splits_lead_and_sections_with_their_lines():
    text = (
        "Lead line.\n\n## Erste Frage\n\nAntwort.\n\n### Unterpunkt\n\nMehr.\n## Zweite ##\nZwei."
    )
    body, problems, warnings = parse_body(text, "a.md", first_line=10)

    assert (problems, warnings) == ([], [])
    assert body.lead == "Lead line."
    assert [(s.heading, s.anchor, s.line) for s in body.sections] == [
        ("Erste Frage", "erste-frage", 12),
        ("Zweite", "zweite", 19),
    ]
    assert body.sections[0].body == "Antwort.\n\n### Unterpunkt\n\nMehr."


def test_hashes_inside_a_code_fence_are_not_headings():
    text = "Lead.\n\n## Code\n\n```\n## kein Abschnitt\n```\n\n~~~~\n## auch nicht\n~~~~\n"
    body, problems, _ = parse_body(text, "a.md", first_line=1)

    assert problems == []
    assert [section.heading for section in body.sections] == ["Code"]
    assert "## kein Abschnitt" in body.sections[0].body


def test_heading_without_letters_and_empty_section_are_reported():
    body, problems, warnings = parse_body("Lead.\n\n## –\n\nText.\n\n## Leer\n", "a.md", 1)

    assert [str(problem) for problem in problems] == [
        "a.md: line 3: heading '–' has no letters or digits to build an anchor from"
    ]
    assert [str(warning) for warning in warnings] == ["a.md: line 7: section 'Leer' has no text"]
    assert [section.anchor for section in body.sections] == ["leer"]


def test_yaml_lines_follow_the_offset_and_repeated_keys_are_problems():
    data, source, problems = parse_yaml("a: 1\nb:\n  - x\n  - {c: 2}\na: 3\n", "f.yaml", 5)

    assert data == {"a": 1, "b": ["x", {"c": 2}]}  # the repeat is refused, not used
    assert source.line_of(("b", 1, "c")) == 8
    assert source.line_of(("b", 1, "missing")) == 8
    assert [str(problem) for problem in problems] == [
        "f.yaml: line 9, field a: appears twice (also on line 5); keep only one"
    ]


def test_yaml_merge_keys_and_dates_as_text():
    text = "base: &b {k: 1, j: 2}\nm:\n  <<: *b\n  k: 3\nd: 2025-10-28\n"
    data, _, problems = parse_yaml(text, "f.yaml")

    assert problems == []
    assert data == {"base": {"k": 1, "j": 2}, "m": {"k": 3, "j": 2}, "d": "2025-10-28"}


def test_windows_line_ends_and_byte_order_mark_are_read(content_dir):
    path = content_dir / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())

    content, _ = load_content(content_dir)

    [facts] = content.articles
    article, _problems, _warnings = read_article_file(content_dir, facts.file)
    assert facts.sections == len(article.body.sections) == 7
    assert article.body.sections[-1].heading == "Kernaussage"


def test_windows_line_ends_keep_line_numbers(content_dir):
    path = content_dir / ARTICLE
    edit(content_dir, ARTICLE, "## Kernaussage", "## ")
    line = path.read_text(encoding="utf-8").splitlines().index("## ") + 1
    path.write_bytes(path.read_text(encoding="utf-8").replace("\n", "\r\n").encode())

    with pytest.raises(SeedError) as raised:
        load_content(content_dir)

    assert str(raised.value) == (
        f"{ARTICLE}: line {line}: heading without text; write the heading after '## '"
    )


def test_other_files_in_articles_are_ignored_with_a_warning(content_dir):
    (content_dir / "articles" / "notizen.txt").write_text("x", encoding="utf-8")
    (content_dir / "articles" / ".gitkeep").write_text("", encoding="utf-8")

    assert warnings_of(content_dir) == ["articles/notizen.txt: ignored: articles are .md files"]


def test_article_file_named_unlike_its_slug_is_a_warning(content_dir):
    (content_dir / ARTICLE).rename(content_dir / "articles" / "alt.md")

    assert warnings_of(content_dir) == [
        "articles/alt.md: line 2, field slug: the file of article "
        "'knochenmetastasen-verstehen' should be named 'knochenmetastasen-verstehen.md'"
    ]


def test_reference_cited_by_no_article_is_a_warning(content_dir):
    edit(content_dir, ARTICLE, "  - cleveland-clinic-2024-bone-metastasis   # 12\n", "")
    text = (content_dir / "references.yaml").read_text(encoding="utf-8").splitlines()
    line = text.index("- id: cleveland-clinic-2024-bone-metastasis") + 1

    _, warnings = load_content(content_dir)

    assert str(warnings[-1]) == (
        f"references.yaml: line {line}, field [11].id: "
        "reference 'cleveland-clinic-2024-bone-metastasis' is cited by no article"
    )
