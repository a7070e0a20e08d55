"""Charts are accessible, escaped, deterministic and safe under a strict CSP."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from calculators.display import svg

NS = "{http://www.w3.org/2000/svg}"
LABELS = ["BTC", 'A&B <"x">', "ETH"]
MATRIX: list[list[float | None]] = [[1.0, 0.5, None], [0.5, 1.0, -0.3], [None, -0.3, 1.0]]


def _heatmap() -> str:
    return svg.heatmap_svg("test-heat", "Title & more", "Desc <here>", LABELS, MATRIX)


def _line() -> str:
    return svg.line_chart_svg(
        "test-line", "Line", "A line", ["d1", "d2", "d3", "d4"], [("s", [0.1, None, 0.3, 0.4])],
        "Correlation", (-1.0, 1.0), [(0.0, "zero")],
    )  # fmt: skip


@pytest.mark.parametrize("make", [_heatmap, _line])
def test_charts_are_well_formed_and_accessible(make: object) -> None:
    root = ET.fromstring(make())  # type: ignore[operator]
    assert root.get("role") == "img"
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


@pytest.mark.parametrize("make", [_heatmap, _line])
def test_charts_have_no_scripts_styles_or_external_references(make: object) -> None:
    text = make()  # type: ignore[operator]
    for forbidden in ("<script", "style=", "href", "<style", "url(", "http://e", "https://"):
        assert forbidden not in text


def test_text_from_the_data_is_escaped() -> None:
    text = _heatmap()
    assert 'A&B <"x">' not in text
    assert "A&amp;B &lt;&quot;x&quot;&gt;" in text


def test_charts_are_deterministic() -> None:
    assert _heatmap() == _heatmap()
    assert _line() == _line()


def test_an_undefined_cell_shows_a_dash_in_grey() -> None:
    text = _heatmap()
    assert svg.MISSING_COLOUR in text
    assert ">—</text>" in text


def test_the_colour_scale_diverges_from_blue_through_white_to_red() -> None:
    assert svg.diverging_colour(-1.0) == svg.DIVERGING[0]
    assert svg.diverging_colour(0.0) == svg.DIVERGING[5]
    assert svg.diverging_colour(1.0) == svg.DIVERGING[-1]
    assert svg.diverging_colour(None) == svg.MISSING_COLOUR


def test_a_missing_point_breaks_the_line() -> None:
    root = ET.fromstring(_line())
    lines = root.findall(f".//{NS}polyline")
    dots = root.findall(f".//{NS}circle")
    assert (len(lines), len(dots)) == (1, 1)


def test_nice_ticks_are_round_and_cover_the_range() -> None:
    assert svg.nice_ticks(-1.0, 1.0) == [-1.0, -0.5, 0.0, 0.5, 1.0]


def test_ids_are_safe_xml_names() -> None:
    assert svg.safe_id("9 lives & more") == "c-9-lives-more"


@pytest.mark.parametrize("value", [-1.0, -0.6, -0.3, 0.0, 0.3, 0.58, 0.7, 1.0, None])
def test_cell_text_keeps_a_readable_contrast(value: float | None) -> None:
    fill = svg.luminance(svg.diverging_colour(value))
    ink = svg.luminance(svg.text_colour_on(value))
    light, dark = max(fill, ink), min(fill, ink)
    assert (light + 0.05) / (dark + 0.05) >= 4.5
