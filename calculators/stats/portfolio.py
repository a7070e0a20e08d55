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
    "RiskFigures",
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


def covariance(vols: Sequence[float], corr: Sequence[Sequence[float]]) -> Matrix:
    """S = D R D with D the diagonal of volatilities."""
    return [[vols[i] * corr[i][j] * vols[j] for j in range(len(vols))] for i in range(len(vols))]


def constant_correlation(n: int, rho: float) -> Matrix:
    """An n x n correlation matrix with every off-diagonal entry equal to rho."""
    return [[1.0 if i == j else rho for j in range(n)] for i in range(n)]


def effective_number_of_bets(
    weights: Sequence[float], cov: Sequence[Sequence[float]]
) -> float | None:
    """Meucci's effective number of bets: exp of the entropy of principal-portfolio risk.

    With S = E L E' the principal exposures are e = E' w; principal portfolio k carries
    the variance share p_k = e_k^2 l_k / sum(e^2 l); ENB = exp(-sum p_k ln p_k), between
    1 (one bet) and the number of assets (risk spread evenly over uncorrelated bets).
    """
    values, vectors = symmetric_eigen(cov)
    exposures = [math.fsum(v * w for v, w in zip(vec, weights, strict=True)) for vec in vectors]
    variances = [max(lam, 0.0) * e * e for lam, e in zip(values, exposures, strict=True)]
    total = math.fsum(variances)
    if total <= 0.0:
        return None
    shares = [v / total for v in variances if v > 0.0]
    return math.exp(-math.fsum(p * math.log(p) for p in shares))


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
    return RiskFigures(
        volatility=sigma,
        horizon_volatility=horizon,
        diversification_ratio=weighted / sigma if sigma > 0 else None,
        effective_bets=effective_number_of_bets(weights, cov),
        var=z * horizon,
        es=horizon * normal_pdf(z) / (1.0 - confidence),
        contributions=contributions,
    )
