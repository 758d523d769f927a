"""Rich text: markdown in, sanitized HTML and plain text out.

Rendered once at seed time and stored, never per request.
"""

from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

# CommonMark without raw HTML: editors write markdown, not markup.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")

_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
    "hr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_TEXT_TOKENS = {"text", "code_inline"}
_BREAK_TOKENS = {"softbreak", "hardbreak"}


@dataclass(frozen=True)
class RenderedText:
    markdown: str
    html: str
    text: str


def render(markdown: str) -> RenderedText:
    """Render markdown to sanitized HTML and to plain text (paragraphs split by blank lines)."""
    source = markdown.strip()
    tokens = _MARKDOWN.parse(source)
    html = nh3.clean(
        _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()
    return RenderedText(markdown=source, html=html, text=_plain_text(tokens))


def _plain_text(tokens) -> str:
    """One line per block of text (paragraph, list item, cell), blocks split by a blank line."""
    blocks = []
    for token in tokens:
        if token.type == "inline":
            blocks.append(_inline_text(token.children or []))
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(block for block in blocks if block)


def _inline_text(children) -> str:
    parts = []
    for child in children:
        if child.type in _TEXT_TOKENS:
            parts.append(child.content)
        elif child.type in _BREAK_TOKENS:
            parts.append(" ")
    return " ".join("".join(parts).split())
