"""Checks across files: keys that must exist, be unique, or form a tree.

Each function returns problems (errors) or warnings; none of them stops early.
"""

from collections.abc import Iterable
from difflib import get_close_matches
from urllib.parse import urlsplit

from seed.content import ArticleDoc, Content, Located
from seed.documents import ReferenceDoc, TopicDoc
from seed.errors import Problem

_KEPT = "stored as printed; if it becomes known, add"


def check_article(
    article: ArticleDoc, content: Content, files_by_slug: dict[str, str]
) -> list[Problem]:
    """The problems of one article with the other files: its topics and references must be
    defined (once read), its slug not taken by an article read before (`files_by_slug`,
    which this adds the article to)."""
    return [
        *_duplicate_slug(article, files_by_slug),
        *_link_problems(article, "topics", content.topic_slugs, "topic"),
        *_link_problems(article, "references", content.reference_ids, "reference"),
    ]


def check_content(content: Content) -> tuple[list[Problem], list[Problem]]:
    """The cross-file problems of the topic tree, and all warnings about references."""
    # Duplicate topic slugs and reference ids are found by the reader, on the raw items.
    problems = [*_parent_problems(content), *_cycle_problems(content.topics)]
    warnings = [
        *(warning for entry in content.references for warning in _reference_gaps(entry)),
        *_uncited(content),
    ]
    return problems, warnings


def _suggest(value: str, known: Iterable[str]) -> str:
    close = get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _parent_problems(content: Content) -> list[Problem]:
    problems = []
    for entry in content.topics:
        parent = entry.doc.parent
        if parent is not None and parent not in (content.topic_slugs or ()):
            hint = _suggest(parent, content.topic_slugs)
            message = f"unknown parent topic {parent!r}{hint or '; add it to topics.yaml'}"
            problems.append(entry.problem(("parent",), message))
    return problems


def _cycle_problems(topics: list[Located[TopicDoc]]) -> list[Problem]:
    """One problem per cycle of parents, at the cycle's first topic in the file."""
    parents: dict[str, str | None] = {}
    for entry in topics:
        parents.setdefault(entry.doc.slug, entry.doc.parent)
    reported: set[str] = set()
    problems = []
    for entry in topics:
        cycle = _cycle_from(entry.doc.slug, parents)
        if cycle and not reported.intersection(cycle):
            reported.update(cycle)
            path = " → ".join([*cycle, cycle[0]])
            message = f"topic parents form a cycle: {path}; one of them must have no parent"
            problems.append(entry.problem(("parent",), message))
    return problems


def _cycle_from(slug: str, parents: dict[str, str | None]) -> list[str]:
    """The cycle `slug` is part of (starting at slug), or [] if its ancestry ends."""
    chain = [slug]
    current = parents.get(slug)
    while current is not None and current in parents:
        if current == slug:
            return chain
        if current in chain:
            return []  # a cycle above slug; reported from one of its members
        chain.append(current)
        current = parents[current]
    return []


def _duplicate_slug(article: ArticleDoc, files_by_slug: dict[str, str]) -> list[Problem]:
    slug = article.meta.slug
    if slug in files_by_slug:
        message = f"article slug {slug!r} is already used by {files_by_slug[slug]}; change one"
        return [article.problem(("slug",), message)]
    files_by_slug[slug] = article.file
    return []


def _link_problems(
    article: ArticleDoc, field: str, known: set[str] | None, kind: str
) -> list[Problem]:
    """Repeated topics / references of one article, and unknown ones (if `known` is known)."""
    problems = []
    first: dict[str, int] = {}
    for index, key in enumerate(getattr(article.meta, field)):
        if key in first:
            message = f"{kind} {key!r} is listed twice (also {field}[{first[key]}]); remove one"
            problems.append(article.problem((field, index), message))
            continue
        first[key] = index
        if known is not None and key not in known:
            file = "topics.yaml" if kind == "topic" else "references.yaml"
            hint = _suggest(key, known) or f"; define it in {file}"
            problems.append(article.problem((field, index), f"unknown {kind} {key!r}{hint}"))
    return problems


def _reference_gaps(entry: Located[ReferenceDoc]) -> list[Problem]:
    """Warnings for what the source left out or shortened; the values stay as printed."""
    doc, warnings = entry.doc, []
    if doc.url is not None:
        parts = urlsplit(doc.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problem = "is not an absolute http(s) URL"
        elif "..." in doc.url or "…" in doc.url:
            problem = "is shortened with '...'"
        else:
            problem = None
        if problem:
            message = f"reference {doc.id!r}: URL {doc.url!r} {problem}; {_KEPT} the full address"
            warnings.append(entry.problem(("URL",), message))
    if doc.issued is None:
        message = (
            f"reference {doc.id!r} has no year (shown as 'o. J.'); "
            f"{_KEPT} issued: {{date-parts: [[YYYY]]}}"
        )
        warnings.append(entry.problem(("issued",), message))
    return warnings


def _uncited(content: Content) -> list[Problem]:
    cited = {key for article in content.articles for key in article.references}
    return [
        entry.problem(("id",), f"reference {entry.doc.id!r} is cited by no article")
        for entry in content.references
        if entry.doc.id not in cited
    ]
