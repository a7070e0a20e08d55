"""Portfolio risk from weights, volatilities and a correlation matrix.

Everything is parametric and zero-mean: portfolio volatility sqrt(w' S w), the
diversification ratio sum(w sigma) / sigma_p (Choueifaty and Coignard 2008), the
effective number of bets of Meucci (2009) on principal portfolios, and normal
value-at-risk and expected shortfall. The same functions serve the estimated matrix
and the stress scenario where every correlation is set to one value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from calculators.stats.distributions import normal_pdf, normal_ppf
from calculators.stats.linalg import Matrix, mat_vec, quadratic_form, symmetric_eigen

__all__ = [
    "Bets",
    "RiskFigures",
    "bets",
    "constant_correlation",
    "covariance",
    "effective_number_of_bets",
    "risk_figures",
]


@dataclass(frozen=True)
class RiskFigures:
    """Risk of one portfolio under one correlation matrix.

    Volatilities are annual; `horizon_volatility`, `var` and `es` are fractions of the
    portfolio value over the horizon; `contributions` are each asset's share of the
    portfolio volatility (they sum to 1).
    """

    volatility: float
    horizon_volatility: float
    diversification_ratio: float | None
    effective_bets: float | None
    var: float
    es: float
    contributions: list[float | None]
    bets_range: tuple[float, float] | None = None  # (lowest, shown) when eigenvalues repeat


def covariance(vols: Sequence[float], corr: Sequence[Sequence[float]]) -> Matrix:
    """S = D R D with D the diagonal of volatilities."""
    return [[vols[i] * corr[i][j] * vols[j] for j in range(len(vols))] for i in range(len(vols))]


def constant_correlation(n: int, rho: float) -> Matrix:
    """An n x n correlation matrix with every off-diagonal entry equal to rho."""
    return [[1.0 if i == j else rho for j in range(n)] for i in range(n)]


REPEAT_TOLERANCE = 1e-9  # eigenvalues this close, relative to the largest, are one value


@dataclass(frozen=True)
class Bets:
    """The effective number of bets, and its range when principal portfolios are not unique.

    `value` spreads the risk of a repeated eigenvalue evenly over its m directions;
    `lowest` counts it as one bet. They differ only when eigenvalues repeat and the
    portfolio has risk in such an eigenspace; `repeated` says whether any repeat.
    """

    value: float
    lowest: float
    repeated: bool


def _eigenspaces(values: Sequence[float]) -> list[list[int]]:
    """Indices of (ascending) eigenvalues grouped where they are equal to rounding."""
    scale = max((abs(v) for v in values), default=0.0)
    groups: list[list[int]] = []
    for index, value in enumerate(values):
        if groups and value - values[groups[-1][-1]] <= REPEAT_TOLERANCE * scale:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _entropy_exp(shares: Sequence[float]) -> float:
    """exp(-sum p ln p) over the positive shares."""
    return math.exp(-math.fsum(p * math.log(p) for p in shares if p > 0.0))


def bets(weights: Sequence[float], cov: Sequence[Sequence[float]]) -> Bets | None:
    """Meucci's effective number of bets, defined the same way for any order of assets.

    With S = E L E' the principal exposures are e = E' w; principal portfolio k carries
    the variance share p_k = e_k^2 l_k / sum(e^2 l) and ENB = exp(-sum p_k ln p_k),
    between 1 (one bet) and the number of assets. Where an eigenvalue repeats, its
    eigenvectors are any rotation within the eigenspace and the split of its share
    between them is arbitrary (it changed with the order the assets were typed in).
    Only the eigenspace's total share is fixed, so that share is spread evenly over
    its directions (the largest value any choice gives; for equal uncorrelated risk,
    the asset count) and the smallest, the share as one bet, is kept beside it.
    """
    values, vectors = symmetric_eigen(cov)
    exposures = [math.fsum(v * w for v, w in zip(vec, weights, strict=True)) for vec in vectors]
    variances = [max(lam, 0.0) * e * e for lam, e in zip(values, exposures, strict=True)]
    total = math.fsum(variances)
    if total <= 0.0:
        return None
    groups = _eigenspaces(values)
    group_shares = [math.fsum(variances[i] for i in group) / total for group in groups]
    even = [share / len(group) for share, group in zip(group_shares, groups, strict=True)]
    spread = [share for share, group in zip(even, groups, strict=True) for _ in group]
    repeated = any(len(group) > 1 for group in groups)
    return Bets(_entropy_exp(spread), _entropy_exp(group_shares), repeated)


def effective_number_of_bets(
    weights: Sequence[float], cov: Sequence[Sequence[float]]
) -> float | None:
    """The effective number of bets (see `bets`), None for a riskless portfolio."""
    result = bets(weights, cov)
    return None if result is None else result.value


def risk_figures(
    weights: Sequence[float],
    vols: Sequence[float],
    corr: Sequence[Sequence[float]],
    confidence: float,
    horizon_years: float,
) -> RiskFigures:
    """All figures for one portfolio and one correlation matrix."""
    cov = covariance(vols, corr)
    variance = max(quadratic_form(cov, weights), 0.0)
    sigma = math.sqrt(variance)
    horizon = sigma * math.sqrt(horizon_years)
    z = normal_ppf(confidence)
    marginal = mat_vec(cov, weights)
    contributions: list[float | None] = (
        [w * m / variance for w, m in zip(weights, marginal, strict=True)]
        if variance > 0
        else [None] * len(weights)
    )
    weighted = math.fsum(w * v for w, v in zip(weights, vols, strict=True))
    enb = bets(weights, cov)
    return RiskFigures(
        volatility=sigma,
        horizon_volatility=horizon,
        diversification_ratio=weighted / sigma if sigma > 0 else None,
        effective_bets=None if enb is None else enb.value,
        bets_range=_bets_range(enb),
        var=z * horizon,
        es=horizon * normal_pdf(z) / (1.0 - confidence),
        contributions=contributions,
    )


def _bets_range(enb: Bets | None) -> tuple[float, float] | None:
    """(lowest, shown) when the choice of principal portfolios changes the figure."""
    if enb is None or not enb.repeated or enb.value - enb.lowest <= 1e-9 * enb.value:
        return None
    return enb.lowest, enb.value
