"""Normal, Student-t and bivariate-normal functions against scipy and Monte Carlo."""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Callable

import numpy as np
import pytest
from scipy import integrate, stats

from calculators.stats.distributions import (
    bivariate_normal_upper,
    exceedance_correlation_normal,
    log_bivariate_normal_upper,
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
    """Oracle: P(X > h, Y > k) by adaptive quadrature (see quad_log_upper)."""
    return math.exp(quad_log_upper(h, k, r))


def quad_log_upper(h: float, k: float, r: float) -> float:
    """Oracle: log P(X > h, Y > k) by adaptive quadrature of phi(x) * P(Y > k | x).

    The integrand is scaled by its value at the start of the range, so quad's
    absolute tolerance means a relative one however deep the tail.
    """
    q = math.sqrt(1.0 - r * r)
    start = max(h, (k - q) / r if r > 0 else h)

    def log_integrand(x: float) -> float:
        return float(stats.norm.logpdf(x) + stats.norm.logsf((k - r * x) / q))

    scale = log_integrand(start)
    parts = [h, start, np.inf] if start > h else [h, np.inf]
    total = 0.0
    for low, high in itertools.pairwise(parts):
        total += integrate.quad(
            lambda x: math.exp(log_integrand(x) - scale), low, high, epsabs=1e-15, epsrel=1e-13
        )[0]
    return scale + math.log(total)


RHOS = [-0.999, -0.99, -0.973, -0.95, -0.9, -0.6, -0.1, 0.2, 0.5, 0.8, 0.93, 0.99, 0.999]


@pytest.mark.parametrize("r", RHOS)
@pytest.mark.parametrize(
    ("h", "k"), [(-2.0, -1.7), (0.0, 0.0), (0.3, 2.0), (1.5, -0.4), (2.5, 2.5), (1.645, 1.645)]
)
def test_bivariate_normal_upper_matches_quadrature_relatively(h: float, k: float, r: float) -> None:
    """Relative accuracy, so the 1e-15 and 1e-200 tails of strongly negative r count too."""
    assert bivariate_normal_upper(h, k, r) == pytest.approx(quad_upper(h, k, r), rel=1e-10)


@pytest.mark.parametrize("r", RHOS)
@pytest.mark.parametrize(("h", "k"), [(-0.7, 0.2), (0.4, 0.4), (1.0, -1.3), (-1.5, -2.0)])
def test_bivariate_normal_upper_matches_scipy_cdf(h: float, k: float, r: float) -> None:
    """P(X > h, Y > k) = P(-X < -h, -Y < -k): scipy's Genz CDF at the mirrored point."""
    cov = [[1.0, r], [r, 1.0]]
    lower_left = stats.multivariate_normal.cdf(
        [-h, -k], mean=[0.0, 0.0], cov=cov, abseps=1e-12, releps=1e-12
    )
    assert bivariate_normal_upper(h, k, r) == pytest.approx(lower_left, abs=1e-10)


def test_bivariate_normal_upper_is_the_product_when_uncorrelated() -> None:
    assert bivariate_normal_upper(0.5, -1.0, 0.0) == normal_cdf(-0.5) * normal_cdf(1.0)


def test_bivariate_normal_upper_keeps_digits_where_the_tail_is_below_double_epsilon() -> None:
    """At r = -0.9 and the 95% level the joint tail is 2.3e-15 (issue 11: it was noise)."""
    h = float(stats.norm.ppf(0.95))
    assert bivariate_normal_upper(h, h, -0.9) == pytest.approx(quad_upper(h, h, -0.9), rel=1e-10)
    deep = log_bivariate_normal_upper(h, h, -0.999)  # about e^-2712, below any double
    assert deep == pytest.approx(quad_log_upper(h, h, -0.999), rel=1e-12)


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


def strip_exceedance(p: float, rho: float) -> float:
    """Oracle for deep tails: scipy quadrature of the centred moments along x.

    Given X = x in the upper region, E[Y | x, Y > t] = rho x + q phi(c) / Q(c) with
    scipy's log density and log tail, so nothing is subtracted that the tail made tiny.
    """
    t = float(stats.norm.ppf(p if p > 0.5 else 1.0 - p))
    q = math.sqrt(1.0 - rho * rho)

    def log_weight(x: float) -> float:
        return float(stats.norm.logpdf(x) + stats.norm.logsf((t - rho * x) / q))

    scale = log_weight(t)

    def moment(f: Callable[[float], float]) -> float:
        # at r = -0.999 the oracle's own rounding (rho x + q hazard) stops quad short of
        # epsrel and it warns; it still agrees to 1e-7, well inside the test's 1e-6
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", integrate.IntegrationWarning)
            return _moment(f)

    def _moment(f: Callable[[float], float]) -> float:
        c = t * (1.0 - rho) / q  # the integrand falls at least as e^(-slope (x - t))
        width = 80.0 / max(t + abs(rho) / q * max(c, 0.0), 6.0)
        return float(
            integrate.quad(
                lambda x: f(x) * math.exp(log_weight(x) - scale),
                t,
                t + width,
                epsabs=0.0,
                epsrel=1e-10,
                limit=400,
            )[0]
        )

    def y_mean(x: float) -> float:
        c = (t - rho * x) / q
        hazard = math.exp(stats.norm.logpdf(c) - stats.norm.logsf(c))
        return float(rho * x + q * hazard)

    mass = moment(lambda x: 1.0)
    mean = moment(lambda x: x - t) / mass
    variance = moment(lambda x: (x - t - mean) ** 2) / mass
    covariance = moment(lambda x: (x - t - mean) * (y_mean(x) - t - mean)) / mass
    return covariance / variance


@pytest.mark.parametrize("rho", [-0.999, -0.98, -0.973, -0.95, -0.92, -0.9, -0.88, -0.85])
def test_normal_exceedance_is_right_for_strongly_negative_correlation(rho: float) -> None:
    """Issue 11: between -0.92 and -0.85 the benchmark was erratic, below -0.973 it crashed."""
    for p in (0.05, 0.95):
        assert exceedance_correlation_normal(p, rho) == pytest.approx(
            strip_exceedance(p, rho), rel=1e-6, abs=1e-9
        )


def test_normal_exceedance_at_minus_0_9_is_the_published_value() -> None:
    assert exceedance_correlation_normal(0.95, -0.9) == pytest.approx(-0.01488, abs=5e-6)


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
