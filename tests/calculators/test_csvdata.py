"""The CSV data rules: shape, delimiters, names, missing cells and errors in words."""

from __future__ import annotations

import pytest

from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import detect_delimiter, example_csv, parse_csv, usable_rows

SIMPLE = "date,A,B\n2024-01-01,1,2\n2024-01-02,3,4\n2024-01-03,5,6\n"


def test_columns_are_read_in_header_order_with_their_labels() -> None:
    data = parse_csv(SIMPLE)
    assert (data.names, data.labels) == (["A", "B"], ["2024-01-01", "2024-01-02", "2024-01-03"])
    assert data.columns == [[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_detected(delimiter: str) -> None:
    data = parse_csv(SIMPLE.replace(",", delimiter))
    assert data.columns[1] == [2.0, 4.0, 6.0]


def test_a_quoted_name_may_contain_the_delimiter() -> None:
    text = 'date,"Bitcoin, spot",ETH\n1,1,2\n2,2,3\n3,3,5\n'
    assert detect_delimiter(text) == ","
    assert parse_csv(text).names == ["Bitcoin, spot", "ETH"]


def test_any_utf8_name_works() -> None:
    text = "日付,比特币,Éther 🚀\n1,1,2\n2,2,3\n3,3,5\n"
    assert parse_csv(text).names == ["比特币", "Éther 🚀"]


def test_a_byte_order_mark_is_ignored() -> None:
    assert parse_csv("\ufeff" + SIMPLE).label_header == "date"


@pytest.mark.parametrize("token", ["", "NaN", "nan", "null", "NULL", "NA", "na", "  "])
def test_missing_cells_stay_missing(token: str) -> None:
    data = parse_csv(f"date,A,B\n1,1,2\n2,{token},4\n3,5,6\n")
    assert data.columns[0] == [1.0, None, 5.0]


def test_a_non_numeric_cell_names_its_line_and_column() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        parse_csv("date,BTC,ETH\n1,1,2\n\n2,3,n/a\n3,5,6\n")
    error = caught.value
    assert (error.field, error.line) == ("csv", 4)
    assert str(error) == "Line 4, column ETH: 'n/a' is not a number."


def test_a_duplicate_column_name_is_an_error() -> None:
    with pytest.raises(CalculatorInputError, match="'BTC' appears more than once"):
        parse_csv("date,BTC,BTC\n1,1,2\n2,3,4\n3,5,6\n")


def test_fewer_than_three_rows_is_an_error() -> None:
    with pytest.raises(CalculatorInputError, match="2 data rows; at least 3"):
        parse_csv("date,A,B\n1,1,2\n2,3,4\n")


def test_an_empty_text_asks_for_a_header() -> None:
    with pytest.raises(CalculatorInputError, match="empty"):
        parse_csv("\n\n")


def test_a_header_without_asset_columns_is_an_error() -> None:
    with pytest.raises(CalculatorInputError, match="at least one asset column"):
        parse_csv("date\n1\n2\n3\n")


def test_a_row_with_the_wrong_number_of_cells_names_its_line() -> None:
    with pytest.raises(CalculatorInputError, match="Line 3 has 2 cells but the header row has 3"):
        parse_csv("date,A,B\n1,1,2\n2,3\n3,5,6\n")


def test_infinity_is_not_accepted_as_a_number() -> None:
    with pytest.raises(CalculatorInputError, match="not a finite number"):
        parse_csv("date,A,B\n1,1,2\n2,inf,4\n3,5,6\n")


def test_an_absurdly_large_value_is_an_error() -> None:
    with pytest.raises(CalculatorInputError, match="'1e200' is too large"):
        parse_csv("date,A,B\n1,1,2\n2,1e200,4\n3,5,6\n")


def test_a_decimal_comma_is_read_in_semicolon_files() -> None:
    data = parse_csv("date;A;B\n1;1,5;2\n2;3;4\n3;5;6\n")
    assert data.columns[0][0] == 1.5


def test_usable_rows_need_two_values() -> None:
    assert usable_rows([[1.0, None, 3.0], [1.0, 2.0, None]]) == 1


def test_the_example_csv_has_a_date_column_and_prices() -> None:
    data = parse_csv(example_csv())
    assert data.label_header == "date"
    assert all(v is not None and v > 0 for column in data.columns for v in column)
