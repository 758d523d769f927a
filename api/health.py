"""Liveness and readiness.

`/healthz` says the process is up and answers HTTP (restart it when this fails).
`/readyz` says it can serve: the database answers and its schema is at the newest
migration (send no traffic until it does). 503 with a JSON reason otherwise.
"""

import asyncio
import logging

from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse

from api.migrate import is_current

log = logging.getLogger("guide.health")

READY_TIMEOUT = 5.0  # seconds; a probe must answer even when the database hangs


async def healthz(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    engine = request.app.state.engine
    try:
        async with asyncio.timeout(READY_TIMEOUT):
            current = await is_current(engine)
    except TimeoutError:
        return _not_ready(f"the database did not answer within {READY_TIMEOUT:g} s")
    except (SQLAlchemyError, OSError) as error:
        log.warning("readiness: database unreachable: %s", error)
        return _not_ready(f"the database is unreachable: {type(error).__name__}")
    if not current:
        return _not_ready(
            "the database schema is not at the newest migration; run guide-api migrate"
        )
    version = request.app.state.content_watch.version
    return JSONResponse({"status": "ready", "content_version": version})


def _not_ready(reason: str) -> JSONResponse:
    return JSONResponse({"status": "not ready", "reason": reason}, status_code=503)
