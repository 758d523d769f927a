"""Media files (the hero images) shipped beside the seed content, served under /media/."""

from starlette.staticfiles import StaticFiles

# SVGs can carry scripts: the browser must treat them as inert images.
_SAFE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "public, max-age=3600",
}


class MediaFiles(StaticFiles):
    def file_response(self, *args, **kwargs):
        response = super().file_response(*args, **kwargs)
        response.headers.update(_SAFE_HEADERS)
        return response
