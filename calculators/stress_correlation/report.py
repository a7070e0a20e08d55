"""Tables, charts, warnings and the headline of the stress-correlation calculator.

Kept apart from :mod:`calculators.stress_correlation` (inputs and maths) so each stays small;
everything here turns finished numbers into what a reader sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from calculators.display.bars import BarSeries, bar_chart_svg
from calculators.display.svg import PALETTE, Axis, Series, diverging_colour, xy_chart_svg
from calculators.display.tables import (
    Cell,
    Table,
    key_value_table,
    number_cell,
    row,
    table,
    text_cell,
)
from calculators.stats.correlation import fisher_interval
from calculators.stats.exceedance import (
    ExceedancePoint,
    forbes_rigobon,
    volatility_implied_correlation,
)

__all__ = ["Findings", "Split", "report"]

FEW_ROWS = 30
FR_ASSUMPTIONS = (
    "The Forbes–Rigobon adjustment ρ* = ρ / √(1 + δ(1 − ρ²)), with δ = var_stress / var_calm − 1 "
    "of the benchmark, assumes the second asset depends linearly on the benchmark with noise "
    "whose variance does not change, no omitted common shock and no feedback; ρ* is the stress "
    "correlation with the effect of the benchmark's higher (or lower) variance taken out."
)


@dataclass(frozen=True)
class Split:
    """One regime: the pair's correlation, its row count and the benchmark's variance."""

    correlation: float | None
    count: int
    benchmark_variance: float | None


def _fmt(value: float | None) -> str:
    """A correlation for a sentence ("—" when undefined)."""
    return "—" if value is None else f"{value:.2f}".replace("-", "−")


@dataclass(frozen=True)
class Findings:
    """Everything the calculator measured, ready to be laid out."""

    names: tuple[str, str, str]
    regime: str
    regime_words: str
    calm: Split
    stress: Split
    full: Split
    delta: float | None
    adjusted: float | None
    curve: Sequence[ExceedancePoint]


def report(f: Findings) -> dict[str, Any]:
    """The JSON-able result of the calculator."""
    x, y, benchmark = f.names
    implied = volatility_implied_correlation(f.calm.correlation, f.delta)
    return {
        "x": x,
        "y": y,
        "benchmark": benchmark,
        "regime": f.regime,
        "calm": _split_dict(f.calm),
        "stress": _split_dict(f.stress),
        "full_sample": _split_dict(f.full),
        "delta": f.delta,
        "adjusted_stress_correlation": f.adjusted,
        "volatility_implied_stress_correlation": implied,
        "exceedance": _curve_dict(f.curve),
        "summary": _summary(f),
        "headline": _headline(f),
        "warnings": _warnings(f.names, f.calm, f.stress, f.full),
        "tables": [
            _regimes_table(f.names, f.regime_words, f.calm, f.stress, f.full),
            _adjustment_table(f.calm, f.stress, f.delta, f.adjusted, implied),
            _exceedance_table(f.curve),
        ],
        "charts": [
            _exceedance_chart(x, y, f.full.correlation, f.curve),
            _regimes_chart(x, y, benchmark, f.calm, f.stress, f.adjusted, implied),
        ],
    }


def _split_dict(split: Split) -> dict[str, Any]:
    """One regime as plain data."""
    return {
        "correlation": split.correlation,
        "count": split.count,
        "benchmark_variance": split.benchmark_variance,
    }


def _curve_dict(curve: Sequence[ExceedancePoint]) -> dict[str, list[Any]]:
    """The exceedance curve as parallel lists."""
    return {
        "level": [p.level for p in curve],
        "tail": [p.tail for p in curve],
        "empirical": [p.empirical for p in curve],
        "normal": [p.normal for p in curve],
        "count": [p.count for p in curve],
    }


def _tail_point(curve: Sequence[ExceedancePoint], level: float) -> ExceedancePoint | None:
    """The lower-tail point at `level`, if the curve has one."""
    return next((p for p in curve if p.tail == "lower" and abs(p.level - level) < 1e-9), None)


HEADLINE_CONCEPTS = (("ρ", "pearson-correlation"), ("adjusted", "forbes-rigobon-adjustment"))
"""The entries the headline names: its ρ is Pearson's, and "adjusted" is Forbes–Rigobon's."""


def _headline(f: Findings) -> str:
    """The key figures in one line: stress against calm, and the corrected stress value."""
    x, y, _ = f.names
    return (
        f"{x}–{y} ρ {_fmt(f.stress.correlation)} in stress ({f.stress.count} rows) against "
        f"{_fmt(f.calm.correlation)} in calm ({f.calm.count}); adjusted {_fmt(f.adjusted)}"
    )


def _summary(f: Findings) -> str:
    """The headline sentence: the raw effect, the corrected one and the tail evidence."""
    x, y, _ = f.names
    text = (
        f"When stress means {f.regime_words}, the correlation of {x} and {y} is "
        f"{_fmt(f.stress.correlation)} in stress against {_fmt(f.calm.correlation)} in calm "
        f"rows; adjusted for the benchmark's change in variance (Forbes–Rigobon) it is "
        f"{_fmt(f.adjusted)}{_verdict(f.calm, f.stress, f.delta)}."
    )
    tail = _tail_point(f.curve, 0.1)
    if tail is not None and tail.empirical is not None:
        text += (
            f" When both fall into their worst 10%, their correlation is "
            f"{_fmt(tail.empirical)}, where a normal distribution with the same overall "
            f"correlation would give {_fmt(tail.normal)}."
        )
    return text


def _verdict(calm: Split, stress: Split, delta: float | None) -> str:
    """What the adjustment says about a rise in correlation, as a clause.

    Judged on 95% Fisher-z intervals so sampling noise alone does not produce a finding:
    the rise counts when the stress interval lies above the calm one, and it survives
    the adjustment when the adjusted lower end (the stress lower end put through the
    same formula) still does.
    """
    calm_range = fisher_interval(calm.correlation, calm.count)
    stress_range = fisher_interval(stress.correlation, stress.count)
    if calm_range is None or stress_range is None or stress_range[0] <= calm_range[1]:
        return ""
    adjusted_low = forbes_rigobon(stress_range[0], delta)
    if adjusted_low is None:
        return ""
    if adjusted_low <= calm_range[1]:
        return ", not clearly above calm, so the higher volatility alone can explain the rise"
    return ", still clearly above calm, so the dependence itself strengthens in stress"


def _warnings(names: tuple[str, str, str], calm: Split, stress: Split, full: Split) -> list[str]:
    """Sentences about undefined or imprecise figures and the adjustment's assumptions."""
    x, y, benchmark = names
    out: list[str] = []
    if x == y:
        out.append(f"Both assets are {x}, so every defined correlation is 1.")
    if full.correlation is None:
        out.append(
            f"The correlation of {x} and {y} is undefined: one of them does not vary over the "
            "rows they share (zero variance), so it is shown as —."
        )
    for name, split in (("stress", stress), ("calm", calm)):
        if split.count < FEW_ROWS:
            out.append(
                f"Only {split.count} {name} rows have {x}, {y} and {benchmark}, so the {name} "
                "correlation is imprecise; see its 95% interval."
            )
    if benchmark not in (x, y):
        out.append(
            f"The benchmark {benchmark} is neither asset of the pair; the Forbes–Rigobon "
            "adjustment then assumes both assets load on it linearly."
        )
    out.append(FR_ASSUMPTIONS)
    return out


