"""`seed --dry-run` tells per entity and per field what would change, and writes nothing."""

import asyncio
import json
from pathlib import Path

from test_seed_resync import ARTICLE, ARTICLE_SLUG, KERNAUSSAGE, add_article, edit

from api.cli import main
from seed.importer import import_content

SUPPORTIV = "leitlinienprogramm-onkologie-2022-s3-supportivtherapie"
SHORTENED_URL = "https://www.leitlinienprogramm-onkologie.de/.../LL_Supportiv_Langversion_1.3.pdf"
FULL_URL = "https://www.leitlinienprogramm-onkologie.de/LL_Supportiv_Langversion_1.3.pdf"


def change_editor_content(content_dir: Path) -> None:
    """One change of each kind: a section's text, a reference URL, topics, sections, a title."""
    edit(content_dir, ARTICLE, KERNAUSSAGE, "Knochenmetastasen sind sekundäre (!) Herde")
    edit(content_dir, "references.yaml", f"URL: {SHORTENED_URL}", f"URL: {FULL_URL}")
    edit(content_dir, "topics.yaml", "name: Brustkrebs", "name: Mammakarzinom")
    topic = "- slug: palliativmedizin\n  name: Palliativmedizin\n  parent: behandlung\n"
    with (content_dir / "topics.yaml").open("a", encoding="utf-8") as file:
        file.write(f"\n{topic}")
    edit(content_dir, ARTICLE, "title: Knochenmetastasen verstehen", "title: Knochenmetastasen")
    edit(content_dir, ARTICLE, "## Kernaussage", "## Zum Mitnehmen\n\nNeu.\n\n## Kernaussage")
    edit(content_dir, ARTICLE, "## Alltag und Selbstfürsorge", "## Alltag und Selbstsorge")
    add_article(content_dir, "zweiter-artikel", status="draft")


EXPECTED_LINES = [
    "  topic brustkrebs: name changed",
    "  topic palliativmedizin added",
    f"  reference {SUPPORTIV}: URL changed",
    f"  article {ARTICLE_SLUG}: title changed",
    f"  article {ARTICLE_SLUG}: section alltag-und-selbstsorge-sicherheit-zurueckgewinnen added",
    f"  article {ARTICLE_SLUG}: section zum-mitnehmen added",
    f"  article {ARTICLE_SLUG}: section kernaussage body, position changed",
    f"  article {ARTICLE_SLUG}: section "
    "alltag-und-selbstfuersorge-sicherheit-zurueckgewinnen removed",
    "  article zweiter-artikel added",
    "  article zweiter-artikel: section eins added",
]


async def test_dry_run_lists_each_changed_entity_and_field_and_writes_nothing(
    engine, content_dir, snapshot
):
    await import_content(engine, content_dir)
    change_editor_content(content_dir)
    before = await snapshot(engine)

    report = await import_content(engine, content_dir, dry_run=True)

    assert await snapshot(engine) == before
    lines = report.format().splitlines()
    start = lines.index("changes:") + 1
    assert lines[start : start + len(EXPECTED_LINES)] == EXPECTED_LINES
    assert lines[start + len(EXPECTED_LINES)].endswith("warnings:")
    assert report.revision is None


async def test_json_dry_run_gives_the_same_changes_machine_readable(
    engine, content_dir, database_url, monkeypatch, capsys
):
    await import_content(engine, content_dir)
    change_editor_content(content_dir)
    monkeypatch.setenv("DATABASE_URL", database_url)

    # The command runs its own event loop: in a thread, beside the test's.
    assert await asyncio.to_thread(main, ["seed", str(content_dir), "--dry-run", "--json"]) == 0

    report = json.loads(capsys.readouterr().out)
    changes = [
        {key: value for key, value in change.items() if key != "global_id"}
        for change in report["changes"]
    ]
    assert changes[:4] == [
        {"kind": "topic", "key": "brustkrebs", "action": "updated", "fields": ["name"]},
        {"kind": "topic", "key": "palliativmedizin", "action": "created", "fields": []},
        {"kind": "reference", "key": SUPPORTIV, "action": "updated", "fields": ["URL"]},
        {"kind": "article", "key": ARTICLE_SLUG, "action": "updated", "fields": ["title"]},
    ]
    assert changes[6] == {
        "kind": "section",
        "key": "kernaussage",
        "action": "updated",
        "fields": ["body", "position"],
        "article": ARTICLE_SLUG,
    }
    assert len(changes) == len(EXPECTED_LINES)
    assert report["dry_run"] is True
    assert report["revision"] is None
    # Rows that exist are named by their global id already; new ones have none yet.
    assert report["changes"][0]["global_id"] is not None
    assert report["changes"][1]["global_id"] is None


async def test_an_unchanged_seed_lists_no_changes(engine, content_dir):
    await import_content(engine, content_dir)

    report = await import_content(engine, content_dir, dry_run=True)

    assert report.changes == []
    assert "changes:" not in report.format().splitlines()
