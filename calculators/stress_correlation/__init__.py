"""The stress-correlation calculator: do correlations really converge toward one in a crisis?

It splits the sample into calm and stressed rows by what a benchmark did (a bad-return
quantile, a high-volatility regime or a drawdown), compares the correlation of two
assets in each, corrects the stressed value for the benchmark's higher variance
(Forbes and Rigobon 2002), and draws the exceedance-correlation curve against the
bivariate-normal benchmark so a reader can see how much of the "convergence" is real
tail dependence and how much is the arithmetic of conditioning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import Dataset, example_csv, parse_csv, require_rows, with_notes
from calculators.inputs.returns import PAIR_INPUTS, PRICES_INPUT, RETURNS_INPUT, to_returns
from calculators.spec import (
    CalculatorSpec,
    InputSpec,
    OutputSpec,
    example_values,
    read_options,
    text_input,
)
from calculators.stats import regimes
from calculators.stats.correlation import centred, complete_pairs, pearson
from calculators.stats.exceedance import exceedance_curve, forbes_rigobon
from calculators.stress_correlation.report import HEADLINE_CONCEPTS, Findings, Split, report

MAX_ROWS = 50_000  # the volatility rule and the exceedance curve cost about 25 µs a row

INPUTS: tuple[InputSpec, ...] = (
    replace(
        PRICES_INPUT,
        help=f"{PRICES_INPUT.help} Up to {MAX_ROWS:,} rows, so a run ends in seconds in a browser.",
    ),
    RETURNS_INPUT,
    *PAIR_INPUTS,
    InputSpec(
        "benchmark",
        "Benchmark",
        "column",
        help="The column whose behaviour defines stress; blank uses the first asset.",
    ),
    InputSpec(
        "regime",
        "Stress is",
        "choice",
        default="quantile",
        choices=(
            ("quantile", "The benchmark's worst returns"),
            ("volatility", "The benchmark's most volatile stretches"),
            ("drawdown", "The benchmark in a deep drawdown"),
        ),
        help="How a row is classed as stressed: the worst returns, a high-volatility regime "
        "or a drawdown; every other row with data is calm.",
        concepts=(("volatility regime", "volatility-regime"), ("drawdown", "drawdown")),
    ),
    InputSpec(
        "q",
        "Stress share q",
        "number",
        default="0.1",
        minimum=0.01,
        maximum=0.5,
        step=0.01,
        help="Worst returns: rows at or below the benchmark's q-quantile; volatility: rows at "
        "or above the (1 − q)-quantile of its rolling volatility.",
    ),
    InputSpec(
        "window",
        "Volatility window (rows)",
        "integer",
        default="30",
        minimum=2,
        maximum=10_000,
        step=1,
        help="Rows in the rolling standard deviation used by the volatility rule.",
    ),
    InputSpec(
        "drawdown",
        "Drawdown threshold",
        "number",
        default="0.2",
        minimum=0.01,
        maximum=0.99,
        step=0.01,
        help="For the drawdown rule: stressed while the benchmark is more than this share "
        "(0.2 = 20%) below its running peak.",
        concept="drawdown",
    ),
)

SPEC = CalculatorSpec(
    id="stress-correlation",
    title="Correlation under stress",
    question="Do these two assets move together more when markets are stressed, once the "
    "bias from higher volatility is taken out?",
    inputs=INPUTS,
    outputs=(
        OutputSpec(
            "regimes",
            "table",
            "Calm and stress correlation",
            concepts=(("Pearson", "pearson-correlation"),),
        ),
        OutputSpec(
            "adjustment",
            "table",
            "Forbes–Rigobon volatility adjustment",
            concepts=(("Forbes–Rigobon adjustment", "forbes-rigobon-adjustment"),),
        ),
        OutputSpec("exceedance", "table", "Exceedance correlations"),
        OutputSpec("exceedance_chart", "chart", "Exceedance correlation against the normal"),
        OutputSpec("regimes_chart", "chart", "Calm, stress and adjusted correlation"),
    ),
    example=example_values(INPUTS, csv=example_csv(), x="BTC", y="ETH", regime="volatility"),
    headline_concepts=HEADLINE_CONCEPTS,
)


@dataclass(frozen=True)
class Options:
    """The typed non-CSV inputs (read by :func:`calculators.spec.read_options`)."""

    returns: str
    regime: str
    q: float
    window: int
    drawdown: float


def _pick_assets(data: Dataset, inputs: Mapping[str, str]) -> tuple[str, str, str]:
    """x, y and the benchmark; blanks take the first two columns and x."""
    if len(data.names) < 2 and not text_input(SPEC, inputs, "y").strip():
        raise CalculatorInputError("y", "The CSV has one asset column; a correlation needs two.")
    x = text_input(SPEC, inputs, "x").strip() or data.names[0]
    default_y = data.names[1] if data.names[0] == x else data.names[0]
    y = text_input(SPEC, inputs, "y").strip() or default_y
    benchmark = text_input(SPEC, inputs, "benchmark").strip() or x
    for field, name in (("x", x), ("y", y), ("benchmark", benchmark)):
        data.column(name, field)
    return x, y, benchmark


def _regime(prices: Dataset, data: Dataset, benchmark: str, options: Options) -> regimes.Regime:
    """Stress flags per return row under the chosen rule."""
    returns = data.column(benchmark, "benchmark")
    if options.regime == "quantile":
        return regimes.quantile_regime(returns, options.q)
    if options.regime == "volatility":
        return regimes.volatility_regime(returns, options.q, options.window)[0]
    if options.returns == "none":
        levels = regimes.wealth_index(returns, log_returns=False)
    else:
        levels = list(prices.column(benchmark, "benchmark"))
    return regimes.drawdown_regime(levels, options.drawdown)[0][1:]


def _rows(
    data: Dataset, names: tuple[str, str, str], flags: regimes.Regime, stressed: bool
) -> tuple[list[float], list[float], list[float]]:
    """x, y and benchmark values of the rows of one regime that have all three."""
    x, y, b = (data.column(name) for name in names)
    xs: list[float] = []
    ys: list[float] = []
    bs: list[float] = []
    for xv, yv, bv, flag in zip(x, y, b, flags, strict=True):
        if flag is stressed and xv is not None and yv is not None and bv is not None:
            xs.append(xv)
            ys.append(yv)
            bs.append(bv)
    return xs, ys, bs


def _variance(values: Sequence[float]) -> float | None:
    """Sample variance (n - 1), None with fewer than two values."""
    if len(values) < 2:
        return None
    return centred(values)[1] / (len(values) - 1)


def _split(data: Dataset, names: tuple[str, str, str], flags: regimes.Regime, which: bool) -> Split:
    """Correlation, row count and benchmark variance of one regime."""
    xs, ys, bench = _rows(data, names, flags, which)
    return Split(pearson(xs, ys), len(xs), _variance(bench))


def compute(inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run the calculator on form-style inputs."""
    options = read_options(SPEC, inputs, Options)
    prices = parse_csv(text_input(SPEC, inputs, "csv"))
    if len(prices.labels) > MAX_ROWS:
        raise CalculatorInputError(
            "csv", f"The CSV has {len(prices.labels):,} rows; one run takes at most {MAX_ROWS:,}."
        )
    data = to_returns(prices, options.returns)
    require_rows(data.columns, what="returns" if options.returns != "none" else "values")
    names = _pick_assets(data, inputs)
    flags = _regime(prices, data, names[2], options)
    _require_classified(flags, names[2], options)
    calm, stress = _split(data, names, flags, False), _split(data, names, flags, True)
    xs, ys = complete_pairs(data.column(names[0]), data.column(names[1]))
    delta = _delta(calm, stress)
    findings = Findings(
        names=names,
        regime=options.regime,
        regime_words=_regime_words(options, names[2]),
        calm=calm,
        stress=stress,
        full=Split(pearson(xs, ys), len(xs), None),
        delta=delta,
        adjusted=forbes_rigobon(stress.correlation, delta),
        curve=exceedance_curve(xs, ys) if len(xs) >= 3 else [],
    )
    return with_notes(report(findings), data)


