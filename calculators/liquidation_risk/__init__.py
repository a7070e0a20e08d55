"""The liquidation-risk calculator: how correlated collateral raises liquidation odds.

A leveraged position in asset X is margined with collateral in asset Y. When X falls
(for a long) and Y falls with it, the equity shrinks from both sides at once, so the
chance of a forced liquidation - and of the cascades that follow when many positions
share the trade - rises with the correlation between X and Y. The model is stated
in :mod:`calculators.liquidation_risk.margin`; this module reads the form, runs the
Monte Carlo and lays out the tables and the chart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from calculators.errors import CalculatorInputError
from calculators.liquidation_risk.margin import Position, liquidation_curve, simulate_liquidation
from calculators.liquidation_risk.report import HEADLINE_CONCEPTS, Curve, report
from calculators.spec import (
    CalculatorSpec,
    InputSpec,
    OutputSpec,
    read_options,
)

CURVE_RHOS = [round(-1.0 + 0.2 * i, 10) for i in range(11)]
MIN_CURVE_PATHS = 200
CURVE_PATH_SHARE = 20
MAX_PATH_STEPS = 4_500_000  # all simulated path-steps, the curve's too: about 1.5 s in CPython

MODEL_HELP = (
    "The position is liquidated the first time, at a check, that its equity, collateral × price "
    "of Y + side × size × (price of X − entry), falls below this ratio × size × price of X."
)


def _number(
    name: str, label: str, default: str, low: float, high: float, help_: str, concept: str = ""
) -> InputSpec:
    """A numeric form field with limits (all of this calculator's numbers look alike);
    `concept` is the glossary entry its label names."""
    return InputSpec(
        name,
        label,
        "number",
        default=default,
        minimum=low,
        maximum=high,
        help=help_,
        required=True,
        concept=concept,
    )


def _integer(
    name: str, label: str, default: str, low: int, high: int, help_: str, concept: str = ""
) -> InputSpec:
    """A whole-number form field with limits."""
    return InputSpec(
        name,
        label,
        "integer",
        default=default,
        minimum=low,
        maximum=high,
        step=1,
        help=help_,
        required=True,
        concept=concept,
    )


SPEC = CalculatorSpec(
    id="liquidation-risk",
    title="Liquidation risk with correlated collateral",
    question=(
        "How likely is a leveraged position to be liquidated within the horizon, and how does "
        "that chance grow with the correlation between the asset and its collateral?"
    ),
    inputs=(
        InputSpec(
            "asset_x",
            "Position asset (X)",
            "text",
            default="ETH",
            help="The name of the asset you hold long or short, used in labels.",
        ),
        InputSpec(
            "asset_y",
            "Collateral asset (Y)",
            "text",
            default="BTC",
            help="The name of the asset posted as collateral, used in labels.",
        ),
        InputSpec(
            "side",
            "Side",
            "choice",
            default="long",
            choices=(("long", "Long X"), ("short", "Short X")),
            help="Long gains when X rises; short gains when X falls.",
        ),
        _number(
            "size",
            "Position size (units of X)",
            "10",
            0.0,
            1e12,
            "How many units of X the position holds; it is opened now at the entry price.",
        ),
        _number(
            "entry",
            "Entry price of X",
            "3000",
            0.0,
            1e12,
            "The price of X now, in the quote currency (e.g. USD).",
        ),
        _number(
            "collateral",
            "Collateral (units of Y)",
            "0.2",
            0.0,
            1e12,
            "How many units of Y are posted as margin.",
            concept="collateral",
        ),
        _number(
            "price_y",
            "Price of Y",
            "60000",
            0.0,
            1e12,
            "The price of Y now, in the quote currency.",
        ),
        _number(
            "vol_x",
            "Volatility of X (annual)",
            "0.75",
            0.0,
            10.0,
            "Annualised volatility of X as a decimal (0.75 is 75% a year); X and Y follow "
            "correlated driftless geometric Brownian motions.",
        ),
        _number(
            "vol_y",
            "Volatility of Y (annual)",
            "0.6",
            0.0,
            10.0,
            "Annualised volatility of Y; 0 means the collateral is the quote currency.",
        ),
        _number(
            "rho",
            "Correlation of X and Y",
            "0.8",
            -1.0,
            1.0,
            "Correlation of the log returns of X and Y, from −1 to 1.",
            concept="pearson-correlation",
        ),
        _number(
            "maintenance",
            "Maintenance margin ratio",
            "0.05",
            0.0,
            0.5,
            MODEL_HELP,
            concept="maintenance-margin",
        ),
        _number(
            "horizon_days",
            "Horizon (days)",
            "30",
            0.01,
            3650.0,
            "How far ahead to look, in calendar days of a 365-day year.",
        ),
        _integer(
            "steps",
            "Monitoring steps",
            "50",
            1,
            5000,
            "How many evenly spaced times liquidation is checked; real engines check "
            "almost continuously, so more steps give a slightly higher probability.",
        ),
        _integer(
            "paths",
            "Simulated paths",
            "20000",
            100,
            500_000,
            "More paths give a smaller standard error and take longer. All simulated paths "
            "(these, plus 11 × the larger of 200 and paths ÷ 20 for the correlation curve) × "
            f"steps may be at most {MAX_PATH_STEPS:,}, so a run ends in seconds in a browser.",
            concept="monte-carlo-simulation",
        ),
        _integer(
            "seed",
            "Random seed",
            "1",
            0,
            2**32 - 1,
            "The same seed gives the same result; change it to see the sampling noise.",
        ),
    ),
    outputs=(
        OutputSpec(
            "estimate",
            "table",
            "Liquidation probability",
            concepts=(
                ("Collateral", "collateral"),
                ("Leverage", "leverage"),
                ("Liquidation price", "liquidation-price"),
            ),
        ),
        OutputSpec("curve", "table", "Liquidation probability by correlation"),
        OutputSpec("curve_chart", "chart", "Liquidation probability against correlation"),
    ),
    example={
        "asset_x": "ETH",
        "asset_y": "BTC",
        "side": "long",
        "size": "10",
        "entry": "3000",
        "collateral": "0.2",
        "price_y": "60000",
        "vol_x": "0.75",
        "vol_y": "0.6",
        "rho": "0.8",
        "maintenance": "0.05",
        "horizon_days": "30",
        "steps": "50",
        "paths": "20000",
        "seed": "1",
    },
    headline_concepts=HEADLINE_CONCEPTS,
)


@dataclass(frozen=True)
class Options:
    """The typed inputs (read by :func:`calculators.spec.read_options`)."""

    side: str
    size: float
    entry: float
    collateral: float
    price_y: float
    vol_x: float
    vol_y: float
    rho: float
    maintenance: float
    horizon_days: float
    steps: int
    paths: int
    seed: int
    asset_x: str
    asset_y: str


def _check_work(paths: int, curve_paths: int, steps: int) -> None:
    """Refuse, before simulating, more path-steps than one browser run takes."""
    total = (paths + len(CURVE_RHOS) * curve_paths) * steps
    if total > MAX_PATH_STEPS:
        raise CalculatorInputError(
            "paths",
            f"{paths:,} paths, plus {len(CURVE_RHOS) * curve_paths:,} for the correlation "
            f"curve, of {steps:,} steps each is {total:,} path-steps, too much work for one "
            f"run; keep paths × steps, the curve's included, at most {MAX_PATH_STEPS:,}.",
        )


POSITIVE = ("size", "entry", "price_y")  # a zero size or price has no meaning


def _position(options: Options) -> Position:
    """The margin model's position, after the strictly positive fields are checked."""
    for name in POSITIVE:
        value = getattr(options, name)
        if value <= 0.0:
            label = SPEC.input(name).label
            raise CalculatorInputError(name, f"{label} must be greater than 0; got {value:g}.")
    return Position(
        side=1 if options.side == "long" else -1,
        size=options.size,
        entry=options.entry,
        collateral=options.collateral,
        price_y=options.price_y,
        vol_x=options.vol_x,
        vol_y=options.vol_y,
        rho=options.rho,
        maintenance=options.maintenance,
        horizon_days=options.horizon_days,
        steps=options.steps,
    )


def compute(inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run the calculator on form-style inputs."""
    options = read_options(SPEC, inputs, Options)
    position = _position(options)
    paths, seed = options.paths, options.seed
    curve_paths = max(MIN_CURVE_PATHS, paths // CURVE_PATH_SHARE)
    _check_work(paths, curve_paths, position.steps)
    estimate = simulate_liquidation(position, paths, seed)
    curve = liquidation_curve(position, CURVE_RHOS, curve_paths, seed)
    return report(
        position,
        estimate,
        Curve(CURVE_RHOS, curve, curve_paths),
        (options.asset_x, options.asset_y),
    )
