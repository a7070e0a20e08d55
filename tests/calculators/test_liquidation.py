"""The liquidation-risk model: closed forms, Monte Carlo against numpy, the calculator."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest

from calculators import liquidation_risk as liquidation
from calculators import run
from calculators.errors import CalculatorInputError
from calculators.liquidation_risk.margin import (
    Position,
    continuity_corrected_probability,
    continuous_closed_form,
    gbm_hitting_probability,
    liquidation_curve,
    liquidation_price,
    simulate_liquidation,
)

BASE = Position(
    side=1,
    size=10.0,
    entry=3000.0,
    collateral=0.2,
    price_y=60000.0,
    vol_x=0.75,
    vol_y=0.6,
    rho=0.8,
    maintenance=0.05,
    horizon_days=30.0,
    steps=50,
)
STABLE = replace(BASE, vol_y=0.0)


def numpy_liquidation(position: Position, paths: int, seed: int) -> tuple[float, float]:
    """Oracle: brute-force discrete-monitoring Monte Carlo in numpy; (probability, SE)."""
    rng = np.random.default_rng(seed)
    dt = position.horizon_days / 365.0 / position.steps
    sx, sy = position.vol_x * math.sqrt(dt), position.vol_y * math.sqrt(dt)
    c = position.collateral * position.price_y / (position.size * position.entry)
    log_x, log_y = np.zeros(paths), np.zeros(paths)
    hit = np.zeros(paths, dtype=bool)
    for _ in range(position.steps):
        z1, z2 = rng.standard_normal(paths), rng.standard_normal(paths)
        log_x += -0.5 * sx * sx + sx * z1
        log_y += -0.5 * sy * sy + sy * (position.rho * z1 + math.sqrt(1 - position.rho**2) * z2)
        r, s = np.exp(log_x), np.exp(log_y)
        hit |= c * s + position.side * (r - 1.0) < position.maintenance * r
    p = float(hit.mean())
    return p, math.sqrt(p * (1 - p) / paths)


def assert_within(estimate: float, se: float, target: float, target_se: float = 0.0) -> None:
    """Within four combined standard errors (a false alarm about once in 16,000 runs)."""
    assert abs(estimate - target) <= 4.0 * math.hypot(se, target_se), (estimate, target)


def test_hitting_probability_matches_numpy_discrete_limit() -> None:
    sigma, years, level = 0.8, 0.25, 0.8
    fine = replace(
        STABLE, vol_x=sigma, horizon_days=years * 365, steps=1000, collateral=_collateral_for(level)
    )
    p, se = numpy_liquidation(fine, 30_000, 7)
    shift = 0.5826 * sigma * math.sqrt(years / 1000)
    corrected = gbm_hitting_probability(level * math.exp(-shift), sigma, years)
    assert_within(p, se, corrected)


def _collateral_for(level: float) -> float:
    """Collateral (units of Y) that puts a stable-collateral long's barrier at `level`."""
    # barrier R* = (1 - c) / (1 - mm) for a long with Y fixed, so c = 1 - R* (1 - mm).
    c = 1.0 - level * (1.0 - STABLE.maintenance)
    return c * STABLE.size * STABLE.entry / STABLE.price_y


def test_hitting_probability_of_an_up_barrier_mirrors_the_reflection_formula() -> None:
    sigma, years, level = 0.5, 1.0, 1.3
    b, s = math.log(level), sigma
    expected = 0.5 * math.erfc((b + s * s / 2) / (s * math.sqrt(2))) + math.exp(-b) * 0.5 * (
        math.erfc((b - s * s / 2) / (s * math.sqrt(2)))
    )
    assert gbm_hitting_probability(level, sigma, years) == pytest.approx(expected, rel=1e-12)


def test_monte_carlo_matches_the_closed_form_with_stable_collateral() -> None:
    estimate = simulate_liquidation(STABLE, 40_000, 3)
    target = continuity_corrected_probability(STABLE)
    assert target is not None
    assert_within(estimate.probability, estimate.standard_error, target)


def test_monte_carlo_matches_the_closed_form_for_a_short_with_stable_collateral() -> None:
    short = replace(STABLE, side=-1, vol_x=0.9)
    estimate = simulate_liquidation(short, 40_000, 4)
    target = continuity_corrected_probability(short)
    assert target is not None and target > 0.02
    assert_within(estimate.probability, estimate.standard_error, target)


def test_monte_carlo_matches_the_closed_form_at_rho_one_with_equal_vols() -> None:
    same = replace(BASE, rho=1.0, vol_y=BASE.vol_x, collateral=0.3)
    target = continuity_corrected_probability(same)
    assert target is not None and target > 0.02
    estimate = simulate_liquidation(same, 40_000, 5)
    assert_within(estimate.probability, estimate.standard_error, target)


def test_monte_carlo_matches_the_closed_form_when_only_the_collateral_moves() -> None:
    only_y = replace(BASE, vol_x=0.0, vol_y=1.2, collateral=0.05)
    target = continuity_corrected_probability(only_y)
    assert target is not None and target > 0.02
    estimate = simulate_liquidation(only_y, 40_000, 6)
    assert_within(estimate.probability, estimate.standard_error, target)


