"""RichText: one text in the three forms frontends render."""

import strawberry


@strawberry.type(
    description=(
        "A text with formatting, rendered once when the content is imported. Use `html` on "
        "the web, `markdown` where a markdown renderer exists, `text` for plain-text views."
    )
)
class RichText:
    markdown: str = strawberry.field(
        description="The source as the editors wrote it: CommonMark without raw HTML."
    )
    html: str = strawberry.field(
        description="Sanitized HTML (paragraphs, lists, emphasis, links, tables); safe to embed."
    )
    text: str = strawberry.field(
        description="Plain text without markup; paragraphs are separated by a blank line."
    )