def _interval_cells(correlation: float | None, count: int) -> list[Cell]:
    """Fisher-z 95% interval of a correlation, as two cells."""
    interval = fisher_interval(correlation, count)
    low, high = (None, None) if interval is None else interval
    return [number_cell(low, "correlation"), number_cell(high, "correlation")]


def _regimes_table(
    names: tuple[str, str, str], words: str, calm: Split, stress: Split, full: Split
) -> Table:
    """Calm, stress and all rows: correlation, interval, rows and benchmark volatility."""
    x, y, benchmark = names
    rows = []
    for label, split in (("Calm", calm), ("Stress", stress), ("All rows", full)):
        sd = None if split.benchmark_variance is None else split.benchmark_variance**0.5
        cells = [
            number_cell(split.correlation, "correlation"),
            *_interval_cells(split.correlation, split.count),
            number_cell(split.count, "integer"),
            number_cell(sd, "percent", 2) if split is not full else text_cell("—"),
        ]
        rows.append(row(label, cells))
    columns = ["Correlation", "95% low", "95% high", "Rows", f"{benchmark} volatility per row"]
    caption = f"Pearson correlation of {x} and {y}; stress is {words}"
    return table("regimes", caption, "Regime", columns, rows)


def _adjustment_table(
    calm: Split,
    stress: Split,
    delta: float | None,
    adjusted: float | None,
    implied: float | None,
) -> Table:
    """The Forbes–Rigobon computation, step by step."""
    items = [
        ("Calm correlation", number_cell(calm.correlation, "correlation")),
        ("Stress correlation ρ", number_cell(stress.correlation, "correlation")),
        ("Benchmark variance ratio, stress ÷ calm", number_cell(_ratio(delta), "decimal", 3)),
        ("δ = variance ratio − 1", number_cell(delta, "decimal", 3)),
        ("Adjusted stress correlation ρ*", number_cell(adjusted, "correlation")),
        ("Stress correlation from the variance change alone", number_cell(implied, "correlation")),
    ]
    return key_value_table("adjustment", FR_ASSUMPTIONS, items)


