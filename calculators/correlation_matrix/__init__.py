"""The correlation-matrix calculator: which assets move together, and how surely.

Pairs use their pairwise-complete rows, as pandas ``DataFrame.corr`` does, so
the numbers match what an analyst gets in a notebook. Options add p-values
(and a Fisher-z 95% interval for Pearson), cluster ordering, and a repair to
the nearest valid correlation matrix (Higham 2002) when pairwise deletion has
produced a matrix that is not positive semidefinite.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from calculators.correlation_matrix.report import (
    HEADLINE_CONCEPTS,
    headline,
    weak_pairs,
    weak_sentence,
)
from calculators.display.svg import heatmap_svg
from calculators.display.tables import Cell, Table, matrix_table, number_cell, row, table
from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import Dataset, example_csv, parse_csv, require_rows, with_notes
from calculators.inputs.limits import Limit
from calculators.inputs.returns import PRICES_INPUT, RETURNS_INPUT, to_returns
from calculators.inputs.selection import (
    ASSETS_INPUT,
    PERIOD_INPUTS,
    REBASE_INPUT,
    choose_assets,
    select_prices,
)
from calculators.spec import (
    CalculatorSpec,
    InputSpec,
    OutputSpec,
    example_values,
    read_options,
    text_input,
)
from calculators.stats import linalg
from calculators.stats.clustering import cluster_order
from calculators.stats.correlation import (
    METHOD_CHOICES,
    Matrix,
    correlation_matrix,
    fisher_interval,
    p_value_matrix,
)

METHOD_NAMES = {"pearson": "Pearson", "spearman": "Spearman", "kendall": "Kendall tau-b"}
RETURN_NAMES = {"log": "log returns", "simple": "simple returns", "none": "the values as given"}
MAX_LISTED = 5
LIMITS = {
    "pearson": Limit("Pearson", assets=100, values=100_000),
    "spearman": Limit("Spearman", assets=100, values=30_000),
    "kendall": Limit("Kendall", assets=50, values=25_000),
}
REPAIR_ASSETS = 40  # Higham's repair grows with the cube of the assets and its iterations
METHOD_CONCEPTS = (
    ("Pearson", "pearson-correlation"),
    ("Spearman", "spearman-rank-correlation"),
    ("Kendall tau-b", "kendall-tau"),
)
"""The glossary entries the method choices name (a select cannot link its options)."""
LIMITS_HELP = (
    "Size limits, so a run ends in seconds in a browser: "
    + "; ".join(limit.words() for limit in LIMITS.values())
    + f" (values = rows × assets); the repair up to {REPAIR_ASSETS} assets."
)

INPUTS: tuple[InputSpec, ...] = (
    PRICES_INPUT,
    ASSETS_INPUT,
    InputSpec(
        "method",
        "Method",
        "choice",
        default="pearson",
        choices=METHOD_CHOICES,
        help="Pearson measures linear co-movement; Spearman and Kendall tau-b use ranks and "
        "resist outliers. " + LIMITS_HELP,
        essential=True,
        concepts=METHOD_CONCEPTS,
    ),
    RETURNS_INPUT,
    *PERIOD_INPUTS,
    REBASE_INPUT,
    InputSpec(
        "min_periods",
        "Minimum rows per pair",
        "integer",
        default="3",
        minimum=2,
        maximum=1_000_000,
        step=1,
        help="Each pair uses its pairwise-complete rows; a pair with fewer than this gets no "
        "correlation.",
        concepts=(("pairwise-complete rows", "pairwise-deletion"),),
    ),
    InputSpec(
        "significance",
        "Significance",
        "boolean",
        default="false",
        help="Add a two-sided p-value for every pair, and a 95% Fisher z interval for Pearson.",
        concepts=(("Fisher z", "fisher-z-transformation"),),
    ),
    InputSpec(
        "order",
        "Order",
        "choice",
        default="original",
        choices=(
            ("original", "CSV column order"),
            ("cluster", "Cluster correlated assets together"),
        ),
        help="Cluster ordering uses average linkage on the distance √((1−ρ)/2).",
        concepts=(("Cluster ordering", "correlation-clustering"),),
    ),
    InputSpec(
        "repair",
        "Repair if invalid",
        "boolean",
        default="false",
        help="Replace a matrix that is not positive semidefinite by the nearest valid "
        "correlation matrix (Higham 2002).",
        concepts=(
            ("positive semidefinite", "positive-semidefinite-matrix"),
            ("nearest valid correlation matrix", "nearest-correlation-matrix"),
        ),
    ),
)

SPEC = CalculatorSpec(
    id="correlation-matrix",
    title="Correlation matrix",
    question="How strongly do the returns of these assets move together?",
    inputs=INPUTS,
    outputs=(
        OutputSpec("matrix", "table", "Correlation matrix", concepts=METHOD_CONCEPTS),
        OutputSpec("counts", "table", "Rows used by each pair"),
        OutputSpec(
            "significance",
            "table",
            "Significance of each pair",
            concepts=(("Fisher-z", "fisher-z-transformation"),),
        ),
        OutputSpec("heatmap", "chart", "Correlation heatmap"),
    ),
    example=example_values(INPUTS, csv=example_csv(), order="cluster", significance="true"),
    headline_concepts=HEADLINE_CONCEPTS,
)


@dataclass(frozen=True)
class Options:
    """The typed non-CSV inputs (read by :func:`calculators.spec.read_options`)."""

    returns: str
    method: str
    min_periods: int
    significance: bool
    order: str
    repair: bool


def compute(inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run the calculator on form-style inputs."""
    options = read_options(SPEC, inputs, Options)
    prices = select_prices(
        SPEC, inputs, parse_csv(text_input(SPEC, inputs, "csv")), options.returns
    )
    prices = choose_assets(SPEC, inputs, prices, text_input(SPEC, inputs, "rebase").strip())
    _check_size(prices, options)
    data = to_returns(prices, options.returns)
    require_rows(data.columns, what="returns" if options.returns != "none" else "values")
    method, min_periods = options.method, options.min_periods
    matrix, counts = correlation_matrix(data.columns, method, min_periods)
    warnings = _undefined_warnings(data, matrix, counts, min_periods)
    psd, repaired, psd_warnings = _check_and_repair(data, matrix, options.repair)
    warnings.extend(psd_warnings)
    significance = options.significance
    p_values = p_value_matrix(data.columns, matrix, method, counts) if significance else None
    order = cluster_order(matrix) if options.order == "cluster" else list(range(len(matrix)))
    shown = Shown(repaired or matrix, matrix)
    return with_notes(_result(data, options, order, shown, counts, p_values, psd, warnings), data)


