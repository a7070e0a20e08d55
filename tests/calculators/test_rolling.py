"""The rolling-correlation calculator against pandas, and its EWMA conventions."""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest

from calculators import rolling_correlation as rolling
from calculators.errors import CalculatorInputError
from calculators.stats import rolling as estimators
from calculators.stats.correlation import pearson
from tests.calculators.conftest import Column, correlated_columns, csv_text, with_missing

TOL = 1e-9


def _pair(rng: random.Random, rows: int = 400, share: float = 0.03) -> tuple[Column, Column]:
    x, y = with_missing(rng, correlated_columns(rng, rows, 2, rho=0.4), share)
    return x, y


def _series(values: Column) -> pd.Series:
    return pd.Series([np.nan if v is None else v for v in values], dtype=float)


def _assert_close(mine: Column, oracle: pd.Series) -> None:
    expected = [None if math.isnan(v) else float(v) for v in oracle]
    assert [v is None for v in mine] == [v is None for v in expected]
    pairs = zip(mine, expected, strict=True)
    assert all(a is None or b is None or abs(a - b) <= TOL for a, b in pairs)


@pytest.mark.parametrize(("window", "min_periods"), [(30, 30), (60, 20), (5, 3)])
def test_window_pearson_matches_pandas_rolling_corr(
    rng: random.Random, window: int, min_periods: int
) -> None:
    x, y = _pair(rng)
    mine = estimators.rolling_pearson(x, y, window, min_periods)
    _assert_close(mine, _series(x).rolling(window, min_periods=min_periods).corr(_series(y)))


def test_window_pearson_survives_a_large_offset(rng: random.Random) -> None:
    x, y = correlated_columns(rng, 300, 2, offset=1e6)
    mine = estimators.rolling_pearson(x, y, 40, 40)
    oracle = _series(x).rolling(40).corr(_series(y))
    _assert_close(mine, oracle)


def test_quiet_windows_in_a_trending_series_stay_exact(rng: random.Random) -> None:
    trend = [1e6 + 1e3 * i for i in range(3000)]
    x: Column = [t + rng.gauss(0, 1) for t in trend]
    y: Column = [2 * t + rng.gauss(0, 1) for t in trend]
    mine = estimators.rolling_pearson(x, y, 5, 5)
    for end in range(4, 3000, 97):
        expected = pearson(x[end - 4 : end + 1], y[end - 4 : end + 1])  # type: ignore[arg-type]
        assert mine[end] == pytest.approx(expected, abs=TOL)


@pytest.mark.parametrize("lam", [0.94, 0.8, 0.99])
def test_ewma_matches_pandas_ewm_adjust_true(rng: random.Random, lam: float) -> None:
    x, y = _pair(rng)
    mine = estimators.ewma_pandas(x, y, lam, 10)
    oracle = _series(x).ewm(alpha=1 - lam, adjust=True, min_periods=10).corr(_series(y))
    _assert_close(mine, oracle)


def test_riskmetrics_is_the_zero_mean_weighted_sum(rng: random.Random) -> None:
    x, y = correlated_columns(rng, 120, 2)
    lam = 0.94
    mine = estimators.ewma_riskmetrics(x, y, lam, 1)
    weights = [lam ** (119 - i) for i in range(120)]
    sxy = sum(w * a * b for w, a, b in zip(weights, x, y, strict=False))  # type: ignore[operator]
    sxx = sum(w * a * a for w, a in zip(weights, x, strict=False))  # type: ignore[operator]
    syy = sum(w * b * b for w, b in zip(weights, y, strict=False))  # type: ignore[operator]
    assert mine[-1] == pytest.approx(sxy / math.sqrt(sxx * syy), abs=TOL)


def test_the_two_ewma_conventions_differ_when_means_are_not_zero(rng: random.Random) -> None:
    x, y = correlated_columns(rng, 200, 2, offset=0.5)
    pandas_style = estimators.ewma_pandas(x, y, 0.94, 1)[-1]
    riskmetrics = estimators.ewma_riskmetrics(x, y, 0.94, 1)[-1]
    assert pandas_style is not None and riskmetrics is not None
    assert abs(pandas_style - riskmetrics) > 0.01


@pytest.mark.parametrize("method", ["spearman", "kendall"])
def test_rank_windows_use_each_windows_complete_rows(rng: random.Random, method: str) -> None:
    x, y = _pair(rng, rows=80, share=0.1)
    mine = estimators.rolling_rank(x, y, 20, 10, method)
    sx, sy = _series(x), _series(y)
    for end in (19, 45, 79):
        window = pd.DataFrame({"x": sx[end - 19 : end + 1], "y": sy[end - 19 : end + 1]})
        expected = window.corr(method=method, min_periods=10).iloc[0, 1]
        assert mine[end] == pytest.approx(expected, abs=TOL)


def test_a_flat_window_is_undefined_not_zero() -> None:
    x: Column = [1.0] * 10 + [float(i % 3) for i in range(10)]
    y: Column = [float(i % 4) for i in range(20)]
    values = estimators.rolling_pearson(x, y, 5, 5)
    assert values[4] is None and values[9] is None and values[19] is not None


def test_compute_returns_index_and_values_for_the_chosen_assets(rng: random.Random) -> None:
    columns = [[100.0 + v for v in col] for col in correlated_columns(rng, 50, 3)]
    text = csv_text(columns, ["A", "B", "C"])
    result = rolling.compute({"csv": text, "x": "C", "y": "A", "window": "10"})
    assert (result["x"], result["y"]) == ("C", "A")
    assert len(result["index"]) == len(result["values"]) == 49
    assert result["index"][0] == "2024-01-02"
    assert result["values"][:8] == [None] * 8 and result["values"][9] is not None


def test_an_unknown_asset_names_the_field_and_lists_the_columns(rng: random.Random) -> None:
    text = csv_text(correlated_columns(rng, 20, 2), ["A", "B"])
    with pytest.raises(CalculatorInputError) as caught:
        rolling.compute({"csv": text, "x": "ZZZ", "returns": "none"})
    assert caught.value.field == "x"
    assert "columns are A, B" in caught.value.message


def test_the_example_runs_with_a_chart_named_series() -> None:
    result = rolling.compute(rolling.SPEC.example)
    assert [chart["name"] for chart in result["charts"]] == ["series"]
    assert [table["name"] for table in result["tables"]] == ["summary"]
    assert any(v is not None for v in result["values"])


def test_a_flat_asset_is_named_in_a_warning(rng: random.Random) -> None:
    x = correlated_columns(rng, 30, 1)[0]
    text = csv_text([x, [1.0] * 30], ["BTC", "USDC"])
    result = rolling.compute({"csv": text, "returns": "none", "window": "10"})
    assert all(v is None for v in result["values"])
    assert any(w.startswith("USDC does not vary") for w in result["warnings"])
