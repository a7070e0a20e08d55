"""The declared result shape: the builders produce it, the checker refuses anything else."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from calculators import SPECS, api, registry, run_json
from calculators.display.tables import key_value_table, matrix_table, number_cell, text_cell
from calculators.results import Cell, Chart, Result, ResultShapeError, Row, Table, check_result


def _good() -> dict[str, Any]:
    """A small result of the declared shape, built by the same helpers the calculators use."""
    matrix = matrix_table("matrix", "Pearson", ["A", "B"], [[1.0, 0.5], [0.5, 1.0]])
    figures = key_value_table("counts", "Rows", [("Rows", text_cell("3 of 3"))])
    chart = {"name": "heatmap", "title": "Heatmap", "svg": "<svg/>"}
    return {
        "headline": "ρ 0.5",
        "warnings": ["a note"],
        "tables": [matrix, figures],
        "charts": [chart],
        "extra": 1,
    }


def test_the_builders_produce_exactly_the_declared_keys() -> None:
    table = _good()["tables"][0]
    assert set(table) == Table.__required_keys__
    assert set(table["rows"][0]) == Row.__required_keys__
    assert set(number_cell(0.5)) == Cell.__required_keys__
    assert Chart.__required_keys__ == {"name", "title", "svg"}
    assert Result.__required_keys__ == {"headline", "warnings", "tables", "charts"}


def test_a_well_shaped_result_passes_with_its_own_extra_figures() -> None:
    check_result(_good())


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(result: dict[str, Any]) -> None:
        target = result
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(result: dict[str, Any]) -> None:
        target = result
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return change


BROKEN = [
    (_drop(("tables", 0, "caption")), "result.tables[0] has no 'caption'"),
    (_set(("tables", 0, "rows", 1, "cells", 0, "text"), 0.5), "cells[0].text must be text"),
    (_set(("tables", 0, "rows", 0, "cells", 1, "value"), [0.5]), "cells[1].value must be"),
    (_set(("tables", 0, "rows", 0, "cells", 1, "value"), True), "not true/false"),
    (_set(("tables", 0, "columns"), "A,B"), "result.tables[0].columns must be a list"),
    (_set(("tables", 1, "rows", 0, "label"), None), "rows[0].label must be text, not null"),
    (_drop(("charts", 0, "svg")), "result.charts[0] has no 'svg'"),
    (_set(("warnings", 0), {"text": "x"}), "result.warnings[0] must be text"),
    (_set(("headline",), 0.66), "result.headline must be text"),
    (_set(("tables",), {}), "result.tables must be a list"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_each_misshapen_field_is_named(
    change: Callable[[dict[str, Any]], None], message: str
) -> None:
    result = copy.deepcopy(_good())
    change(result)
    with pytest.raises(ResultShapeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        check_result(result)


def _fake(result: dict[str, Any]) -> Callable[[Mapping[str, str]], dict[str, Any]]:
    return lambda inputs: copy.deepcopy(result)


def test_run_checks_the_shape_not_only_the_names(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = _good()
    broken["tables"][0]["rows"][0]["cells"][0] = {"value": 1.0}
    monkeypatch.setitem(registry.COMPUTE, "correlation-matrix", _fake(broken))
    with pytest.raises(ResultShapeError, match="has no 'text'"):
        api.run("correlation-matrix", {})
    reply = json.loads(run_json("correlation-matrix", "{}"))
    assert reply["ok"] is False
    assert reply["error"]["message"].startswith("The calculator hit an internal problem:")
    assert "Traceback" not in reply["error"]["message"]


def test_a_table_returned_as_a_chart_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    swapped = _good()
    swapped["charts"][0]["name"] = "matrix"
    monkeypatch.setitem(registry.COMPUTE, "correlation-matrix", _fake(swapped))
    with pytest.raises(ResultShapeError, match="does not declare as a chart output"):
        api.run("correlation-matrix", {})


def test_the_fake_result_is_otherwise_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.COMPUTE, "correlation-matrix", _fake(_good()))
    assert api.run("correlation-matrix", {})["extra"] == 1
    assert {output.name for output in SPECS["correlation-matrix"].outputs} >= {"matrix", "counts"}
