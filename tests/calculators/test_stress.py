"""Stress correlation: regime rules, Forbes–Rigobon, exceedance curves and the calculator."""

from __future__ import annotations

import json
import math
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run
from calculators import stress_correlation as stress
from calculators.errors import CalculatorInputError
from calculators.stats.exceedance import (
    exceedance_curve,
    forbes_rigobon,
    volatility_implied_correlation,
)
from calculators.stats.regimes import (
    drawdown_regime,
    drawdowns,
    quantile,
    quantile_regime,
    rolling_std,
    volatility_regime,
)
from tests.calculators.conftest import csv_text
from tests.calculators.test_distributions import strip_exceedance

finite = st.floats(-1e6, 1e6, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(finite, min_size=1, max_size=40), st.floats(0.0, 1.0))
def test_quantile_matches_numpy_linear(values: list[float], p: float) -> None:
    assert quantile(values, p) == pytest.approx(float(np.quantile(values, p)), rel=1e-12, abs=1e-9)


def test_quantile_regime_flags_the_worst_share_and_skips_missing() -> None:
    returns = [0.01, -0.05, None, 0.02, -0.01, 0.03, -0.04, 0.0, 0.015, 0.005, -0.02]
    flags = quantile_regime(returns, 0.2)
    cut = np.quantile([r for r in returns if r is not None], 0.2)
    assert flags == [None if r is None else r <= cut for r in returns]


def test_rolling_std_matches_pandas_with_gaps() -> None:
    rng = random.Random(5)
    values: list[float | None] = [rng.gauss(0, 0.02) for _ in range(80)]
    values[10] = values[41] = None
    oracle = pd.Series(values, dtype=float).rolling(7).std()
    mine = rolling_std(values, 7)
    for a, b in zip(mine, oracle, strict=True):
        assert (a is None) == math.isnan(b)
        if a is not None:
            assert a == pytest.approx(b, rel=1e-12)


def test_volatility_regime_selects_the_most_volatile_rows() -> None:
    rng = random.Random(6)
    calm = [rng.gauss(0, 0.01) for _ in range(100)]
    wild = [rng.gauss(0, 0.05) for _ in range(30)]
    flags, vols = volatility_regime(calm + wild + calm, 0.1, 10)
    stressed = [i for i, flag in enumerate(flags) if flag]
    assert stressed and all(100 <= i < 145 for i in stressed)
    defined = [v for v in vols if v is not None]
    assert len(stressed) == sum(1 for v in defined if v >= np.quantile(defined, 0.9))


def test_drawdowns_match_pandas_cummax() -> None:
    prices = pd.Series([100, 120, 90, 95, 130, 80, 140, 70.0])
    oracle = prices / prices.cummax() - 1
    assert drawdowns(prices.tolist()) == pytest.approx(oracle.tolist(), abs=1e-15)


def test_drawdown_regime_flags_rows_deeper_than_the_threshold() -> None:
    flags, _ = drawdown_regime([100.0, 90.0, 79.0, None, 85.0, 101.0, 75.0], 0.2)
    assert flags == [False, False, True, None, False, False, True]


def test_forbes_rigobon_formula() -> None:
    rho, delta = 0.7, 2.0
    assert forbes_rigobon(rho, delta) == pytest.approx(rho / math.sqrt(1 + delta * (1 - rho**2)))


@settings(max_examples=50, deadline=None)
@given(st.floats(-0.99, 0.99), st.floats(-0.9, 20.0))
def test_forbes_rigobon_inverts_the_volatility_implied_correlation(
    rho: float, delta: float
) -> None:
    implied = volatility_implied_correlation(rho, delta)
    assert forbes_rigobon(implied, delta) == pytest.approx(rho, abs=1e-12)


