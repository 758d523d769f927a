"""Changing the seeded content in tests, as an admin would: edit a file, then seed."""

from pathlib import Path

from polling import until

from seed.importer import import_content

SLUG = "knochenmetastasen-verstehen"
TITLE = "Knochenmetastasen verstehen"


async def retitle_and_seed(app, content_dir: Path, title: str) -> None:
    """Give the guide's article `title`, seed it, and wait until `app` serves it."""
    path = content_dir / "articles" / f"{SLUG}.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"title: {TITLE}", f"title: {title}", 1),
        encoding="utf-8",
    )
    watch = app.state.content_watch
    before = watch.version
    await import_content(app.state.engine, content_dir)
    await until(lambda: watch.version > before)