def _check_size(data: Dataset, options: Options) -> None:
    """Refuse, before any maths, more data than the method's limit (see LIMITS)."""
    LIMITS[options.method].check(len(data.labels), len(data.names))
    if options.repair and len(data.names) > REPAIR_ASSETS:
        raise CalculatorInputError(
            "repair",
            f"The repair takes at most {REPAIR_ASSETS} assets in one run and the CSV has "
            f"{len(data.names):,}; turn the repair off or use fewer assets.",
        )


def _undefined_warnings(
    data: Dataset, matrix: Matrix, counts: list[list[int]], min_periods: int
) -> list[str]:
    """Sentences for zero-variance assets and for pairs with too few rows."""
    warnings: list[str] = []
    short: list[str] = []
    for i, name in enumerate(data.names):
        if matrix[i][i] is None and counts[i][i] >= max(min_periods, 2):
            warnings.append(
                f"{name} does not vary over its rows (zero variance), so its correlations "
                "are undefined and shown as —."
            )
        for j in range(i + 1, len(data.names)):
            if counts[i][j] < max(min_periods, 2):
                short.append(f"{name}–{data.names[j]} ({counts[i][j]})")
    if short:
        listed = ", ".join(short[:MAX_LISTED]) + (" and others" if len(short) > MAX_LISTED else "")
        warnings.append(
            f"{len(short)} pair{'s have' if len(short) != 1 else ' has'} fewer than "
            f"{max(min_periods, 2)} complete rows, so no correlation is shown: {listed}."
        )
    return warnings