def test_forbes_rigobon_removes_the_bias_of_a_volatile_regime() -> None:
    """y = x + noise with one dependence throughout; only the variance of x changes."""
    rng = np.random.default_rng(1)
    calm_x, stress_x = rng.normal(0, 1, 200_000), rng.normal(0, 3, 200_000)
    calm_y = 0.5 * calm_x + rng.normal(0, 1, calm_x.size)
    stress_y = 0.5 * stress_x + rng.normal(0, 1, stress_x.size)
    rho_calm = np.corrcoef(calm_x, calm_y)[0, 1]
    rho_stress = np.corrcoef(stress_x, stress_y)[0, 1]
    delta = stress_x.var(ddof=1) / calm_x.var(ddof=1) - 1
    assert rho_stress > rho_calm + 0.3
    assert forbes_rigobon(rho_stress, delta) == pytest.approx(rho_calm, abs=0.01)


def numpy_exceedance(x: np.ndarray, y: np.ndarray, level: float, tail: str) -> float:
    """Oracle: standardise, cut at numpy quantiles, correlate the joint tail."""
    zx, zy = (x - x.mean()) / x.std(ddof=1), (y - y.mean()) / y.std(ddof=1)
    qx, qy = np.quantile(zx, level), np.quantile(zy, level)
    both = (zx <= qx) & (zy <= qy) if tail == "lower" else (zx >= qx) & (zy >= qy)
    return float(np.corrcoef(zx[both], zy[both])[0, 1])


def test_exceedance_curve_matches_numpy() -> None:
    rng = np.random.default_rng(2)
    x = rng.standard_t(4, 3000)
    y = 0.6 * x + rng.standard_t(4, 3000)
    for point in exceedance_curve(x.tolist(), y.tolist()):
        oracle = numpy_exceedance(x, y, point.level, point.tail)
        assert point.empirical == pytest.approx(oracle, abs=1e-9)


def test_exceedance_curve_of_normal_data_follows_the_normal_benchmark() -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal(200_000)
    y = 0.6 * x + 0.8 * rng.standard_normal(200_000)
    for point in exceedance_curve(x.tolist(), y.tolist()):
        assert point.empirical is not None and point.normal is not None
        assert abs(point.empirical - point.normal) < 0.03


def test_exceedance_points_with_too_few_rows_are_undefined() -> None:
    x = [float(i % 7) for i in range(40)]
    y = [float((3 * i) % 11) for i in range(40)]
    lowest = exceedance_curve(x, y)[0]
    assert lowest.count < 10 and lowest.empirical is None


