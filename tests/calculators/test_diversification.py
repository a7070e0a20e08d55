"""Portfolio diversification: risk figures against numpy/scipy, inputs, the calculator."""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from calculators import portfolio_diversification as diversification
from calculators import run
from calculators.errors import CalculatorInputError
from calculators.inputs.textinputs import named_numbers, number_rows
from calculators.stats.portfolio import constant_correlation, effective_number_of_bets, risk_figures
from tests.calculators.conftest import csv_text

WEIGHTS = [0.5, 0.3, 0.2]
VOLS = [0.65, 0.8, 1.0]
CORR = [[1.0, 0.8, 0.7], [0.8, 1.0, 0.75], [0.7, 0.75, 1.0]]


def numpy_enb(w: np.ndarray, cov: np.ndarray) -> float:
    """Oracle: Meucci (2009) effective number of bets with numpy.linalg.eigh."""
    values, vectors = np.linalg.eigh(cov)
    exposures = vectors.T @ w
    variances = exposures**2 * values
    p = variances / variances.sum()
    p = p[p > 0]
    return float(np.exp(-(p * np.log(p)).sum()))


def test_risk_figures_match_numpy_and_scipy() -> None:
    w, vols, corr = np.array(WEIGHTS), np.array(VOLS), np.array(CORR)
    cov = np.outer(vols, vols) * corr
    sigma = math.sqrt(w @ cov @ w)
    figures = risk_figures(WEIGHTS, VOLS, CORR, 0.99, 10 / 365)
    horizon = sigma * math.sqrt(10 / 365)
    assert figures.volatility == pytest.approx(sigma, rel=1e-13)
    assert figures.diversification_ratio == pytest.approx(w @ vols / sigma, rel=1e-13)
    assert figures.effective_bets == pytest.approx(numpy_enb(w, cov), rel=1e-10)
    assert figures.var == pytest.approx(stats.norm.ppf(0.99) * horizon, rel=1e-12)
    expected_es = horizon * stats.norm.expect(lambda x: x, lb=stats.norm.ppf(0.99)) / 0.01
    assert figures.es == pytest.approx(expected_es, rel=1e-8)


def test_risk_contributions_match_numpy_and_sum_to_one() -> None:
    w, vols = np.array(WEIGHTS), np.array(VOLS)
    cov = np.outer(vols, vols) * np.array(CORR)
    oracle = w * (cov @ w) / (w @ cov @ w)
    contributions = risk_figures(WEIGHTS, VOLS, CORR, 0.95, 1 / 365).contributions
    assert contributions == pytest.approx(oracle.tolist(), rel=1e-12)
    assert math.fsum(c for c in contributions if c is not None) == pytest.approx(1.0, abs=1e-14)


def test_effective_bets_is_the_asset_count_for_equal_uncorrelated_risk() -> None:
    cov = [[0.04 if i == j else 0.0 for j in range(4)] for i in range(4)]
    assert effective_number_of_bets([0.25] * 4, cov) == pytest.approx(4.0, rel=1e-12)


def test_effective_bets_is_one_when_every_correlation_is_one() -> None:
    cov = [[0.65 * 0.8 if i != j else 0.65**2 for j in range(2)] for i in range(2)]
    cov[1][1] = 0.8**2
    assert effective_number_of_bets([0.5, 0.5], cov) == pytest.approx(1.0, abs=1e-9)


def test_stress_raises_volatility_and_cuts_diversification() -> None:
    normal = risk_figures(WEIGHTS, VOLS, CORR, 0.99, 1 / 365)
    stressed = risk_figures(WEIGHTS, VOLS, constant_correlation(3, 0.95), 0.99, 1 / 365)
    assert stressed.volatility > normal.volatility
    assert stressed.diversification_ratio < normal.diversification_ratio  # type: ignore[operator]


def test_named_numbers_keep_order_and_accept_new_lines() -> None:
    assert named_numbers("BTC: 0.5\nETH = 0.3; Wrapped SOL: 0.2", "weights", "Weights") == {
        "BTC": 0.5,
        "ETH": 0.3,
        "Wrapped SOL": 0.2,
    }


def test_named_numbers_name_the_bad_item() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        named_numbers("BTC: 0.5, ETH: lots", "weights", "Weights")
    assert caught.value.field == "weights"
    assert str(caught.value) == "Weights, ETH: 'lots' is not a number."


