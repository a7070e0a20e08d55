"""Returns from prices: pandas-equal, never forward-filled, errors naming the cell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import parse_csv
from calculators.inputs.returns import to_returns

PRICES = "date,A,B\nd1,100,10\nd2,110,\nd3,99,12\nd4,,13\nd5,120,14\nd6,121,15\n"


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"A": [100, 110, 99, np.nan, 120, 121], "B": [10, np.nan, 12, 13, 14, 15]}, dtype=float
    )


def _as_nan(column: list[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in column])


@pytest.mark.parametrize("kind", ["log", "simple"])
def test_returns_match_pandas_without_filling_gaps(kind: str) -> None:
    data = to_returns(parse_csv(PRICES), kind)
    frame = _frame()
    oracle = np.log(frame).diff() if kind == "log" else frame.pct_change(fill_method=None)
    for index, name in enumerate(["A", "B"]):
        np.testing.assert_allclose(_as_nan(data.columns[index]), oracle[name][1:], atol=1e-15)


def test_a_return_needs_both_prices() -> None:
    data = to_returns(parse_csv(PRICES), "log")
    assert data.columns[0][2] is None and data.columns[0][3] is None
    assert data.columns[1][0] is None and data.columns[1][1] is None


def test_return_rows_keep_the_later_label() -> None:
    assert to_returns(parse_csv(PRICES), "simple").labels == ["d2", "d3", "d4", "d5", "d6"]


def test_none_keeps_the_values() -> None:
    data = parse_csv(PRICES)
    assert to_returns(data, "none") is data


def test_a_non_positive_price_under_log_returns_names_the_cell() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        to_returns(parse_csv("date,A,B\nd1,1,2\nd2,-3,4\nd3,5,6\n"), "log")
    assert caught.value.line == 3
    assert str(caught.value) == (
        "Line 3, column A: the price -3 is not positive, so it has no log return."
    )


def test_a_zero_price_under_simple_returns_is_an_error() -> None:
    with pytest.raises(CalculatorInputError, match="Line 2, column B"):
        to_returns(parse_csv("date,A,B\nd1,1,0\nd2,2,1\nd3,5,6\n"), "simple")
