"""What a new access key may be: role, scope, origins and expiry, checked before any write."""

from datetime import UTC, datetime

import pytest

from api.auth.spec import KeySpec, KeySpecError, key_spec, normalise_origin, parse_expiry
from api.auth.tokens import hash_secret, looks_like_key, new_secret
from schema.tables import KeyRole

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("given", "origin"),
    [
        ("https://portal.example", "https://portal.example"),
        ("https://Portal.Example/", "https://portal.example"),
        ("https://portal.example:443", "https://portal.example"),
        ("http://localhost:3000", "http://localhost:3000"),
        ("https://praxis-müller.example", "https://xn--praxis-mller-klb.example"),
        ("http://[::1]:8080", "http://[::1]:8080"),
    ],
)
def test_origins_are_normalised_as_browsers_send_them(given, origin):
    assert normalise_origin(given) == origin


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("portal.example", "--origin 'portal.example': not a web origin; use scheme://host[:port]"),
        ("*", "--origin '*': not a web origin"),
        ("ftp://portal.example", "--origin 'ftp://portal.example': not a web origin"),
        (
            "https://portal.example/app?x=1",
            "--origin 'https://portal.example/app?x=1': an origin has no path, query or user; "
            "use https://portal.example",
        ),
        ("https://portal.example:99999", "--origin 'https://portal.example:99999': bad host"),
    ],
)
def test_bad_origins_are_named(given, message):
    with pytest.raises(KeySpecError) as error:
        normalise_origin(given)
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    ("given", "expires"),
    [
        ("90d", datetime(2027, 2, 25, 12, 0, tzinfo=UTC)),
        ("2w", datetime(2026, 12, 11, 12, 0, tzinfo=UTC)),
        ("48h", datetime(2026, 11, 29, 12, 0, tzinfo=UTC)),
        ("2026-12-31", datetime(2026, 12, 31, tzinfo=UTC)),
        ("2026-12-31T18:00:00+01:00", datetime(2026, 12, 31, 17, 0, tzinfo=UTC)),
        ("2026-12-31T18:00:00", datetime(2026, 12, 31, 18, 0, tzinfo=UTC)),
        ("never", None),
    ],
)
def test_expiry_forms(given, expires):
    assert parse_expiry(given, NOW) == expires


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("2026-01-01", "--expires '2026-01-01': lies in the past; give a later date"),
        ("0d", "--expires '0d': lies in the past; give a later date"),
        ("soon", "--expires 'soon': use a duration (90d, 12w, 48h), a date (2026-12-31)"),
    ],
)
def test_bad_expiry_is_named(given, message):
    with pytest.raises(KeySpecError) as error:
        parse_expiry(given, NOW)
    assert str(error.value).startswith(message)


def test_a_partner_key_spec():
    spec = key_spec(
        name=" Praxisportal ",
        role="partner",
        topics=["knochenmetastasen", "knochenmetastasen"],
        articles=["knochenmetastasen-verstehen"],
        origins=["https://portal.example/", "https://portal.example"],
        expires="never",
        now=NOW,
    )
    assert spec == KeySpec(
        name="Praxisportal",
        role=KeyRole.PARTNER,
        topics=("knochenmetastasen",),
        articles=("knochenmetastasen-verstehen",),
        origins=("https://portal.example",),
        expires_at=None,
    )


def test_every_problem_is_named_at_once():
    with pytest.raises(KeySpecError) as error:
        key_spec(name="", role="partnr", origins=["portal"], expires="later", now=NOW)
    assert str(error.value).splitlines() == [
        "--role 'partnr': unknown role; use one of partner, preview, admin",
        "--name: give the key a name of 1 to 200 characters, e.g. the partner's",
        "--origin 'portal': not a web origin; use scheme://host[:port], e.g. https://portal.example",
        "--expires 'later': use a duration (90d, 12w, 48h), a date (2026-12-31), "
        "a timestamp (2026-12-31T18:00:00+01:00) or never",
    ]


def test_partner_needs_a_scope_and_only_partners_have_one():
    with pytest.raises(KeySpecError, match="--role partner needs a scope"):
        key_spec(name="Portal", role="partner", now=NOW)
    with pytest.raises(KeySpecError, match="limit partner keys only; a preview key sees all"):
        key_spec(name="Vorschau", role="preview", topics=["krebs"], now=NOW)


def test_secrets_are_random_recognisable_and_hashed():
    first, second = new_secret(), new_secret()
    assert first != second
    assert first.startswith("gk_")
    assert len(first) == 46
    assert looks_like_key(first)
    assert not looks_like_key("gk_short")
    assert not looks_like_key("Bearer " + first)
    assert hash_secret(first) == hash_secret(first)
    assert len(hash_secret(first)) == 64
    assert first not in hash_secret(first)
