"""Number formatting and table building: one display string per value."""

from __future__ import annotations

import math

import pytest

from calculators.display.tables import format_number, matrix_table, number_cell, render_text


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (0.81234, "correlation", "0.8123"),
        (-0.00001, "correlation", "0.0000"),
        (0.421, "percent", "42.1000%"),
        (1234567, "integer", "1,234,567"),
        (0.00001, "pvalue", "<0.0001"),
        (0.0312, "pvalue", "0.0312"),
        (12345.678, "money", "12,345.68"),
        (None, "decimal", "—"),
        (math.nan, "decimal", "—"),
    ],
)
def test_numbers_are_formatted_once(value: float | None, style: str, expected: str) -> None:
    assert format_number(value, style) == expected  # type: ignore[arg-type]


def test_percent_takes_a_digit_count() -> None:
    assert format_number(0.421, "percent", 2) == "42.10%"


def test_a_nan_cell_has_a_null_value() -> None:
    assert number_cell(math.nan) == {"value": None, "text": "—"}


def test_a_matrix_table_has_labelled_rows_and_columns() -> None:
    table = matrix_table("matrix", "Cap", ["A", "B"], [[1.0, None], [None, 1.0]])
    assert table["columns"] == ["A", "B"]
    assert [row["label"] for row in table["rows"]] == ["A", "B"]
    assert table["rows"][0]["cells"][1] == {"value": None, "text": "—"}


def test_text_rendering_aligns_columns() -> None:
    table = matrix_table("matrix", "Cap", ["A", "LONGER"], [[1.0, 0.5], [0.5, 1.0]])
    lines = render_text(table).splitlines()
    assert lines[0] == "Cap"
    assert len({len(line) for line in lines[2:]}) == 1
