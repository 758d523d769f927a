"""Which query a request runs: its text, or the registered text of the hash it sends.

Three ways to send a hash: Apollo's `extensions.persistedQuery` (`version: 1`,
`sha256Hash`), and a plain `documentId` or `id` (hex, optionally `sha256:`-
prefixed). An unknown hash answers Apollo's `PersistedQueryNotFound`, so Apollo
clients retry with the text; the text is registered then only when automatic
registration is on.
"""

import re
from dataclasses import dataclass

from api.persisted.registry import QueryRegistry, sha256_of
from api.protocol.errors import RequestError
from api.protocol.params import GraphQLParams
from schema.principal import Principal, Role

_SHA256 = re.compile(r"(?:sha256:)?([0-9a-fA-F]{64})")


@dataclass(frozen=True)
class Resolved:
    query: str | None
    # The hash the client sent and the registry knew: the answer may be cached by it.
    persisted: bool


def _not_found(sha256: str) -> RequestError:
    return RequestError(
        400,
        "PersistedQueryNotFound",
        code="PERSISTED_QUERY_NOT_FOUND",
        json_status=200,  # Apollo clients expect it in a 200 answer, then retry with the text
        headers={"X-Persisted-Query": f"unknown {sha256}"},
    )


def requested_hash(params: GraphQLParams) -> str | None:
    """The SHA-256 the request names, if any; RequestError when it is malformed."""
    persisted = (params.extensions or {}).get("persistedQuery")
    if persisted is not None:
        if not isinstance(persisted, dict) or persisted.get("version") != 1:
            raise RequestError(
                400,
                "Unsupported persisted query: send `extensions.persistedQuery` as "
                '{"version": 1, "sha256Hash": "<hex>"}',
                code="PERSISTED_QUERY_NOT_SUPPORTED",
            )
        candidate = persisted.get("sha256Hash")
    else:
        candidate = params.document_id
    if candidate is None:
        return None
    match = _SHA256.fullmatch(candidate) if isinstance(candidate, str) else None
    if match is None:
        raise RequestError(
            400, f"{str(candidate)[:80]!r} is not a SHA-256 hash of a query (64 hex digits)"
        )
    return match.group(1).lower()


class PersistedQueries:
    def __init__(
        self, registry: QueryRegistry, *, auto_register: bool, partners_registered_only: bool
    ) -> None:
        self.registry = registry
        self.auto_register = auto_register
        self.partners_registered_only = partners_registered_only

    def resolve(self, params: GraphQLParams, principal: Principal) -> Resolved:
        sha256 = requested_hash(params)
        if sha256 is None:
            self._allow_text(params.query, principal)
            return Resolved(params.query, persisted=False)
        if params.query is None:
            query = self.registry.get(sha256)
            if query is None:
                raise _not_found(sha256)
            return Resolved(query, persisted=True)
        if sha256_of(params.query) != sha256:
            raise RequestError(
                400,
                "The query's SHA-256 differs from the hash sent with it; hash the exact "
                "query text (UTF-8) or send the hash alone",
                code="PERSISTED_QUERY_HASH_MISMATCH",
            )
        if self.registry.get(sha256) is None and self.auto_register:
            self.registry.register_automatically(params.query)
        self._allow_text(params.query, principal)
        return Resolved(params.query, persisted=self.registry.get(sha256) is not None)

    def _allow_text(self, query: str | None, principal: Principal) -> None:
        """Partner keys may send only registered queries (when the setting says so)."""
        if not (self.partners_registered_only and principal.role is Role.PARTNER):
            return
        if query is not None and self.registry.get(sha256_of(query)) is not None:
            return
        raise RequestError(
            403,
            "This access key may run registered queries only: send the SHA-256 of a "
            "documented query (docs/frontends) as `documentId` or "
            "`extensions.persistedQuery.sha256Hash`",
            code="PERSISTED_QUERY_REQUIRED",
        )