def _check_and_repair(
    data: Dataset, matrix: Matrix, repair: bool
) -> tuple[bool | None, Matrix | None, list[str]]:
    """Whether the matrix is PSD, its repaired form when asked, and what to tell the reader.

    With no missing data every pair uses the same rows, so the matrix is a Gram
    matrix (PSD up to rounding) and the eigen-decomposition is skipped.
    """
    if all(None not in column for column in data.columns):
        return True, None, []
    if any(value is None for line in matrix for value in line):
        note = (
            "Repair was skipped: some correlations are undefined, and the nearest valid "
            "matrix needs every entry."
        )
        return None, None, [note] if repair else []
    full = [[float(value) for value in line if value is not None] for line in matrix]
    if _positive_definite(full) or linalg.is_psd(full):
        return True, None, []
    smallest = linalg.symmetric_eigen(full)[0][0]
    message = (
        "The pairwise-complete matrix is not positive semidefinite (smallest eigenvalue "
        f"{smallest:.4f}), because pairs used different rows."
    )
    if not repair:
        return False, None, [message + " Turn on repair to use the nearest valid matrix."]
    fixed = linalg.nearest_correlation(full)
    change = max(
        abs(a - b) for ra, rb in zip(fixed, full, strict=True) for a, b in zip(ra, rb, strict=True)
    )
    note = (
        " It was replaced by the nearest valid correlation matrix (Higham 2002); "
        f"the largest change to any entry is {change:.4f}."
    )
    return False, [list(line) for line in fixed], [message + note]


def _positive_definite(matrix: list[list[float]]) -> bool:
    """A Cholesky factorisation exists: a cheap O(k³/6) proof of PSD before any eigenvalues."""
    try:
        linalg.cholesky(matrix)
    except ValueError:
        return False
    return True


def _permute(values: Sequence[Sequence[Any]], order: Sequence[int]) -> list[list[Any]]:
    """Rows and columns of a square matrix in `order`."""
    return [[values[i][j] for j in order] for i in order]


@dataclass(frozen=True)
class Shown:
    """The matrix shown (repaired when asked) and the pairwise one the tests are of.

    A p-value and a Fisher interval describe one pair's own estimate on its own
    complete rows; the repaired entry is not an estimate with a sampling distribution,
    so the significance row shows the pairwise r it tests, never the repaired one.
    """

    matrix: Matrix
    pairwise: Matrix


def _result(
    data: Dataset,
    options: Options,
    order: list[int],
    shown: Shown,
    counts: list[list[int]],
    p_values: Matrix | None,
    psd: bool | None,
    warnings: list[str],
) -> dict[str, Any]:
    """The JSON-able result in the requested asset order."""
    assets = [data.names[i] for i in order]
    matrix, pairwise = _permute(shown.matrix, order), _permute(shown.pairwise, order)
    counts = _permute(counts, order)
    p_values = _permute(p_values, order) if p_values is not None else None
    intervals = _intervals(pairwise, counts) if p_values is not None else None
    repaired = shown.matrix is not shown.pairwise
    tables = [
        matrix_table("matrix", _caption(options), assets, matrix, shaded=True),
        matrix_table("counts", "Complete rows used by each pair", assets, counts, "integer"),
    ]
    if p_values is not None:
        tables.append(
            _significance_table(assets, pairwise, counts, p_values, intervals, options, repaired)
        )
    return {
        "assets": assets,
        "matrix": matrix,
        "counts": counts,
        "p_values": p_values,
        "intervals": intervals,
        "method": options.method,
        "returns": options.returns,
        "min_periods": options.min_periods,
        "order": [data.names[i] for i in order],
        "positive_semidefinite": psd,
        "repaired": options.repair and psd is False,
        "rows": len(data.labels),
        "headline": headline(assets, matrix, p_values, options.method),
        "warnings": warnings,
        "tables": tables,
        "charts": [_heatmap(assets, matrix, options, p_values)],
    }


