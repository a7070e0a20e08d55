"""One YAML entry file read into plain data, with the line of every field.

PyYAML's `safe_load` forgets where values came from, so an error could only
name the file. Composing the node tree keeps a mark on every node: building
plain data from it ourselves records the line of each mapping key and sequence
item, which lets a validation error point at `faq[1].answer` on line 14.
Building it ourselves also lets us refuse alias bombs, which `safe_load`
would expand without limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EXPANDED_CHARS",
    "MAX_VALUES",
    "Document",
    "Loc",
    "SourceError",
    "document_from_bytes",
    "read_document",
]

MAX_BYTES = 2 * 1024 * 1024
"""Largest entry file read; the longest starter term is about 15 kB."""
MAX_VALUES = 20_000
"""Most values one file may hold once YAML aliases are expanded (stops alias bombs)."""
MAX_DEPTH = 40
"""Deepest nesting of lists and mappings; entries need five levels at most."""
MAX_EXPANDED_CHARS = MAX_BYTES
"""Most characters of text one file may hold once YAML aliases are expanded: a 125 kB file
that repeats one body through 4,000 aliases would otherwise make an 81 MB page. A file
without aliases never reaches it, since it holds at most `MAX_BYTES` of text."""

_BOM = b"\xef\xbb\xbf"
_CORE_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _CORE_TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value")
)
"""Tags of plain values: what YAML gives untagged text, numbers, dates, lists and mappings.
`!!binary`, `!!set`, `!!omap`, `!!python/…` and local tags are refused."""
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[str | int, ...]
"""Where a value sits: mapping keys and sequence indexes from the top of the file."""


class SourceError(Exception):
    """The file cannot be turned into data at all; says why in plain words."""

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        code: str = "yaml-syntax",
        loc: Loc | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code
        self.loc = loc


@dataclass(frozen=True)
class Finding:
    """A problem noticed while building the data that does not stop reading the file."""

    loc: Loc
    line: int
    message: str
    code: str


@dataclass(frozen=True)
class Document:
    """A file's top-level mapping plus the line each field starts on."""

    data: dict[str, Any]
    lines: Mapping[Loc, int]
    findings: tuple[Finding, ...] = ()

    def line_of(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest enclosing value that exists in the file."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None


def read_document(path: Path) -> Document:
    """Read one entry file; raise `SourceError` when it is not a YAML mapping we can use."""
    return document_from_bytes(_raw_bytes(path))


def document_from_bytes(raw: bytes) -> Document:
    """A file's bytes already read (at most `MAX_BYTES`) as a document: the entry cache
    digests the very bytes it parses, so a save between the two cannot slip through."""
    text = _decoded(raw)
    try:
        _check_nesting(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text) from None
    except yaml.YAMLError as error:
        raise SourceError(f"YAML cannot read this file: {error}") from None
    except RecursionError:
        raise SourceError(f"values are nested more than {MAX_DEPTH} levels deep") from None
    if node is None:
        raise SourceError("the file is empty; an entry needs at least a title", code="empty-file")
    return _Builder().document(node)


def _check_nesting(text: str) -> None:
    """Refuse deep nesting before composing: libyaml composes recursively in C, so a file
    of 50,000 `[` crashes the process before the node-depth check can run. The event
    stream is flat, so counting depth there is safe at any depth."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise SourceError(
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    line=line,
                    code="yaml-too-large",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _raw_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(
            f"the file is {size / 1_048_576:.1f} MB; entry files are limited to 2 MB",
            code="file-too-large",
        )
    return path.read_bytes()


def _decoded(raw: bytes) -> str:
    """UTF-8 text without a byte-order mark; CRLF is left to YAML, which accepts it."""
    skipped = len(_BOM) if raw.startswith(_BOM) else 0
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise SourceError(
            "the file contains a NUL byte (0x00), which text never holds; "
            "remove it or save the file as UTF-8 text",
            line=line,
            code="nul-character",
        )
    try:
        return raw[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + skipped
        line = raw[:offset].count(b"\n") + 1
        raise SourceError(
            f"the file is not valid UTF-8: byte 0x{raw[offset]:02x} at offset {offset} "
            "cannot be read (save the file as UTF-8)",
            line=line,
            code="encoding",
        ) from None


_PLAIN_PROBLEMS = {
    "mapping values are not allowed": "a ':' appears where YAML does not expect one "
    "(put text that contains ': ' in quotes)",
    "could not find expected ':'": "a line is missing the ':' after its key, "
    "or a quoted text is not closed",
    "did not find expected key": "the indentation does not line up with the lines above",
    "did not find expected '-' indicator": "a list item is not indented like the items above",
    "found undefined alias": "an alias ('*name') refers to an anchor that is not defined",
    "expected a single document": "the file holds more than one YAML document ('---'); "
    "an entry is one document",
    "found unexpected end of stream": "the file ends inside a quoted text",
    "cannot start any token": "this character cannot start a value (put the text in quotes)",
}


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> SourceError:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    tab_line = _tab_indented_line(text, line)
    if tab_line is not None:
        return SourceError("a tab is used for indentation; YAML needs spaces there", line=tab_line)
    problem = str(error.problem or error.context or "unreadable YAML")
    words = next((v for k, v in _PLAIN_PROBLEMS.items() if k in problem), problem)
    column = f" at column {mark.column + 1}" if mark else ""
    return SourceError(f"YAML syntax error{column}: {words}", line=line)


def _tab_indented_line(text: str, near: int | None) -> int | None:
    """The line (at or just before the error) whose indentation holds a tab, if any."""
    lines = text.splitlines()
    if near is None:
        return None
    for number in range(min(near, len(lines)), max(near - 3, 0), -1):
        if re.match(r"^ *\t", lines[number - 1]):
            return number
    return None


@dataclass
class _Builder:
    """Turns a node tree into plain data, counting values so aliases cannot explode."""

    count: int = 0
    chars: int = 0
    lines: dict[Loc, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    constructor: SafeConstructor = field(default_factory=SafeConstructor)

    def document(self, node: Node) -> Document:
        self.lines[()] = node.start_mark.line + 1
        if not isinstance(node, MappingNode):
            raise SourceError(
                f"the file holds {_node_kind(node)}, but an entry is a mapping of fields "
                "such as 'title: …'",
                line=node.start_mark.line + 1,
                code="wrong-type",
            )
        data = self.value(node, (), 0)
        return Document(data=data, lines=self.lines, findings=tuple(self.findings))

    def value(self, node: Node, loc: Loc, depth: int) -> Any:
        self._count(node, loc, depth)
        _check_tag(node, loc)
        if isinstance(node, MappingNode):
            return self.mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            return self.sequence(node, loc, depth)
        return self.scalar(node, loc)

    def _count(self, node: Node, loc: Loc, depth: int) -> None:
        self.count += 1
        line = self.lines.get(loc, node.start_mark.line + 1)
        if self.count > MAX_VALUES:
            raise SourceError(
                f"the file expands to more than {MAX_VALUES:,} values (through YAML aliases?); "
                "entry files are limited to that",
                line=line,
                code="yaml-too-large",
            )
        if depth > MAX_DEPTH:
            raise SourceError(
                f"values are nested more than {MAX_DEPTH} levels deep",
                line=line,
                code="yaml-too-large",
            )
        if isinstance(node, ScalarNode):
            self.chars += len(node.value)
            if self.chars > MAX_EXPANDED_CHARS:
                raise SourceError(
                    f"the file expands to more than {MAX_EXPANDED_CHARS:,} characters of text "
                    "(a YAML alias repeats a long value?); write each text out once",
                    line=line,
                    code="yaml-too-large",
                    loc=loc,
                )

    def mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            line = key_node.start_mark.line + 1
            if key in result:
                message = f"the key '{key}' appears twice; keep only one"
                self.findings.append(Finding((*loc, key), line, message, "duplicate-key"))
            self.lines[(*loc, key)] = line
            result[key] = self.value(value_node, (*loc, key), depth + 1)
        return result

    def key(self, node: Node) -> str:
        if node.tag == _CORE_TAG + "merge":
            raise SourceError(
                "merge keys ('<<') are not supported; write the fields out",
                line=node.start_mark.line + 1,
            )
        if not isinstance(node, ScalarNode):
            raise SourceError(
                f"a key must be a plain word, not {_node_kind(node)}",
                line=node.start_mark.line + 1,
            )
        return str(node.value)

    def sequence(self, node: SequenceNode, loc: Loc, depth: int) -> list[Any]:
        items: list[Any] = []
        for index, item in enumerate(node.value):
            self.lines[(*loc, index)] = item.start_mark.line + 1
            items.append(self.value(item, (*loc, index), depth + 1))
        return items

    def scalar(self, node: Node, loc: Loc) -> Any:
        """The typed value (dates, numbers, booleans); text the YAML rules cannot type."""
        if "\x00" in node.value:
            raise SourceError(
                "the text holds a NUL character ('\\0' or '\\x00'), which text never "
                "holds; remove it",
                line=node.start_mark.line + 1,
                code="nul-character",
                loc=loc,
            )
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            return node.value


def _check_tag(node: Node, loc: Loc) -> None:
    """Only plain values: an explicit `!!binary` or `!!python/object` tag is refused by name."""
    if node.tag in _PLAIN_TAGS:
        return
    shown = "!!" + node.tag.removeprefix(_CORE_TAG) if node.tag.startswith(_CORE_TAG) else node.tag
    raise SourceError(
        f"the YAML tag '{shown}' is not allowed; entries hold only plain text, numbers, "
        "dates, lists and mappings (remove the tag)",
        line=node.start_mark.line + 1,
        code="yaml-tag",
        loc=loc,
    )


def _node_kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return "a single value"
