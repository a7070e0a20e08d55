"""Hostile and edge inputs to every calculator (issues 11 §4 and 15): one sentence each.

Every case here once ended in "internal problem" or a silent wrong answer; each
now gets a sentence that names the field, and where it applies the line.
"""

from __future__ import annotations

import json

import pytest

from calculators import SPECS, run, run_json
from calculators.errors import CalculatorInputError

CSV_CALCULATORS = sorted(
    spec.id for spec in SPECS.values() if any(field.kind == "csv" for field in spec.inputs)
)


@pytest.mark.parametrize("calc_id", CSV_CALCULATORS)
def test_a_header_only_csv_gets_the_row_count_sentence(calc_id: str) -> None:
    with pytest.raises(CalculatorInputError, match="The CSV has 0 data rows; at least 3") as info:
        run(calc_id, {"csv": "date,BTC,ETH,SOL\n"})
    assert info.value.field == "csv"


@pytest.mark.parametrize("calc_id", CSV_CALCULATORS)
def test_a_header_only_csv_is_a_field_error_in_the_browser_too(calc_id: str) -> None:
    answer = json.loads(run_json(calc_id, json.dumps({"csv": "date,BTC,ETH,SOL\n"})))
    assert answer["ok"] is False
    assert answer["error"]["field"] == "csv"
    assert "internal problem" not in answer["error"]["message"]


def _csv_with(cell: str) -> str:
    return f"date,A,B\n2024-01-01,1,2\n2024-01-02,{cell},4\n2024-01-03,5,7\n2024-01-04,6,1\n"


def test_a_quoted_cell_over_the_csv_field_limit_is_a_sentence_with_its_line() -> None:
    """Issue 15: 'internal problem: field larger than field limit (131072)'."""
    with pytest.raises(CalculatorInputError) as info:
        run("correlation-matrix", {"csv": _csv_with('"' + "1" * 200_000 + '"')})
    assert info.value.line == 3
    assert info.value.message.startswith("Line 3: a cell is longer than 131,072 characters")


def test_a_bad_cell_is_shortened_in_the_message() -> None:
    """Issue 15: a 1 MB cell gave a 1,000,045-character message."""
    with pytest.raises(CalculatorInputError) as info:
        run("correlation-matrix", {"csv": _csv_with("x" * 1_000_000)})
    assert len(info.value.message) < 200
    assert "(1,000,000 characters)" in info.value.message
    assert info.value.message.startswith("Line 3, column A: 'xxxx")


def test_huge_weights_are_a_sentence_on_the_weights_field() -> None:
    """Issue 15: weights of 1e308 gave 'internal problem: intermediate overflow in fsum'."""
    inputs = {"source": "manual", "weights": "BTC: 1e308, ETH: 1e308, SOL: 1"}
    with pytest.raises(CalculatorInputError, match="'1e308' is too large") as info:
        run("portfolio-diversification", inputs)
    assert info.value.field == "weights"


def test_the_largest_accepted_weights_still_compute() -> None:
    inputs = {"source": "manual", "weights": "BTC: 1e12, ETH: -1e12, SOL: 1e12"}
    assert run("portfolio-diversification", inputs)["warnings"] is not None


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deeply_nested_json_is_refused_in_a_sentence(opening: str) -> None:
    """Issue 15: 100,000-deep JSON gave 'internal problem: maximum recursion depth'."""
    text = opening * 100_000 + "]" * 100_000
    answer = json.loads(run_json("correlation-matrix", text))
    assert answer["ok"] is False
    assert answer["error"]["message"].startswith("The inputs are nested more than 8 levels")


def test_brackets_inside_a_csv_string_are_not_nesting() -> None:
    csv = "date,A,B\n" + "".join(f"[d{i}],{i % 7},{(i * 3) % 5}\n" for i in range(40))
    answer = json.loads(run_json("correlation-matrix", json.dumps({"csv": csv, "returns": "none"})))
    assert answer["ok"] is True


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("1_000", "without digit separators"),
        ("１２３", "digits 0-9"),
        ("١٢٣", "digits 0-9"),
        ("0x10", "is not a number"),
        ("inf", "is not a finite number"),
        ("1,000", "is not a number"),
    ],
)
def test_only_plain_ascii_numbers_are_numbers_in_a_csv(cell: str, reason: str) -> None:
    """Issue 15: Python's float reads 1_000 and full-width digits; a CSV cell must not."""
    with pytest.raises(CalculatorInputError, match=f"Line 3, column A: .*{reason}") as info:
        run("correlation-matrix", {"csv": _csv_with(f'"{cell}"'), "returns": "none"})
    assert info.value.line == 3


@pytest.mark.parametrize("cell", ["12", "-0.5", "+.5", "1e-3", "2.", "1E+2", " 7 "])
def test_plain_ascii_forms_are_read(cell: str) -> None:
    result = run("correlation-matrix", {"csv": _csv_with(cell), "returns": "none"})
    assert result["rows"] == 4


@pytest.mark.parametrize("text", ["1_000", "１２"])
def test_typed_fields_take_only_plain_numbers_too(text: str) -> None:
    with pytest.raises(CalculatorInputError) as info:
        run("portfolio-diversification", {"source": "manual", "value": text})
    assert info.value.field == "value"
    with pytest.raises(CalculatorInputError, match="is not a plain number"):
        run("portfolio-diversification", {"source": "manual", "weights": f"BTC: {text}"})
