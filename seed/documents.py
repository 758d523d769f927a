"""The seed files as pydantic models: which fields exist and what each may hold.

Models validate; they never reshape. What the database stores is built from them in
`seed.rows`, and a reference's `csl` keeps the item exactly as written.
"""

import re
from datetime import UTC, date, datetime
from difflib import get_close_matches
from pathlib import PurePosixPath
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PositiveInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from schema.anchors import anchor_for
from schema.tables import ArticleStatus

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LOCALE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?")

# CSL 1.0.2 item types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types).
_CSL_TYPE_NAMES = """
    article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia event
    figure graphic hearing interview legal_case legislation manuscript map motion_picture
    musical_score pamphlet paper-conference patent performance periodical
    personal_communication post post-weblog regulation report review review-book software
    song speech standard thesis treaty webpage
"""
CSL_TYPES = frozenset(_CSL_TYPE_NAMES.split())


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        suggestion = anchor_for(value)
        hint = f", e.g. {suggestion!r}" if suggestion else ""
        raise ValueError(
            f"{value!r} is not a valid slug; use lowercase a-z, digits and single hyphens{hint}"
        )
    return value


def _locale(value: str) -> str:
    if not _LOCALE.fullmatch(value):
        raise ValueError(f"{value!r} is not a language code such as 'de' or 'de-AT'")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _number_as_text(value: Any) -> Any:
    # CSL allows numbers for volume, issue, page …; YAML reads an unquoted 31 as int.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _none_as_empty(value: Any) -> Any:
    return [] if value is None else value


def _date_as_datetime(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def _as_utc(value: datetime) -> datetime:
    # A timestamp without a zone is taken as UTC; write +01:00 / +02:00 for German time.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value!r} is not an absolute http(s) URL such as https://example.org/x")
    return value


def _media_path(value: str) -> str:
    path = PurePosixPath(value)
    if "://" in value or path.is_absolute() or ".." in path.parts:
        raise ValueError(
            f"{value!r} must be a path inside the content directory, e.g. 'media/bild.svg'"
        )
    return value


Slug = Annotated[str, StringConstraints(max_length=200), AfterValidator(_slug)]
Text = Annotated[str, AfterValidator(_not_blank)]
Name200 = Annotated[str, StringConstraints(max_length=200), AfterValidator(_not_blank)]
Locale = Annotated[str, AfterValidator(_locale)]
CslNumber = Annotated[str, BeforeValidator(_number_as_text)]
Timestamp = Annotated[datetime, BeforeValidator(_date_as_datetime), AfterValidator(_as_utc)]
HttpUrl = Annotated[str, AfterValidator(_http_url)]
SlugList = Annotated[list[Slug], BeforeValidator(_none_as_empty)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TopicDoc(_Model):
    """One entry of topics.yaml."""

    slug: Slug
    name: Name200
    description: str | None = None
    parent: Slug | None = None


class CslName(_Model):
    """A CSL name: a person (family, given) or an institution (literal)."""

    family: str | None = None
    given: str | None = None
    literal: str | None = None

    @model_validator(mode="after")
    def _family_or_literal(self) -> "CslName":
        if bool(self.literal) == bool(self.family or self.given):
            raise ValueError("give either family (and given) or literal, e.g. {literal: NICE}")
        if self.given and not self.family:
            raise ValueError("a name with given needs family too")
        return self

    def display(self) -> str:
        """'Coleman R' for a person, the literal as is for an institution."""
        if self.literal:
            return self.literal
        return f"{self.family} {self.given}" if self.given else str(self.family)


class CslDate(_Model):
    """A CSL date: {date-parts: [[2020]]}, [[2020, 10]] or [[2025, 10, 28]]."""

    date_parts: list[list[int]] = Field(alias="date-parts")

    @field_validator("date_parts")
    @classmethod
    def _one_real_date(cls, parts: list[list[int]]) -> list[list[int]]:
        if len(parts) != 1 or not 1 <= len(parts[0]) <= 3:
            raise ValueError("write one date: [[2020]], [[2020, 10]] or [[2025, 10, 28]]")
        year, month, day = [*parts[0], 1, 1][:3]
        try:
            date(year, month, day)
        except ValueError as error:
            raise ValueError(f"{parts[0]} is not a real date: {error}") from None
        return parts

    @property
    def year(self) -> int:
        return self.date_parts[0][0]

    def as_date(self) -> date | None:
        parts = self.date_parts[0]
        return date(*parts) if len(parts) == 3 else None


class ReferenceDoc(_Model):
    """One CSL-JSON item of references.yaml (plus our `id`, `citation`, `et-al`)."""

    id: Slug
    citation: Text
    type: Annotated[str, StringConstraints(max_length=50)]
    author: Annotated[list[CslName], BeforeValidator(_none_as_empty)] = []
    et_al: bool = Field(False, alias="et-al")
    issued: CslDate | None = None
    title: Text
    container_title: str | None = Field(None, alias="container-title")
    volume: CslNumber | None = None
    issue: CslNumber | None = None
    page: CslNumber | None = None
    doi: str | None = Field(None, alias="DOI")
    url: str | None = Field(None, alias="URL")
    accessed: CslDate | None = None
    publisher: str | None = None
    publisher_place: str | None = Field(None, alias="publisher-place")
    number: CslNumber | None = None
    version: CslNumber | None = None
    note: str | None = None

    @field_validator("type")
    @classmethod
    def _csl_type(cls, value: str) -> str:
        if value not in CSL_TYPES:
            close = get_close_matches(value, CSL_TYPES, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "e.g. article-journal, report"
            raise ValueError(f"{value!r} is not a CSL type; {hint}")
        return value

    @field_validator("accessed")
    @classmethod
    def _full_date(cls, value: CslDate | None) -> CslDate | None:
        if value is not None and value.as_date() is None:
            raise ValueError("give year, month and day: {date-parts: [[2025, 10, 28]]}")
        return value


class Hero(_Model):
    url: Annotated[str, AfterValidator(_not_blank), AfterValidator(_media_path)]
    alt: Text
    caption: str | None = None
    width: PositiveInt | None = None
    height: PositiveInt | None = None


class ArticleMeta(_Model):
    """The front matter of an article file."""

    slug: Slug
    locale: Locale = "de"
    status: ArticleStatus = ArticleStatus.PUBLISHED
    title: Text
    subtitle: str | None = None
    publisher: str | None = None
    url: HttpUrl | None = None
    published_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    reviewed_at: Timestamp | None = None
    hero: Hero | None = None
    topics: SlugList = []
    references: SlugList = []


def field_names(*models: type[BaseModel]) -> set[str]:
    """The names editors write (aliases included), for 'did you mean' hints."""
    names = set()
    for model in models:
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
    return names
