"""Normal, Student-t and bivariate-normal functions against scipy and Monte Carlo."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np
import pytest
from scipy import integrate, stats

from calculators.stats.distributions import (
    bivariate_normal_upper,
    exceedance_correlation_normal,
    normal_cdf,
    normal_pdf,
    normal_ppf,
    student_t_cdf,
    student_t_sf,
)

GRID = [-8.0, -3.3, -1.0, -0.2, 0.0, 0.4, 1.7, 2.5, 6.0]


@pytest.mark.parametrize("x", GRID)
def test_normal_cdf_and_pdf_match_scipy(x: float) -> None:
    assert normal_cdf(x) == pytest.approx(stats.norm.cdf(x), rel=1e-13, abs=1e-300)
    assert normal_pdf(x) == pytest.approx(stats.norm.pdf(x), rel=1e-13)


@pytest.mark.parametrize("p", [1e-12, 1e-6, 0.001, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999999])
def test_normal_ppf_matches_scipy_to_1e12(p: float) -> None:
    assert normal_ppf(p) == pytest.approx(stats.norm.ppf(p), rel=1e-12, abs=1e-12)


def test_normal_ppf_is_infinite_at_the_ends() -> None:
    assert normal_ppf(0.0) == -math.inf
    assert normal_ppf(1.0) == math.inf


@pytest.mark.parametrize("df", [1.0, 2.5, 7.0, 30.0, 1000.0])
@pytest.mark.parametrize("t", [-40.0, -2.1, -0.3, 0.0, 0.8, 3.5, 12.0])
def test_student_t_cdf_matches_scipy(df: float, t: float) -> None:
    assert student_t_cdf(t, df) == pytest.approx(stats.t.cdf(t, df), rel=1e-11, abs=1e-14)


def test_student_t_sf_keeps_digits_far_in_the_tail() -> None:
    assert student_t_sf(25.0, 40.0) == pytest.approx(stats.t.sf(25.0, 40.0), rel=1e-9)


def quad_upper(h: float, k: float, r: float) -> float:
    """Oracle: P(X > h, Y > k) by adaptive quadrature of phi(x) * P(Y > k | x)."""
    q = math.sqrt(1.0 - r * r)

    def integrand(x: float) -> float:
        return float(stats.norm.pdf(x) * stats.norm.sf((k - r * x) / q))

    return float(integrate.quad(integrand, h, np.inf, epsabs=1e-15, epsrel=1e-13)[0])


@pytest.mark.parametrize("r", [-0.999, -0.95, -0.6, -0.1, 0.2, 0.5, 0.8, 0.93, 0.99])
@pytest.mark.parametrize(
    ("h", "k"), [(-2.0, -1.7), (0.0, 0.0), (0.3, 2.0), (1.5, -0.4), (2.5, 2.5)]
)
def test_bivariate_normal_upper_matches_quadrature(h: float, k: float, r: float) -> None:
    assert bivariate_normal_upper(h, k, r) == pytest.approx(quad_upper(h, k, r), abs=1e-14)


def test_bivariate_normal_upper_matches_scipy_cdf() -> None:
    cov = [[1.0, 0.4], [0.4, 1.0]]
    lower_left = stats.multivariate_normal.cdf(
        [-0.7, 0.2], mean=[0.0, 0.0], cov=cov, abseps=1e-12, releps=1e-12
    )
    assert bivariate_normal_upper(0.7, -0.2, 0.4) == pytest.approx(lower_left, abs=1e-10)


def test_bivariate_normal_upper_is_the_product_when_uncorrelated() -> None:
    assert bivariate_normal_upper(0.5, -1.0, 0.0) == normal_cdf(-0.5) * normal_cdf(1.0)


def integrated_exceedance(p: float, rho: float) -> float:
    """Oracle: exceedance correlation by 2-D quadrature of the truncated moments."""
    threshold = float(stats.norm.ppf(p))
    low, high = (-np.inf, threshold) if p <= 0.5 else (threshold, np.inf)
    norm = 1.0 / (2.0 * math.pi * math.sqrt(1.0 - rho * rho))

    def density(x: float, y: float) -> float:
        return norm * math.exp(-(x * x - 2 * rho * x * y + y * y) / (2 * (1 - rho * rho)))

    def moment(f: Callable[[float, float], float]) -> float:
        value, _ = integrate.dblquad(
            lambda y, x: f(x, y) * density(x, y), low, high, low, high, epsabs=1e-13, epsrel=1e-11
        )
        return float(value)

    mass = moment(lambda x, y: 1.0)
    m1 = moment(lambda x, y: x) / mass
    m2 = moment(lambda x, y: x * x) / mass
    m11 = moment(lambda x, y: x * y) / mass
    return (m11 - m1 * m1) / (m2 - m1 * m1)


@pytest.mark.parametrize(("p", "rho"), [(0.05, 0.8), (0.2, -0.5), (0.5, 0.3), (0.9, 0.6)])
def test_normal_exceedance_correlation_matches_quadrature(p: float, rho: float) -> None:
    mine = exceedance_correlation_normal(p, rho)
    assert mine == pytest.approx(integrated_exceedance(p, rho), abs=1e-9)


def test_normal_exceedance_correlation_matches_monte_carlo() -> None:
    rng = np.random.default_rng(42)
    rho, p, n = 0.7, 0.1, 2_000_000
    x = rng.standard_normal(n)
    y = rho * x + math.sqrt(1 - rho * rho) * rng.standard_normal(n)
    q = stats.norm.ppf(p)
    both = (x <= q) & (y <= q)
    estimate = np.corrcoef(x[both], y[both])[0, 1]
    standard_error = (1 - estimate**2) / math.sqrt(both.sum())
    assert exceedance_correlation_normal(p, rho) == pytest.approx(estimate, abs=4 * standard_error)


@pytest.mark.parametrize("p", [0.05, 0.25, 0.45])
def test_normal_exceedance_is_symmetric_between_the_tails(p: float) -> None:
    lower = exceedance_correlation_normal(p, 0.55)
    upper = exceedance_correlation_normal(1.0 - p, 0.55)
    assert lower == pytest.approx(upper, abs=1e-14)


def test_normal_exceedance_falls_toward_zero_in_the_tails() -> None:
    values = [exceedance_correlation_normal(p, 0.6) for p in (0.5, 0.3, 0.1, 0.02)]
    assert all(a > b > 0 for a, b in itertools.pairwise(values))  # type: ignore[operator]


def test_normal_exceedance_limits() -> None:
    assert exceedance_correlation_normal(0.1, 0.0) == pytest.approx(0.0, abs=1e-12)
    assert exceedance_correlation_normal(0.1, 1.0) == 1.0
    assert exceedance_correlation_normal(0.0, 0.5) is None
