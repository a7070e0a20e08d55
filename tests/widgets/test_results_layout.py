"""The widget's reading order: picture, key figures, primary table, the rest folded away."""

from __future__ import annotations

import pytest

import calculators
from calculators.display.svg import diverging_colour
from calculators.display.tables import SHADES, band_value
from termsite.settings import SiteSettings
from termsite.widgets import render_widget
from termsite.widgets.form import primary_table
from termsite.widgets.shades import STYLESHEET, contrast, shade_rules, text_on

from .html import Element, elements, one

IDS = sorted(calculators.SPECS)


def _found(calc_id: str) -> list[Element]:
    return elements(str(render_widget(calc_id, SiteSettings(), "..")))


def _descendants(roots: list[Element]) -> list[Element]:
    out: list[Element] = []
    for root in roots:
        out.extend(root.children)
        out.extend(_descendants(root.children))
    return out


@pytest.mark.parametrize("calc_id", IDS)
def test_charts_come_first_then_the_headline_then_the_tables(calc_id: str) -> None:
    found = _found(calc_id)
    order = [
        "chart" if "tc-output--chart" in e.attrs.get("class", "") else
        "table" if "tc-output--table" in e.attrs.get("class", "") else "headline"
        for e in found
        if "data-output" in e.attrs or "data-headline" in e.attrs
    ]  # fmt: skip
    charts = order.count("chart")
    assert charts >= 1
    assert order[: charts + 1] == ["chart"] * charts + ["headline"]
    assert set(order[charts + 1 :]) == {"table"}
    result = calculators.run(calc_id, calculators.SPECS[calc_id].example)
    headline = next(e for e in found if "data-headline" in e.attrs)
    assert headline.text.strip() == result["headline"]


@pytest.mark.parametrize("calc_id", IDS)
def test_only_the_primary_table_is_open_the_others_are_closed_details(calc_id: str) -> None:
    found = _found(calc_id)
    primary = primary_table(calculators.SPECS[calc_id])
    for output in calculators.SPECS[calc_id].outputs:
        if output.kind != "table":
            continue
        element = one(found, data_output=output.name)
        if output.name == primary:
            assert element.tag == "div"
        else:
            assert element.tag == "details" and "open" not in element.attrs
            assert element.children[0].tag == "summary"


@pytest.mark.parametrize("calc_id", ["correlation-matrix", "rolling-correlation"])
def test_the_compact_form_shows_the_csv_asset_picker_and_method_only(calc_id: str) -> None:
    found = _found(calc_id)
    more = next(e for e in found if "data-more-options" in e.attrs)
    assert more.tag == "details" and "open" not in more.attrs
    folded = {e.attrs["data-field"] for e in _descendants([more]) if "data-field" in e.attrs}
    shown = {e.attrs["data-field"] for e in found if "data-field" in e.attrs} - folded
    pickers = {"correlation-matrix": {"assets"}, "rolling-correlation": {"x", "y"}}[calc_id]
    assert shown == {"csv", "method"} | pickers
    assert {"period", "start", "end", "rebase", "returns"} <= folded


def test_every_field_that_names_one_csv_column_gets_a_column_picker() -> None:
    for calc_id, names in (("rolling-correlation", ("x", "y", "rebase")),
                           ("stress-correlation", ("x", "y", "benchmark"))):  # fmt: skip
        found = _found(calc_id)
        assert [one(found, name=name).attrs["data-kind"] for name in names] == ["column"] * 3


def test_the_picker_fields_tell_the_browser_what_they_hold() -> None:
    found = _found("correlation-matrix")
    assert one(found, name="assets").attrs["data-kind"] == "columns"
    assert one(found, name="rebase").attrs["data-kind"] == "column"
    assert one(found, name="start").attrs["type"] == "date"


def test_matrix_cells_carry_their_heatmap_band_as_a_class() -> None:
    result = calculators.run("correlation-matrix", calculators.SPECS["correlation-matrix"].example)
    matrix = one(_found("correlation-matrix"), data_output="matrix")
    cells = [e for e in _descendants([matrix]) if e.tag == "td"]
    expected = [
        f"tc-shade-{c['shade']}" for row in result["tables"][0]["rows"] for c in row["cells"]
    ]
    assert [c.attrs.get("class") for c in cells] == expected


def test_the_stylesheet_holds_the_generated_shades() -> None:
    css = STYLESHEET.read_text(encoding="utf-8")
    assert shade_rules() in css, "run '.venv/bin/python scripts/shade_css.py' to rewrite them"
    assert css.count(".tc-shade-") == 41


def test_every_shaded_cell_text_meets_wcag_aa_contrast() -> None:
    fills = [diverging_colour(band_value(band)) for band in range(SHADES + 1)]
    ratios = {fill: contrast(fill, text_on(fill)) for fill in fills}
    assert min(ratios.values()) >= 4.5, ratios
