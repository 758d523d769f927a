"""Reading an HTTP request into GraphQL request parameters.

GET carries them in the query string (`variables` and `extensions` as JSON
text), POST as a JSON object with `Content-Type: application/json`. Everything
a client can get wrong here becomes a `RequestError` naming what and where.
"""

import json
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.requests import Request

from api.protocol.errors import RequestError

PARAMETERS = ("query", "variables", "operationName", "extensions", "id", "documentId")


@dataclass(frozen=True)
class GraphQLParams:
    """One GraphQL request: the document (or a persisted query's id) and its inputs."""

    query: str | None
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None
    # `id` or `documentId`: the hash of a persisted query, sent instead of `query`.
    document_id: str | None


async def read_params(
    request: Request, max_body_bytes: int, max_batch: int = 0
) -> GraphQLParams | list[GraphQLParams]:
    """One request's parameters, or a batch's (a POSTed JSON array) in order."""
    if request.method == "GET":
        return _from_mapping(_query_string(request))
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise RequestError(
            415,
            f"Unsupported Content-Type {content_type or '(none)'!r}: send the request as "
            "`application/json`, or as a GET query string",
            headers={"Accept-Post": "application/json"},
        )
    body = await _read_body(request, max_body_bytes)
    try:
        data = orjson.loads(body)  # several times faster than json.loads; the same errors
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RequestError(400, f"The request body is not valid JSON: {error}") from error
    if isinstance(data, list):
        return _batch(data, max_batch)
    if not isinstance(data, dict):
        raise RequestError(400, "The request body must be a JSON object with a `query`")
    return _from_mapping(data)


def _batch(data: list, max_batch: int) -> list[GraphQLParams]:
    if max_batch == 0:
        raise RequestError(400, "Batched requests are turned off: send one operation per request")
    if not 1 <= len(data) <= max_batch:
        raise RequestError(400, f"A batch holds 1 to {max_batch} operations, this one {len(data)}")
    batch = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise RequestError(400, f"Batch item {index} must be a JSON object with a `query`")
        try:
            batch.append(_from_mapping(item))
        except RequestError as error:
            raise RequestError(400, f"Batch item {index}: {error.message}") from error
    return batch


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is longer than `limit` (declared or sent)."""
    too_large = RequestError(
        413, f"The request body is larger than {limit} bytes; send a shorter query"
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)


def _query_string(request: Request) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name in PARAMETERS:
        values = request.query_params.getlist(name)
        if len(values) > 1:
            raise RequestError(400, f"The query string gives `{name}` {len(values)} times")
        if values:
            params[name] = values[0]
    for name in ("variables", "extensions"):
        if params.get(name):
            try:
                params[name] = json.loads(params[name])
            except json.JSONDecodeError as error:
                raise RequestError(
                    400, f"The `{name}` parameter is not valid JSON: {error}"
                ) from error
        else:
            params.pop(name, None)
    return params


def _typed(data: dict[str, Any], name: str, kind: type, kind_name: str):
    value = data.get(name)
    if value is not None and not isinstance(value, kind):
        raise RequestError(400, f"`{name}` must be {kind_name} or null, not {type(value).__name__}")
    return value


def _from_mapping(data: dict[str, Any]) -> GraphQLParams:
    document_id = _typed(data, "documentId", str, "a string") or _typed(data, "id", str, "a string")
    return GraphQLParams(
        query=_typed(data, "query", str, "a string"),
        variables=_typed(data, "variables", dict, "an object"),
        operation_name=_typed(data, "operationName", str, "a string"),
        extensions=_typed(data, "extensions", dict, "an object"),
        document_id=document_id,
    )
