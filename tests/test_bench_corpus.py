"""The synthetic benchmark corpus is valid seed content, deterministic, and kept apart."""

import filecmp
from pathlib import Path

import pytest

from bench.corpus import REAL_CONTENT, CorpusShape, write_corpus
from seed.importer import import_content

SMALL = CorpusShape(articles=30, topics=8, references=60, section_chars=300)


def test_same_shape_writes_the_same_files(tmp_path):
    first = write_corpus(tmp_path / "a", SMALL)
    second = write_corpus(tmp_path / "b", SMALL)
    comparison = filecmp.dircmp(first / "articles", second / "articles")
    assert comparison.left_only == comparison.right_only == comparison.diff_files == []
    assert filecmp.cmp(first / "references.yaml", second / "references.yaml", shallow=False)


def test_never_writes_into_the_real_content():
    with pytest.raises(ValueError, match="never goes into the real seed/content"):
        write_corpus(REAL_CONTENT / "articles", SMALL)


async def test_corpus_imports_cleanly(engine, tmp_path: Path):
    report = await import_content(engine, write_corpus(tmp_path / "corpus", SMALL))
    assert report.articles.created == 30
    assert report.sections.created == 30 * SMALL.sections
    assert report.citations.created == 30 * SMALL.citations
    assert report.references.created == 60
    assert report.topics.created == 8
    assert report.warnings == []
