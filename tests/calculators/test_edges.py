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