def crisis_prices(
    seed: int = 4, rows: int = 1500, crisis_vol: float = 0.05
) -> tuple[list[float], list[float], list[float]]:
    """Prices of A, B, C whose correlation jumps (0.3 to 0.9) when A's volatility is high."""
    rng = random.Random(seed)
    a, b, c = [100.0], [50.0], [20.0]
    for t in range(rows):
        crisis = (t // 100) % 5 == 4
        vol = crisis_vol if crisis else 0.01
        rho = 0.9 if crisis else 0.3
        za = rng.gauss(0, 1)
        zb = rho * za + math.sqrt(1 - rho * rho) * rng.gauss(0, 1)
        a.append(a[-1] * math.exp(vol * za))
        b.append(b[-1] * math.exp(vol * zb))
        c.append(c[-1] * math.exp(0.02 * rng.gauss(0, 1)))
    return a, b, c


@pytest.fixture(scope="module")
def crisis_csv() -> str:
    a, b, c = crisis_prices()
    return csv_text([a, b, c], ["A", "B", "C"])  # type: ignore[list-item]


def test_stress_correlation_exceeds_calm_in_a_volatility_crisis(crisis_csv: str) -> None:
    result = run("stress-correlation", {"csv": crisis_csv, "regime": "volatility", "q": "0.2"})
    assert result["stress"]["correlation"] > result["calm"]["correlation"] + 0.3
    assert result["adjusted_stress_correlation"] < result["stress"]["correlation"]
    assert result["delta"] > 1


def test_regime_counts_and_correlations_match_pandas(crisis_csv: str) -> None:
    result = run("stress-correlation", {"csv": crisis_csv, "x": "A", "y": "B", "q": "0.1"})
    frame = np.log(pd.read_csv(pd.io.common.StringIO(crisis_csv), index_col=0)).diff().dropna()
    stressed = frame["A"] <= frame["A"].quantile(0.1)
    assert result["stress"]["count"] == int(stressed.sum())
    assert result["calm"]["count"] == int((~stressed).sum())
    oracle = frame[stressed][["A", "B"]].corr().iloc[0, 1]
    assert result["stress"]["correlation"] == pytest.approx(oracle, abs=1e-12)
    variance_ratio = frame["A"][stressed].var() / frame["A"][~stressed].var()
    assert result["delta"] == pytest.approx(variance_ratio - 1, rel=1e-10)


def test_drawdown_regime_uses_the_benchmark_prices() -> None:
    prices = [100, 110, 121, 100, 85, 90, 95, 120, 125, 130, 96, 99]
    other = [10 + (i * 7) % 5 for i in range(len(prices))]
    text = csv_text([[float(p) for p in prices], [float(v) for v in other]], ["IDX", "Z"])
    result = run("stress-correlation", {"csv": text, "regime": "drawdown", "drawdown": "0.2"})
    # Return rows end at prices 110..99; 85, 90 and 95 are over 20% below 121, 96 and 99
    # over 20% below 130.
    assert result["stress"]["count"] == 5
    assert result["calm"]["count"] == 6


def test_benchmark_can_be_a_third_asset_and_is_named_in_a_warning(crisis_csv: str) -> None:
    result = run("stress-correlation", {"csv": crisis_csv, "x": "B", "y": "C", "benchmark": "A"})
    assert result["benchmark"] == "A"
    assert any("neither asset of the pair" in warning for warning in result["warnings"])


def test_unknown_benchmark_is_an_error_on_its_field(crisis_csv: str) -> None:
    with pytest.raises(CalculatorInputError) as caught:
        run("stress-correlation", {"csv": crisis_csv, "benchmark": "ZZZ"})
    assert caught.value.field == "benchmark"
    assert str(caught.value) == "There is no column 'ZZZ' in the CSV; its columns are A, B, C."


def test_a_constant_asset_gives_undefined_correlations_and_a_warning() -> None:
    rng = random.Random(8)
    a = [100 * math.exp(0.01 * i + rng.gauss(0, 0.02)) for i in range(60)]
    text = csv_text([a, [1.0] * 60], ["BTC", "USDC"])
    result = run("stress-correlation", {"csv": text})
    assert result["full_sample"]["correlation"] is None
    assert result["tables"][0]["rows"][2]["cells"][0]["text"] == "—"
    assert any("zero variance" in warning for warning in result["warnings"])


def test_example_result_is_json_with_every_declared_output() -> None:
    result = run("stress-correlation", stress.SPEC.example)
    json.dumps(result, allow_nan=False)
    names = {output.name for output in stress.SPEC.outputs}
    assert {t["name"] for t in result["tables"]} | {c["name"] for c in result["charts"]} == names
    assert "Forbes–Rigobon" in result["summary"]


def test_charts_are_accessible_and_deterministic(crisis_csv: str) -> None:
    first = run("stress-correlation", {"csv": crisis_csv})["charts"]
    second = run("stress-correlation", {"csv": crisis_csv})["charts"]
    assert first == second
    for chart in first:
        svg = chart["svg"]
        assert 'role="img"' in svg and "<desc" in svg and "style=" not in svg


def test_a_volatility_window_longer_than_the_data_is_refused_in_words() -> None:
    a, b, _ = crisis_prices(rows=20)
    text = csv_text([a, b], ["A", "B"])  # type: ignore[list-item]
    with pytest.raises(CalculatorInputError) as caught:
        run("stress-correlation", {"csv": text, "regime": "volatility", "window": "50"})
    assert caught.value.field == "window"
    assert str(caught.value) == (
        "The 50-row volatility window never fits: A has no 50 consecutive returns."
    )


def test_summary_says_when_dependence_itself_strengthens() -> None:
    a, b, _ = crisis_prices(crisis_vol=0.015, rows=3000)
    text = csv_text([a, b], ["A", "B"])  # type: ignore[list-item]
    result = run("stress-correlation", {"csv": text, "regime": "volatility", "q": "0.2"})
    assert "the dependence itself strengthens in stress" in result["summary"]


def test_summary_says_when_volatility_alone_explains_the_rise() -> None:
    rng = random.Random(9)
    a, b = [100.0], [100.0]
    for t in range(3000):
        vol = 0.05 if (t // 100) % 5 == 4 else 0.01
        shock = vol * rng.gauss(0, 1)
        a.append(a[-1] * math.exp(shock))
        b.append(b[-1] * math.exp(0.5 * shock + 0.01 * rng.gauss(0, 1)))
    result = run(
        "stress-correlation",
        {"csv": csv_text([a, b], ["A", "B"]), "regime": "volatility", "q": "0.2"},
    )  # type: ignore[list-item]
    assert result["stress"]["correlation"] > result["calm"]["correlation"] + 0.2
    assert "the higher volatility alone can explain the rise" in result["summary"]


def test_drawdown_on_returns_compounds_them_as_simple_returns() -> None:
    a = [0.1, -0.15, -0.15, 0.05, 0.3]
    b = [0.01, -0.02, 0.03, 0.0, 0.02]
    text = csv_text([a, b], ["A", "B"])  # type: ignore[list-item]
    inputs = {"csv": text, "returns": "none", "regime": "drawdown", "drawdown": "0.2"}
    result = run("stress-correlation", inputs)
    # Wealth 1.1, 0.935, 0.795, 0.834, 1.085: the third and fourth are over 20% below 1.1.
    assert (result["stress"]["count"], result["calm"]["count"]) == (2, 3)
    assert "compounded as simple returns" in result["tables"][0]["caption"]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_negating_both_series_swaps_the_lower_and_upper_tails(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.standard_t(5, 400)
    y = 0.5 * x + rng.standard_t(5, 400)
    curve = {
        (p.tail, round(p.level, 2)): p.empirical for p in exceedance_curve(x.tolist(), y.tolist())
    }
    mirrored = exceedance_curve((-x).tolist(), (-y).tolist())
    for point in mirrored:
        other = "upper" if point.tail == "lower" else "lower"
        expected = curve[(other, round(1.0 - point.level, 2))]
        assert point.empirical == pytest.approx(expected, abs=1e-12)


def negatively_correlated_prices(rho: float, rows: int, seed: int) -> list[list[float]]:
    """Prices of two assets whose log returns have correlation about `rho`."""
    rng = random.Random(seed)
    a, b = [100.0], [100.0]
    for _ in range(rows):
        z = rng.gauss(0, 1)
        w = rho * z + math.sqrt(1 - rho * rho) * rng.gauss(0, 1)
        a.append(a[-1] * math.exp(0.02 * z))
        b.append(b[-1] * math.exp(0.02 * w))
    return [a, b]


@pytest.mark.parametrize("rho", [-0.999, -0.95, -0.9, -0.85])
def test_strongly_negative_correlation_gives_the_true_normal_benchmark(rho: float) -> None:
    """Issue 11: below -0.973 this was 'float division by zero', near -0.9 it was noise."""
    prices = negatively_correlated_prices(rho, 400, 5)
    result = run("stress-correlation", {"csv": csv_text(prices, ["A", "B"])})  # type: ignore[arg-type]
    overall = result["full_sample"]["correlation"]
    xs, ys = (np.diff(np.log(column)) for column in prices)
    assert overall == pytest.approx(float(np.corrcoef(xs, ys)[0, 1]), abs=1e-12)
    curve = result["exceedance"]
    for level, normal in zip(curve["level"], curve["normal"], strict=True):
        assert normal == pytest.approx(strip_exceedance(level, overall), rel=1e-6, abs=1e-9)


def test_an_asset_and_its_exact_inverse_is_not_an_internal_problem() -> None:
    prices = [100.0, 101.0, 99.5, 103.0, 98.0, 104.0]
    csv = "date,A,B\n" + "".join(f"d{i},{p},{1 / p}\n" for i, p in enumerate(prices))
    result = run("stress-correlation", {"csv": csv})
    assert result["full_sample"]["correlation"] == pytest.approx(-1.0, abs=1e-12)
