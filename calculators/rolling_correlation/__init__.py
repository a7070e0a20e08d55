"""The rolling-correlation calculator: how the correlation of two assets changes over time.

Two families of estimators:

- **Window** (`pearson`, `spearman`, `kendall`): the correlation over the last
  `window` rows, using the rows of that window where both assets have a value;
  fewer than `min_periods` such rows gives an undefined value. Pearson matches
  ``pandas.Series.rolling(window, min_periods).corr``.
- **EWMA**, two documented conventions:
  - ``ewma`` is pandas ``ewm(alpha=1 − λ, adjust=True).corr``: exponentially
    weighted means are removed, weights are λ^age normalised by their sum, and
    a row where either value is missing still ages the older weights;
  - ``riskmetrics`` is the RiskMetrics (1996) zero-mean recursion
    σ_xy ← λ·σ_xy + (1 − λ)·x·y (likewise σ_x², σ_y²), ρ = σ_xy / (σ_x σ_y),
    started from zero and advanced only on rows where both values exist.
  EWMA values start once `min_periods` complete rows have been seen.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate
from typing import Any

from calculators.display.svg import line_chart_svg
from calculators.display.tables import Table, key_value_table, number_cell, text_cell
from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import Dataset, example_csv, parse_csv, require_rows
from calculators.inputs.returns import PAIR_INPUTS, PRICES_INPUT, RETURNS_INPUT, to_returns
from calculators.inputs.selection import PERIOD_INPUTS, REBASE_INPUT, select_prices
from calculators.rolling_correlation.report import headline
from calculators.spec import (
    CalculatorSpec,
    InputSpec,
    OutputSpec,
    choice_input,
    example_values,
    integer_input,
    number_input,
    require,
    text_input,
)
from calculators.stats.correlation import (
    PAIR_FUNCTIONS,
    clip,
    complete_pairs,
    correlate,
    pearson,
)

Series = list[float | None]

# A window whose variance is below GUARD × the running Σx² would lose more than about
# 1e-10 of relative accuracy to cancellation, so it is recomputed in two passes.
GUARD = 1e-6
ZERO_VARIANCE = 1e-12  # a window whose variance is below this share of the series' is flat

METHOD_NAMES = {
    "pearson": "Pearson",
    "spearman": "Spearman",
    "kendall": "Kendall tau-b",
    "ewma": "EWMA (pandas convention)",
    "riskmetrics": "EWMA (RiskMetrics zero-mean)",
}

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
        help="A moving window weighs its rows equally; EWMA weighs recent rows more.",
        essential=True,
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
        OutputSpec("summary", "table", "Summary of the rolling correlation"),
        OutputSpec("series", "chart", "Rolling correlation over time"),
    ),
    example=example_values(INPUTS, csv=example_csv(), x="BTC", y="ETH", window="90"),
)


def rolling_pearson(
    x: Sequence[float | None], y: Sequence[float | None], window: int, min_periods: int
) -> Series:
    """Window Pearson in O(n) from prefix sums of globally centred values.

    Centring on the overall mean first keeps the one-pass formula well
    conditioned (a 1e9 offset cancels before any product is formed); prefix
    sums built with ``itertools.accumulate`` run at C speed, and their rounding
    grows only with the series length relative to the window (about 1e-14 for
    5,000 rows and a 90-row window), far inside the 1e-9 the tests demand.
    """
    complete = [a is not None and b is not None for a, b in zip(x, y, strict=True)]
    xs, ys = complete_pairs(x, y)
    mx = math.fsum(xs) / len(xs) if xs else 0.0
    my = math.fsum(ys) / len(ys) if ys else 0.0
    cx = [a - mx if ok else 0.0 for a, ok in zip(x, complete, strict=True)]  # type: ignore[operator]
    cy = [b - my if ok else 0.0 for b, ok in zip(y, complete, strict=True)]  # type: ignore[operator]
    sums = _PrefixSums(complete, cx, cy)
    sums.set_flat_levels(len(xs))
    return sums.windows(window, min_periods)


def _prefix(values: Iterable[float]) -> list[float]:
    """[0, v0, v0 + v1, …]: window sums become one subtraction."""
    return [0.0, *accumulate(values)]


class _PrefixSums:
    """Prefix sums of n, x, y, x², y² and xy over complete rows (others count as zero)."""

    def __init__(self, complete: list[bool], cx: list[float], cy: list[float]) -> None:
        self.n = _prefix(map(float, complete))
        self.x, self.y = _prefix(cx), _prefix(cy)
        self.xx = _prefix(map(operator.mul, cx, cx))
        self.yy = _prefix(map(operator.mul, cy, cy))
        self.xy = _prefix(map(operator.mul, cx, cy))
        self.flat_x = self.flat_y = 0.0
        self.complete, self.cx, self.cy = complete, cx, cy

    def set_flat_levels(self, count: int) -> None:
        """Per-row variances below which a window counts as flat: 1e-12 of each series' own."""
        self.flat_x = ZERO_VARIANCE * max(self.xx[-1] / max(count, 1), 1e-300)
        self.flat_y = ZERO_VARIANCE * max(self.yy[-1] / max(count, 1), 1e-300)

    def windows(self, window: int, min_periods: int) -> Series:
        """The correlation of every trailing window (locals bound once: this is the hot loop)."""
        pn, px, py, pxx, pyy, pxy = self.n, self.x, self.y, self.xx, self.yy, self.xy
        flat_x, flat_y, need = self.flat_x, self.flat_y, max(min_periods, 2)
        out: Series = []
        for stop in range(1, len(pn)):
            start = stop - window if stop > window else 0
            n = pn[stop] - pn[start]
            if n < need:
                out.append(None)
                continue
            sx, sy = px[stop] - px[start], py[stop] - py[start]
            vx = pxx[stop] - pxx[start] - sx * sx / n
            vy = pyy[stop] - pyy[start] - sy * sy / n
            if vx <= flat_x * n or vy <= flat_y * n:
                out.append(None)
                continue
            if vx < GUARD * pxx[stop] or vy < GUARD * pyy[stop]:
                out.append(self.exact(start, stop))
                continue
            out.append(
                clip((pxy[stop] - pxy[start] - sx * sy / n) / (math.sqrt(vx) * math.sqrt(vy)))
            )
        return out

    def exact(self, start: int, stop: int) -> float | None:
        """Two-pass Pearson of one window, for windows too quiet for the prefix sums."""
        rows = [i for i in range(start, stop) if self.complete[i]]
        return pearson([self.cx[i] for i in rows], [self.cy[i] for i in rows])