def test_number_rows_read_spaces_and_commas() -> None:
    assert number_rows("1 0.5\n0.5, 1\n", "correlations", "Correlations") == [
        [1.0, 0.5],
        [0.5, 1.0],
    ]


def manual(**overrides: str) -> dict[str, str]:
    """Form inputs for typed-in risk, with overrides."""
    return {"source": "manual", **overrides}


def test_manual_inputs_give_the_numpy_portfolio_volatility() -> None:
    result = run("portfolio-diversification", manual())
    w, vols = np.array(WEIGHTS), np.array(VOLS)
    sigma = math.sqrt(w @ (np.outer(vols, vols) * np.array(CORR)) @ w)
    assert result["normal"]["volatility"] == pytest.approx(sigma, rel=1e-13)
    assert result["repaired"] is False


def test_an_invalid_matrix_is_repaired_and_the_warning_says_so() -> None:
    text = "1 0.9 -0.9\n0.9 1 0.9\n-0.9 0.9 1"
    result = run("portfolio-diversification", manual(correlations=text))
    assert result["repaired"] is True
    assert np.linalg.eigvalsh(np.array(result["correlation"]))[0] >= -1e-12
    assert any("nearest valid correlation matrix" in w for w in result["warnings"])


def test_an_asymmetric_matrix_is_refused_in_words() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        run("portfolio-diversification", manual(correlations="1 0.5 0\n0.4 1 0\n0 0 1"))
    assert caught.value.field == "correlations"
    assert "must be symmetric" in str(caught.value)


def test_a_missing_volatility_is_named() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        run("portfolio-diversification", manual(volatilities="BTC: 0.6, ETH: 0.8"))
    assert str(caught.value) == "Volatilities: no value for SOL."


def test_a_stress_correlation_below_the_valid_bound_is_refused() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        run("portfolio-diversification", manual(stress_rho="-0.6"))
    assert caught.value.field == "stress_rho"


def test_estimates_from_the_csv_match_pandas() -> None:
    inputs = dict(diversification.SPEC.example)
    result = run("portfolio-diversification", inputs)
    prices = pd.read_csv(io.StringIO(inputs["csv"]), index_col=0)[["BTC", "ETH", "SOL"]]
    returns = np.log(prices).diff()
    assert result["volatilities"] == pytest.approx((returns.std() * math.sqrt(365)).tolist())
    assert np.allclose(result["correlation"], returns.corr().to_numpy(), atol=1e-12)


def test_a_weight_for_an_asset_missing_from_the_csv_is_an_error() -> None:
    inputs = {**diversification.SPEC.example, "weights": "BTC: 0.5, NOPE: 0.5"}
    with pytest.raises(CalculatorInputError) as caught:
        run("portfolio-diversification", inputs)
    assert "There is no column 'NOPE'" in str(caught.value)


def test_example_result_is_json_with_every_declared_output() -> None:
    result = run("portfolio-diversification", diversification.SPEC.example)
    json.dumps(result, allow_nan=False)
    names = {output.name for output in diversification.SPEC.outputs}
    assert {t["name"] for t in result["tables"]} | {c["name"] for c in result["charts"]} == names
    assert result["stressed"]["volatility"] > result["normal"]["volatility"]
    assert 'role="img"' in result["charts"][0]["svg"]


def test_weights_that_do_not_sum_to_one_are_noted() -> None:
    result = run("portfolio-diversification", manual(weights="BTC: 1, ETH: 0.5, SOL: 0.5"))
    assert any("sum to 2" in w for w in result["warnings"])


def random_portfolio(seed: int, n: int) -> tuple[list[float], list[float], list[list[float]]]:
    """Long-only weights, volatilities and a sample correlation matrix."""
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.ones(n))
    vols = rng.uniform(0.1, 1.5, n)
    corr = np.corrcoef(rng.normal(size=(n, n + 5)))
    return weights.tolist(), vols.tolist(), corr.tolist()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 100_000), st.integers(2, 8))
