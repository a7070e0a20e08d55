"""Tables, chart, warnings and the headline of the portfolio-diversification calculator."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from calculators.display.bars import BarSeries, bar_chart_svg
from calculators.display.svg import PALETTE, auto_axis
from calculators.display.tables import Table, matrix_table, number_cell, row, table
from calculators.stats.portfolio import RiskFigures

__all__ = ["Inputs", "report"]


@dataclass(frozen=True)
class Inputs:
    """What the figures were computed from, for captions and the data keys."""

    assets: list[str]
    weights: list[float]
    vols: list[float]
    corr: list[list[float]]
    confidence: float
    horizon_days: float
    stress_rho: float
    value: float
    source: str
    repaired: bool


def _figures_dict(figures: RiskFigures, value: float) -> dict[str, Any]:
    """One scenario as plain data (money amounts use the portfolio value)."""
    return {
        "volatility": figures.volatility,
        "horizon_volatility": figures.horizon_volatility,
        "diversification_ratio": figures.diversification_ratio,
        "effective_bets": figures.effective_bets,
        "var": figures.var,
        "es": figures.es,
        "var_amount": figures.var * value,
        "es_amount": figures.es * value,
        "contributions": figures.contributions,
    }


def report(
    setting: Inputs, normal: RiskFigures, stressed: RiskFigures, warnings: list[str]
) -> dict[str, Any]:
    """The JSON-able result of the calculator."""
    return {
        "assets": setting.assets,
        "weights": setting.weights,
        "volatilities": setting.vols,
        "correlation": setting.corr,
        "repaired": setting.repaired,
        "source": setting.source,
        "normal": _figures_dict(normal, setting.value),
        "stressed": _figures_dict(stressed, setting.value),
        "summary": _summary(setting, normal, stressed),
        "headline": _headline(setting, normal, stressed),
        "warnings": warnings + _weight_warnings(setting),
        "tables": [
            _risk_table(setting, normal, stressed),
            _assets_table(setting, normal, stressed),
            matrix_table("correlation", _matrix_caption(setting), setting.assets, setting.corr),
        ],
        "charts": [_contributions_chart(setting, normal, stressed)],
    }


def _matrix_caption(setting: Inputs) -> str:
    """Where the correlation matrix came from."""
    origin = "estimated from the CSV" if setting.source == "data" else "as entered"
    return f"Correlation matrix used ({origin}{', repaired' if setting.repaired else ''})"


def _weight_warnings(setting: Inputs) -> list[str]:
    """A note when weights do not sum to one (figures are then per unit of `value`)."""
    total = math.fsum(setting.weights)
    if abs(total - 1.0) > 1e-9:
        return [
            f"The weights sum to {total:g}, not 1; every figure is for these weights as "
            "shares of the portfolio value."
        ]
    return []


HEADLINE_CONCEPTS = (("effective bets", "effective-number-of-bets"),)
"""The entries the headline names (its ρ is a stressed assumption, not an estimate)."""


def _headline(setting: Inputs, normal: RiskFigures, stressed: RiskFigures) -> str:
    """The key figures in one line: volatility, effective bets, and both under stress."""
    return (
        f"volatility {normal.volatility:.1%} a year; {_two(normal.effective_bets)} effective "
        f"bets; at ρ = {setting.stress_rho:g}: {stressed.volatility:.1%} and "
        f"{_two(stressed.effective_bets)}"
    )


def _summary(setting: Inputs, normal: RiskFigures, stressed: RiskFigures) -> str:
    """The headline: diversification now, and how much of it a stress removes."""
    enb = normal.effective_bets
    stressed_enb = stressed.effective_bets
    return (
        f"The portfolio's volatility is {normal.volatility:.1%} a year, with a diversification "
        f"ratio of {_two(normal.diversification_ratio)} and {_two(enb)} effective bets. If "
        f"every correlation rose to {setting.stress_rho:g}, volatility would be "
        f"{stressed.volatility:.1%}, the effective bets {_two(stressed_enb)}, and the "
        f"{_level(setting.confidence)} value-at-risk over {_days(setting.horizon_days)} would go "
        f"from {normal.var:.2%} to {stressed.var:.2%} of the portfolio."
    )


def _level(confidence: float) -> str:
    """A confidence level as people write it: 99%, 97.5%."""
    return f"{confidence * 100:.4g}%"


def _days(days: float) -> str:
    """'1 day' or '10 days'."""
    return f"{days:g} day" + ("" if days == 1 else "s")


def _two(value: float | None) -> str:
    """Two decimals, or a dash."""
    return "—" if value is None else f"{value:.2f}"


def _risk_table(setting: Inputs, normal: RiskFigures, stressed: RiskFigures) -> Table:
    """Every portfolio figure under the estimated and the stressed correlations."""
    v = setting.value
    level = _level(setting.confidence)
    specs = [
        ("Volatility (annual)", "volatility", "percent", 2, 1.0),
        (f"Volatility over {_days(setting.horizon_days)}", "horizon_volatility", "percent", 2, 1.0),
        ("Diversification ratio", "diversification_ratio", "decimal", 3, 1.0),
        ("Effective number of bets", "effective_bets", "decimal", 2, 1.0),
        (f"Value-at-risk {level}", "var", "percent", 2, 1.0),
        (f"Value-at-risk {level}, amount", "var", "money", 2, v),
        (f"Expected shortfall {level}", "es", "percent", 2, 1.0),
        (f"Expected shortfall {level}, amount", "es", "money", 2, v),
    ]
    rows = []
    for label, key, style, digits, scale in specs:
        cells = [
            number_cell(_scaled(getattr(f, key), scale), style, digits)  # type: ignore[arg-type]
            for f in (normal, stressed)
        ]
        rows.append(row(label, cells))
    columns = ["Estimated correlations", f"All correlations {setting.stress_rho:g}"]
    caption = (
        f"Normal (zero-mean) portfolio risk over {_days(setting.horizon_days)}; the stressed "
        f"column keeps each volatility and sets every correlation to {setting.stress_rho:g}"
    )
    return table("risk", caption, "Measure", columns, rows)


def _scaled(value: float | None, scale: float) -> float | None:
    """value * scale, keeping None."""
    return None if value is None else value * scale


def _assets_table(setting: Inputs, normal: RiskFigures, stressed: RiskFigures) -> Table:
    """Weight, volatility and risk contribution of each asset in both scenarios."""
    rows = [
        row(
            name,
            [
                number_cell(setting.weights[i], "percent", 1),
                number_cell(setting.vols[i], "percent", 1),
                number_cell(normal.contributions[i], "percent", 1),
                number_cell(stressed.contributions[i], "percent", 1),
            ],
        )
        for i, name in enumerate(setting.assets)
    ]
    columns = ["Weight", "Volatility (annual)", "Risk share, estimated", "Risk share, stressed"]
    caption = "Each asset's share of portfolio volatility: w·(Σw) ÷ (w'Σw); shares sum to 100%"
    return table("assets", caption, "Asset", columns, rows)


def _contributions_chart(
    setting: Inputs, normal: RiskFigures, stressed: RiskFigures
) -> dict[str, str]:
    """Grouped bars: each asset's risk share under both scenarios, with its weight."""
    series = [
        BarSeries("Weight", "#bdbdbd", setting.weights),
        BarSeries("Risk share, estimated correlations", PALETTE[0], normal.contributions),
        BarSeries(
            f"Risk share, correlations {setting.stress_rho:g}", PALETTE[1], stressed.contributions
        ),
    ]
    values = [v for s in series for v in s.values if v is not None]
    axis = auto_axis("Share of the portfolio", [0.0, *values], lambda v: f"{v:.0%}")
    title = "Where the portfolio's risk comes from"
    desc = (
        f"Bar chart of the weight and the share of portfolio volatility of each of "
        f"{len(setting.assets)} assets, with estimated correlations and with every "
        f"correlation at {setting.stress_rho:g}. "
        + " ".join(
            f"{name}: weight {setting.weights[i]:.0%}, risk share "
            f"{_pct(normal.contributions[i])} then {_pct(stressed.contributions[i])}."
            for i, name in enumerate(setting.assets)
        )
    )
    svg = bar_chart_svg(
        "portfolio-diversification-contributions",
        title,
        desc,
        setting.assets,
        series,
        axis,
        lambda v: f"{v:.1%}",
    )
    return {"name": "contributions_chart", "title": title, "svg": svg}


def _pct(value: float | None) -> str:
    """A share for a sentence, or a dash."""
    return "—" if value is None else f"{value:.0%}"
