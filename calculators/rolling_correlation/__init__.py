"""The rolling-correlation calculator: how the correlation of two assets changes over time.

It reads the form, runs one estimator of :mod:`calculators.stats.rolling` (window
Pearson, Spearman or Kendall, or one of two EWMA conventions) and lays out the
summary table and the chart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from calculators.display.svg import line_chart_svg
from calculators.display.tables import Table, key_value_table, number_cell, text_cell
from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import Dataset, example_csv, parse_csv, require_rows, with_notes
from calculators.inputs.returns import PAIR_INPUTS, PRICES_INPUT, RETURNS_INPUT, to_returns
from calculators.inputs.selection import PERIOD_INPUTS, REBASE_INPUT, select_prices
from calculators.rolling_correlation.report import HEADLINE_CONCEPTS, headline
from calculators.spec import (
    CalculatorSpec,
    InputSpec,
    OutputSpec,
    example_values,
    read_options,
    text_input,
)
from calculators.stats.correlation import PAIR_FUNCTIONS, correlate
from calculators.stats.rolling import Series, rolling_series

MAX_ROWS = 100_000
MAX_RANK_WORK = 10_000_000  # rows × window for Spearman and Kendall, which rank every window
LIMITS_HELP = (
    f"Size limits, so a run ends in seconds in a browser: up to {MAX_ROWS:,} rows; for "
    f"Spearman and Kendall, rows × window up to {MAX_RANK_WORK:,}."
)

METHOD_NAMES = {
    "pearson": "Pearson",
    "spearman": "Spearman",
    "kendall": "Kendall tau-b",
    "ewma": "EWMA (pandas convention)",
    "riskmetrics": "EWMA (RiskMetrics zero-mean)",
}

METHOD_CONCEPTS = (
    ("Pearson", "pearson-correlation"),
    ("Spearman", "spearman-rank-correlation"),
    ("Kendall tau-b", "kendall-tau"),
    ("EWMA", "ewma-correlation"),
)
"""The glossary entries the method choices name (a select cannot link its options)."""

INPUTS: tuple[InputSpec, ...] = (
    PRICES_INPUT,
    RETURNS_INPUT,
    *PAIR_INPUTS,
    InputSpec(
        "method",
        "Method",
        "choice",
        default="pearson",
        choices=(
            ("pearson", "Pearson over a moving window"),
            ("spearman", "Spearman over a moving window"),
            ("kendall", "Kendall tau-b over a moving window"),
            ("ewma", "EWMA, pandas ewm(alpha=1−λ, adjust=True)"),
            ("riskmetrics", "EWMA, RiskMetrics zero-mean recursion"),
        ),
        help="A moving window (Pearson, Spearman or Kendall tau-b) weighs its rows equally; "
        "EWMA weighs recent rows more. " + LIMITS_HELP,
        essential=True,
        concepts=METHOD_CONCEPTS,
    ),
    InputSpec(
        "window",
        "Window (rows)",
        "integer",
        default="60",
        minimum=2,
        maximum=100_000,
        step=1,
        help="How many rows each window covers (for EWMA: the warm-up when the minimum is blank).",
    ),
    InputSpec(
        "lambda",
        "Decay λ",
        "number",
        default="0.94",
        minimum=0.5,
        maximum=0.9999,
        step=0.01,
        help="EWMA weight of the previous estimate; 0.94 is the RiskMetrics daily value.",
        concept="ewma-correlation",
    ),
    InputSpec(
        "min_periods",
        "Minimum rows",
        "integer",
        minimum=2,
        maximum=100_000,
        step=1,
        help="Complete rows needed before a value is shown; blank means the window.",
    ),
    *PERIOD_INPUTS,
    REBASE_INPUT,
)

SPEC = CalculatorSpec(
    id="rolling-correlation",
    title="Rolling correlation",
    question="How has the correlation between two assets changed over time?",
    inputs=INPUTS,
    outputs=(
        OutputSpec(
            "summary", "table", "Summary of the rolling correlation", concepts=METHOD_CONCEPTS
        ),
        OutputSpec("series", "chart", "Rolling correlation over time"),
    ),
    example=example_values(INPUTS, csv=example_csv(), x="BTC", y="ETH", window="90"),
    headline_concepts=HEADLINE_CONCEPTS,
)


@dataclass(frozen=True)
class Options:
    """The typed non-CSV, non-asset inputs (read by :func:`calculators.spec.read_options`)."""

    returns: str
    method: str
    window: int
    lam: float = field(metadata={"input": "lambda"})
    min_periods: int | None = None

    @property
    def periods(self) -> int:
        """Complete rows needed before a value is shown: blank means the window."""
        return self.window if self.min_periods is None else self.min_periods


def compute(inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run the calculator on form-style inputs."""
    options = read_options(SPEC, inputs, Options)
    prices = select_prices(
        SPEC, inputs, parse_csv(text_input(SPEC, inputs, "csv")), options.returns
    )
    _check_size(len(prices.labels), options)
    data = to_returns(prices, options.returns)
    x_name, y_name = _pick_assets(data, inputs)
    x, y = data.column(x_name, "x"), data.column(y_name, "y")
    require_rows([x, y], what="returns" if options.returns != "none" else "values")
    values = rolling_series(x, y, options.method, options.window, options.lam, options.periods)
    overall, count = correlate(
        x, y, "pearson" if options.method in ("ewma", "riskmetrics") else options.method, 2
    )
    return with_notes(_result(data, x_name, y_name, values, overall, count, options), data)


