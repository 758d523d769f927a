"""The registered queries, by the SHA-256 of their text."""

import hashlib
from pathlib import Path

# Queries registered automatically (APQ) are capped so clients cannot fill memory.
MAX_AUTO_REGISTERED = 1000


def sha256_of(query: str) -> str:
    """The hex SHA-256 of the query text, exactly as sent (UTF-8): Apollo's `sha256Hash`."""
    return hashlib.sha256(query.encode()).hexdigest()


class QueryRegistry:
    """Hash → query text; documented queries are permanent, auto-registered ones capped."""

    def __init__(self) -> None:
        self._queries: dict[str, str] = {}
        self._documented: dict[str, Path] = {}
        self._auto_registered = 0

    def __len__(self) -> int:
        return len(self._queries)

    def get(self, sha256: str) -> str | None:
        return self._queries.get(sha256.lower())

    def register(self, query: str) -> str:
        sha256 = sha256_of(query)
        self._queries[sha256] = query
        return sha256

    def register_automatically(self, query: str) -> bool:
        """Register a client's query (APQ); False once the cap is reached."""
        sha256 = sha256_of(query)
        if sha256 in self._queries:
            return True
        if self._auto_registered >= MAX_AUTO_REGISTERED:
            return False
        self._auto_registered += 1
        self._queries[sha256] = query
        return True

    def register_directory(self, directory: Path) -> dict[str, str]:
        """Register every `*.graphql` file in `directory`; file name → hash."""
        hashes = {}
        for path in sorted(directory.glob("*.graphql")):
            hashes[path.name] = self.register(path.read_text(encoding="utf-8"))
            self._documented[hashes[path.name]] = path
        return hashes

    def documented(self) -> dict[str, Path]:
        """Hash → file of the queries registered from the frontend docs."""
        return dict(self._documented)
