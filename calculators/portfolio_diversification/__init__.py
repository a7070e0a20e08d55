"""The portfolio-diversification calculator: how much risk diversification really removes.

Weights and either a CSV of prices (volatilities and correlations estimated from it)
or hand-entered volatilities and a correlation matrix give the portfolio's volatility,
diversification ratio, effective number of bets, and normal value-at-risk and expected
shortfall. The same figures are shown when every correlation jumps to one stress value,
which is what happens to "diversified" crypto portfolios in a sell-off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import example_csv, parse_csv, require_rows
from calculators.inputs.limits import Limit
from calculators.inputs.returns import RETURNS_INPUT, to_returns
from calculators.inputs.risk_inputs import Estimate, estimate_from_returns, estimate_from_text
from calculators.inputs.textinputs import named_numbers
from calculators.portfolio_diversification.report import HEADLINE_CONCEPTS, Inputs, report
from calculators.spec import (
    CalculatorSpec,
    InputSpec,
    OutputSpec,
    example_values,
    read_options,
    text_input,
)
from calculators.stats.portfolio import RiskFigures, constant_correlation, risk_figures

MAX_ASSETS = 40  # eigenvalues, and the repair of a typed matrix, grow with assets cubed
DATA_LIMIT = Limit("Estimating from a CSV", assets=MAX_ASSETS, values=200_000)

RISK_CONCEPTS = (("value-at-risk", "value-at-risk"), ("expected shortfall", "expected-shortfall"))
"""The two tail measures the confidence level and the portfolio value feed."""

INPUTS: tuple[InputSpec, ...] = (
    InputSpec(
        "weights",
        "Weights",
        "text",
        default="BTC: 0.5, ETH: 0.3, SOL: 0.2",
        help="Each asset and its share of the portfolio value, like 'BTC: 0.5, ETH: 0.3'; "
        f"negative weights are short positions. Up to {MAX_ASSETS} assets, and from a CSV up "
        f"to {DATA_LIMIT.values:,} values (rows × assets), so a run ends in seconds in a "
        "browser.",
        required=True,
    ),
    InputSpec(
        "source",
        "Risk inputs",
        "choice",
        default="data",
        choices=(
            ("data", "Estimate from the CSV"),
            ("manual", "Enter volatilities and correlations"),
        ),
        help="Estimate volatilities and correlations from prices, or type them in.",
    ),
    InputSpec(
        "csv",
        "Prices or returns (CSV)",
        "csv",
        help="A header row, then one row per date: the first column is the date or label, "
        "then one column per asset, named as in the weights.",
    ),
    RETURNS_INPUT,
    InputSpec(
        "periods_per_year",
        "Rows per year",
        "integer",
        default="365",
        minimum=1,
        maximum=100_000,
        step=1,
        help="Used to annualise volatility and to scale the horizon: 365 for daily crypto "
        "prices, 252 for trading days, 52 for weeks.",
    ),
    InputSpec(
        "volatilities",
        "Volatilities (annual)",
        "text",
        default="BTC: 0.65, ETH: 0.8, SOL: 1.0",
        help="For typed-in risk: each asset's annual volatility, like 'BTC: 0.65'.",
    ),
    InputSpec(
        "correlations",
        "Correlation matrix",
        "text",
        default="1 0.8 0.7\n0.8 1 0.75\n0.7 0.75 1",
        help="For typed-in risk: one row per line, in the order of the weights; an invalid "
        "matrix is replaced by the nearest valid correlation matrix (Higham 2002).",
        concept="correlation-matrix",
        concepts=(("nearest valid correlation matrix", "nearest-correlation-matrix"),),
    ),
    InputSpec(
        "confidence",
        "Confidence level",
        "number",
        default="0.99",
        minimum=0.5,
        maximum=0.9999,
        step=0.005,
        help="For value-at-risk and expected shortfall: 0.99 means the worst 1% of outcomes.",
        concepts=RISK_CONCEPTS,
    ),
    InputSpec(
        "horizon_days",
        "Horizon (days)",
        "number",
        default="1",
        minimum=0.01,
        maximum=3650,
        step=1,
        help="Risk is scaled by √(horizon ÷ rows per year), with zero expected return.",
    ),
    InputSpec(
        "stress_rho",
        "Stress correlation",
        "number",
        default="0.9",
        minimum=-1,
        maximum=1,
        step=0.05,
        help="The stress scenario sets every correlation between different assets to this.",
    ),
    InputSpec(
        "value",
        "Portfolio value",
        "number",
        default="1000000",
        minimum=0,
        maximum=1e15,
        help="Used to state value-at-risk and expected shortfall in money.",
        concepts=RISK_CONCEPTS,
    ),
)

SPEC = CalculatorSpec(
    id="portfolio-diversification",
    title="Portfolio diversification",
    question="How much risk does this portfolio's diversification remove, and how much is "
    "left when correlations jump in a stress?",
    inputs=INPUTS,
    outputs=(
        OutputSpec(
            "risk",
            "table",
            "Portfolio risk, normal and stressed",
            concepts=(
                ("Diversification ratio", "diversification-ratio"),
                ("Effective number of bets", "effective-number-of-bets"),
                ("Value-at-risk", "value-at-risk"),
                ("Expected shortfall", "expected-shortfall"),
            ),
        ),
        OutputSpec("assets", "table", "Risk contribution of each asset"),
        OutputSpec(
            "correlation",
            "table",
            "Correlation matrix used",
            concepts=(("Correlation matrix", "correlation-matrix"),),
        ),
        OutputSpec("contributions_chart", "chart", "Risk contributions, normal and stressed"),
    ),
    example=example_values(INPUTS, csv=example_csv()),
    headline_concepts=HEADLINE_CONCEPTS,
)


def _weights(inputs: Mapping[str, str]) -> dict[str, float]:
    """The weights by asset name, in the order typed (at most MAX_ASSETS of them)."""
    weights = named_numbers(text_input(SPEC, inputs, "weights"), "weights", "Weights")
    if len(weights) > MAX_ASSETS:
        raise CalculatorInputError(
            "weights",
            f"The weights name {len(weights):,} assets; one run takes at most {MAX_ASSETS}.",
        )
    return weights


def _from_data(inputs: Mapping[str, str], assets: list[str], options: Options) -> Estimate:
    """Estimates from the CSV's columns named in the weights."""
    text = text_input(SPEC, inputs, "csv")
    if not text.strip():
        raise CalculatorInputError(
            "csv", "Paste a CSV of prices, or choose to enter volatilities and correlations."
        )
    returns = options.returns
    prices = parse_csv(text)
    DATA_LIMIT.check(len(prices.labels), len(assets))
    data = to_returns(prices, returns).select(assets)
    require_rows(data.columns, what="returns" if returns != "none" else "values")
    estimate = estimate_from_returns(data, options.periods_per_year)
    return replace(estimate, warnings=[*data.notes, *estimate.warnings])


