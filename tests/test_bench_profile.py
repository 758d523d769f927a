"""The cold-request profile: how self time is grouped, and a real profile of the real app."""

import asyncio
from pathlib import Path

from pyinstrument.frame import Frame

from bench.corpus import CorpusShape, probe_slug, write_corpus
from bench.profile_summary import REPO, WAITING, package_of, summarise, trim_tree
from bench.profiling import profile_cold
from bench.scenarios import article_page
from seed.importer import import_content

SITE = "/venv/lib/python3.11/site-packages"


def _frame(function: str, path: str, time: float, *children: Frame) -> Frame:
    return Frame(f"{function}\x00{path}\x001", list(children), time)


def test_packages_of_source_files():
    assert package_of(f"{SITE}/sqlalchemy/engine/base.py") == "sqlalchemy"
    assert package_of(f"{REPO}/schema/reader.py") == "schema"
    assert package_of("/usr/lib/python3.11/asyncio/events.py") == "asyncio"
    assert package_of("/usr/lib/python3.11/json/decoder.py") == "stdlib"
    assert package_of("<built-in>") is None


def test_self_time_goes_to_packages_built_ins_to_their_caller_and_awaits_apart():
    fetchall = _frame("fetchall", "<built-in>", 2.0)
    execute = _frame("execute", f"{SITE}/sqlalchemy/engine/base.py", 5.0, fetchall)
    waited = Frame("[await]", [], 1.0)
    loader = _frame("load", f"{REPO}/schema/loaders/x.py", 8.0, execute, waited)
    profile = summarise(loader, requests=4, cpu_seconds=6.0, samples=16, tree="")
    assert dict(profile.packages) == {"sqlalchemy": 5 / 8, "schema": 2 / 8, WAITING: 1 / 8}
    functions = {(name, where): share for name, where, share in profile.functions}
    assert functions["fetchall", "built-in, from sqlalchemy/engine/base.py:1"] == 2 / 8
    assert functions["[await] in load", "schema/loaders/x.py:1"] == 1 / 8
    assert profile.ms_per_request == 8 / 4 * 1000


def test_tree_loses_the_banner_and_is_cut():
    text = "  _ banner\n\nProfile at x\n\n100.0% root  a.py:1\n└─ 50.0% child  b.py:2\n\n"
    assert trim_tree(text) == ["100.0% root  a.py:1", "└─ 50.0% child  b.py:2"]
    assert trim_tree(text, max_lines=1) == ["100.0% root  a.py:1", "…"]


async def test_profile_of_a_cold_article_page(engine, database_url, tmp_path: Path):
    shape = CorpusShape(articles=50, topics=8, references=60, section_chars=200)
    await import_content(engine, write_corpus(tmp_path / "corpus", shape))
    scenario = article_page(probe_slug(shape.articles))
    profile = await asyncio.to_thread(profile_cold, database_url, scenario, 0.2)
    assert profile.requests >= 3
    # The compiled path reads through the drivers (raw sqlite3, asyncpg), not SQLAlchemy.
    assert "schema" in {name for name, _share in profile.packages}
    assert profile.tree
    assert "%" in profile.tree[0]
