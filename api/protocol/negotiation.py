"""Content negotiation: `application/graphql-response+json` for clients that prefer it.

The spec's media type lets HTTP status codes tell request errors apart; clients
that send no Accept header, `*/*`, or prefer `application/json` get the legacy
`application/json` with status 200 for every GraphQL result (spec appendix A).
"""

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"


def _preferences(accept: str) -> dict[str, float]:
    """Media range → quality, from an Accept header (malformed parts are skipped)."""
    ranges: dict[str, float] = {}
    for part in accept.split(","):
        media_range, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_range:
            ranges[media_range.lower()] = max(quality, ranges.get(media_range.lower(), 0.0))
    return ranges


def choose_media_type(accept: str | None) -> str:
    """The response media type for this Accept header.

    The spec's type only when named explicitly and liked at least as much as
    plain JSON (wildcards count for JSON: `*/*` means "anything", and JSON is
    what every older client understands). Anything else falls back to JSON.
    """
    if not accept:
        return JSON
    ranges = _preferences(accept)
    spec = ranges.get(GRAPHQL_RESPONSE_JSON, 0.0)
    legacy = ranges.get(JSON, ranges.get("application/*", ranges.get("*/*", 0.0)))
    return GRAPHQL_RESPONSE_JSON if spec > 0 and spec >= legacy else JSON


def accepts_html(accept: str | None) -> bool:
    """A browser asking for a page (GraphiQL), rather than a client asking for data."""
    return "text/html" in (accept or "")