def test_monte_carlo_matches_numpy_with_two_correlated_assets() -> None:
    mine = simulate_liquidation(BASE, 40_000, 8)
    oracle, oracle_se = numpy_liquidation(BASE, 200_000, 8)
    assert_within(mine.probability, mine.standard_error, oracle, oracle_se)


def test_curve_matches_numpy_at_negative_correlation() -> None:
    negative = replace(BASE, rho=-0.5)
    (mine,) = liquidation_curve(negative, [-0.5], 20_000, 9)
    oracle, oracle_se = numpy_liquidation(negative, 200_000, 9)
    assert_within(mine.probability, mine.standard_error, oracle, oracle_se)


def test_discrete_checks_converge_to_continuous_monitoring() -> None:
    continuous = continuous_closed_form(STABLE)
    assert continuous is not None
    gaps = [
        continuous - (continuity_corrected_probability(replace(STABLE, steps=m)) or 0.0)
        for m in (10, 100, 10_000)
    ]
    assert gaps[0] > gaps[1] > gaps[2] > 0
    fine = simulate_liquidation(replace(STABLE, steps=200), 10_000, 10)
    coarse = simulate_liquidation(replace(STABLE, steps=5), 10_000, 10)
    assert abs(fine.probability - continuous) < abs(coarse.probability - continuous)


def test_no_closed_form_with_two_sources_of_risk() -> None:
    assert continuous_closed_form(BASE) is None


def test_correlated_collateral_raises_the_liquidation_probability() -> None:
    low, middle, high = liquidation_curve(BASE, [-1.0, 0.0, 1.0], 4_000, 11)
    assert low.probability < middle.probability < high.probability


def test_every_correlation_on_the_curve_sees_the_same_paths() -> None:
    both = liquidation_curve(BASE, [0.5, 0.6], 2_000, 12)
    alone = [liquidation_curve(BASE, [rho], 2_000, 12)[0] for rho in (0.5, 0.6)]
    assert both == alone
    assert abs(both[1].probability - both[0].probability) < 0.02


@pytest.mark.parametrize("side", [1, -1])
def test_equity_equals_the_requirement_at_the_liquidation_price(side: int) -> None:
    position = replace(STABLE, side=side)
    price = liquidation_price(position)
    assert price is not None
    equity = position.collateral * position.price_y + side * position.size * (
        price - position.entry
    )
    assert equity == pytest.approx(position.maintenance * position.size * price, rel=1e-12)


def test_a_position_already_below_maintenance_is_certainly_liquidated() -> None:
    broke = replace(BASE, collateral=0.001)
    assert simulate_liquidation(broke, 100, 1).probability == 1.0


def test_calculator_example_result_is_json_and_names_its_outputs() -> None:
    result = run("liquidation-risk", liquidation.SPEC.example)
    names = {output.name for output in liquidation.SPEC.outputs}
    assert {t["name"] for t in result["tables"]} | {c["name"] for c in result["charts"]} == names
    json.dumps(result, allow_nan=False)
    assert 0.0 < result["probability"] < 1.0


def test_calculator_is_deterministic_for_a_seed() -> None:
    inputs = {**liquidation.SPEC.example, "paths": "2000"}
    first, second = run("liquidation-risk", inputs), run("liquidation-risk", inputs)
    assert json.dumps(first) == json.dumps(second)
    other = run("liquidation-risk", {**inputs, "seed": "2"})
    assert other["probability"] != first["probability"]


def test_calculator_chart_is_accessible_svg() -> None:
    svg = run("liquidation-risk", {"paths": "500"})["charts"][0]["svg"]
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "style=" not in svg and "<script" not in svg


def test_calculator_reports_the_closed_form_with_stable_collateral() -> None:
    result = run("liquidation-risk", {"vol_y": "0", "paths": "500"})
    assert result["closed_form_continuous"] == pytest.approx(continuous_closed_form(STABLE))
    assert any("zero volatility" in warning for warning in result["warnings"])


def test_calculator_summary_compares_uncorrelated_and_correlated_collateral() -> None:
    summary = run("liquidation-risk", {"paths": "500"})["summary"]
    assert "uncorrelated collateral" in summary and "perfectly correlated" in summary


def test_calculator_warns_when_liquidated_at_once() -> None:
    result = run("liquidation-risk", {"collateral": "0.001", "paths": "500"})
    assert result["probability"] == 1.0
    assert any("liquidated immediately" in warning for warning in result["warnings"])


def test_zero_size_is_refused_in_words() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        run("liquidation-risk", {"size": "0"})
    assert caught.value.field == "size"
    assert str(caught.value) == "Position size (units of X) must be greater than 0; got 0."


def test_correlation_outside_the_range_is_refused() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        run("liquidation-risk", {"rho": "1.5"})
    assert caught.value.field == "rho"


def test_too_much_work_is_refused_before_it_freezes_the_page() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        run("liquidation-risk", {"paths": "500000", "steps": "5000"})
    assert caught.value.field == "paths"
    assert "the curve's included, at most 4,500,000" in str(caught.value)


def test_the_work_limit_counts_the_correlation_curve() -> None:
    """600 paths × 5,000 steps is 3,000,000, but the curve adds 11 × 200 paths."""
    with pytest.raises(CalculatorInputError, match="14,000,000 path-steps"):
        run("liquidation-risk", {"paths": "600", "steps": "5000"})
    assert run("liquidation-risk", {"paths": "800", "steps": "1500"})["tables"]
