"""Correlation against the pandas and scipy oracles, to 1e-9."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

from calculators.stats import correlation as corr
from tests.calculators.conftest import (
    Column,
    assert_matrix_close,
    correlated_columns,
    to_frame,
    to_list_matrix,
    with_missing,
    with_ties,
)

METHODS = ["pearson", "spearman", "kendall"]
TOL = 1e-9


def _check_against_pandas(columns: list[Column], method: str, min_periods: int = 1) -> None:
    mine, _ = corr.correlation_matrix(columns, method, min_periods)
    oracle = to_list_matrix(to_frame(columns).corr(method=method, min_periods=max(min_periods, 2)))
    # pandas writes 1.0 on the Kendall diagonal even for a constant column; the site's
    # rule is that zero variance is undefined, so the diagonal is checked separately.
    for i, line in enumerate(oracle):
        line[i] = mine[i][i]
    assert_matrix_close(mine, oracle, TOL)


@pytest.mark.parametrize("method", METHODS)
def test_complete_data_matches_pandas(rng: random.Random, method: str) -> None:
    _check_against_pandas(correlated_columns(rng, 300, 5), method)


@pytest.mark.parametrize("method", METHODS)
def test_missing_cells_use_pairwise_complete_rows_like_pandas(
    rng: random.Random, method: str
) -> None:
    _check_against_pandas(with_missing(rng, correlated_columns(rng, 200, 5), 0.2), method)


@pytest.mark.parametrize("method", METHODS)
def test_ties_match_pandas(rng: random.Random, method: str) -> None:
    columns = with_ties(with_missing(rng, correlated_columns(rng, 150, 4), 0.1), 0.5)
    _check_against_pandas(columns, method)


def _exact_pearson(x: list[float], y: list[float]) -> float:
    """Pearson in exact rational arithmetic, rounded once at the end."""
    fx, fy = [Fraction(v) for v in x], [Fraction(v) for v in y]
    mx, my = sum(fx) / len(fx), sum(fy) / len(fy)
    sxy = sum((a - mx) * (b - my) for a, b in zip(fx, fy, strict=True))
    sxx = sum((a - mx) ** 2 for a in fx)
    syy = sum((b - my) ** 2 for b in fy)
    return float(sxy) / math.sqrt(float(sxx) * float(syy))


def test_large_offsets_keep_pearson_exact(rng: random.Random) -> None:
    # pandas' one-pass (Welford) update loses about 1e-8 here, so the oracle is exact
    # rational arithmetic; the two-pass result must agree to 1e-12.
    x, y = correlated_columns(rng, 250, 2, offset=1e9)
    exact = _exact_pearson(x, y)  # type: ignore[arg-type]
    assert corr.pearson(x, y) == pytest.approx(exact, abs=1e-12)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["spearman", "kendall"])
def test_large_offsets_match_pandas_for_rank_methods(rng: random.Random, method: str) -> None:
    _check_against_pandas(correlated_columns(rng, 250, 4, offset=1e9), method)


@pytest.mark.parametrize("method", METHODS)
def test_tiny_samples_match_pandas(rng: random.Random, method: str) -> None:
    _check_against_pandas(correlated_columns(rng, 3, 3), method)


@pytest.mark.parametrize("method", METHODS)
def test_a_constant_column_is_undefined_not_zero(rng: random.Random, method: str) -> None:
    columns = [*correlated_columns(rng, 50, 2), [3.0] * 50]
    matrix, _ = corr.correlation_matrix(columns, method)
    assert matrix[2] == [None, None, None]
    _check_against_pandas(columns, method)


@pytest.mark.parametrize("method", METHODS)
def test_min_periods_makes_short_pairs_undefined_like_pandas(
    rng: random.Random, method: str
) -> None:
    columns = with_missing(rng, correlated_columns(rng, 40, 4), 0.45)
    _check_against_pandas(columns, method, min_periods=15)


def test_counts_are_the_pairwise_complete_rows(rng: random.Random) -> None:
    columns = with_missing(rng, correlated_columns(rng, 60, 3), 0.3)
    _, counts = corr.correlation_matrix(columns)
    frame = to_frame(columns).notna().astype(int)
    assert counts == (frame.T @ frame).to_numpy().tolist()


def test_kendall_is_tau_b_like_scipy_with_heavy_ties(rng: random.Random) -> None:
    x = [float(rng.randint(0, 4)) for _ in range(500)]
    y = [v + rng.randint(0, 3) for v in x]
    assert corr.kendall(x, y) == pytest.approx(stats.kendalltau(x, y).statistic, abs=TOL)


def test_kendall_counts_every_discordant_pair() -> None:
    x = [float(v) for v in range(30)]
    y = [float((7 * v) % 30) for v in range(30)]
    assert corr.kendall(x, y) == pytest.approx(stats.kendalltau(x, y).statistic, abs=TOL)


def test_spearman_ranks_after_pairwise_deletion(rng: random.Random) -> None:
    x: Column = [rng.gauss(0, 1) for _ in range(80)]
    y: Column = [rng.gauss(0, 1) for _ in range(80)]
    x[3] = y[10] = None
    xs, ys = corr.complete_pairs(x, y)
    value, count = corr.correlate(x, y, "spearman")
    assert count == 78
    assert value == pytest.approx(stats.spearmanr(xs, ys).statistic, abs=TOL)


def test_results_are_clipped_to_the_unit_interval() -> None:
    x = [0.1 * i for i in range(1, 200)]
    value = corr.pearson(x, [3.0 * v + 1e-3 for v in x])
    assert value is not None and -1.0 <= value <= 1.0


def test_average_ranks_match_scipy_rankdata() -> None:
    values = [3.0, 1.0, 3.0, 2.0, 3.0, 1.0]
    assert corr.average_ranks(values) == stats.rankdata(values).tolist()


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_t_test_p_values_match_scipy(rng: random.Random, method: str) -> None:
    x, y = correlated_columns(rng, 40, 2, rho=0.2)
    oracle = stats.pearsonr(x, y) if method == "pearson" else stats.spearmanr(x, y)
    mine = corr.pair_p_value(x, y, method)
    assert mine == pytest.approx(float(oracle.pvalue), abs=TOL, rel=1e-8)


def test_kendall_p_value_matches_scipy_asymptotic_with_ties(rng: random.Random) -> None:
    x = [float(rng.randint(0, 6)) for _ in range(90)]
    y = [v + rng.randint(0, 9) for v in x]
    oracle = stats.kendalltau(x, y, method="asymptotic").pvalue
    assert corr.pair_p_value(x, y, "kendall") == pytest.approx(float(oracle), abs=TOL, rel=1e-8)


def test_fisher_interval_matches_scipy(rng: random.Random) -> None:
    x, y = correlated_columns(rng, 60, 2)
    result = stats.pearsonr(x, y)
    low, high = result.confidence_interval(0.95)
    mine = corr.fisher_interval(float(result.statistic), 60)
    assert mine is not None
    assert mine == pytest.approx((low, high), abs=TOL)


def test_p_values_are_undefined_for_undefined_correlations() -> None:
    columns: list[Column] = [[1.0, 2.0, 3.0, 4.0], [5.0, 5.0, 5.0, 5.0]]
    matrix, _ = corr.correlation_matrix(columns)
    assert corr.p_value_matrix(columns, matrix, "pearson") == [[None, None], [None, None]]


def test_the_sumprod_fallback_equals_math_sumprod_when_present() -> None:
    a, b = [0.1 * i for i in range(100)], [1.0 / (i + 1) for i in range(100)]
    exact = math.fsum(x * y for x, y in zip(a, b, strict=True))
    assert corr._sumprod_fallback(a, b) == pytest.approx(exact)


def test_pearson_matches_numpy_on_a_long_series(rng: random.Random) -> None:
    x, y = correlated_columns(rng, 5000, 2, rho=0.3)
    expected = np.corrcoef(np.array(x, dtype=float), np.array(y, dtype=float))[0, 1]
    assert corr.pearson(x, y) == pytest.approx(expected, abs=TOL)  # type: ignore[arg-type]
