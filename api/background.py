"""The background work of one API process, run by the app's lifespan.

- the content watch follows the content version (`api.content_watch`);
- the webhook dispatcher delivers outbox events, woken by each version change;
- the content version gauge follows the watch.

They use an engine of their own, so they never take a connection a request is waiting
for and their SQL is not counted as any request's.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette

from api.database import create_engine
from api.observability.metrics import CONTENT_VERSION, process_exits
from api.webhooks import WebhookDispatcher


@asynccontextmanager
async def running_in_background(app: Starlette) -> AsyncIterator[None]:
    settings = app.state.settings
    watch = app.state.content_watch
    engine = create_engine(settings.database_url)
    dispatcher = WebhookDispatcher(engine, settings)
    watch.on_change(CONTENT_VERSION.set)
    watch.on_change(dispatcher.wake)
    try:
        await watch.start(engine)
        CONTENT_VERSION.set(watch.version)
        await dispatcher.start()
        yield
    finally:
        await dispatcher.stop()
        await watch.stop()
        await engine.dispose()
        process_exits()
