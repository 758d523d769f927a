"""Everything read from a content directory, each piece knowing where it came from."""

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from seed.body import Body
from seed.documents import ArticleMeta, ReferenceDoc, TopicDoc
from seed.errors import Problem
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
    """One article file: validated front matter and the parsed body."""

    file: str
    meta: ArticleMeta
    body: Body
    source: Source  # of the front matter

    def problem(self, field: FieldPath, message: str) -> Problem:
        return self.source.problem(field, message)


@dataclass
class Content:
    """The valid entries of every file; keys declared by invalid entries are kept too,
    so one bad entry does not make every use of its key an error as well."""

    topics: list[Located[TopicDoc]] = field(default_factory=list)
    references: list[Located[ReferenceDoc]] = field(default_factory=list)
    articles: list[ArticleDoc] = field(default_factory=list)
    # None when the file itself is unusable: then nothing can be checked against it.
    topic_slugs: set[str] | None = None
    reference_ids: set[str] | None = None