def _require_classified(flags: regimes.Regime, benchmark: str, options: Options) -> None:
    """Refuse, in words, a rule that could not class a single row."""
    if any(flag is not None for flag in flags):
        return
    if options.regime == "volatility":
        raise CalculatorInputError(
            "window",
            f"The {options.window}-row volatility window never fits: {benchmark} has no "
            f"{options.window} consecutive returns.",
        )
    raise CalculatorInputError("benchmark", f"{benchmark} has no values to define stress with.")


def _delta(calm: Split, stress: Split) -> float | None:
    """delta = var_stress / var_calm - 1 of the benchmark, None when undefined."""
    if calm.benchmark_variance is None or stress.benchmark_variance is None:
        return None
    if calm.benchmark_variance <= 0.0:
        return None
    return stress.benchmark_variance / calm.benchmark_variance - 1.0


def _regime_words(options: Options, benchmark: str) -> str:
    """The stress rule in words, for captions and the headline."""
    if options.regime == "quantile":
        return f"the worst {options.q:.0%} of {benchmark} returns"
    if options.regime == "volatility":
        return (
            f"the {options.q:.0%} of rows with the highest {options.window}-row volatility "
            f"of {benchmark}"
        )
    words = f"{benchmark} more than {options.drawdown:.0%} below its running peak"
    if options.returns == "none":
        words += " (the values compounded as simple returns)"
    return words
