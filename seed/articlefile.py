"""Reading one article file: YAML front matter between `---` lines, then markdown."""

from pathlib import Path

from frontmatter.default_handlers import YAMLHandler

from seed.body import parse_body
from seed.content import ArticleDoc
from seed.documents import ArticleMeta, Hero, field_names
from seed.errors import Problem
from seed.fielderrors import validate_entry, validation_problems
from seed.yamlsource import parse_yaml

_HANDLER = YAMLHandler()
_KNOWN = field_names(ArticleMeta, Hero)
_NO_FRONT_MATTER = (
    "no front matter; start the file with a '---' line, the fields "
    "(slug, title, …), and another '---' line"
)


def read_article(
    text: str, file: str, content_dir: Path | None
) -> tuple[ArticleDoc | None, list[Problem], list[Problem]]:
    """One article: the document, its problems and its warnings.

    Without `content_dir` (an admin edit, which keeps the hero image) the image file
    is not looked for.

    With problems, the document may still be there (built without the bad fields) so
    the checks across files can run on it; it is None if the front matter is unusable.
    """
    parts = _split(text)
    if isinstance(parts, str):
        return None, [Problem(file, "line 1", parts)], []
    front, front_line, body_text, body_line = parts
    data, source, problems = parse_yaml(front, file, front_line)
    if data is None and problems:
        return None, problems, []
    if not isinstance(data, dict):
        message = "front matter must be fields (name: value), e.g. 'title: …'"
        problem = source.problem((), message)
        return None, [*problems, problem if problem.location else Problem(file, "", message)], []
    body, body_problems, warnings = parse_body(body_text, file, body_line)
    problems += body_problems
    meta, error = validate_entry(ArticleMeta, data)
    if error is not None:
        problems += validation_problems(error, source, (), _KNOWN)
    if meta is None:
        return None, problems, warnings
    article = ArticleDoc(file, meta, body, source)
    problems += _hero_problems(article, content_dir)
    warnings += _name_warnings(article)
    return article, problems, warnings


def _split(text: str) -> tuple[str, int, str, int] | str:
    """(front matter, its first line, body, its first line), or what is wrong."""
    if not _HANDLER.detect(text):
        return _NO_FRONT_MATTER
    boundaries = _HANDLER.FM_BOUNDARY.finditer(text)
    start = next(boundaries)
    end = next(boundaries, None)
    if end is None:
        return "the front matter is not closed; add a '---' line after the fields"
    front = text[start.end() : end.start()]
    # The body starts on the line after the closing '---'.
    newline = text.find("\n", end.start())
    body = text[newline + 1 :] if newline != -1 else ""
    return front, _line_at(text, start.end()), body, _line_at(text, end.start()) + 1


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _hero_problems(article: ArticleDoc, content_dir: Path | None) -> list[Problem]:
    hero = article.meta.hero
    if hero is None or content_dir is None or (content_dir / hero.url).is_file():
        return []
    message = f"file {hero.url!r} not found in the content directory; add it or fix the path"
    return [article.problem(("hero", "url"), message)]


def _name_warnings(article: ArticleDoc) -> list[Problem]:
    expected = f"{article.meta.slug}.md"
    if Path(article.file).name == expected:
        return []
    message = f"the file of article {article.meta.slug!r} should be named {expected!r}"
    return [article.problem(("slug",), message)]
