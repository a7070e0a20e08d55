"""The build-time result: each calculator's example run in CPython, shaped for the template.

Readers without JavaScript, and crawlers, see this real result; the browser
replaces it when a reader computes their own. Tables print the display text the
library formatted once, and keep the full-precision value in ``data-value``,
exactly as the browser does, so both paths produce the same cells.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from markupsafe import Markup

import calculators

__all__ = ["Cell", "Chart", "Prerender", "Row", "Table", "data_value", "prerender"]


@dataclass(frozen=True)
class Cell:
    """One value cell: what a reader sees and the exact value behind it."""

    text: str
    value: str


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    name: str
    caption: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    svg: Markup


@dataclass(frozen=True)
class Prerender:
    """Everything the example run produced, keyed by output name."""

    tables: dict[str, Table]
    charts: dict[str, Chart]
    warnings: tuple[str, ...]


def prerender(calc_id: str) -> Prerender:
    """The example result of `calc_id` (computed once per build process)."""
    return _prerender_cached(calc_id)


@cache
def _prerender_cached(calc_id: str) -> Prerender:
    spec = calculators.SPECS[calc_id]
    result = calculators.run(calc_id, spec.example)
    return Prerender(
        tables={t["name"]: _table(t) for t in result.get("tables", [])},
        charts={c["name"]: _chart(c) for c in result.get("charts", [])},
        warnings=tuple(str(w) for w in result.get("warnings", [])),
    )


def _table(data: dict[str, Any]) -> Table:
    return Table(
        name=str(data["name"]),
        caption=str(data.get("caption", "")),
        row_header=str(data.get("row_header", "")),
        columns=tuple(str(c) for c in data.get("columns", [])),
        rows=tuple(_row(r) for r in data.get("rows", [])),
    )


def _row(data: dict[str, Any]) -> Row:
    cells = tuple(Cell(str(c.get("text", "")), data_value(c.get("value"))) for c in data["cells"])
    return Row(str(data.get("label", "")), cells)


def _chart(data: dict[str, Any]) -> Chart:
    """The SVG is markup our own library generated with every data text escaped: trusted."""
    return Chart(str(data["name"]), str(data.get("title", "")), Markup(data["svg"]))


def data_value(value: object) -> str:
    """A cell value as the browser writes it into ``data-value``.

    Numbers use the shortest text that reads back to the same float (what both
    Python's ``repr`` and JavaScript's ``String`` produce); undefined is empty.
    """
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value).lower()
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    return str(value)
