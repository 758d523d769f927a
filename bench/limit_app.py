"""The limit: a bare Starlette route on uvicorn returning precomputed response bytes.

    GUIDE_BENCH_BODY=/path/answer.json uvicorn --factory bench.limit_app:create_app

It does no work per request, so it measures what the HTTP stack alone can do.
"""

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route


def create_app() -> Starlette:
    body = Path(os.environ["GUIDE_BENCH_BODY"]).read_bytes()

    async def answer(_request) -> Response:
        return Response(body, media_type="application/json")

    async def healthz(_request) -> Response:
        return Response(b'{"status":"ok"}', media_type="application/json")

    return Starlette(
        routes=[Route("/graphql", answer, methods=["GET", "POST"]), Route("/healthz", healthz)]
    )
