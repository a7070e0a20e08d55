"""Volatilities and a valid correlation matrix for a portfolio, from data or typed in.

Either way the matrix must be one that some portfolio could have: a pairwise-complete
estimate or a hand-typed matrix that is not positive semidefinite is replaced by the
nearest valid correlation matrix (Higham 2002), and the reader is told by how much.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import Dataset
from calculators.inputs.textinputs import named_numbers, number_rows
from calculators.stats import linalg
from calculators.stats.correlation import centred, correlation_matrix

__all__ = ["Estimate", "estimate_from_returns", "estimate_from_text"]


@dataclass(frozen=True)
class Estimate:
    """Annual volatilities and the correlation matrix, with notes for the reader."""

    vols: list[float]
    corr: list[list[float]]
    repaired: bool
    warnings: list[str]


def _sample_sd(values: list[float]) -> float:
    """Sample standard deviation (n - 1), two-pass."""
    return math.sqrt(centred(values)[1] / (len(values) - 1))


def estimate_from_returns(data: Dataset, per_year: int) -> Estimate:
    """Annualised volatilities and pairwise Pearson correlations of the columns of `data`."""
    assets = data.names
    matrix, _ = correlation_matrix(data.columns, "pearson", 3)
    present = [[v for v in column if v is not None] for column in data.columns]
    vols = [_sample_sd(v) * math.sqrt(per_year) if len(v) >= 2 else 0.0 for v in present]
    flat = [name for name, sd in zip(assets, vols, strict=True) if sd == 0.0]
    if flat:
        raise CalculatorInputError(
            "csv", f"{', '.join(flat)} does not vary in the CSV, so it has no volatility to use."
        )
    corr = [[0.0 if v is None else float(v) for v in line] for line in matrix]
    estimate = _repaired(vols, corr, "estimated from pairwise-complete rows")
    estimate.warnings.extend(_undefined_pairs(assets, matrix))
    return estimate


def _undefined_pairs(assets: list[str], matrix: list[list[float | None]]) -> list[str]:
    """A sentence naming pairs with too few shared rows (their correlation is taken as 0)."""
    pairs = [
        f"{assets[i]}–{assets[j]}"
        for i in range(len(assets))
        for j in range(i + 1, len(assets))
        if matrix[i][j] is None
    ]
    if not pairs:
        return []
    return [
        f"{', '.join(pairs)} share fewer than 3 rows of returns, so their correlation is "
        "unknown and was taken as 0."
    ]


def estimate_from_text(vol_text: str, corr_text: str, assets: list[str]) -> Estimate:
    """Volatilities (``BTC: 0.65, ...``) and a correlation matrix typed by the reader."""
    vol_map = named_numbers(vol_text, "volatilities", "Volatilities")
    missing = [a for a in assets if a not in vol_map]
    if missing:
        raise CalculatorInputError(
            "volatilities", f"Volatilities: no value for {', '.join(missing)}."
        )
    vols = [vol_map[a] for a in assets]
    if any(v < 0 for v in vols):
        raise CalculatorInputError("volatilities", "Volatilities cannot be negative.")
    rows = number_rows(corr_text, "correlations", "Correlations")
    _check_matrix(rows, len(assets))
    return _repaired(vols, rows, "as typed")


def _check_matrix(rows: list[list[float]], n: int) -> None:
    """Square, matching the weights, unit diagonal, symmetric and within [-1, 1]."""
    field = "correlations"
    if len(rows) != n or any(len(r) != n for r in rows):
        raise CalculatorInputError(
            field, f"The correlation matrix must have {n} rows of {n} numbers, one per asset."
        )
    for i in range(n):
        if abs(rows[i][i] - 1.0) > 1e-9:
            raise CalculatorInputError(field, f"Row {i + 1}: the diagonal entry must be 1.")
        for j in range(n):
            if not -1.0 <= rows[i][j] <= 1.0:
                raise CalculatorInputError(
                    field, f"Row {i + 1}, entry {j + 1}: a correlation must be between −1 and 1."
                )
            if abs(rows[i][j] - rows[j][i]) > 1e-9:
                raise CalculatorInputError(
                    field,
                    f"Row {i + 1}, entry {j + 1} is {rows[i][j]:g} but row {j + 1}, entry "
                    f"{i + 1} is {rows[j][i]:g}; the matrix must be symmetric.",
                )


def _repaired(vols: list[float], corr: list[list[float]], origin: str) -> Estimate:
    """The matrix itself when valid, else its nearest valid correlation matrix, with a note."""
    if linalg.is_psd(corr):
        return Estimate(vols, corr, False, [])
    smallest = linalg.symmetric_eigen(corr)[0][0]
    fixed = linalg.nearest_correlation(corr)
    change = max(
        abs(a - b) for ra, rb in zip(fixed, corr, strict=True) for a, b in zip(ra, rb, strict=True)
    )
    return Estimate(
        vols,
        fixed,
        True,
        [
            f"The correlation matrix {origin} is not positive semidefinite (smallest "
            f"eigenvalue {smallest:.4f}), so no portfolio could have it. It was replaced by "
            "the nearest valid correlation matrix (Higham 2002); the largest change to any "
            f"entry is {change:.4f}."
        ],
    )
