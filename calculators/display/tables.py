"""Result tables: every cell carries a full-precision `value` and a display `text`.

Numbers are formatted once, here, so the browser, the build-time prerender and
the command line all print exactly the same strings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from calculators.results import Cell, Row, Table

NumberStyle = Literal["correlation", "decimal", "percent", "integer", "pvalue", "money"]

MISSING_TEXT = "—"

SHADES = 40
"""A shaded matrix cell falls in one of SHADES + 1 colour bands from −1 to +1 (steps of 0.05):
fine enough to read as the heatmap's scale, few enough to be classes in a stylesheet (a
strict Content-Security-Policy allows no inline styles)."""

__all__ = [
    "MISSING_TEXT",
    "SHADES",
    "Cell",
    "NumberStyle",
    "Row",
    "Table",
    "format_number",
    "key_value_table",
    "matrix_table",
    "number_cell",
    "render_text",
    "row",
    "shade_band",
    "table",
    "text_cell",
]


def format_number(
    value: float | int | None, style: NumberStyle = "decimal", digits: int = 4
) -> str:
    """The display text of a number: ``"—"`` for undefined, fixed decimals otherwise.

    Styles: ``correlation`` (4 decimals), ``decimal`` (`digits` decimals),
    ``percent`` (value × 100, `digits` decimals, ``%``), ``integer`` (thousands
    separators), ``pvalue`` (``<0.0001`` below the smallest shown value) and
    ``money`` (thousands separators, 2 decimals).
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING_TEXT
    if style == "correlation":
        return _fixed(float(value), 4)
    if style == "percent":
        return _fixed(float(value) * 100.0, digits) + "%"
    if style == "integer":
        return f"{round(value):,}"
    if style == "pvalue":
        return "<0.0001" if 0 <= value < 0.0001 else _fixed(float(value), 4)
    if style == "money":
        return f"{float(value):,.2f}"
    return _fixed(float(value), digits)


def _fixed(value: float, digits: int) -> str:
    """Fixed decimals without a negative zero (``-0.0000`` reads as a bug)."""
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def number_cell(value: float | int | None, style: NumberStyle = "decimal", digits: int = 4) -> Cell:
    """A cell holding a number (None stays None and shows as ``"—"``)."""
    clean = None if value is None or not math.isfinite(value) else value
    return {"value": clean, "text": format_number(clean, style, digits)}


def shade_band(value: float | None) -> int | None:
    """The colour band of a correlation: 0 for −1, SHADES / 2 for 0, SHADES for +1."""
    if value is None or not math.isfinite(value):
        return None
    return round((max(-1.0, min(1.0, value)) + 1.0) * SHADES / 2)


def band_value(band: int) -> float:
    """The correlation at the centre of `band` (the colour the band is painted with)."""
    return band * 2.0 / SHADES - 1.0


def shaded_cell(value: float | None) -> Cell:
    """A correlation cell that carries its heatmap colour band."""
    cell = number_cell(value, "correlation")
    band = shade_band(value)
    if band is not None:
        cell["shade"] = band
    return cell


def text_cell(text: str) -> Cell:
    """A cell holding a word or label."""
    return {"value": text, "text": text}


def row(label: str, cells: Sequence[Cell]) -> Row:
    """One table row: a header label and its cells."""
    return {"label": label, "cells": list(cells)}


def table(
    name: str, caption: str, row_header: str, columns: Sequence[str], rows: Sequence[Row]
) -> Table:
    """A complete `tables` entry; `name` must match an OutputSpec name."""
    return {
        "name": name,
        "caption": caption,
        "row_header": row_header,
        "columns": list(columns),
        "rows": list(rows),
    }


def matrix_table(
    name: str,
    caption: str,
    labels: Sequence[str],
    values: Sequence[Sequence[float | int | None]],
    style: NumberStyle = "correlation",
    row_header: str = "Asset",
    shaded: bool = False,
) -> Table:
    """A square table with the same labels on rows and columns (matrices, counts).

    `shaded` correlation cells carry their heatmap colour band (see `shade_band`).
    """
    rows = [
        row(
            label,
            [shaded_cell(value) if shaded else number_cell(value, style) for value in line],
        )
        for label, line in zip(labels, values, strict=True)
    ]
    return table(name, caption, row_header, labels, rows)


def key_value_table(
    name: str, caption: str, items: Sequence[tuple[str, Cell]], header: str = "Measure"
) -> Table:
    """A two-column table of named figures (e.g. portfolio volatility, VaR)."""
    rows = [row(label, [cell]) for label, cell in items]
    return table(name, caption, header, ["Value"], rows)


def render_text(result_table: Table) -> str:
    """A plain-text rendering of a table (the command line prints this)."""
    header = [result_table["row_header"], *result_table["columns"]]
    lines = [[r["label"], *(c["text"] for c in r["cells"])] for r in result_table["rows"]]
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
    out = [result_table["caption"], ""]
    out.append(_text_line(header, widths))
    out.append("  ".join("-" * width for width in widths))
    out.extend(_text_line(line, widths) for line in lines)
    return "\n".join(out)


def _text_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """Labels left-aligned, figures right-aligned."""
    first = str(cells[0]).ljust(widths[0])
    rest = [str(cell).rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
    return "  ".join([first, *rest]).rstrip()
