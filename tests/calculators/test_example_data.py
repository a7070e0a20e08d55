"""The synthetic example dataset: reproducible, small, and showing the regimes it claims."""

from __future__ import annotations

import math
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

from calculators import example_csv
from calculators.inputs.csvdata import parse_csv
from calculators.inputs.returns import to_returns

# Fat tails and clustered volatility widen sampling error beyond the normal-theory
# (1 − ρ²)/√(n − 3); simulated over 60 seeds the worst pair reached 6.8 of those
# standard errors in 1% of runs, so 7 bounds "within sampling error" without flaking.
SE_BOUND = 7.0


def test_the_committed_csv_is_what_the_seeded_script_writes(example_module: ModuleType) -> None:
    assert example_csv() == example_module.to_csv(example_module.generate())


def test_the_file_is_small_with_six_to_eight_assets_over_about_three_years() -> None:
    data = parse_csv(example_csv())
    assert len(example_csv().encode()) < 300_000
    assert 6 <= len(data.names) <= 8
    assert 3 * 365 - 5 <= len(data.labels) <= 3 * 366 + 5
    assert data.label_header == "date"


def test_there_is_no_stablecoin_so_every_correlation_is_defined() -> None:
    returns = to_returns(parse_csv(example_csv()), "log")
    frame = pd.DataFrame(dict(zip(returns.names, returns.columns, strict=True)), dtype=float)
    assert not frame.corr().isna().to_numpy().any()


def test_returns_have_fat_tails(example_module: ModuleType) -> None:
    returns = to_returns(parse_csv(example_csv()), "log")
    btc = pd.Series(returns.columns[0], dtype=float)
    assert btc.kurt() > 1.0


def _regime_frame(example_module: ModuleType, regime: str) -> tuple[pd.DataFrame, np.ndarray]:
    example = example_module.generate()
    prices = pd.DataFrame(example.prices, columns=example_module.ASSETS)
    returns = np.log(prices).diff().iloc[1:]
    mask = np.array(example.regimes) == regime
    return returns[mask], mask


@pytest.mark.parametrize("regime", ["calm", "stress", "crisis"])
def test_each_regime_recovers_its_model_correlation(
    example_module: ModuleType, regime: str
) -> None:
    frame, mask = _regime_frame(example_module, regime)
    n = int(mask.sum())
    recovered = frame.corr().to_numpy()
    example = example_module.generate()
    for i in range(recovered.shape[0]):
        for j in range(i + 1, recovered.shape[0]):
            model = example.model_correlation(regime, i, j)
            standard_error = (1.0 - model**2) / math.sqrt(n - 3)
            assert abs(recovered[i, j] - model) <= SE_BOUND * standard_error


def test_crisis_correlation_is_above_stress_and_calm(example_module: ModuleType) -> None:
    def average(regime: str) -> float:
        matrix = _regime_frame(example_module, regime)[0].corr().to_numpy()
        return float(matrix[np.triu_indices_from(matrix, 1)].mean())

    assert average("crisis") > average("stress") > average("calm")


def test_crisis_is_more_volatile_than_calm(example_module: ModuleType) -> None:
    crisis = _regime_frame(example_module, "crisis")[0].std().mean()
    calm = _regime_frame(example_module, "calm")[0].std().mean()
    assert crisis > 1.5 * calm
