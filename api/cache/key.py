"""What makes two GraphQL requests the same answer, computed without parsing the query.

A key is `(content version, scope, query text, variables, operation name)`:

- the query text with GraphQL's insignificant tokens (whitespace, commas, comments)
  reduced: runs of them become one space between two names or values, and vanish
  next to punctuation, so `{ article(slug: "a") { title } }` and
  `{article(slug:"a"){title}}` share an entry. String literals are kept verbatim;
  a text whose quotes do not pair up gets no key (it is invalid anyway);
- the variables as canonical JSON (sorted keys, no spaces);
- the scope: what the caller may see. Anonymous callers share one scope; partner
  keys are keyed by their topics and articles (not by the key: two keys with the
  same scope see the same content). Preview and admin callers get no key at all —
  they see drafts, and their answers are never cached.
"""

import json
import re
from typing import Any

from cachetools import LRUCache

from schema.principal import Principal, Role

CacheKey = tuple  # (version, scope, query, variables, operation name)

# GraphQL's lexical grammar, as far as telling strings from ignored tokens goes.
_TOKENS = re.compile(
    r"""
      (?P<block>\"\"\"(?:\\\"\"\"|[^"]|"(?!""))*\"\"\")   # block string
    | (?P<string>"(?:\\.|[^"\\\n\r])*")                  # string
    | (?P<ignored>(?:[ \t\n\r,\ufeff]|\#[^\n\r]*)+)     # whitespace, commas, comments
    | (?P<quote>")                                       # a quote that opens no string
    """,
    re.VERBOSE,
)
# Next to these, ignored tokens carry no meaning (quotes are left out on purpose:
# `"" "x"` must not become `"""x"`, the start of a block string).
_PUNCTUATORS = frozenset("!$&()[]{}:=@|")

# Clients send the same few texts again and again: remember their normal forms,
# as (form, length of the text), so that texts and forms both count against the bound.
_normal_forms: LRUCache[str, tuple[str | None, int]] = LRUCache(
    maxsize=2**21, getsizeof=lambda known: len(known[0] or "") + known[1] + 64
)
_MEMO_LIMIT = 2**16  # longer texts are normalised each time, not remembered


class _UnpairedQuote(ValueError):
    pass


def _reduce(match: re.Match) -> str:
    kind = match.lastgroup
    if kind == "quote":
        raise _UnpairedQuote
    if kind != "ignored":
        return match.group()
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or end == len(text):
        return ""
    if text[start - 1] in _PUNCTUATORS or text[end] in _PUNCTUATORS:
        return ""
    return " "


def normalise_query(query: str) -> str | None:
    """The query text without insignificant whitespace; None when it cannot be keyed."""
    known = _normal_forms.get(query)
    if known is not None:
        return known[0]
    try:
        form = _TOKENS.sub(_reduce, query)
    except _UnpairedQuote:
        form = None
    if len(query) <= _MEMO_LIMIT:
        _normal_forms[query] = (form, len(query))
    return form


def canonical_variables(variables: dict[str, Any] | None) -> str:
    if not variables:
        return ""
    return json.dumps(variables, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def visibility_scope(principal: Principal) -> tuple | None:
    """What the caller may see, as a hashable value; None for callers never cached."""
    if principal.role is Role.PUBLIC:
        return (Role.PUBLIC,)
    if principal.role is Role.PARTNER:
        return (Role.PARTNER, principal.topics, principal.articles)
    return None  # preview and admin see drafts: never cached


def cache_key(
    version: int,
    principal: Principal,
    query: str,
    variables: dict[str, Any] | None,
    operation_name: str | None,
) -> CacheKey | None:
    """The response cache key of one request; None when its answer must not be cached."""
    scope = visibility_scope(principal)
    if scope is None:
        return None
    text = normalise_query(query)
    if text is None:
        return None
    return (version, scope, text, canonical_variables(variables), operation_name)
