"""A reader during a seed sees the whole old or the whole new content, never a mix.

Requests read the article over HTTP in a loop while seeds switch several of its
sections back and forth; every answer must equal one of the two states. Each request
reads through one snapshot transaction (schema.reader), on SQLite and PostgreSQL.
"""

import asyncio

from test_seed_resync import ARTICLE, edit

from seed.importer import import_content

QUERY = """{ article(slug: "knochenmetastasen-verstehen") {
  title sections { anchor body { markdown } } references { number } } }"""
# Three sections and the title change together.
EDITS = [
    ("title: Knochenmetastasen verstehen", "title: Knochenmetastasen neu verstehen"),
    ("Knochenmetastasen sind sekundäre Herde", "Knochenmetastasen sind NEU sekundäre Herde"),
    ("Im klinischen Alltag wird", "NEU: Im klinischen Alltag wird"),
    ("Knochengewebe erneuert sich", "NEU: Knochengewebe erneuert sich"),
]
SWITCHES = 6


async def read(client) -> dict:
    response = await client.post("/graphql", json={"query": QUERY})
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def switch(content_dir, forward: bool) -> None:
    for old, new in EDITS:
        edit(content_dir, ARTICLE, *((old, new) if forward else (new, old)))


async def test_readers_see_the_old_or_the_new_content_never_a_mix(
    app, client, seeded_engine, content_dir
):
    old = await read(client)
    switch(content_dir, forward=True)
    await import_content(seeded_engine, content_dir)
    await until_served(app, 2)  # the response cache answers from version 1 until then
    new = await read(client)
    pairs = zip(old["article"]["sections"], new["article"]["sections"], strict=True)
    assert sum(a != b for a, b in pairs) == 3
    assert old["article"]["title"] != new["article"]["title"]

    answers: list[dict] = []
    seeding = True

    async def keep_reading() -> None:
        while seeding:
            answers.append(await read(client))
            await asyncio.sleep(0)  # a cached answer never waits on I/O: let the seed run

    readers = [asyncio.create_task(keep_reading()) for _ in range(3)]
    for number in range(SWITCHES):
        switch(content_dir, forward=number % 2 == 1)
        report = await import_content(seeded_engine, content_dir)
        assert report.sections.updated == 3
        await asyncio.sleep(0)
    seeding = False
    await asyncio.gather(*readers)

    assert answers
    mixed = [answer for answer in answers if answer not in (old, new)]
    assert mixed == []


async def until_served(app, version: int) -> None:
    """Until the app's content watch knows `version`: its response cache dropped older answers."""
    for _ in range(500):
        if app.state.content_watch.version >= version:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the app never saw content version {version}")
