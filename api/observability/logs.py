"""Logging as JSON lines, set up by uvicorn in each worker (`log_config`).

Every record is one JSON object on stdout: time, level, logger, message, pid and any
`extra` fields. The request log (`guide.request`) has one line per request with
method, path, status, duration_ms, request_id, operation and sql_statements;
uvicorn's own access log is off, since that line replaces it.
"""

from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS

REQUEST_LOGGER = "guide.request"

_FORMAT = "%(levelname)s %(name)s %(message)s %(process)d"


def log_config(level: str = "info") -> dict[str, Any]:
    """A `logging.config.dictConfig` for uvicorn's `log_config`."""
    level = level.upper()
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": _FORMAT,
                "rename_fields": {"levelname": "level", "name": "logger", "process": "pid"},
                "timestamp": "time",  # ISO 8601, UTC
                # uvicorn adds a terminal-coloured copy of some messages: not for JSON.
                "reserved_attrs": [*RESERVED_ATTRS, "color_message"],
            }
        },
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            "guide": {"handlers": ["default"], "level": level, "propagate": False},
        },
    }
