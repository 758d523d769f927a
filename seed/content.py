"""Everything read from a content directory, each piece knowing where it came from."""

import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, TypeVar

from seed.body import Body
from seed.digest import article_digest
from seed.documents import ArticleMeta, ReferenceDoc, TopicDoc
from seed.errors import Problem
from seed.rendered import RenderedBody, render_body
from seed.yamlsource import FieldPath, Source

T = TypeVar("T")


@dataclass(frozen=True)
class Located(Generic[T]):
    """One validated entry of a YAML list, e.g. topics.yaml item 3, with its raw data."""

    doc: T
    path: FieldPath
    source: Source
    raw: Any = None

    def problem(self, field: FieldPath, message: str) -> Problem:
        return self.source.problem((*self.path, *field), message)


@dataclass(frozen=True)
class ArticleDoc:
    """One article file: validated front matter and the parsed body.

    Its digest and rendered rich text are worked out once, when first asked for; many
    articles may be rendered at once by other processes (seed.renderpool).
    """

    file: str
    meta: ArticleMeta
    body: Body
    source: Source  # of the front matter
    _rendered: RenderedBody | None = field(default=None, compare=False, repr=False)

    def problem(self, field: FieldPath, message: str) -> Problem:
        return self.source.problem(field, message)

    @cached_property
    def digest(self) -> str:
        """sha256 of what the file says (the article's `content_hash`)."""
        return article_digest(self.meta, self.body)

    @property
    def rendered(self) -> RenderedBody:
        """The lead and sections as markdown, sanitized HTML and plain text."""
        if self._rendered is None:
            self.use_rendered(render_body(self.body))
        return self._rendered

    @property
    def is_rendered(self) -> bool:
        return self._rendered is not None

    def use_rendered(self, rendered: RenderedBody) -> None:
        """Take a rendering of this body done elsewhere; the document stays frozen otherwise."""
        object.__setattr__(self, "_rendered", rendered)


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What an import keeps of an article file between reading it and writing it: a few
    hundred bytes, so memory does not grow with the text of the corpus. The file is read
    again when the article is written (seed.batches)."""

    file: str
    slug: str
    digest: str
    status: str
    sections: int
    references: tuple[str, ...]

    @classmethod
    def of(cls, article: ArticleDoc) -> "ArticleFacts":
        meta = article.meta
        return cls(
            article.file,
            meta.slug,
            article.digest,
            meta.status.value,
            len(article.body.sections),
            # Interned: every article names the same few thousand references.
            tuple(map(sys.intern, meta.references)),
        )


@dataclass
class Content:
    """The valid entries of every file; keys declared by invalid entries are kept too,
    so one bad entry does not make every use of its key an error as well. Articles are
    kept as their facts only, in file order."""

    topics: list[Located[TopicDoc]] = field(default_factory=list)
    references: list[Located[ReferenceDoc]] = field(default_factory=list)
    articles: list[ArticleFacts] = field(default_factory=list)
    # None when the file itself is unusable: then nothing can be checked against it.
    topic_slugs: set[str] | None = None
    reference_ids: set[str] | None = None
