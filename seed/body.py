"""An article's markdown body: the lead, then one section per `## ` heading."""

import re
from dataclasses import dataclass

from seed.anchor import heading_anchor
from seed.errors import Problem

_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_FENCE = re.compile(r" {0,3}(?P<fence>`{3,}|~{3,})")
_MARKERS = ("#", "`", "~")
_MAX_ANCHOR = 200  # the column's length


@dataclass(frozen=True)
class SectionDoc:
    heading: str
    anchor: str
    body: str  # markdown, stripped
    line: int  # of the heading


@dataclass(frozen=True)
class Body:
    lead: str
    sections: tuple[SectionDoc, ...]


def parse_body(text: str, file: str, first_line: int) -> tuple[Body, list[Problem], list[Problem]]:
    """Split `text` (starting on line `first_line`) into lead and sections.

    Returns the body, the problems (errors) and the warnings.
    """
    lead, chunks = _split(text.split("\n"), first_line)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    sections = []
    anchors: dict[str, int] = {}
    for line, heading, lines in chunks:
        body = "\n".join(lines).strip()
        anchor = heading_anchor(heading)
        problem = _heading_problem(heading, anchor, anchors)
        if problem:
            problems.append(Problem(file, f"line {line}", problem))
            continue
        anchors[anchor] = line
        if not body:
            warnings.append(Problem(file, f"line {line}", f"section {heading!r} has no text"))
        sections.append(SectionDoc(heading, anchor, body, line))
    lead_text = "\n".join(lead).strip()
    if not lead_text and not chunks:
        problems.append(
            Problem(file, f"line {first_line}", "empty body; write a lead and '## ' sections")
        )
    return Body(lead_text, tuple(sections)), problems, warnings


def _split(lines: list[str], first_line: int) -> tuple[list[str], list[tuple[int, str, list]]]:
    """Lead lines and (line, heading, lines) per section; not counting `##` in code fences."""
    lead: list[str] = []
    chunks: list[tuple[int, str, list[str]]] = []
    fence = None
    for number, line in enumerate(lines, start=first_line):
        if line[:4].lstrip(" ")[:1] not in _MARKERS:  # most lines: plain text, decided fast
            (chunks[-1][2] if chunks else lead).append(line)
            continue
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group("fence")
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)):
            fence = None
        elif fence is None and (heading := _heading(line)) is not None:
            chunks.append((number, heading, []))
            continue
        (chunks[-1][2] if chunks else lead).append(line)
    return lead, chunks


def _heading(line: str) -> str | None:
    """The text of an ATX `## ` heading (up to three spaces of indent, optional closing #s),
    '' for one without text, None for any other line."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("##"):
        return None
    rest = stripped[2:]
    if rest and rest[0] not in " \t":
        return None  # '###…' or '##text'
    text = rest.strip(" \t")
    return "" if not text.strip("#") else _CLOSING_HASHES.sub("", text)


def _heading_problem(heading: str, anchor: str, anchors: dict[str, int]) -> str | None:
    if not heading:
        return "heading without text; write the heading after '## '"
    if not anchor:
        return f"heading {heading!r} has no letters or digits to build an anchor from"
    if len(anchor) > _MAX_ANCHOR:
        return f"heading is too long: its anchor has more than {_MAX_ANCHOR} characters"
    if anchor in anchors:
        return (
            f"heading {heading!r} gives the anchor {anchor!r}, which the heading on line "
            f"{anchors[anchor]} already has; reword one of them"
        )
    return None
