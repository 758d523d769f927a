"""`guide-api serve`: migrate, seed an empty database, run uvicorn."""

import argparse

from api.commands.common import with_engine
from api.settings import Settings


def register(commands) -> None:
    serve = commands.add_parser("serve", help="migrate, seed an empty database, run the API")
    serve.add_argument("--host", help="interface to bind (default GUIDE_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default GUIDE_PORT or 8000)")
    serve.add_argument("--workers", type=int, help="worker processes (default GUIDE_WORKERS or 1)")
    serve.add_argument(
        "--no-seed",
        action="store_true",
        help="do not seed the bundled guide into an empty database",
    )
    serve.add_argument(
        "--no-migrate", action="store_true", help="do not upgrade the database schema on start"
    )
    serve.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from api.observability.logs import log_config
    from api.observability.metrics import multiprocess_metrics
    from api.startup import prepare_database

    overrides = {key: getattr(args, key) for key in ("host", "port", "workers")}
    settings = Settings(**{key: value for key, value in overrides.items() if value is not None})
    report = with_engine(
        settings,
        lambda engine: prepare_database(
            engine, settings, migrate=not args.no_migrate, seed=not args.no_seed
        ),
    )
    if report is not None:
        print(f"Seeded {settings.content_dir}:\n{report.format()}", flush=True)
    with multiprocess_metrics(settings.workers):
        uvicorn.run(
            "api.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_level=settings.log_level,
            loop="uvloop",
            http="httptools",
            # JSON log lines; api.observability writes one line per request instead.
            log_config=log_config(settings.log_level),
            access_log=False,
            # On SIGTERM, requests in flight get this long to finish.
            timeout_graceful_shutdown=settings.graceful_shutdown_timeout,
        )
    return 0
