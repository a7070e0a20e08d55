"""Conditional correlations: the Forbes-Rigobon correction and exceedance curves.

Correlation measured on a subsample selected by how volatile the market was is biased:
in the linear model y = a + b x + e, selecting rows with a larger variance of x raises
the correlation even though nothing about the dependence changed. Forbes and Rigobon
(2002) undo that with rho* = rho / sqrt(1 + delta (1 - rho^2)), delta being the relative
increase of the variance of x. Exceedance correlations (Longin and Solnik 2001; Ang and
Chen 2002) look at joint tails instead, and are read against what a bivariate normal
with the same overall correlation would give, which falls toward zero in the tails.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from calculators.stats.correlation import centred, pearson
from calculators.stats.distributions import exceedance_correlation_normal
from calculators.stats.regimes import quantile

__all__ = [
    "ExceedancePoint",
    "exceedance_curve",
    "forbes_rigobon",
    "standardise",
    "volatility_implied_correlation",
]

LOWER_LEVELS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
UPPER_LEVELS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
MIN_EXCEEDANCES = 10


def forbes_rigobon(rho: float | None, delta: float | None) -> float | None:
    """Forbes-Rigobon adjusted correlation rho / sqrt(1 + delta (1 - rho^2)).

    delta = var_stress / var_calm - 1 of the benchmark. None when undefined (a missing
    input, or delta <= -1, which would mean a non-positive stress variance).
    """
    if rho is None or delta is None or delta <= -1.0:
        return None
    return max(-1.0, min(1.0, rho / math.sqrt(1.0 + delta * (1.0 - rho * rho))))


def volatility_implied_correlation(rho_calm: float | None, delta: float | None) -> float | None:
    """The stress correlation the variance change alone would produce (inverse of FR).

    rho_calm * sqrt(1 + delta) / sqrt(1 + delta * rho_calm^2): what a reader should
    expect in the stress rows if the calm-period dependence had not changed at all.
    """
    if rho_calm is None or delta is None or delta <= -1.0:
        return None
    value = rho_calm * math.sqrt(1.0 + delta) / math.sqrt(1.0 + delta * rho_calm * rho_calm)
    return max(-1.0, min(1.0, value))


def standardise(values: Sequence[float]) -> list[float]:
    """(v - mean) / sample standard deviation; an unchanged copy if the deviation is 0."""
    if len(values) < 2:
        return list(values)
    shifted, squares = centred(values)
    sd = math.sqrt(squares / (len(values) - 1))
    return [v / sd for v in shifted] if sd > 0 else list(shifted)


@dataclass(frozen=True)
class ExceedancePoint:
    """One point of the curve: a quantile level, its tail and both correlations."""

    level: float
    tail: str
    empirical: float | None
    normal: float | None
    count: int


def _joint_tail(
    x: Sequence[float], y: Sequence[float], level: float, tail: str
) -> tuple[list[float], list[float]]:
    """Rows where both series are beyond their `level`-quantiles on the given side."""
    qx, qy = quantile(x, level), quantile(y, level)
    if tail == "lower":
        rows = [(a, b) for a, b in zip(x, y, strict=True) if a <= qx and b <= qy]
    else:
        rows = [(a, b) for a, b in zip(x, y, strict=True) if a >= qx and b >= qy]
    return [a for a, _ in rows], [b for _, b in rows]


def _point(
    x: Sequence[float], y: Sequence[float], rho: float | None, level: float, tail: str
) -> ExceedancePoint:
    """The empirical and the bivariate-normal exceedance correlation at one level."""
    xs, ys = _joint_tail(x, y, level, tail)
    empirical = pearson(xs, ys) if len(xs) >= MIN_EXCEEDANCES else None
    normal = None if rho is None else exceedance_correlation_normal(_normal_level(level, tail), rho)
    return ExceedancePoint(level, tail, empirical, normal, len(xs))


def _normal_level(level: float, tail: str) -> float:
    """The level passed to the normal benchmark (its p <= 0.5 means the lower tail)."""
    if tail == "upper" and level == 0.5:
        return math.nextafter(0.5, 1.0)
    return level


def exceedance_curve(x: Sequence[float], y: Sequence[float]) -> list[ExceedancePoint]:
    """Exceedance correlations of two complete series at the standard quantile levels.

    The series are standardised first (as Longin and Solnik do); quantile thresholds are
    invariant to that, so the levels read as shares of the sample. A level with fewer
    than MIN_EXCEEDANCES joint exceedances has no empirical value.
    """
    zx, zy = standardise(x), standardise(y)
    rho = pearson(zx, zy)
    lower = [_point(zx, zy, rho, level, "lower") for level in LOWER_LEVELS]
    upper = [_point(zx, zy, rho, level, "upper") for level in UPPER_LEVELS]
    return lower + upper
