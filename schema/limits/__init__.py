"""Query protection: the limits every operation must stay within, and error masking.

`Limits` holds the numbers (the app fills them from settings); `limit_extensions`
turns them into schema extensions. The validation rules (depth, aliases, cost,
introspection) are built once per schema, so strawberry's validation cache keys
stay stable and the cache keeps working (strawberry issue #4635).
"""

from collections.abc import Callable
from dataclasses import dataclass

from graphql import ValidationRule
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import AddValidationRules, SchemaExtension
from strawberry.extensions.max_aliases import create_validator as create_alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as create_depth_rule

from schema.limits.cost import create_cost_rule
from schema.limits.parsing import ParseLimits
from schema.limits.schema import GuideSchema

__all__ = ["GuideSchema", "Limits", "limit_extensions", "validation_rules"]


@dataclass(frozen=True)
class Limits:
    """How much one operation may ask for; the defaults suit the website and the app."""

    max_depth: int = 12
    max_aliases: int = 50
    max_tokens: int = 2000
    max_cost: int = 50_000
    max_page_size: int = 100
    introspection: bool = True


def validation_rules(limits: Limits) -> tuple[type[ValidationRule], ...]:
    """The limit rules as classes, built once: the same tuple for every request."""
    rules = [
        create_depth_rule(limits.max_depth, should_ignore=None),
        create_alias_rule(limits.max_aliases),
        create_cost_rule(limits.max_cost, limits.max_page_size),
    ]
    if not limits.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


def limit_extensions(limits: Limits) -> list[Callable[[], SchemaExtension]]:
    """Extension factories (one instance per request) enforcing `limits`."""
    rules = list(validation_rules(limits))

    def parse_limits() -> SchemaExtension:
        return ParseLimits(limits.max_tokens)

    def add_rules() -> SchemaExtension:
        return AddValidationRules(rules)

    return [parse_limits, add_rules]