def test_long_only_portfolios_have_ratio_at_least_one_and_bets_within_bounds(
    seed: int, n: int
) -> None:
    weights, vols, corr = random_portfolio(seed, n)
    figures = risk_figures(weights, vols, corr, 0.99, 1 / 365)
    assert figures.diversification_ratio is not None and figures.diversification_ratio >= 1 - 1e-12
    assert figures.effective_bets is not None and 1 - 1e-9 <= figures.effective_bets <= n + 1e-9


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 100_000), st.floats(0.5, 50.0))
def test_value_at_risk_scales_with_the_square_root_of_the_horizon(seed: int, days: float) -> None:
    weights, vols, corr = random_portfolio(seed, 4)
    one = risk_figures(weights, vols, corr, 0.975, 1 / 365)
    many = risk_figures(weights, vols, corr, 0.975, days / 365)
    assert many.var == pytest.approx(one.var * math.sqrt(days), rel=1e-12)
    assert many.es > many.var


def test_a_pair_without_shared_rows_is_named_in_a_warning() -> None:
    a = [100.0, 101.0, 99.0, 102.0, 103.0, None, None, None, None, None]
    b = [None, None, None, None, None, 50.0, 51.0, 49.5, 52.0, 50.5]
    c = [10.0, 10.2, 10.1, 10.4, 10.3, 10.5, 10.2, 10.6, 10.7, 10.4]
    text = csv_text([a, b, c], ["A", "B", "C"])
    result = run("portfolio-diversification", {"csv": text, "weights": "A: 0.4, B: 0.3, C: 0.3"})
    assert any(w.startswith("A–B share fewer than 3 rows") for w in result["warnings"])
    assert result["correlation"][0][1] == 0.0


def numpy_even_enb(w: np.ndarray, cov: np.ndarray) -> float:
    """Oracle: ENB with each repeated eigenvalue's share spread evenly (numpy eigh)."""
    values, vectors = np.linalg.eigh(cov)
    variances = (vectors.T @ w) ** 2 * np.clip(values, 0.0, None)
    shares = []
    for value in np.unique(np.round(values / max(abs(values).max(), 1e-300), 8)):
        members = np.isclose(values / max(abs(values).max(), 1e-300), value, atol=1e-8)
        shares += [variances[members].sum() / variances.sum() / members.sum()] * members.sum()
    p = np.array([s for s in shares if s > 0])
    return float(np.exp(-(p * np.log(p)).sum()))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 100_000),
    st.integers(2, 6),
    st.sampled_from([0.0, 0.3, 0.8, 0.95]),
    st.booleans(),
    st.permutations(range(6)),
)
def test_effective_bets_do_not_depend_on_the_order_of_the_assets(
    seed: int, n: int, rho: float, equal_vols: bool, order: list[int]
) -> None:
    """Issue 11: with repeated eigenvalues one portfolio gave 1.1863, 1.1727 or 1.1653."""
    rng = np.random.default_rng(seed)
    weights = rng.uniform(-0.5, 1.0, n).tolist()
    vols = [0.6] * n if equal_vols else rng.uniform(0.2, 1.2, n).tolist()
    perm = [i for i in order if i < n]
    corr = constant_correlation(n, rho)
    figures = risk_figures(weights, vols, corr, 0.99, 1 / 365)
    permuted = risk_figures([weights[i] for i in perm], [vols[i] for i in perm], corr, 0.99, 1)
    assert figures.effective_bets is not None and permuted.effective_bets is not None
    assert permuted.effective_bets == pytest.approx(figures.effective_bets, rel=1e-9)
    cov = np.outer(vols, vols) * np.array(corr)
    assert figures.effective_bets == pytest.approx(numpy_even_enb(np.array(weights), cov), rel=1e-8)


def test_repeated_eigenvalues_are_stated_on_the_page() -> None:
    inputs = {
        "source": "manual",
        "weights": "BTC: 0.5, ETH: 0.3, SOL: 0.2",
        "volatilities": "BTC: 0.6, ETH: 0.6, SOL: 0.6",
        "correlations": "1 0.8 0.8\n0.8 1 0.8\n0.8 0.8 1",
    }
    result = run("portfolio-diversification", inputs)
    assert any("principal portfolios are not unique" in w for w in result["warnings"])
    plain = run(
        "portfolio-diversification", {**inputs, "volatilities": "BTC: 0.6, ETH: 0.7, SOL: 0.9"}
    )
    assert not any("principal portfolios" in w for w in plain["warnings"])
