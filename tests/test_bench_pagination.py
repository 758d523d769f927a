"""The benchmark's deep-page cursor is the API's own: it opens the page it claims to."""

from pathlib import Path

import httpx

from api.app import create_app
from api.settings import Settings
from bench.corpus import CorpusShape, write_corpus
from bench.pagination import corpus_slugs, cursor_before, deepest_page, page
from schema.cursors import decode_cursor
from seed.importer import import_content

SMALL = CorpusShape(articles=70, topics=8, references=60, section_chars=200)
SLUGS = [f"artikel-{number:06d}" for number in range(70)]


def test_cursor_opens_after_the_last_article_of_the_previous_page():
    assert cursor_before(SLUGS, 1) is None
    assert decode_cursor(cursor_before(SLUGS, 3)) == SLUGS[39]


def test_deepest_page_is_the_wanted_one_or_the_last_full_page():
    assert deepest_page(100_000) == 500
    assert deepest_page(10_000) == 500
    assert deepest_page(2_000) == 100
    assert deepest_page(30) == 1


async def test_computed_cursor_opens_the_expected_page(engine, database_url, tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", SMALL)
    await import_content(engine, corpus)
    slugs = corpus_slugs(corpus)
    assert slugs == SLUGS
    app = create_app(Settings(database_url=database_url, seed_on_start=False, _env_file=None))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for number in (1, 3):
                scenario = page(slugs, number)
                answer = (await client.post("/graphql", json=scenario.body())).json()
                assert "errors" not in answer
                assert scenario.check(answer["data"]) is None
                edges = answer["data"]["articles"]["edges"]
                assert edges[0]["node"]["slug"] == slugs[(number - 1) * 20]
