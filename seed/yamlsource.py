"""YAML parsing that remembers where each field is, so problems can name a line."""

from dataclasses import dataclass
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from seed.errors import Problem

_TAG = "tag:yaml.org,2002:"
_TIMESTAMP, _STR, _MAP, _SEQ = _TAG + "timestamp", _TAG + "str", _TAG + "map", _TAG + "seq"
_PLAIN = {_TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null"}


# libyaml is ~10x faster; the pure-Python loader gives the same nodes and marks.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading, but dates stay text: pydantic parses them and names the field
    of an invalid one (PyYAML would raise a bare ValueError for 2025-13-01)."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


FieldPath = tuple[str | int, ...]

# Short advice for the YAML mistakes editors make most.
_HINTS = {
    "mapping values are not allowed": "put text that contains ': ' in quotes",
    "found character '\\t'": "indent with spaces, not tabs",
    "found undefined alias": "'*' starts an alias in YAML; put the text in quotes",
    "expected alphabetic or numeric character": "put text that starts with '*' or '&' in quotes",
    "found unexpected end of stream": "a quote is not closed",
}


@dataclass(frozen=True)
class Source:
    """One YAML text of one file, with the line of every field path in it."""

    file: str
    lines: dict[FieldPath, int]

    def line_of(self, path: FieldPath) -> int | None:
        """The line of `path`, or of its nearest parent that exists (for a missing field)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def problem(self, path: FieldPath, message: str) -> Problem:
        parts = []
        line = self.line_of(path)
        if line is not None:
            parts.append(f"line {line}")
        if path:
            parts.append(f"field {format_path(path)}")
        return Problem(self.file, ", ".join(parts), message)


def format_path(path: FieldPath) -> str:
    """('hero', 'alt') -> 'hero.alt'; ('topics', 3) -> 'topics[3]'; (3, 'URL') -> '[3].URL'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def parse_yaml(text: str, file: str, first_line: int = 1) -> tuple[Any, Source, list[Problem]]:
    """Parse `text` (which starts on line `first_line` of `file`) into data and a Source.

    On a syntax error the data is None and the one problem names the line. A key
    repeated in one mapping is a problem too (PyYAML would silently keep the last).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Source(file, {}), []
        builder = _Builder(loader, file, first_line)
        data = builder.build(node, ())
        if builder.unusual:  # e.g. merge keys or !!set: leave those to PyYAML
            data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        return None, Source(file, {}), [_syntax_problem(error, file, first_line)]
    except (ValueError, TypeError) as error:  # a value of an explicit tag, e.g. !!int x
        return None, Source(file, {}), [Problem(file, "", f"invalid YAML value: {error}")]
    finally:
        loader.dispose()
    return data, Source(file, builder.lines), builder.problems


class _Builder:
    """Turns nodes into data and notes the line of each field path, in one pass.

    Faster than PyYAML's constructor for what seed files hold (text, numbers, lists,
    mappings); anything else marks the document `unusual`, and PyYAML builds it.
    """

    def __init__(self, loader: Any, file: str, first_line: int) -> None:
        self.loader, self.file, self.first_line = loader, file, first_line
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        self.unusual = False

    def build(self, node: Node, path: FieldPath) -> Any:
        self.lines.setdefault(path, node.start_mark.line + self.first_line)
        if isinstance(node, MappingNode):
            self.unusual |= node.tag != _MAP
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            self.unusual |= node.tag != _SEQ
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if node.tag == _STR:
            return node.value
        if node.tag in _PLAIN:
            return self.loader.construct_object(node)
        self.unusual = True
        return None

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict:
        data = {}
        for key_node, value_node in node.value:
            self.unusual |= key_node.tag != _STR
            key = key_node.value if isinstance(key_node.value, str) else repr(key_node.value)
            child, line = (*path, key), key_node.start_mark.line + self.first_line
            if child in self.lines:
                message = f"appears twice (also on line {self.lines[child]}); keep only one"
                location = f"line {line}, field {format_path(child)}"
                self.problems.append(Problem(self.file, location, message))
                continue
            self.lines[child] = line  # a field's line is its key's line
            data[key] = self.build(value_node, child)
        return data


def _syntax_problem(error: yaml.MarkedYAMLError, file: str, first_line: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    location = f"line {mark.line + first_line}" if mark is not None else ""
    message = f"invalid YAML: {error.problem}"
    if error.context and error.context_mark is not None:
        message += f" ({error.context} on line {error.context_mark.line + first_line})"
    hint = next((hint for key, hint in _HINTS.items() if key in str(error.problem)), None)
    if hint:
        message += f"; {hint}"
    return Problem(file, location, message)
