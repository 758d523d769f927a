"""The request shapes the benchmark drives, each with a check of its answer."""

from collections.abc import Callable
from dataclasses import dataclass, field

ARTICLE_PAGE = """query ArticlePage($slug: String!) {
  article(slug: $slug) {
    id slug title subtitle publishedAt updatedAt
    lead { html }
    heroImage { url alt caption width height }
    sections { anchor position heading body { html } }
    topics { slug name }
    references { number reference { citation doi url } }
  }
}"""

# The app's teaser list; `after` pages through it (keyset pagination).
TEASERS = """query Teasers($first: Int!, $after: String) {
  articles(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug title lead { text } topics { name } } }
  }
}"""

SECTION = """query PortalSection($article: String!, $anchor: String!) {
  section(article: $article, anchor: $anchor) {
    heading body { html }
    article { title publisher url references { number reference { citation } } }
  }
}"""

TOPIC_PAGE = """query TopicPage($slug: String!) {
  topic(slug: $slug) {
    name description
    children { slug name }
    articles(first: 20) { totalCount edges { node { slug title } } }
  }
}"""

SEARCH = """query Search($query: String!) {
  search(query: $query, first: 10) { totalCount edges { node { rank snippet } } }
}"""

# Short keys (for --scenarios and the targets) and the names the report shows.
NAMES = {
    "article": "article page",
    "teasers": "teaser list (20)",
    "section": "portal section",
    "topic": "topic page",
    "search": "search",
    "pages": "keyset pages",  # page 1 vs a deep page of the teaser list (bench.pagination)
}


@dataclass(frozen=True)
class Scenario:
    key: str
    name: str
    query: str
    variables: dict = field(default_factory=dict)
    # Returns None when the answer is right, else what is wrong.
    check: Callable[[dict], str | None] = lambda data: None
    main: bool = True  # one of the three scenarios with targets

    def body(self) -> dict:
        return {"query": self.query, "variables": self.variables}


def expect(path: str, predicate: Callable[[object], bool], what: str):
    """A check that the value at dotted `path` of the answer satisfies `predicate`."""

    def check(data: dict) -> str | None:
        value: object = data
        for key in path.split("."):
            if not isinstance(value, dict) or key not in value:
                return f"missing {path}"
            value = value[key]
        return None if predicate(value) else f"{path}: expected {what}, got {value!r:.80}"

    return check


def teasers(first: int = 20, after: str | None = None, name: str | None = None, check=None):
    """The teaser list: `first` articles after the cursor `after` (None: from the start)."""
    return Scenario(
        "teasers",
        name or NAMES["teasers"],
        TEASERS,
        {"first": first, "after": after},
        check or expect("articles.edges", lambda v: len(v) == first, f"{first} edges"),
    )


def article_page(slug: str) -> Scenario:
    check = expect("article.sections", lambda v: len(v) >= 7, ">= 7 sections")
    return Scenario("article", NAMES["article"], ARTICLE_PAGE, {"slug": slug}, check)


def portal_section(slug: str, anchor: str) -> Scenario:
    check = expect("section.heading", bool, "a heading")
    variables = {"article": slug, "anchor": anchor}
    return Scenario("section", NAMES["section"], SECTION, variables, check)


def scenarios(article_slug: str, anchor: str, topic_slug: str, search_word: str) -> list[Scenario]:
    return [
        article_page(article_slug),
        teasers(20),
        portal_section(article_slug, anchor),
        Scenario(
            "topic",
            NAMES["topic"],
            TOPIC_PAGE,
            {"slug": topic_slug},
            expect("topic.articles.edges", lambda v: len(v) > 0, "articles"),
            main=False,
        ),
        Scenario(
            "search",
            NAMES["search"],
            SEARCH,
            {"query": search_word},
            expect("search.edges", lambda v: len(v) > 0, "hits"),
            main=False,
        ),
    ]
