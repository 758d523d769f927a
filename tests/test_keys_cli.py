"""`guide-api keys create|list|revoke`: keys shown once, stored as hashes, clear refusals."""

import asyncio
import json

import pytest
from sqlalchemy import select

from api.auth.tokens import hash_secret
from api.cli import main
from api.database import create_engine
from schema import tables

REAL = "knochenmetastasen-verstehen"
PARTNER = [
    "keys",
    "create",
    "--role",
    "partner",
    "--name",
    "Praxisportal",
    "--topic",
    "knochenmetastasen",
    "--origin",
    "https://portal.example",
]


@pytest.fixture
def database_env(seeded_engine, database_url, monkeypatch):
    """The CLI reads DATABASE_URL like the service does; the guide is seeded."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("GUIDE_ACCESS_KEY_CACHE_SECONDS", raising=False)
    return database_url


def stored_keys(database_url: str) -> list[dict]:
    """The access_key rows, read on an engine of our own (the CLI runs its own event loop)."""

    async def read() -> list[dict]:
        engine = create_engine(database_url)
        try:
            async with engine.connect() as connection:
                statement = select(tables.AccessKey).order_by(tables.AccessKey.id)
                return [dict(row._mapping) for row in await connection.execute(statement)]
        finally:
            await engine.dispose()

    return asyncio.run(read())


def test_create_shows_the_key_once_and_stores_only_its_hash(database_env, capsys):
    assert main(PARTNER) == 0
    out = capsys.readouterr().out
    secret = next(line for line in out.splitlines() if line.startswith("gk_"))
    assert out.startswith("Created access key 1: 'Praxisportal' (partner).\n")
    assert "  scope:     topic knochenmetastasen\n" in out
    assert "  origins:   https://portal.example\n" in out
    assert "This is the only time the key is shown" in out

    [row] = stored_keys(database_env)
    assert row["secret_hash"] == hash_secret(secret)
    assert secret not in json.dumps(row, default=str)
    assert row["hint"] == secret[:7]
    assert (row["role"], row["topics"], row["origins"]) == (
        "partner",
        ["knochenmetastasen"],
        ["https://portal.example"],
    )
    assert (row["expires_at"] - row["created_at"]).days == 90


def test_list_shows_every_key_without_secrets(database_env, capsys):
    assert main(PARTNER) == 0
    partner_secret = capsys.readouterr().out.split("\n\n")[1].strip()
    assert main(["keys", "create", "--role", "preview", "--name", "Vorschau", "--json"]) == 0
    preview = json.loads(capsys.readouterr().out)
    article_key = [
        "--role",
        "partner",
        "--name",
        "Artikel",
        "--article",
        REAL,
        "--expires",
        "never",
    ]
    assert main(["keys", "create", *article_key]) == 0
    capsys.readouterr()

    assert main(["keys", "list"]) == 0
    table = capsys.readouterr().out
    assert partner_secret not in table
    assert preview["key"] not in table
    lines = [line.split("  ") for line in table.splitlines()]
    header = [cell.strip() for cell in lines[0] if cell.strip()]
    assert header == [
        "id", "name", "role", "scope", "origins", "created", "expires", "revoked", "last used",
    ]  # fmt: skip
    rows = [[cell.strip() for cell in line if cell.strip()] for line in lines[1:]]
    assert [row[:5] for row in rows] == [
        ["1", f"Praxisportal ({partner_secret[:7]}…)", "partner", "topic knochenmetastasen",
         "https://portal.example"],
        ["2", f"Vorschau ({preview['key'][:7]}…)", "preview", "all articles, drafts included", "-"],
        ["3", "Artikel (" + rows[2][1].split("(")[1], "partner", f"article {REAL}", "-"],
    ]  # fmt: skip
    assert [row[6:] for row in rows][2] == ["never", "-", "never"]

    assert main(["keys", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [key["name"] for key in listed] == ["Praxisportal", "Vorschau", "Artikel"]
    assert all("key" not in key and "secret_hash" not in key for key in listed)


def test_revoke_marks_the_key_and_is_idempotent(database_env, capsys):
    assert main(PARTNER) == 0
    capsys.readouterr()
    assert main(["keys", "revoke", "1"]) == 0
    assert capsys.readouterr().out == (
        "Revoked access key 1 ('Praxisportal'). Running servers refuse it within 5 seconds "
        "(GUIDE_ACCESS_KEY_CACHE_SECONDS).\n"
    )
    assert main(["keys", "revoke", "1"]) == 0
    assert "was already revoked on" in capsys.readouterr().out
    [row] = stored_keys(database_env)
    assert row["revoked_at"] is not None


def test_revoking_an_unknown_id_names_it(database_env, capsys):
    assert main(["keys", "revoke", "42"]) == 1
    assert capsys.readouterr().err == (
        "guide-api keys revoke: no access key has id 42; `guide-api keys list` shows them\n"
    )


@pytest.mark.parametrize(
    ("arguments", "problems"),
    [
        (
            ["--role", "partner", "--name", "P", "--topic", "knochenmetastase"],
            ["--topic 'knochenmetastase': unknown topic; did you mean 'knochenmetastasen'?"],
        ),
        (
            ["--role", "partner", "--name", "P", "--article", "gibt-es-nicht"],
            [f"--article 'gibt-es-nicht': unknown article; known articles: {REAL}"],
        ),
        (
            ["--role", "partner", "--name", "P"],
            ["--role partner needs a scope: at least one --topic SLUG or --article SLUG"],
        ),
        (
            ["--role", "reader", "--name", "P", "--origin", "https://p.example/x"],
            [
                "--role 'reader': unknown role; use one of partner, preview, admin",
                "--origin 'https://p.example/x': an origin has no path, query or user; "
                "use https://p.example",
            ],
        ),
    ],
)
def test_bad_requests_create_nothing(database_env, capsys, arguments, problems):
    assert main(["keys", "create", *arguments]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "guide-api keys create: nothing was created.",
        *problems,
    ]
    assert stored_keys(database_env) == []
