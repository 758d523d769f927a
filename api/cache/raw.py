"""Raw HTTP requests the fast layer may answer, and what makes two of them the same.

Two anonymous requests to `/graphql` get the same answer when they agree, byte for
byte, on everything the endpoint reads: method, query string, `Content-Type`,
`Accept` and body. `If-None-Match` only chooses between 200 and 304, and the
content version is checked against the entry, so neither is part of the key. A
request with an `Authorization` header (any value, even empty) never qualifies:
its key must be checked for expiry and revocation on every request.
"""

from dataclasses import dataclass

from starlette.types import Message, Receive

JSON = b"application/json"


@dataclass(slots=True)
class RawRequest:
    """The headers the key and the answer depend on, read in one pass over the scope."""

    accept: bytes
    content_type: bytes
    content_length: bytes
    if_none_match: bytes


# The headers read, by their place in RawRequest.
_READ = {b"accept": 0, b"content-type": 1, b"content-length": 2, b"if-none-match": 3}


def anonymous_request(headers: list[tuple[bytes, bytes]]) -> RawRequest | None:
    """The request's relevant headers; None when it carries a key or repeats one of them.

    Names are compared as ASGI servers send them, lowercase; the access layer reads
    `authorization` the same way, so both agree on who is anonymous.
    """
    found = [b"", b"", b"", b""]
    seen = 0
    for name, value in headers:
        place = _READ.get(name)
        if place is None:
            if name == b"authorization":
                return None
            continue
        if seen & (1 << place):  # read either way by the endpoint: let it decide
            return None
        seen |= 1 << place
        found[place] = value
    return RawRequest(*found)


def sends_json(content_type: bytes) -> bool:
    """Whether a POST body may be GraphQL at all (anything else gets 415 on the normal path)."""
    return content_type.split(b";", 1)[0].strip().lower() == JSON


def raw_key(method: str, query_string: bytes, request: RawRequest, body: bytes) -> tuple:
    """The index key; it starts with the method's bytes, so it never equals an answer's key."""
    return (method.encode(), query_string, request.content_type, request.accept, body)


async def read_body(receive: Receive, limit: int) -> tuple[bytes | None, list[Message]]:
    """The whole body, or None once it passes `limit` (or the client left).

    Also returns every message read, to replay to the endpoint (`replaying`).
    """
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return None, messages
        size += len(message.get("body", b""))
        if size > limit:
            return None, messages
        if not message.get("more_body", False):
            break
    if len(messages) == 1:
        return messages[0].get("body", b""), messages
    return b"".join(message.get("body", b"") for message in messages), messages


def replaying(messages: list[Message], receive: Receive) -> Receive:
    """A `receive` that gives the messages already read first, then the client's own."""
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
