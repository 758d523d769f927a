"""An article's rich text rendered once: the lead and every section as markdown, HTML, text."""

from dataclasses import dataclass

from schema.richtext import RenderedText, render
from seed.body import Body


@dataclass(frozen=True)
class RenderedBody:
    lead: RenderedText
    sections: tuple[RenderedText, ...]  # in the order of Body.sections


def render_body(body: Body) -> RenderedBody:
    return RenderedBody(render(body.lead), tuple(render(section.body) for section in body.sections))
