"""The `guide-api` command line: seed output, exit codes, and messages a person can act on."""

import json

import pytest

from api.cli import main


@pytest.fixture
def database_env(engine, database_url, monkeypatch):
    """The CLI reads DATABASE_URL like the service does; the schema is fresh and empty."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    return database_url


def test_seed_prints_a_summary_and_is_idempotent(database_env, content_dir, capsys):
    assert main(["seed", str(content_dir)]) == 0
    first = capsys.readouterr().out
    assert "articles: 1 created, 0 updated, 0 unchanged, 0 archived" in first
    assert "sections: 7 created" in first
    assert "references: 12 created" in first
    assert "warnings:" in first

    assert main(["seed", str(content_dir)]) == 0
    second = capsys.readouterr().out
    for kind in ("topics", "articles", "sections", "references", "citations"):
        assert f"{kind}: 0 created, 0 updated" in second


def test_seed_json_report(database_env, content_dir, capsys):
    assert main(["seed", "--json", str(content_dir)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"]["created"] == 1
    assert report["dry_run"] is False
    assert {w["file"] for w in report["warnings"]} == {"references.yaml"}


def test_dry_run_writes_nothing(database_env, content_dir, capsys):
    assert main(["seed", "--dry-run", str(content_dir)]) == 0
    assert "dry run: nothing was written" in capsys.readouterr().out
    assert main(["seed", str(content_dir)]) == 0
    assert "articles: 1 created" in capsys.readouterr().out


def test_bad_file_exits_1_naming_file_and_line(database_env, content_dir, capsys):
    (content_dir / "topics.yaml").write_text("- slug: krebs\n  name: [unclosed\n", encoding="utf-8")
    assert main(["seed", str(content_dir)]) == 1
    error = capsys.readouterr().err
    assert "nothing was written" in error
    assert "topics.yaml: line " in error
    assert "on line 2" in error


def test_missing_directory_is_named(database_env, tmp_path, capsys):
    missing = tmp_path / "nope"
    assert main(["seed", str(missing)]) == 1
    assert str(missing) in capsys.readouterr().err


def test_unsupported_database_url_exits_2(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "mysql://user:secret@localhost/guide")
    assert main(["seed"]) == 2
    error = capsys.readouterr().err
    assert "unsupported database 'mysql'" in error
    assert "secret" not in error


def test_unreachable_database_is_reported_not_raised(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/guide")
    assert main(["seed"]) == 1
    assert "cannot reach the database" in capsys.readouterr().err


def test_every_command_has_help(capsys):
    for command in (["--help"], ["serve", "--help"], ["seed", "--help"]):
        with pytest.raises(SystemExit) as exit_:
            main(command)
        assert exit_.value.code == 0
    assert "--dry-run" in capsys.readouterr().out
