"""Access key secrets: how they are made, recognised and hashed.

A key is `gk_` followed by 32 random bytes in URL-safe base64 (43 characters).
The prefix makes a leaked key recognisable to people and secret scanners.
"""

import hashlib
import re
import secrets

PREFIX = "gk_"
_RANDOM_BYTES = 32
# token_urlsafe(32) gives 43 characters of [A-Za-z0-9_-].
_SHAPE = re.compile(rf"{PREFIX}[A-Za-z0-9_-]{{43}}")
# How much of a key `keys list` shows, to tell keys apart: the prefix and 4 characters
# (24 of the secret's 256 bits).
HINT_LENGTH = len(PREFIX) + 4


def new_secret() -> str:
    """A fresh key, to be shown once and never stored."""
    return PREFIX + secrets.token_urlsafe(_RANDOM_BYTES)


def looks_like_key(value: str) -> bool:
    """Whether `value` has the shape of a key; anything else is refused without a lookup."""
    return _SHAPE.fullmatch(value) is not None


def hash_secret(secret: str) -> str:
    """The stored and looked-up form of a key: hex SHA-256.

    A plain fast hash is right here, unlike for passwords: the secret holds 256
    random bits, so no guessing or precomputation can invert the hash, and a
    slow hash (bcrypt, argon2) would only add latency to every request. Keys
    are found by equality on this hash (an index lookup), so no secret is
    compared character by character in Python, and a timing difference could
    at most reveal a hash prefix, which does not help to forge a key.
    """
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def hint_of(secret: str) -> str:
    return secret[:HINT_LENGTH]
