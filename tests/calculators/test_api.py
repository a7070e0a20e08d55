"""The public contract: SPECS, run and run_json, shared by every front end."""

from __future__ import annotations

import functools
import json
import math
from typing import Any

import pytest

import calculators
from calculators import SPECS, CalculatorInputError, run, run_json

IDS = [
    "correlation-matrix",
    "liquidation-risk",
    "portfolio-diversification",
    "rolling-correlation",
    "stress-correlation",
]


@functools.cache
def _example_result(calc_id: str) -> dict[str, Any]:
    """Each example run once per session (the Monte Carlo one takes a while)."""
    return run(calc_id, SPECS[calc_id].example)


def _walk(value: Any) -> list[Any]:
    """Every leaf of a JSON-like value."""
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _walk(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _walk(item)]
    return [value]


def test_specs_hold_the_five_fixed_ids_sorted() -> None:
    assert list(SPECS) == IDS


def test_the_public_names_are_listed_in_all() -> None:
    assert sorted(calculators.__all__) == sorted(
        ["SPECS", "CalculatorSpec", "InputSpec", "OutputSpec", "run", "run_json",
         "CalculatorInputError", "example_csv"]
    )  # fmt: skip
    assert all(getattr(calculators, name) is not None for name in calculators.__all__)


@pytest.mark.parametrize("calc_id", IDS)
def test_every_spec_is_json_able_and_its_example_covers_every_input(calc_id: str) -> None:
    spec = SPECS[calc_id]
    json.dumps(spec.to_dict(), allow_nan=False)
    assert set(spec.example) == {field.name for field in spec.inputs}


@pytest.mark.parametrize("calc_id", IDS)
def test_every_example_result_is_plain_json_without_nan(calc_id: str) -> None:
    result = _example_result(calc_id)
    json.dumps(result, allow_nan=False)
    assert all(not isinstance(v, float) or math.isfinite(v) for v in _walk(result))
    assert isinstance(result["warnings"], list)


@pytest.mark.parametrize("calc_id", IDS)
def test_every_table_cell_has_a_value_and_a_text(calc_id: str) -> None:
    result = _example_result(calc_id)
    for table in result["tables"]:
        assert set(table) == {"name", "caption", "row_header", "columns", "rows"}
        for row in table["rows"]:
            assert len(row["cells"]) == len(table["columns"])
            assert all(
                {"value", "text"} <= set(cell) <= {"value", "text", "shade"}
                for cell in row["cells"]
            )


@pytest.mark.parametrize("calc_id", IDS)
def test_every_output_name_is_declared_by_the_spec(calc_id: str) -> None:
    result = _example_result(calc_id)
    declared = {output.name for output in SPECS[calc_id].outputs}
    assert {entry["name"] for entry in result["tables"] + result["charts"]} <= declared


@pytest.mark.parametrize("calc_id", IDS)
def test_every_chart_is_accessible_svg(calc_id: str) -> None:
    for chart in _example_result(calc_id)["charts"]:
        assert chart["svg"].startswith("<svg") and 'role="img"' in chart["svg"]
        assert "<title" in chart["svg"] and "<desc" in chart["svg"]


@pytest.mark.parametrize("calc_id", IDS)
def test_results_are_deterministic(calc_id: str) -> None:
    assert json.dumps(run(calc_id, SPECS[calc_id].example)) == json.dumps(_example_result(calc_id))


def test_an_unknown_id_is_an_input_error() -> None:
    with pytest.raises(CalculatorInputError, match="There is no calculator 'nope'"):
        run("nope", {})


def test_run_json_wraps_a_result() -> None:
    reply = json.loads(
        run_json("correlation-matrix", json.dumps(SPECS["correlation-matrix"].example))
    )
    assert reply["ok"] is True and reply["result"]["assets"]


def test_run_json_reports_bad_input_with_its_field() -> None:
    inputs = {"csv": "date,A\n1,1\n2,x\n3,3\n", "returns": "none"}
    reply = json.loads(run_json("correlation-matrix", json.dumps(inputs)))
    assert reply == {
        "ok": False,
        "error": {"field": "csv", "message": "Line 3, column A: 'x' is not a number."},
    }


def test_run_json_turns_broken_json_into_a_sentence() -> None:
    reply = json.loads(run_json("correlation-matrix", "{not json"))
    assert reply["ok"] is False and reply["error"]["message"].startswith("The inputs are not valid")


def test_run_json_turns_an_internal_failure_into_a_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(inputs: object) -> dict[str, Any]:
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setitem(calculators.api.COMPUTE, "correlation-matrix", broken)
    reply = json.loads(run_json("correlation-matrix", "{}"))
    assert reply["error"] == {
        "field": None,
        "message": "The calculator hit an internal problem: float division by zero.",
    }


def test_numbers_from_a_json_caller_are_accepted() -> None:
    example = dict(SPECS["rolling-correlation"].example, window=30)
    reply = json.loads(run_json("rolling-correlation", json.dumps(example)))
    assert reply["ok"] is True and reply["result"]["window"] == 30


def test_a_nan_that_slips_through_becomes_null(monkeypatch: pytest.MonkeyPatch) -> None:
    def sloppy(inputs: object) -> dict[str, Any]:
        return {
            "value": math.nan,
            "pair": (1.0, math.inf),
            "headline": "",
            "warnings": [],
            "tables": [],
        }

    monkeypatch.setitem(calculators.api.COMPUTE, "correlation-matrix", sloppy)
    result = run("correlation-matrix", {})
    assert (result["value"], result["pair"]) == (None, [1.0, None])


def test_an_undeclared_output_name_is_a_bug_not_a_result(monkeypatch: pytest.MonkeyPatch) -> None:
    def stray(inputs: object) -> dict[str, Any]:
        return {"tables": [{"name": "surprise"}]}

    monkeypatch.setitem(calculators.api.COMPUTE, "correlation-matrix", stray)
    reply = json.loads(run_json("correlation-matrix", "{}"))
    assert reply["ok"] is False and "surprise" in reply["error"]["message"]
