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

from markupsafe import Markup

import calculators
from calculators.results import Chart, Table

__all__ = ["Chart", "Prerender", "Table", "data_value", "prerender"]


@dataclass(frozen=True)
class Prerender:
    """Everything the example run produced, keyed by output name.

    Tables and charts keep the shape declared in `calculators.results`; only the
    SVG text is marked safe for the template (see `svg`).
    """

    tables: dict[str, Table]
    charts: dict[str, Chart]
    warnings: tuple[str, ...]
    headline: str = ""

    def svg(self, name: str) -> Markup:
        """The chart's SVG: markup our own library generated with every data text escaped."""
        return Markup(self.charts[name]["svg"])


def prerender(calc_id: str) -> Prerender:
    """The example result of `calc_id` (computed once per build process)."""
    return _prerender_cached(calc_id)


@cache
def _prerender_cached(calc_id: str) -> Prerender:
    spec = calculators.SPECS[calc_id]
    result = calculators.run(calc_id, spec.example)
    return Prerender(
        tables={table["name"]: table for table in result["tables"]},
        charts={chart["name"]: chart for chart in result["charts"]},
        warnings=tuple(result["warnings"]),
        headline=result.get("headline", ""),
    )


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
