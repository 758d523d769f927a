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

TEASERS = """query Teasers($first: Int!) {
  articles(first: $first) {
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


@dataclass(frozen=True)
class Scenario:
    name: str
    query: str
    variables: dict = field(default_factory=dict)
    # Returns None when the answer is right, else what is wrong.
    check: Callable[[dict], str | None] = lambda data: None
    main: bool = True  # one of the three scenarios with targets

    def body(self) -> dict:
        return {"query": self.query, "variables": self.variables}


def _expect(path: str, predicate: Callable[[object], bool], what: str):
    def check(data: dict) -> str | None:
        value: object = data
        for key in path.split("."):
            if not isinstance(value, dict) or key not in value:
                return f"missing {path}"
            value = value[key]
        return None if predicate(value) else f"{path}: expected {what}, got {value!r:.80}"

    return check


def scenarios(article_slug: str, anchor: str, topic_slug: str, search_word: str) -> list[Scenario]:
    return [
        Scenario(
            "article page",
            ARTICLE_PAGE,
            {"slug": article_slug},
            _expect("article.sections", lambda v: len(v) >= 7, ">= 7 sections"),
        ),
        Scenario(
            "teaser list (20)",
            TEASERS,
            {"first": 20},
            _expect("articles.edges", lambda v: len(v) == 20, "20 edges"),
        ),
        Scenario(
            "portal section",
            SECTION,
            {"article": article_slug, "anchor": anchor},
            _expect("section.heading", bool, "a heading"),
        ),
        Scenario(
            "topic page",
            TOPIC_PAGE,
            {"slug": topic_slug},
            _expect("topic.articles.edges", lambda v: len(v) > 0, "articles"),
            main=False,
        ),
        Scenario(
            "search",
            SEARCH,
            {"query": search_word},
            _expect("search.edges", lambda v: len(v) > 0, "hits"),
            main=False,
        ),
    ]
