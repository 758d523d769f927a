"""The promises around the code: README commands, CI script and docker-compose stay true."""

import re
import shlex
from pathlib import Path

import yaml

from api.cli import build_parser
from api.database import async_url
from api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    """The shell lines of the README's 'Two commands' section, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_a_run_and_a_test_command():
    run, test = readme_commands()
    assert "guide-api serve" in run
    assert "pytest" in test


def test_ci_runs_exactly_the_readme_test_command():
    _, test = readme_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci_lines
    assert "export GUIDE_REQUIRE_POSTGRES=1" in ci_lines


def _settings_env_names() -> set[str]:
    return {"DATABASE_URL"} | {f"GUIDE_{name.upper()}" for name in Settings.model_fields}


def test_compose_commands_and_variables_are_accepted_by_cli_and_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    api = compose["services"]["api"]
    command = api["command"]
    assert command[0] == "guide-api"
    args = build_parser().parse_args(command[1:])
    assert args.command.__module__ == "api.commands.serve"

    environment = api["environment"]
    assert set(environment) <= _settings_env_names()
    settings = Settings(_env_file=None, **_as_fields(environment))
    assert async_url(settings.database_url).startswith("postgresql+asyncpg://guide:guide@db:5432/")
    assert settings.graphql_ide is False

    db = compose["services"]["db"]["environment"]
    assert settings.database_url == (
        f"postgresql://{db['POSTGRES_USER']}:{db['POSTGRES_PASSWORD']}@db:5432/{db['POSTGRES_DB']}"
    )
    assert api["depends_on"]["db"]["condition"] == "service_healthy"


def test_compose_seed_job_migrates_and_seeds_before_the_api_starts():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]
    seed = services["seed"]
    shell, flag, script = seed["command"]
    assert (shell, flag) == ("sh", "-c")
    steps = [shlex.split(step) for step in script.split("&&")]
    assert [step[0] for step in steps] == ["guide-api", "guide-api"]
    modules = [build_parser().parse_args(step[1:]).command.__module__ for step in steps]
    assert modules == ["api.commands.migrate", "api.commands.seed"]

    environment = seed["environment"]
    assert set(environment) <= _settings_env_names()
    assert environment["DATABASE_URL"] == services["api"]["environment"]["DATABASE_URL"]
    # The api serves the media of the very content the seed job imported.
    assert environment["GUIDE_CONTENT_DIR"] == services["api"]["environment"]["GUIDE_CONTENT_DIR"]
    assert seed["volumes"] == services["api"]["volumes"]
    assert seed["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["api"]["depends_on"]["seed"]["condition"] == "service_completed_successfully"


def _as_fields(environment: dict[str, str]) -> dict[str, str]:
    return {
        ("database_url" if key == "DATABASE_URL" else key.removeprefix("GUIDE_").lower()): value
        for key, value in environment.items()
    }


def test_dockerfile_command_is_accepted_by_the_cli():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    command = yaml.safe_load(re.search(r"^CMD (.+)$", dockerfile, re.MULTILINE).group(1))
    assert command[0] == "guide-api"
    build_parser().parse_args(command[1:])


def test_readme_lists_every_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in sorted(_settings_env_names()) if f"`{name}`" not in readme]
    assert missing == [], f"README does not document {missing}"


def test_readme_shell_commands_parse():
    for command in readme_commands():
        assert shlex.split(command)
