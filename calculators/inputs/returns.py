"""Turning price columns into returns, without ever filling a gap.

A return needs both prices: if either the current or the previous price is
missing, that return is missing too. This matches pandas
``pct_change(fill_method=None)`` and ``np.log(p).diff()``, which the tests use
as oracles.
"""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import pairwise
from typing import Literal

from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import Column, Dataset
from calculators.spec import InputSpec

ReturnKind = Literal["log", "simple", "none"]

RETURN_CHOICES: tuple[tuple[str, str], ...] = (
    ("log", "Log returns from prices"),
    ("simple", "Simple returns from prices"),
    ("none", "The values are already returns"),
)

CSV_HELP = (
    "A header row, then one row per date: the first column is the date or label, "
    "then one column per asset."
)

PRICES_INPUT = InputSpec(
    "csv", "Prices or returns (CSV)", "csv", help=CSV_HELP, required=True, essential=True
)
"""The CSV field every data-driven calculator starts with."""

RETURNS_INPUT = InputSpec(
    "returns",
    "Returns",
    "choice",
    default="log",
    choices=RETURN_CHOICES,
    help="Turn prices into log returns or simple returns, or use the values as they are.",
    concepts=(("log returns", "log-returns"),),
)
"""How prices become returns; the same choice and default on every calculator."""

PAIR_INPUTS = (
    InputSpec(
        "x",
        "First asset",
        "column",
        help="A column name; blank takes the first column.",
        essential=True,
    ),
    InputSpec(
        "y",
        "Second asset",
        "column",
        help="A column name; blank takes the second one.",
        essential=True,
    ),
)
"""The two columns a pairwise calculator compares."""


def to_returns(data: Dataset, kind: str, field: str = "csv") -> Dataset:
    """`data` converted to `kind` returns; ``none`` keeps the values as they are."""
    if kind == "none":
        return data
    if kind not in ("log", "simple"):
        raise CalculatorInputError("returns", f"Unknown return type '{kind}'.")
    columns = [
        _column_returns(column, kind, data, name, field)
        for name, column in zip(data.names, data.columns, strict=True)
    ]
    return replace(data, labels=data.labels[1:], lines=data.lines[1:], columns=columns)


def _column_returns(column: Column, kind: str, data: Dataset, name: str, field: str) -> Column:
    """One column of returns; prices are checked first so the error names the cell."""
    _check_prices(column, kind, data, name, field)
    if kind == "log":
        return [_log_return(prev, cur) for prev, cur in pairwise(column)]
    return [_simple_return(prev, cur) for prev, cur in pairwise(column)]


def _check_prices(column: Column, kind: str, data: Dataset, name: str, field: str) -> None:
    """Log returns need positive prices; simple returns need non-zero previous prices."""
    for index, price in enumerate(column):
        if price is None:
            continue
        if kind == "log" and price <= 0:
            line = data.lines[index]
            raise CalculatorInputError(
                field,
                f"Line {line}, column {name}: the price {price:g} is not positive, "
                "so it has no log return.",
                line,
            )
        if kind == "simple" and price == 0 and index < len(column) - 1:
            line = data.lines[index]
            raise CalculatorInputError(
                field,
                f"Line {line}, column {name}: the price is 0, so the next simple return "
                "is undefined.",
                line,
            )


def _log_return(previous: float | None, current: float | None) -> float | None:
    """ln(current / previous), or None when either price is missing."""
    if previous is None or current is None:
        return None
    return math.log(current / previous)


def _simple_return(previous: float | None, current: float | None) -> float | None:
    """current / previous − 1, or None when either price is missing."""
    if previous is None or current is None:
        return None
    return current / previous - 1.0
