"""Bound the work of the parser: it runs before validation, on any text a client sends."""

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension


class ParseLimits(SchemaExtension):
    """Refuse documents with more than `max_tokens` tokens (and as many comments).

    graphql-core stops lexing at the limit, so a huge document costs no more than
    a large one. The options are constant, so strawberry's parser cache (keyed by
    text and options) keeps hitting.
    """

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def on_operation(self) -> Iterator[None]:
        options = self.execution_context.parse_options
        options["max_lexical_tokens"] = self.max_tokens
        options["max_comments"] = self.max_tokens
        yield
