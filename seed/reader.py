"""Reading a content directory: every file parsed and validated on its own.

Cross-file checks (unknown topics, duplicates, …) live in `seed.validate`; those of an
article run as soon as it is read, so only its facts need to be kept (ArticleFacts).
"""

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from seed.articlefile import read_article
from seed.content import ArticleDoc, ArticleFacts, Content, Located
from seed.documents import CslDate, CslName, ReferenceDoc, TopicDoc, field_names
from seed.errors import Problem
from seed.fielderrors import validate_entry, validation_problems
from seed.validate import check_article
from seed.yamlsource import Source, parse_yaml

TOPICS = "topics.yaml"
REFERENCES = "references.yaml"
ARTICLES = "articles"


def read_content(content_dir: Path) -> tuple[Content, list[Problem], list[Problem]]:
    """Read every file of `content_dir`; returns the content, problems and warnings."""
    content = Content()
    if not content_dir.is_dir():
        message = (
            f"content directory {str(content_dir)!r} not found; give the folder with topics.yaml"
        )
        return content, [Problem(".", "", message)], []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    content.topics, content.topic_slugs = _read_list(
        content_dir, TOPICS, "slug", (TopicDoc,), problems
    )
    content.references, content.reference_ids = _read_list(
        content_dir, REFERENCES, "id", (ReferenceDoc, CslName, CslDate), problems
    )
    content.articles = _read_articles(content_dir, content, problems, warnings)
    return content, problems, warnings


def read_article_file(
    content_dir: Path, file: str
) -> tuple[ArticleDoc | None, list[Problem], list[Problem]]:
    """One article file (`file` relative to `content_dir`): document, problems, warnings."""
    text = read_text(content_dir / file, file)
    if isinstance(text, Problem):
        return None, [text], []
    return read_article(text, file, content_dir)


def read_text(path: Path, file: str) -> str | Problem:
    """The file as text with '\\n' line ends, or the problem reading it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Problem(file, "", f"cannot be read: {error.strerror or error}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Problem(file, f"line {line}", "is not UTF-8 text; save the file as UTF-8")
    return text.replace("\r\n", "\n")


def _read_list(
    content_dir: Path,
    file: str,
    key: str,
    models: tuple[type[BaseModel], ...],
    problems: list[Problem],
) -> tuple[list[Located[Any]], set[str] | None]:
    """Validate each item of a YAML list with `models[0]` on its own, so every bad item is
    reported; also returns the `key` of every item, valid or not."""
    path = content_dir / file
    if not path.is_file():
        problems.append(Problem(file, "", f"not found in {str(content_dir)!r}; create it"))
        return [], None
    text = read_text(path, file)
    if isinstance(text, Problem):
        problems.append(text)
        return [], None
    data, source, found = parse_yaml(text, file)
    problems += found
    if data is None and found:
        return [], None
    if data is None:
        data = []  # an empty file: no entries
    if not isinstance(data, list):
        problems.append(source.problem((), f"must be a YAML list, one '- {key}: …' per item"))
        return [], None
    names = field_names(*models)
    located = []
    for index, item in enumerate(data):
        doc, error = validate_entry(models[0], item)
        if error is not None:
            problems += validation_problems(error, source, (index,), names)
        if doc is not None:
            located.append(Located(doc, (index,), source, item))
    keys = [(index, item.get(key)) for index, item in enumerate(data) if isinstance(item, dict)]
    problems += _duplicate_keys(keys, key, source)
    return located, {value for _, value in keys if isinstance(value, str)}


def _duplicate_keys(keys: list[tuple[int, Any]], key: str, source: Source) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for index, value in keys:
        if not isinstance(value, str):
            continue
        if value in first:
            line = source.line_of((first[value],))
            message = f"{key} {value!r} is used twice (first on line {line}); keep one"
            problems.append(source.problem((index, key), message))
        else:
            first[value] = index
    return problems


def _read_articles(
    content_dir: Path, content: Content, problems: list[Problem], warnings: list[Problem]
) -> list[ArticleFacts]:
    folder = content_dir / ARTICLES
    if not folder.is_dir():
        problems.append(Problem(f"{ARTICLES}/", "", "folder not found; create it"))
        return []
    articles: list[ArticleFacts] = []
    files_by_slug: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        file = path.relative_to(content_dir).as_posix()
        if path.name.startswith("."):
            continue
        if path.suffix != ".md" or not path.is_file():
            warnings.append(Problem(file, "", "ignored: articles are .md files"))
            continue
        article, found, noticed = read_article_file(content_dir, file)
        problems += found
        warnings += noticed
        if article is not None:
            problems += check_article(article, content, files_by_slug)
            articles.append(ArticleFacts.of(article))
    return articles
