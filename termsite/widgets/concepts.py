"""Where a calculator's labels, help and result headers name glossary entries.

A spec names the entry (`InputSpec.concept`, `concepts`); this module finds the words in
the text and the template writes them as a placeholder, `<a class="tc-concept"
data-concept="slug">`, with no href. The build's linker (`generate.autolink`) gives each
placeholder whose entry the site has its href and the entry's hover card, the one card the
rest of the page shares; one it cannot resolve stays plain text. `results.js` applies the
same rule to the tables and the headline it draws (`pairs.js` to a pair chart's key figures),
so the two must agree: each entry is linked at the first place its words stand as whole
words, once per field, table or headline, earlier texts first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import calculators
from calculators.results import Table
from calculators.spec import Concepts

__all__ = [
    "PAIR_CHARTS",
    "Segment",
    "TableConcepts",
    "linked_line",
    "linked_texts",
    "pair_headline_concepts",
    "table_concepts",
]

PAIR_CHARTS = {"correlation-matrix": "rolling-correlation"}
"""The calculator whose chart a cell of this calculator's table draws (`LINKS` in pairs.js):
the build cannot draw it, so the widget carries that calculator's headline concepts for the
key figures the browser shows under the chart."""

Segment = tuple[str, str]
"""A piece of text and the slug it links to (empty: plain text)."""


def _whole_word_at(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _first(text: str, words: str, taken: Sequence[tuple[int, int]]) -> int:
    """Where `words` first stand as whole words in `text`, clear of `taken` spans; or -1."""
    start = text.find(words)
    while start >= 0:
        end = start + len(words)
        free = all(end <= a or start >= b for a, b in taken)
        if free and _whole_word_at(text, start, end):
            return start
        start = text.find(words, start + 1)
    return -1


def _segments(text: str, found: list[tuple[int, int, str]]) -> list[Segment]:
    pieces: list[Segment] = []
    position = 0
    for start, end, slug in sorted(found):
        pieces += [(text[position:start], ""), (text[start:end], slug)]
        position = end
    pieces.append((text[position:], ""))
    return [piece for piece in pieces if piece[0]]


def linked_texts(texts: Iterable[str], concepts: Concepts) -> list[list[Segment]]:
    """Each text split into segments; each concept linked once, in the first text it is in."""
    done: set[str] = set()
    result = []
    for text in texts:
        found: list[tuple[int, int, str]] = []
        for words, slug in concepts:
            if slug in done or not words:
                continue
            start = _first(text, words, [(a, b) for a, b, _ in found])
            if start >= 0:
                found.append((start, start + len(words), slug))
                done.add(slug)
        result.append(_segments(text, found))
    return result


def linked_line(text: str, concepts: Concepts) -> list[Segment]:
    """A headline split into segments: one field of its own, so each concept links once."""
    return linked_texts([text], concepts)[0]


def pair_headline_concepts(calc_id: str) -> Concepts:
    """The headline concepts of the pair chart `calc_id`'s widget draws (none without one)."""
    pair = PAIR_CHARTS.get(calc_id)
    return calculators.SPECS[pair].headline_concepts if pair else ()


@dataclass(frozen=True)
class TableConcepts:
    """A result table's caption and headers, split into linked segments."""

    caption: list[Segment]
    row_header: list[Segment]
    columns: list[list[Segment]]
    rows: list[list[Segment]]


def table_concepts(table: Table, label: str, concepts: Concepts) -> TableConcepts:
    """The table's texts in reading order: caption, corner, column headers, row headers."""
    columns, rows = list(table["columns"]), [row["label"] for row in table["rows"]]
    texts = [table["caption"] or label, table["row_header"], *columns, *rows]
    split = linked_texts(texts, concepts)
    return TableConcepts(split[0], split[1], split[2 : 2 + len(columns)], split[2 + len(columns) :])
