"""Seeding many articles: worker processes render the rich text, PostgreSQL gets COPY.

The fast paths must write exactly what the plain ones write; the content is the bundled
guide plus copies of its article under other slugs, rendered in batches of two articles
so that a worker process gets some of them.
"""

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from api.cli import main
from schema.richtext import render
from schema.tables import Article, Citation, Section
from seed import renderpool
from seed.content import ArticleDoc
from seed.importer import import_content, load_content
from seed.reader import read_article_file
from seed.renderpool import RenderPool

ARTICLE = "knochenmetastasen-verstehen"
COPIES = 12


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(renderpool, "BATCH", 2)


def add_copies(content_dir: Path, count: int = COPIES) -> list[str]:
    """Copies of the guide's article under the slugs kopie-01 …; returns every slug."""
    source = (content_dir / "articles" / f"{ARTICLE}.md").read_text(encoding="utf-8")
    slugs = [f"kopie-{number:02d}" for number in range(1, count + 1)]
    for number, slug in enumerate(slugs, start=1):
        text = source.replace(f"slug: {ARTICLE}\n", f"slug: {slug}\n", 1)
        # Each copy's lead differs, so no two articles render the same text.
        text = text.replace("\n---\n", f"\n---\nKopie Nummer {number}.\n\n", 1)
        (content_dir / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    return [ARTICLE, *slugs]


def documents(content_dir: Path) -> list[ArticleDoc]:
    """Every article of the folder, read in full."""
    content, _ = load_content(content_dir)
    return [read_article_file(content_dir, article.file)[0] for article in content.articles]


async def stored(engine: AsyncEngine) -> tuple[list, list, list]:
    async with engine.connect() as connection:
        articles = await connection.execute(
            select(Article.slug, Article.lead_markdown, Article.lead_html, Article.lead_text)
        )
        sections = await connection.execute(
            select(
                Article.slug,
                Section.position,
                Section.anchor,
                Section.body_markdown,
                Section.body_html,
                Section.body_text,
            ).join(Article, Article.id == Section.article_id)
        )
        citations = await connection.execute(
            select(Article.slug, Citation.number).join(Article, Article.id == Citation.article_id)
        )
        return sorted(articles), sorted(sections), sorted(citations)


def test_workers_render_what_this_process_renders(content_dir: Path):
    add_copies(content_dir)
    workers, here = documents(content_dir), documents(content_dir)

    with RenderPool(workers=2) as pool:
        for article in workers:
            pool.add(article)
        pool.finish()
    with RenderPool(workers=0) as pool:
        for article in here:
            pool.add(article)
        pool.finish()

    assert len(workers) == COPIES + 1
    for by_workers, by_this in zip(workers, here, strict=True):
        assert by_workers.rendered == by_this.rendered
        assert by_workers.rendered.lead == render(by_workers.body.lead)


async def test_a_seed_of_many_articles_stores_every_row_and_a_reseed_changes_nothing(
    engine: AsyncEngine, content_dir: Path
):
    slugs = add_copies(content_dir)

    first = await import_content(engine, content_dir, workers=2)
    again = await import_content(engine, content_dir, workers=2)

    assert (first.articles.created, first.sections.created) == (COPIES + 1, (COPIES + 1) * 7)
    assert first.citations.created == (COPIES + 1) * 12
    assert again.summary() == "no changes"
    assert (again.articles.unchanged, again.sections.unchanged) == (COPIES + 1, (COPIES + 1) * 7)
    articles, sections, citations = await stored(engine)
    assert [slug for slug, *_ in articles] == sorted(slugs)
    for *_keys, markdown, html, text in [*articles, *sections]:
        expected = render(markdown)
        assert (expected.html, expected.text) == (html, text)
    assert len(sections) == (COPIES + 1) * 7
    assert citations == sorted((slug, number) for slug in slugs for number in range(1, 13))


async def test_sections_added_to_many_articles_get_new_ids_and_old_ones_keep_theirs(
    engine: AsyncEngine, content_dir: Path
):
    slugs = add_copies(content_dir)
    await import_content(engine, content_dir, workers=2)
    before = {(row.slug, row.anchor): row.id for row in await section_ids(engine)}
    for slug in slugs:
        path = content_dir / "articles" / f"{slug}.md"
        path.write_text(path.read_text("utf-8") + "\n## Neu\n\nEin neuer Abschnitt.\n", "utf-8")

    report = await import_content(engine, content_dir, workers=2)

    after = {(row.slug, row.anchor): row.id for row in await section_ids(engine)}
    assert (report.sections.created, report.sections.unchanged) == (len(slugs), len(slugs) * 7)
    assert {key: after[key] for key in before} == before
    new_ids = [after[slug, "neu"] for slug in slugs]
    assert len(set(new_ids)) == len(slugs)
    assert not set(new_ids) & set(before.values())


async def section_ids(engine: AsyncEngine) -> list:
    async with engine.connect() as connection:
        statement = select(Article.slug, Section.anchor, Section.id).join(
            Article, Article.id == Section.article_id
        )
        return list(await connection.execute(statement))


async def test_the_command_takes_a_number_of_workers(
    engine: AsyncEngine, content_dir: Path, database_url: str, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", database_url)
    add_copies(content_dir)

    assert await asyncio.to_thread(main, ["seed", str(content_dir), "--workers", "2"]) == 0
    assert f"articles: {COPIES + 1} created" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["seed", str(content_dir), "--workers", "0"]) == 0
    assert f"articles: 0 created, 0 updated, {COPIES + 1} unchanged" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["seed", str(content_dir), "--workers", "-1"])
    assert "--workers: must be a whole number, 0 or more, not '-1'" in capsys.readouterr().err
