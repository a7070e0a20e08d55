"""What the correlation matrix shows first: the shaded table, the hatched heatmap, the headline."""

from __future__ import annotations

import random
import re

from calculators import run
from calculators.display.svg import diverging_colour
from calculators.display.tables import SHADES, band_value, shade_band
from tests.calculators.conftest import correlated_columns, csv_text

NAMES = ["BTC", "ETH", "SOL", "NOISE"]


def _csv() -> str:
    """Three correlated assets and one independent of them (its pairs are not significant)."""
    rng = random.Random(5)
    moving = correlated_columns(rng, 30, 3, rho=0.8)
    noise = [rng.gauss(0.0, 1.0) for _ in range(30)]
    return csv_text([*moving, noise], NAMES)


def _significant() -> dict[str, object]:
    return run("correlation-matrix", {"csv": _csv(), "returns": "none", "significance": "true"})


def test_bands_cover_minus_one_to_one_in_steps_of_a_twentieth() -> None:
    assert [shade_band(v) for v in (-1.0, -0.5, 0.0, 0.26, 1.0, 1.5)] == [0, 10, 20, 25, 40, 40]
    assert shade_band(None) is None
    assert band_value(SHADES) == 1.0 and band_value(0) == -1.0


def test_every_matrix_cell_carries_the_band_of_its_value_and_counts_do_not() -> None:
    result = _significant()
    matrix, counts = result["tables"][0], result["tables"][1]  # type: ignore[index]
    for line, row in zip(result["matrix"], matrix["rows"], strict=True):  # type: ignore[index]
        assert [cell["shade"] for cell in row["cells"]] == [shade_band(v) for v in line]
    assert all("shade" not in cell for row in counts["rows"] for cell in row["cells"])


def test_each_value_is_painted_with_the_heatmap_colour_of_a_value_half_a_band_away() -> None:
    rng = random.Random(2)
    for value in [rng.uniform(-1.0, 1.0) for _ in range(500)]:
        band = shade_band(value)
        assert band is not None
        assert abs(band_value(band) - value) <= 1.0 / SHADES + 1e-12
        assert diverging_colour(band_value(band)) == diverging_colour(round(band / 20 - 1, 2))


def test_pairs_with_p_at_or_above_five_percent_are_hatched_in_the_heatmap() -> None:
    result = _significant()
    p_values = result["p_values"]
    svg = result["charts"][0]["svg"]  # type: ignore[index]
    weak = sum(
        1 for i, row in enumerate(p_values) for j, p in enumerate(row) if i != j and p >= 0.05
    )  # type: ignore[arg-type, operator, var-annotated]
    hatched = re.findall(r'fill="url\(#correlation-matrix-heatmap-hatch\)"', svg)
    assert weak > 0
    assert len(hatched) == weak + 1  # each weak cell, and the legend's swatch
    assert f"{weak // 2} pairs are hatched and faded: p ≥ 0.05." in svg
    assert f"{weak // 2} of 6 pairs with p ≥ 0.05" in result["headline"]  # type: ignore[operator]


def test_without_p_values_nothing_is_hatched() -> None:
    result = run("correlation-matrix", {"csv": _csv(), "returns": "none"})
    assert "hatch" not in result["charts"][0]["svg"]
    assert "p ≥" not in result["headline"]


def test_the_headline_states_the_average_and_the_extreme_pairs() -> None:
    result = run("correlation-matrix", {"csv": _csv(), "returns": "none"})
    pairs = [
        (result["matrix"][i][j], NAMES[i], NAMES[j]) for i in range(4) for j in range(i + 1, 4)
    ]
    average = sum(v for v, _, _ in pairs) / len(pairs)
    high, low = max(pairs), min(pairs)
    expected = (
        f"average pairwise ρ {average:.2f}; highest {high[1]}–{high[2]} {high[0]:.2f}; "
        f"lowest {low[1]}–{low[2]} {low[0]:.2f}"
    ).replace("-", "−")
    assert result["headline"] == expected


def test_every_calculator_returns_a_one_line_headline() -> None:
    from calculators import SPECS

    for calc_id, spec in SPECS.items():
        headline = run(calc_id, spec.example)["headline"]
        assert headline and "\n" not in headline and len(headline) < 160, calc_id
