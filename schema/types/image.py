"""Image: a picture with the text that describes it, and where to fetch it."""

import strawberry


@strawberry.type(description="A picture with its alternative text and caption.")
class Image:
    url: str = strawberry.field(
        description=(
            "Where to fetch the image: an absolute URL, or a path below the API's /media/ "
            "when the service runs without a public URL."
        )
    )
    alt: str = strawberry.field(
        description="Alternative text for screen readers and when the image cannot load."
    )
    caption: str | None = strawberry.field(description="Caption shown below the image.")
    width: int | None = strawberry.field(description="Intrinsic width in pixels.")
    height: int | None = strawberry.field(description="Intrinsic height in pixels.")


def media_url(stored: str, media_base_url: str) -> str:
    """Resolve a stored image url: `media/x.svg` -> `{media_base_url}/media/x.svg`.

    Absolute http(s) URLs (and protocol-relative `//host/...`) pass through unchanged.
    """
    if stored.startswith(("http://", "https://", "//")):
        return stored
    return f"{media_base_url.rstrip('/')}/{stored.lstrip('/')}"


def image_or_none(
    url: str | None,
    *,
    alt: str | None,
    caption: str | None,
    width: int | None,
    height: int | None,
    media_base_url: str,
) -> Image | None:
    """An Image from stored columns, or None when no url is stored."""
    if not url:
        return None
    return Image(
        url=media_url(url, media_base_url),
        alt=alt or "",
        caption=caption,
        width=width,
        height=height,
    )
