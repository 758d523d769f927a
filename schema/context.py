"""The per-request GraphQL context: database reader, loaders, visibility, media URLs.

Built fresh for every request by `build_context` (the app calls it from
`GraphQL.get_context`); resolvers read everything request-specific from here,
never from module globals. The schema's `CloseReader` extension closes the
reader when the operation ends.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from schema.loaders import Loaders, Scope
from schema.principal import ANONYMOUS, Principal
from schema.reader import Reader
from schema.visibility import Visibility, visibility_for


@dataclass
class GuideContext:
    """What resolvers know about the request they answer."""

    request: Any
    response: Any
    reader: Reader
    loaders: Loaders
    # Prefix for stored relative media paths: "" serves `/media/x.svg` from this API.
    media_base_url: str
    # What this request may see; every query filters through it (schema.visibility).
    visibility: Visibility
    # Who is asking (from the access key); anonymous without one.
    principal: Principal = ANONYMOUS


def build_context(
    engine: AsyncEngine,
    request: Any,
    response: Any,
    *,
    media_base_url: str = "",
    principal: Principal = ANONYMOUS,
) -> GuideContext:
    """A context for one request; no database connection is opened until a resolver needs one."""
    reader = Reader(engine)
    visibility = visibility_for(principal)
    media_base_url = media_base_url.rstrip("/")
    scope = Scope(reader=reader, visibility=visibility, media_base_url=media_base_url)
    return GuideContext(
        request=request,
        response=response,
        reader=reader,
        loaders=Loaders(scope),
        media_base_url=media_base_url,
        visibility=visibility,
        principal=principal,
    )