def _caption(options: Options) -> str:
    """What the matrix is, in words."""
    return f"{METHOD_NAMES[options.method]} correlation of {RETURN_NAMES[options.returns]}"


def _intervals(matrix: Matrix, counts: list[list[int]]) -> list[list[list[float] | None]]:
    """Fisher-z 95% intervals for every defined pair (Pearson meaning; null on the diagonal)."""
    k = len(matrix)
    return [
        [
            None if i == j else _as_list(fisher_interval(matrix[i][j], counts[i][j]))
            for j in range(k)
        ]
        for i in range(k)
    ]


def _as_list(pair: tuple[float, float] | None) -> list[float] | None:
    """A JSON-able interval."""
    return None if pair is None else [pair[0], pair[1]]


def _significance_table(
    assets: list[str],
    matrix: Matrix,
    counts: list[list[int]],
    p_values: Matrix,
    intervals: list[list[list[float] | None]] | None,
    options: Options,
    repaired: bool,
) -> Table:
    """One row per pair: its pairwise correlation, rows, p-value and (Pearson) 95% interval."""
    pearson = options.method == "pearson"
    columns = ["Correlation", "Rows", "p-value"] + (["95% low", "95% high"] if pearson else [])
    rows = []
    for i in range(len(assets)):
        for j in range(i + 1, len(assets)):
            cells = [
                number_cell(matrix[i][j], "correlation"),
                number_cell(counts[i][j], "integer"),
                number_cell(p_values[i][j], "pvalue"),
            ]
            if pearson:
                cells.extend(_interval_cells(intervals[i][j] if intervals else None))
            rows.append(row(f"{assets[i]} – {assets[j]}", cells))
    caption = "Two-sided p-values" + (" and Fisher-z 95% intervals" if pearson else "")
    if options.method == "kendall":
        caption += " (normal approximation with tie correction)"
    caption += " of each pair's own correlation on its complete rows"
    if repaired:
        caption += (
            "; the correlations here are these pairwise estimates, before the repair "
            "that changed the matrix above"
        )
    return table("significance", caption, "Pair", columns, rows)


def _interval_cells(interval: list[float] | None) -> list[Cell]:
    """The low and high ends of an interval as cells (dashes when undefined)."""
    low, high = (None, None) if interval is None else (interval[0], interval[1])
    return [number_cell(low, "correlation"), number_cell(high, "correlation")]


def _heatmap(
    assets: list[str], matrix: Matrix, options: Options, p_values: Matrix | None = None
) -> dict[str, str]:
    """The heatmap chart entry, with a description that states the extremes.

    With p-values, pairs with p ≥ 0.05 are hatched and faded.
    """
    title = _caption(options)
    desc = _describe(assets, matrix) + weak_sentence(p_values)
    weak = weak_pairs(p_values) if p_values is not None else None
    return {
        "name": "heatmap",
        "title": title,
        "svg": heatmap_svg("correlation-matrix-heatmap", title, desc, assets, matrix, weak=weak),
    }


def _describe(assets: list[str], matrix: Matrix) -> str:
    """A one-sentence text equivalent of the heatmap."""
    pairs = [
        (value, assets[i], assets[j])
        for i in range(len(assets))
        for j in range(i + 1, len(assets))
        if (value := matrix[i][j]) is not None
    ]
    base = f"Heatmap of the correlations between {len(assets)} assets, from −1 (blue) to +1 (red)."
    if not pairs:
        return base
    high, low = max(pairs), min(pairs)
    return (
        f"{base} Highest: {high[1]} and {high[2]} at {high[0]:.2f}; "
        f"lowest: {low[1]} and {low[2]} at {low[0]:.2f}."
    )
