"""The benchmark's statement counts see every statement, and a list costs the same at 1 and 100."""

import asyncio
from pathlib import Path

from bench.corpus import CorpusShape, probe_slug, section_anchors, write_corpus
from bench.scenarios import scenarios
from bench.statements import statement_cases, statements_per_request
from seed.importer import import_content

SMALL = CorpusShape(articles=120, topics=8, references=60, section_chars=200)


async def test_statement_counts(engine, database_url, tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", SMALL)
    await import_content(engine, corpus)
    slug = probe_slug(SMALL.articles)
    cases = scenarios(slug, section_anchors(corpus, slug)[2], "thema-001", "Knochenmetastasen")
    main = [case for case in cases if case.main]
    counts = await asyncio.to_thread(statements_per_request, database_url, statement_cases(main))
    assert set(counts) == {"article", "teasers", "section", "teasers 1", "teasers 100"}
    assert all(count > 0 for count in counts.values()), counts
    assert counts["teasers 1"] == counts["teasers 100"]