def rolling_rank(
    x: Sequence[float | None], y: Sequence[float | None], window: int, min_periods: int, method: str
) -> Series:
    """Window Spearman or Kendall: the pairwise function on each window's complete rows."""
    out: Series = []
    for end in range(len(x)):
        start = max(0, end - window + 1)
        value, _ = correlate(x[start : end + 1], y[start : end + 1], method, min_periods)
        out.append(value)
    return out


def ewma_pandas(
    x: Sequence[float | None], y: Sequence[float | None], lam: float, min_periods: int
) -> Series:
    """pandas ``ewm(alpha=1 − λ, adjust=True).corr``: the same recursion, step for step."""
    state = _EwmState()
    out: Series = []
    for a, b in zip(x, y, strict=True):
        state.step(a, b, lam)
        out.append(state.correlation() if state.nobs >= max(min_periods, 1) else None)
    return out


class _EwmState:
    """Weighted means and co-moments of pandas' ``ewmcov`` (bias=True), for x·y, x·x, y·y."""

    def __init__(self) -> None:
        self.nobs = 0
        self.started = False
        self.old_wt = 1.0
        self.mean_x = self.mean_y = 0.0
        self.cxy = self.cxx = self.cyy = 0.0

    def step(self, a: float | None, b: float | None, lam: float) -> None:
        """Age the weights by λ and, for a complete row, blend it in with weight 1."""
        if not self.started:
            if a is not None and b is not None:
                self.started, self.nobs = True, 1
                self.mean_x, self.mean_y = a, b
            return
        self.old_wt *= lam
        if a is None or b is None:
            return
        self.nobs += 1
        self._blend(a, b)
        self.old_wt += 1.0

    def _blend(self, a: float, b: float) -> None:
        """One weighted update of the means and the three co-moments."""
        old_x, old_y, w = self.mean_x, self.mean_y, self.old_wt
        if self.mean_x != a:
            self.mean_x = (w * old_x + a) / (w + 1.0)
        if self.mean_y != b:
            self.mean_y = (w * old_y + b) / (w + 1.0)
        dx, dy = old_x - self.mean_x, old_y - self.mean_y
        ex, ey = a - self.mean_x, b - self.mean_y
        self.cxy = (w * (self.cxy + dx * dy) + ex * ey) / (w + 1.0)
        self.cxx = (w * (self.cxx + dx * dx) + ex * ex) / (w + 1.0)
        self.cyy = (w * (self.cyy + dy * dy) + ey * ey) / (w + 1.0)

    def correlation(self) -> float | None:
        """cov / √(var_x·var_y), None while either variance is zero."""
        if self.cxx <= 0.0 or self.cyy <= 0.0:
            return None
        return clip(self.cxy / (math.sqrt(self.cxx) * math.sqrt(self.cyy)))


