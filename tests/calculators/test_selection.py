"""Choosing assets, a period and a quote asset: checked against pandas on the same prices."""

from __future__ import annotations

import datetime as dt
import math
import random

import numpy as np
import pandas as pd
import pytest

from calculators import run
from calculators.errors import CalculatorInputError
from tests.calculators.conftest import assert_matrix_close, correlated_columns, to_list_matrix

NAMES = ["BTC", "ETH", "SOL", "XRP", "DOGE"]
FIRST_DAY = dt.date(2023, 1, 1)


def _prices(seed: int = 11, rows: int = 500) -> pd.DataFrame:
    """Daily random-walk prices with real dates, as a reader would download them."""
    rng = random.Random(seed)
    steps = correlated_columns(rng, rows, len(NAMES), rho=0.5)
    levels = {
        name: 100.0 * np.exp(np.cumsum([0.02 * v for v in column]))
        for name, column in zip(NAMES, steps, strict=True)
    }
    index = pd.Index([(FIRST_DAY + dt.timedelta(days=i)).isoformat() for i in range(rows)])
    return pd.DataFrame(levels, index=index)


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index_label="date", float_format="%.17g")


def _log_corr(frame: pd.DataFrame) -> list[list[float | None]]:
    return to_list_matrix(np.log(frame).diff().corr())


def _matrix(frame: pd.DataFrame, **inputs: str) -> tuple[list[str], list[list[float | None]]]:
    result = run("correlation-matrix", {"csv": _csv(frame), **inputs})
    return result["assets"], result["matrix"]


@pytest.mark.parametrize(("period", "days"), [("30d", 30), ("90d", 90), ("1y", 365)])
def test_a_period_counts_back_from_the_last_date(period: str, days: int) -> None:
    frame = _prices()
    last = dt.date.fromisoformat(frame.index[-1])
    kept = frame[[dt.date.fromisoformat(d) >= last - dt.timedelta(days=days) for d in frame.index]]
    assets, found = _matrix(frame, period=period)
    assert len(kept) == days + 1
    assert assets == NAMES
    assert_matrix_close(found, _log_corr(kept), 1e-12)


def test_all_rows_is_the_default_and_uses_every_row() -> None:
    frame = _prices()
    assert_matrix_close(_matrix(frame)[1], _log_corr(frame), 1e-12)
    assert_matrix_close(_matrix(frame, period="all")[1], _log_corr(frame), 1e-12)


def test_two_dates_keep_the_rows_between_them_inclusive() -> None:
    frame = _prices()
    start, end = "2023-03-01", "2023-06-30"
    _, found = _matrix(frame, period="dates", start=start, end=end)
    assert_matrix_close(found, _log_corr(frame.loc[start:end]), 1e-12)
    _, open_end = _matrix(frame, period="dates", start=start)
    assert_matrix_close(open_end, _log_corr(frame.loc[start:]), 1e-12)


def test_the_chosen_assets_are_used_in_the_order_given() -> None:
    frame = _prices()
    assets, found = _matrix(frame, assets="SOL, BTC,DOGE")
    assert assets == ["SOL", "BTC", "DOGE"]
    assert_matrix_close(found, _log_corr(frame[["SOL", "BTC", "DOGE"]]), 1e-12)


def test_rebasing_divides_every_price_by_the_quote_asset_before_returns() -> None:
    frame = _prices()
    quoted = frame.drop(columns="BTC").div(frame["BTC"], axis=0)
    assets, found = _matrix(frame, rebase="BTC")
    assert assets == ["ETH", "SOL", "XRP", "DOGE"]
    assert_matrix_close(found, _log_corr(quoted), 1e-12)
    simple = run("correlation-matrix", {"csv": _csv(frame), "rebase": "BTC", "returns": "simple"})
    assert_matrix_close(simple["matrix"], to_list_matrix(quoted.pct_change().corr()), 1e-12)


def test_period_rebase_and_assets_combine_on_the_rolling_calculator_too() -> None:
    frame = _prices()
    result = run(
        "rolling-correlation",
        {"csv": _csv(frame), "x": "ETH", "y": "SOL", "rebase": "BTC", "period": "90d",
         "window": "20"},
    )  # fmt: skip
    quoted = frame.drop(columns="BTC").div(frame["BTC"], axis=0).iloc[-91:]
    returns = np.log(quoted).diff()
    expected = returns["ETH"].rolling(20, min_periods=20).corr(returns["SOL"]).iloc[1:]
    assert len(result["values"]) == len(expected) == 90
    for found, want in zip(result["values"], expected, strict=True):
        assert (found is None) == math.isnan(want)
        assert found is None or math.isclose(found, want, abs_tol=1e-9)
    assert result["index"][-1] == frame.index[-1]


def _refused(field: str, message: str, **inputs: str) -> None:
    with pytest.raises(CalculatorInputError, match=message) as caught:
        run("correlation-matrix", {"csv": _csv(_prices(rows=60)), **inputs})
    assert caught.value.field == field


def test_each_bad_choice_is_refused_in_a_sentence_naming_its_field() -> None:
    _refused("assets", "There is no column 'ADA'", assets="BTC,ADA")
    _refused("assets", "at least two assets", assets="BTC")
    _refused("assets", "BTC is listed twice", assets="BTC,ETH,BTC")
    _refused("assets", "quoted in BTC, so it is 1 on every row", assets="BTC,ETH", rebase="BTC")
    _refused("rebase", "There is no column 'USD'", rebase="USD")
    _refused("rebase", "needs prices", rebase="BTC", returns="none")
    _refused("end", "is before the start", period="dates", start="2023-02-01", end="2023-01-15")
    _refused("start", "must be a date like 2024-01-31; got '1/2/2023'", period="dates",
             start="1/2/2023")  # fmt: skip
    _refused("period", "No row of the CSV falls between", period="dates", start="2030-01-01")


def test_a_period_needs_dates_and_names_the_first_line_that_is_not_one() -> None:
    text = "day,A,B\n1,1,2\n2,2,3\n3,3,5\n4,5,4\n"
    with pytest.raises(CalculatorInputError, match="Line 2: '1' is not a date") as caught:
        run("correlation-matrix", {"csv": text, "period": "30d"})
    assert caught.value.field == "period"
    assert run("correlation-matrix", {"csv": text})["rows"] == 3
