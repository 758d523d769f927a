"""No silent loss: a vanished article is archived and kept in its history; --prune deletes
it for real and says so; removed sections leave with the article's new revision."""

from sqlalchemy import select
from test_seed_resync import ARTICLE, add_article, article, edit, rows

from schema.revisions.history import article_at, rows_of
from schema.tables import Section
from seed.importer import import_content

SECOND = "zweiter-artikel"


async def test_vanished_article_is_archived_and_its_last_revision_keeps_it(engine, content_dir):
    add_article(content_dir, SECOND)
    first = await import_content(engine, content_dir)
    (content_dir / "articles" / f"{SECOND}.md").unlink()

    report = await import_content(engine, content_dir)

    assert (await article(engine, SECOND)).status == "archived"
    assert report.change_lines() == [
        f"article {SECOND}: status changed (archived: no longer in the files)"
    ]
    async with engine.connect() as connection:
        document, _ = await article_at(rows_of(connection), SECOND, report.revision)
        assert document["front_matter"]["status"] == "archived"
        before, _ = await article_at(rows_of(connection), SECOND, first.revision)
        assert before["front_matter"]["status"] == "published"


async def test_prune_deletes_vanished_articles_and_says_which(engine, content_dir):
    add_article(content_dir, SECOND)
    add_article(content_dir, "dritter-artikel")
    await import_content(engine, content_dir)
    for slug in (SECOND, "dritter-artikel"):
        (content_dir / "articles" / f"{slug}.md").unlink()
    archived = await import_content(engine, content_dir)  # archived first …

    report = await import_content(engine, content_dir, prune=True)  # … then deleted

    assert archived.articles.archived == 2
    assert report.articles.removed == 2
    assert report.change_lines() == [
        "article dritter-artikel removed (deleted: --prune)",
        f"article {SECOND} removed (deleted: --prune)",
    ]
    assert "articles: 0 created, 0 updated, 1 unchanged, 0 archived, 2 deleted" in (
        report.format().splitlines()
    )
    found = await rows(engine, select(Section.__table__.c.article_id).distinct())
    assert len(found) == 1  # the sections went with their articles
    async with engine.connect() as connection:
        # Deleted from the content, not from the history.
        assert await article_at(rows_of(connection), SECOND, report.revision) is None
        old, _ = await article_at(rows_of(connection), SECOND, report.revision - 1)
        assert old["front_matter"]["title"] == "Neu"


async def test_removed_section_goes_with_the_articles_new_revision(engine, content_dir):
    first = await import_content(engine, content_dir)
    text = (content_dir / ARTICLE).read_text(encoding="utf-8")
    start = text.index("## Kernaussage")
    (content_dir / ARTICLE).write_text(text[:start].rstrip() + "\n", encoding="utf-8")

    report = await import_content(engine, content_dir)

    assert report.change_lines() == [
        "article knochenmetastasen-verstehen: section kernaussage removed"
    ]
    async with engine.connect() as connection:
        now, _ = await article_at(rows_of(connection), "knochenmetastasen-verstehen", 2)
        then, _ = await article_at(rows_of(connection), "knochenmetastasen-verstehen", 1)
    assert [section["heading"] for section in then["sections"]][-1] == "Kernaussage"
    assert len(then["sections"]) == len(now["sections"]) + 1
    assert (first.revision, report.revision) == (1, 2)


async def test_a_prune_keeps_nothing_archived_articles_cited(engine, content_dir):
    add_article(content_dir, SECOND)
    edit(content_dir, f"articles/{SECOND}.md", "title: Neu", "title: Neu\nreferences: [only-here]")
    with (content_dir / "references.yaml").open("a", encoding="utf-8") as file:
        file.write("\n- id: only-here\n  type: webpage\n  title: Nur hier\n  citation: Nur hier.\n")
    await import_content(engine, content_dir)
    (content_dir / "articles" / f"{SECOND}.md").unlink()
    references = (content_dir / "references.yaml").read_text(encoding="utf-8")
    (content_dir / "references.yaml").write_text(references.split("\n- id: only-here")[0] + "\n")

    kept = await import_content(engine, content_dir, dry_run=True)
    pruned = await import_content(engine, content_dir, prune=True)

    assert kept.references.removed == 0  # archiving keeps what the archived article cites
    assert pruned.references.removed == 1
    assert pruned.change_lines() == [
        "reference only-here removed",
        f"article {SECOND} removed (deleted: --prune)",
    ]