def _check_size(rows: int, options: Options) -> None:
    """Refuse, before any maths, more rows (or rank work) than one browser run takes."""
    if rows > MAX_ROWS:
        raise CalculatorInputError(
            "csv", f"The CSV has {rows:,} rows; one run takes at most {MAX_ROWS:,}."
        )
    window = min(options.window, rows)
    if options.method in ("spearman", "kendall") and rows * window > MAX_RANK_WORK:
        name = METHOD_NAMES[options.method]
        raise CalculatorInputError(
            "window",
            f"{name} ranks every window: {rows:,} rows × a {window:,}-row window is more than "
            f"one run in a browser can take; keep rows × window at most {MAX_RANK_WORK:,} "
            f"(here a window of at most {MAX_RANK_WORK // rows:,} rows), or use Pearson.",
        )


def _pick_assets(data: Dataset, inputs: Mapping[str, str]) -> tuple[str, str]:
    """The two column names; blanks take the first and second columns."""
    x = text_input(SPEC, inputs, "x").strip() or data.names[0]
    if len(data.names) < 2 and not text_input(SPEC, inputs, "y").strip():
        raise CalculatorInputError(
            "y", "The CSV has one asset column; a rolling correlation needs two."
        )
    default_y = data.names[1] if data.names[0] == x else data.names[0]
    y = text_input(SPEC, inputs, "y").strip() or default_y
    return x, y


def _warnings(
    data: Dataset, x_name: str, y_name: str, values: Series, options: Options
) -> list[str]:
    """Plain sentences about a flat asset, a degenerate choice or an empty result."""
    warnings: list[str] = []
    for name in dict.fromkeys((x_name, y_name)):
        present = [v for v in data.column(name) if v is not None]
        if present and min(present) == max(present):
            warnings.append(
                f"{name} does not vary (zero variance), so its correlation is undefined and "
                "shown as —."
            )
    if x_name == y_name:
        warnings.append(f"Both assets are {x_name}, so every defined value is 1.")
    defined = sum(1 for value in values if value is not None)
    if defined == 0:
        warnings.append(
            f"No value could be computed: no stretch of rows has {options.periods} "
            f"complete pairs with variance in both {x_name} and {y_name}."
        )
    return warnings


def _result(
    data: Dataset,
    x_name: str,
    y_name: str,
    values: Series,
    overall: float | None,
    count: int,
    options: Options,
) -> dict[str, Any]:
    """The JSON-able result: index and values, a summary table and the chart."""
    title = f"{METHOD_NAMES[options.method]} correlation of {x_name} and {y_name}"
    return {
        "x": x_name,
        "y": y_name,
        "method": options.method,
        "window": options.window,
        "lambda": options.lam,
        "min_periods": options.periods,
        "index": list(data.labels),
        "values": values,
        "full_sample": overall,
        "headline": headline(data.labels, values, overall, options.method),
        "warnings": _warnings(data, x_name, y_name, values, options),
        "tables": [_summary(data, values, overall, count, title)],
        "charts": [_chart(data, values, overall, title, options)],
    }


def _summary(data: Dataset, values: Series, overall: float | None, count: int, title: str) -> Table:
    """Latest, average, lowest and highest values, with their dates, and the full sample."""
    points = [(v, label) for v, label in zip(values, data.labels, strict=True) if v is not None]
    latest = points[-1] if points else (None, "—")
    low = min(points) if points else (None, "—")
    high = max(points) if points else (None, "—")
    mean = math.fsum(v for v, _ in points) / len(points) if points else None
    items = [
        (f"Latest ({latest[1]})", number_cell(latest[0], "correlation")),
        ("Average", number_cell(mean, "correlation")),
        (f"Lowest ({low[1]})", number_cell(low[0], "correlation")),
        (f"Highest ({high[1]})", number_cell(high[0], "correlation")),
        (f"Full sample ({count} rows)", number_cell(overall, "correlation")),
        ("Rows with a value", text_cell(f"{len(points)} of {len(values)}")),
    ]
    return key_value_table("summary", title, items)


def _chart(
    data: Dataset, values: Series, overall: float | None, title: str, options: Options
) -> dict[str, str]:
    """The line chart, with the full-sample value as a dotted reference."""
    window = (
        f"window of {options.window} rows"
        if options.method in PAIR_FUNCTIONS
        else f"λ = {options.lam:g}"
    )
    defined = [v for v in values if v is not None]
    desc = f"Line chart of the {title.lower()} ({window}) over {len(values)} rows" + (
        f", ranging from {min(defined):.2f} to {max(defined):.2f}." if defined else "."
    )
    references = [(0.0, "")]
    if overall is not None:
        references.append((overall, f"full sample {overall:.2f}"))
    svg = line_chart_svg(
        "rolling-correlation-series",
        title,
        desc,
        data.labels,
        [(title, values)],
        "Correlation",
        (-1.0, 1.0),
        references,
    )
    return {"name": "series", "title": title, "svg": svg}
