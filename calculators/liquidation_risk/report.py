"""Tables, chart, warnings and the headline of the liquidation-risk calculator.

Kept apart from :mod:`calculators.liquidation_risk` (the form and the simulation runs) so
each module stays small; everything here turns finished estimates into what a reader
sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculators.display.svg import PALETTE, Axis, Series, auto_axis, xy_chart_svg
from calculators.display.tables import Cell, Table, number_cell, row, table, text_cell
from calculators.liquidation_risk.margin import (
    Position,
    SimulationCount,
    continuity_corrected_probability,
    continuous_closed_form,
    liquidation_price,
)

__all__ = ["Curve", "report"]


@dataclass(frozen=True)
class Curve:
    """Liquidation counts on a grid of correlations, all from the same paths."""

    rhos: list[float]
    counts: list[SimulationCount]
    paths: int

    def at(self, rho: float) -> SimulationCount:
        """The count at the grid point closest to `rho`."""
        index = min(range(len(self.rhos)), key=lambda i: abs(self.rhos[i] - rho))
        return self.counts[index]


def report(
    position: Position, estimate: SimulationCount, curve: Curve, names: tuple[str, str]
) -> dict[str, Any]:
    """The JSON-able result of the calculator."""
    return {
        "probability": estimate.probability,
        "standard_error": estimate.standard_error,
        "liquidated": estimate.liquidated,
        "paths": estimate.paths,
        "closed_form_continuous": continuous_closed_form(position),
        "closed_form_discrete": continuity_corrected_probability(position),
        "liquidation_price": liquidation_price(position),
        "leverage": _leverage(position),
        "curve": {
            "rho": list(curve.rhos),
            "probability": [c.probability for c in curve.counts],
            "standard_error": [c.standard_error for c in curve.counts],
            "paths": curve.paths,
        },
        "summary": _summary(position, estimate, curve, names),
        "headline": _headline(position, estimate, curve),
        "warnings": _warnings(position, names),
        "tables": [_estimate_table(position, estimate, names), _curve_table(curve)],
        "charts": [_curve_chart(position, estimate, curve, names)],
    }


def _leverage(position: Position) -> float | None:
    """Position notional over collateral value (None without collateral)."""
    c = position.collateral_ratio
    return 1.0 / c if c > 0 else None


def _percent(value: float) -> str:
    """A probability as a short percentage for sentences."""
    return f"{100.0 * value:.1f}%"


HEADLINE_CONCEPTS = (("liquidation", "liquidation"), ("ρ", "pearson-correlation"))
"""The entries the headline names: the event, and the correlation it is computed at."""


def _headline(position: Position, estimate: SimulationCount, curve: Curve) -> str:
    """The key figures in one line: the estimate, and the same position at ρ 0 and ρ 1."""
    return (
        f"liquidation within {position.horizon_days:g} days {_percent(estimate.probability)} "
        f"(± {_percent(estimate.standard_error)}) at ρ {position.rho:.2f}; "
        f"{_percent(curve.at(0.0).probability)} at ρ 0; {_percent(curve.at(1.0).probability)} "
        "at ρ 1"
    )


def _summary(
    position: Position,
    estimate: SimulationCount,
    curve: Curve,
    names: tuple[str, str],
) -> str:
    """The headline: the estimate, and what the same position risks at rho 0 and rho 1."""
    x, y = names
    return (
        f"At a correlation of {position.rho:.2f} between {x} and {y}, the chance of "
        f"liquidation within {position.horizon_days:g} days is "
        f"{_percent(estimate.probability)} (± {_percent(estimate.standard_error)}). "
        f"With uncorrelated collateral it would be about {_percent(curve.at(0.0).probability)}, "
        f"and with perfectly correlated collateral about {_percent(curve.at(1.0).probability)}."
    )


def _warnings(position: Position, names: tuple[str, str]) -> list[str]:
    """Sentences for degenerate set-ups a reader should know about."""
    x, y = names
    out: list[str] = []
    if position.liquidated_at_start:
        out.append(
            "The collateral is already worth less than the maintenance margin, so the "
            "position is liquidated immediately."
        )
    if position.vol_y == 0.0:
        out.append(f"{y} has zero volatility, so correlation has no effect and the curve is flat.")
    if position.vol_x == 0.0:
        out.append(f"{x} has zero volatility, so only moves in {y} can liquidate the position.")
    return out


def _estimate_table(position: Position, estimate: SimulationCount, names: tuple[str, str]) -> Table:
    """The Monte Carlo estimate with its error, the set-up and any closed forms."""
    x, y = names
    low = max(0.0, estimate.probability - 1.96 * estimate.standard_error)
    high = min(1.0, estimate.probability + 1.96 * estimate.standard_error)
    notional = position.size * position.entry
    items: list[tuple[str, Cell]] = [
        ("Liquidation probability", number_cell(estimate.probability, "percent", 2)),
        ("Standard error", number_cell(estimate.standard_error, "percent", 2)),
        ("95% interval, low", number_cell(low, "percent", 2)),
        ("95% interval, high", number_cell(high, "percent", 2)),
        ("Paths liquidated", number_cell(estimate.liquidated, "integer")),
        ("Paths simulated", number_cell(estimate.paths, "integer")),
        ("Position value", number_cell(notional, "money")),
        ("Collateral value", number_cell(position.collateral * position.price_y, "money")),
        ("Leverage (position ÷ collateral)", number_cell(_leverage(position), "decimal", 2)),
        (
            f"Liquidation price of {x} if {y} does not move",
            number_cell(liquidation_price(position), "money"),
        ),
    ]
    items.extend(_closed_form_items(position))
    caption = (
        f"{'Long' if position.side > 0 else 'Short'} {position.size:g} {x} at "
        f"{position.entry:g}, {position.collateral:g} {y} collateral, over "
        f"{position.horizon_days:g} days with {position.steps} checks"
    )
    return table("estimate", caption, "Measure", ["Value"], [row(k, [c]) for k, c in items])


def _closed_form_items(position: Position) -> list[tuple[str, Cell]]:
    """Exact probabilities when the model reduces to one asset; a dash otherwise."""
    continuous = continuous_closed_form(position)
    discrete = continuity_corrected_probability(position)
    if continuous is None:
        reason = "— (two sources of risk: no closed form)"
        return [("Closed form, continuous monitoring", text_cell(reason))]
    return [
        ("Closed form, continuous monitoring", number_cell(continuous, "percent", 2)),
        ("Closed form, discrete checks (BGK correction)", number_cell(discrete, "percent", 2)),
    ]


def _curve_table(curve: Curve) -> Table:
    """Probability and standard error at each correlation of the curve."""
    rows = [
        row(
            f"{rho:+.1f}" if rho else "0.0",
            [number_cell(c.probability, "percent", 2), number_cell(c.standard_error, "percent", 2)],
        )
        for rho, c in zip(curve.rhos, curve.counts, strict=True)
    ]
    caption = (
        f"Liquidation probability against correlation ({curve.paths:,} paths per value, the "
        "same random numbers for every value)"
    )
    return table("curve", caption, "Correlation", ["Probability", "Standard error"], rows)


def _curve_chart(
    position: Position,
    estimate: SimulationCount,
    curve: Curve,
    names: tuple[str, str],
) -> dict[str, str]:
    """Probability against correlation, with the reader's own correlation marked."""
    x, y = names
    probabilities = [c.probability for c in curve.counts]
    top = max([*probabilities, estimate.probability, 0.01]) * 1.15
    y_axis = auto_axis("Liquidation probability", [0.0, top], _percent_tick, (0.0, top))
    x_axis = Axis(
        f"Correlation of {x} and {y}",
        -1.0,
        1.0,
        [(v, f"{v:g}".replace("-", "−")) for v in (-1.0, -0.5, 0.0, 0.5, 1.0)],
    )
    series = [
        Series(
            f"{curve.paths:,} paths per correlation",
            list(zip(curve.rhos, probabilities, strict=True)),
            PALETTE[0],
            markers=True,
        ),
        Series(
            f"Your correlation ({estimate.paths:,} paths)",
            [(position.rho, estimate.probability)],
            PALETTE[1],
        ),
    ]
    title = f"Chance of liquidation within {position.horizon_days:g} days by correlation"
    desc = (
        f"Line chart of the liquidation probability of the {x} position against the "
        f"correlation between {x} and its {y} collateral, from −1 to 1: it goes from "
        f"{_percent(probabilities[0])} at −1 to {_percent(probabilities[-1])} at +1. "
        f"At the chosen correlation {position.rho:.2f} it is {_percent(estimate.probability)}."
    )
    svg = xy_chart_svg("liquidation-risk-curve", title, desc, series, x_axis, y_axis)
    return {"name": "curve_chart", "title": title, "svg": svg}


def _percent_tick(value: float) -> str:
    """Axis tick text for a probability."""
    return f"{100.0 * value:g}%"