def ewma_riskmetrics(
    x: Sequence[float | None], y: Sequence[float | None], lam: float, min_periods: int
) -> Series:
    """RiskMetrics zero-mean EWMA, advanced only on complete rows."""
    sxy = sxx = syy = 0.0
    nobs = 0
    out: Series = []
    for a, b in zip(x, y, strict=True):
        if a is not None and b is not None:
            nobs += 1
            sxy = lam * sxy + (1.0 - lam) * a * b
            sxx = lam * sxx + (1.0 - lam) * a * a
            syy = lam * syy + (1.0 - lam) * b * b
        defined = nobs >= max(min_periods, 1) and sxx > 0.0 and syy > 0.0
        out.append(clip(sxy / (math.sqrt(sxx) * math.sqrt(syy))) if defined else None)
    return out


def rolling_series(
    x: Sequence[float | None],
    y: Sequence[float | None],
    method: str,
    window: int,
    lam: float,
    min_periods: int,
) -> Series:
    """Dispatch to the estimator named by `method`."""
    if method == "pearson":
        return rolling_pearson(x, y, window, min_periods)
    if method in ("spearman", "kendall"):
        return rolling_rank(x, y, window, min_periods, method)
    if method == "ewma":
        return ewma_pandas(x, y, lam, min_periods)
    return ewma_riskmetrics(x, y, lam, min_periods)


def compute(inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run the calculator on form-style inputs."""
    options = _read_options(inputs)
    prices = select_prices(
        SPEC, inputs, parse_csv(text_input(SPEC, inputs, "csv")), options["returns"]
    )
    data = to_returns(prices, options["returns"])
    x_name, y_name = _pick_assets(data, inputs)
    x, y = data.column(x_name, "x"), data.column(y_name, "y")
    require_rows([x, y], what="returns" if options["returns"] != "none" else "values")
    values = rolling_series(
        x, y, options["method"], options["window"], options["lambda"], options["min_periods"]
    )
    overall, count = correlate(
        x, y, "pearson" if options["method"] in ("ewma", "riskmetrics") else options["method"], 2
    )
    return _result(data, x_name, y_name, values, overall, count, options)


def _read_options(inputs: Mapping[str, str]) -> dict[str, Any]:
    """Every non-CSV, non-asset input, typed and checked."""
    window = require(integer_input(SPEC, inputs, "window"), SPEC, "window")
    min_periods = integer_input(SPEC, inputs, "min_periods")
    return {
        "returns": choice_input(SPEC, inputs, "returns"),
        "method": choice_input(SPEC, inputs, "method"),
        "window": window,
        "lambda": require(number_input(SPEC, inputs, "lambda"), SPEC, "lambda"),
        "min_periods": window if min_periods is None else min_periods,
    }


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
    data: Dataset, x_name: str, y_name: str, values: Series, options: dict[str, Any]
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
            f"No value could be computed: no stretch of rows has {options['min_periods']} "
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
    options: dict[str, Any],
) -> dict[str, Any]:
    """The JSON-able result: index and values, a summary table and the chart."""
    title = f"{METHOD_NAMES[options['method']]} correlation of {x_name} and {y_name}"
    return {
        "x": x_name,
        "y": y_name,
        "method": options["method"],
        "window": options["window"],
        "lambda": options["lambda"],
        "min_periods": options["min_periods"],
        "index": list(data.labels),
        "values": values,
        "full_sample": overall,
        "headline": headline(data.labels, values, overall, options["method"]),
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
    data: Dataset, values: Series, overall: float | None, title: str, options: dict[str, Any]
) -> dict[str, str]:
    """The line chart, with the full-sample value as a dotted reference."""
    window = (
        f"window of {options['window']} rows"
        if options["method"] in PAIR_FUNCTIONS
        else f"λ = {options['lambda']:g}"
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