def _from_text(inputs: Mapping[str, str], assets: list[str]) -> Estimate:
    """Estimates typed into the form."""
    vol_text = text_input(SPEC, inputs, "volatilities")
    return estimate_from_text(vol_text, text_input(SPEC, inputs, "correlations"), assets)


def _check_stress_rho(rho: float, n: int) -> None:
    """A common correlation below -1/(n-1) is not a valid correlation matrix."""
    if n > 1 and rho < -1.0 / (n - 1) - 1e-12:
        raise CalculatorInputError(
            "stress_rho",
            f"With {n} assets a common correlation must be at least {-1.0 / (n - 1):.4f}; "
            f"got {rho:g}.",
        )


@dataclass(frozen=True)
class Options:
    """The typed inputs other than the texts (read by :func:`calculators.spec.read_options`)."""

    source: str
    returns: str
    periods_per_year: int
    confidence: float
    horizon_days: float
    stress_rho: float
    value: float


def compute(inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run the calculator on form-style inputs."""
    weights = _weights(inputs)
    options = read_options(SPEC, inputs, Options)
    if options.source == "data":
        estimate = _from_data(inputs, list(weights), options)
    else:
        estimate = _from_text(inputs, list(weights))
    return _evaluate(weights, estimate, options)


def _evaluate(weights: dict[str, float], estimate: Estimate, options: Options) -> dict[str, Any]:
    """Normal and stressed figures, then the report."""
    assets, w = list(weights), list(weights.values())
    confidence, stress_rho = options.confidence, options.stress_rho
    _check_stress_rho(stress_rho, len(assets))
    years = options.horizon_days / options.periods_per_year
    normal = risk_figures(w, estimate.vols, estimate.corr, confidence, years)
    stressed = risk_figures(
        w, estimate.vols, constant_correlation(len(assets), stress_rho), confidence, years
    )
    setting = Inputs(
        assets=assets,
        weights=w,
        vols=estimate.vols,
        corr=estimate.corr,
        confidence=confidence,
        horizon_days=options.horizon_days,
        stress_rho=stress_rho,
        value=options.value,
        source=options.source,
        repaired=estimate.repaired,
    )
    return report(
        setting, normal, stressed, [*estimate.warnings, *_bets_warnings(normal, stressed)]
    )


def _bets_warnings(normal: RiskFigures, stressed: RiskFigures) -> list[str]:
    """Say so when repeated eigenvalues leave the effective number of bets ambiguous."""
    warnings = []
    for words, figures in (("estimated", normal), ("stress", stressed)):
        if figures.bets_range is not None:
            low, shown = figures.bets_range
            warnings.append(
                f"Under the {words} correlations some eigenvalues of the covariance matrix "
                "repeat, so its principal portfolios are not unique and the effective "
                f"number of bets could be anything from {low:.2f} (each repeated "
                f"eigenvalue one bet) to {shown:.2f} (its risk spread evenly over its "
                f"directions); {shown:.2f} is shown, whatever the order of the assets."
            )
    return warnings