def _ratio(delta: float | None) -> float | None:
    """1 + delta, None when delta is undefined."""
    return None if delta is None else 1.0 + delta


def _exceedance_table(curve: Sequence[ExceedancePoint]) -> Table:
    """Every level of the curve: empirical, normal benchmark and joint rows."""
    rows = [
        row(
            f"{p.tail} {p.level:.0%}",
            [
                number_cell(p.empirical, "correlation"),
                number_cell(p.normal, "correlation"),
                number_cell(p.count, "integer"),
            ],
        )
        for p in curve
    ]
    caption = (
        "Correlation of standardised returns when both are at or below (lower tail) or at or "
        "above (upper tail) their quantile at the level, against a bivariate normal with the "
        "same overall correlation"
    )
    columns = ["Empirical", "Normal benchmark", "Joint rows"]
    return table("exceedance", caption, "Tail and level", columns, rows)


def _curve_points(curve: Sequence[ExceedancePoint], pick: str) -> list[tuple[float, float | None]]:
    """Lower then upper tail points, with a break between them at the median."""
    lower = [(p.level, getattr(p, pick)) for p in curve if p.tail == "lower"]
    upper = [(p.level, getattr(p, pick)) for p in curve if p.tail == "upper"]
    return [*lower, (0.5, None), *upper]


def _exceedance_chart(
    x: str, y: str, rho: float | None, curve: Sequence[ExceedancePoint]
) -> dict[str, str]:
    """Empirical exceedance correlations against the bivariate-normal benchmark."""
    series = [
        Series("Empirical", _curve_points(curve, "empirical"), PALETTE[1], markers=True),
        Series("Bivariate normal, same ρ", _curve_points(curve, "normal"), PALETTE[0], True),
    ]
    ticks = [(v, f"{v:.0%}") for v in (0.05, 0.25, 0.5, 0.75, 0.95)]
    x_axis = Axis("Quantile level (lower tail left, upper tail right)", 0.0, 1.0, ticks)
    y_ticks = [(v, f"{v:g}".replace("-", "−")) for v in (-1.0, -0.5, 0.0, 0.5, 1.0)]
    y_axis = Axis("Exceedance correlation", -1.0, 1.0, y_ticks)
    refs = [(0.0, "")] + ([(rho, f"full sample {_fmt(rho)}")] if rho is not None else [])
    title = f"Exceedance correlation of {x} and {y}"
    desc = (
        f"Line chart of the correlation of {x} and {y} when both are beyond a quantile, for "
        "levels from 5% (lower tail) to 95% (upper tail), with the dashed curve a bivariate "
        f"normal with the same overall correlation {_fmt(rho)} would give. Points above the "
        "dashed curve in a tail mean more co-movement in that tail than normality implies."
    )
    svg = xy_chart_svg("stress-correlation-exceedance", title, desc, series, x_axis, y_axis, refs)
    return {"name": "exceedance_chart", "title": title, "svg": svg}


def _regimes_chart(
    x: str,
    y: str,
    benchmark: str,
    calm: Split,
    stress: Split,
    adjusted: float | None,
    implied: float | None,
) -> dict[str, str]:
    """Bars: calm, stress, adjusted and variance-implied correlations side by side."""
    labels = [
        "Calm",
        "Stress",
        "Stress, adjusted (Forbes–Rigobon)",
        "Stress expected from volatility alone",
    ]
    values = [calm.correlation, stress.correlation, adjusted, implied]
    colours = [diverging_colour(value) for value in values]
    bars = [BarSeries("Correlation", colours[0], values, colours)]
    ticks = [(v, f"{v:g}".replace("-", "−")) for v in (-1.0, -0.5, 0.0, 0.5, 1.0)]
    axis = Axis(f"Correlation of {x} and {y}", -1.0, 1.0, ticks)
    title = f"Correlation of {x} and {y} in calm and stress ({benchmark} defines stress)"
    desc = (
        f"Bar chart: calm {_fmt(calm.correlation)}, stress {_fmt(stress.correlation)}, stress "
        f"adjusted for the benchmark's variance {_fmt(adjusted)}, and {_fmt(implied)} expected "
        "in stress from the variance change alone."
    )
    svg = bar_chart_svg("stress-correlation-regimes", title, desc, labels, bars, axis, _fmt_bar)
    return {"name": "regimes_chart", "title": title, "svg": svg}


def _fmt_bar(value: float) -> str:
    """Bar value text."""
    return f"{value:.2f}".replace("-", "−")
