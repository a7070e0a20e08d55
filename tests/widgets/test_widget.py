"""The widget markup: the DOM contract and the build-time result inside it."""

from __future__ import annotations

import math

import pytest

import calculators
from calculators.spec import TRUE_WORDS
from termsite.settings import SiteSettings
from termsite.widgets import UnknownCalculatorError, render_widget
from termsite.widgets.prerender import data_value
from termsite.widgets.runtime import PYODIDE_VERSION

from .html import Element, elements, one

IDS = sorted(calculators.SPECS)


def _html(calc_id: str, base_url: str = "..") -> str:
    return str(render_widget(calc_id, SiteSettings(), base_url))


def _same(cell: str, value: object) -> bool:
    if value is None:
        return cell == ""
    if isinstance(value, float):
        return math.isclose(float(cell), value, rel_tol=0, abs_tol=0)
    return cell == str(value)


@pytest.mark.parametrize("calc_id", IDS)
def test_root_names_the_calculator_and_starts_idle(calc_id: str) -> None:
    root = elements(_html(calc_id))[0]
    assert (root.attrs["data-calculator"], root.attrs["data-state"]) == (calc_id, "idle")


def test_root_hands_the_browser_the_spec_s_true_words() -> None:
    root = elements(_html(IDS[0]))[0]
    assert set(root.attrs["data-true-words"].split()) == TRUE_WORDS


@pytest.mark.parametrize("calc_id", IDS)
def test_every_output_is_prerendered_from_the_build(calc_id: str) -> None:
    found = _html(calc_id)
    for output in calculators.SPECS[calc_id].outputs:
        assert one(elements(found), data_output=output.name).attrs["data-source"] == "build"


@pytest.mark.parametrize("calc_id", IDS)
def test_table_cells_hold_the_cpython_values_in_data_value(calc_id: str) -> None:
    spec = calculators.SPECS[calc_id]
    result = calculators.run(calc_id, spec.example)
    found = elements(_html(calc_id))
    for table in result["tables"]:
        cells = _value_cells(one(found, data_output=table["name"]))
        expected = [c["value"] for row in table["rows"] for c in row["cells"]]
        assert len(cells) == len(expected)
        assert all(_same(c.attrs["data-value"], v) for c, v in zip(cells, expected, strict=True))


@pytest.mark.parametrize("calc_id", IDS)
def test_table_cells_print_the_library_text(calc_id: str) -> None:
    result = calculators.run(calc_id, calculators.SPECS[calc_id].example)
    found = elements(_html(calc_id))
    for table in result["tables"]:
        cells = _value_cells(one(found, data_output=table["name"]))
        assert [c.text for c in cells] == [c["text"] for row in table["rows"] for c in row["cells"]]


def _value_cells(output: Element) -> list[Element]:
    found: list[Element] = []
    pending = list(output.children)
    while pending:
        element = pending.pop(0)
        found += [element] if element.tag == "td" else []
        pending = element.children + pending
    return found


def test_matrix_output_holds_a_table_with_data_values() -> None:
    matrix = one(elements(_html("correlation-matrix")), data_output="matrix")
    cells = _value_cells(matrix)
    assert cells and all("data-value" in c.attrs for c in cells)


@pytest.mark.parametrize("calc_id", IDS)
def test_charts_are_inline_svg(calc_id: str) -> None:
    found = elements(_html(calc_id))
    for output in calculators.SPECS[calc_id].outputs:
        if output.kind == "chart":
            svg = [e for e in one(found, data_output=output.name).children[0].children]
            assert [e.tag for e in svg] == ["svg"]


def test_script_url_follows_the_page_depth() -> None:
    scripts = [e for e in elements(_html("rolling-correlation", "../..")) if e.tag == "script"]
    assert [s.attrs["src"] for s in scripts] == ["../../assets/termsite/calculators.js"]
    assert scripts[0].attrs["type"] == "module"


def test_every_module_of_the_entry_is_preloaded_beside_it() -> None:
    links = [e for e in elements(_html("rolling-correlation", "../..")) if e.tag == "link"]
    hrefs = sorted(link.attrs["href"] for link in links if link.attrs["rel"] == "modulepreload")
    assert {"../../assets/termsite/widget.js", "../../assets/termsite/runtime.js"} <= set(hrefs)
    assert not [href for href in hrefs if href.endswith(("/calculators.js", "/worker.js"))]


def test_root_page_scripts_use_a_dot_prefix() -> None:
    scripts = [e for e in elements(_html("rolling-correlation", "")) if e.tag == "script"]
    assert scripts[0].attrs["src"] == "./assets/termsite/calculators.js"


def test_runtime_url_names_the_pinned_version() -> None:
    root = elements(_html("correlation-matrix"))[0]
    assert root.attrs["data-index-url"] == f"assets/pyodide/{PYODIDE_VERSION}/"


def test_status_region_is_polite_live() -> None:
    status = one(elements(_html("correlation-matrix")), role="status", data_status="")
    assert status.attrs["aria-live"] == "polite"


def test_markup_has_no_blank_line_that_would_end_a_markdown_html_block() -> None:
    assert "\n\n" not in _html("correlation-matrix")


def test_markup_is_deterministic() -> None:
    assert _html("liquidation-risk") == _html("liquidation-risk")


def test_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(UnknownCalculatorError, match=r"no calculator 'corr'\. Known calculators: "):
        render_widget("corr", SiteSettings(), "..")


@pytest.mark.parametrize(
    ("value", "text"), [(None, ""), (0.1, "0.1"), (3, "3"), ("BTC", "BTC"), (True, "true")]
)
def test_data_value_reads_back_to_the_same_value(value: object, text: str) -> None:
    assert data_value(value) == text


@pytest.mark.parametrize("calc_id", sorted(calculators.SPECS))
def test_build_time_result_says_the_example_data_are_synthetic(calc_id: str) -> None:
    status = one(elements(_html(calc_id)), data_status="")
    assert "synthetic" in status.text
