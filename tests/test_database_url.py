"""DATABASE_URL as hosting platforms hand it out works without naming a driver."""

import pytest

from api.database import DatabaseURLError, async_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///./guide.db", "sqlite+aiosqlite:///./guide.db"),
        ("sqlite:////var/data/guide.db", "sqlite+aiosqlite:////var/data/guide.db"),
        ("postgresql://u:p@db:5432/guide", "postgresql+asyncpg://u:p@db:5432/guide"),
        ("postgres://u:p@db/guide", "postgresql+asyncpg://u:p@db/guide"),
        (
            "postgres://u:p@db/guide?sslmode=require",
            "postgresql+asyncpg://u:p@db/guide?ssl=require",
        ),
        ("postgresql+asyncpg://u@db/guide", "postgresql+asyncpg://u@db/guide"),
    ],
)
def test_plain_urls_get_an_async_driver(given, expected):
    assert async_url(given) == expected


def test_unsupported_database_is_named_and_password_hidden():
    with pytest.raises(DatabaseURLError) as error:
        async_url("mysql://user:secret@db/guide")
    message = str(error.value)
    assert "'mysql'" in message
    assert "secret" not in message
    assert "postgresql://user:pass@host:port/db" in message


def test_garbage_is_refused_with_the_expected_form():
    with pytest.raises(DatabaseURLError, match="is not a database URL"):
        async_url("not a url")
