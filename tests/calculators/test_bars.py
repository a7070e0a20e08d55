"""Grouped bar charts: accessible, escaped, deterministic, and drawn on the right side."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from calculators.display.bars import BarSeries, bar_chart_svg
from calculators.display.svg import Axis

AXIS = Axis("Correlation", -1.0, 1.0, [(-1.0, "−1"), (0.0, "0"), (1.0, "1")])
SVG_NS = "{http://www.w3.org/2000/svg}"


def chart(categories: list[str], series: list[BarSeries]) -> str:
    def text(value: float) -> str:
        return f"{value:.2f}"

    return bar_chart_svg("bars-test", "A <title>", "A description", categories, series, AXIS, text)


def test_chart_is_accessible_well_formed_svg() -> None:
    svg = chart(["Calm"], [BarSeries("Correlation", "#2166ac", [0.4])])
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "bars-test-title bars-test-desc"
    assert root.find(f"{SVG_NS}title").text == "A <title>"  # type: ignore[union-attr]
    assert "style=" not in svg and "<script" not in svg


def test_category_names_are_escaped() -> None:
    svg = chart(['A & "B" <C>'], [BarSeries("S", "#000000", [0.1])])
    assert "A &amp; &quot;B&quot; &lt;C&gt;" in svg
    ET.fromstring(svg)


def test_negative_bars_extend_left_of_zero() -> None:
    svg = chart(["Up", "Down"], [BarSeries("S", "#000000", [0.5, -0.5])])
    rects = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="16"', svg)
    (up_x, up_w), (down_x, down_w) = [(float(x), float(w)) for x, w in rects]
    assert down_x + down_w == up_x
    assert up_w == down_w


def test_missing_values_leave_an_empty_slot_and_a_legend_names_each_series() -> None:
    series = [
        BarSeries("First", "#111111", [0.2, None]),
        BarSeries("Second", "#222222", [0.3, 0.1]),
    ]
    svg = chart(["a", "b"], series)
    assert svg.count('height="16"') == 3
    assert ">First</text>" in svg and ">Second</text>" in svg


def test_chart_is_deterministic() -> None:
    series = [BarSeries("S", "#000000", [0.123456, -0.9])]
    assert chart(["x", "y"], series) == chart(["x", "y"], series)
