"""The liquidation model of a leveraged position margined in a correlated asset.

A position of `size` units of asset X (long or short) is opened at the current price
of X, `entry`. Its collateral is `collateral` units of asset Y at price `price_y`.
In quote currency (e.g. USD):

    equity_t = collateral * Y_t + side * size * (X_t - entry)

and the position is liquidated the first time, at a monitoring step, that

    equity_t < maintenance * size * X_t.

X and Y follow correlated driftless geometric Brownian motions (log drift -sigma^2/2,
so prices are martingales), annual volatilities, 365-day years (crypto trades every
day). Dividing by size * entry leaves two numbers that matter: the collateral ratio
c = collateral * price_y / (size * entry) and the maintenance ratio. With R_t = X_t/X_0
and S_t = Y_t/Y_0 the position is liquidated when c * S_t < threshold(R_t), where
threshold(R) = maintenance * R - side * (R - 1).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from math import cos, exp, log, sin, sqrt

__all__ = [
    "Position",
    "SimulationCount",
    "continuity_corrected_probability",
    "continuous_closed_form",
    "gbm_hitting_probability",
    "liquidation_curve",
    "liquidation_price",
    "simulate_liquidation",
    "single_barrier",
]

DAYS_PER_YEAR = 365.0
# Broadie-Glasserman-Kou: a barrier checked m times behaves like a continuous barrier
# moved away from the start by exp(beta * sigma * sqrt(T / m)); beta = -zeta(1/2)/sqrt(2 pi).
BGK_BETA = 0.5825971579390106
_TWO_PI = 2.0 * math.pi


@dataclass(frozen=True)
class Position:
    """A leveraged position and its market model, in the units the form asks for."""

    side: int
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

    @property
    def collateral_ratio(self) -> float:
        """Collateral value over position notional at the start (c in the module docs)."""
        return self.collateral * self.price_y / (self.size * self.entry)

    @property
    def horizon_years(self) -> float:
        """The horizon in years of 365 days."""
        return self.horizon_days / DAYS_PER_YEAR

    @property
    def liquidated_at_start(self) -> bool:
        """True when the equity is already below the maintenance requirement."""
        return self.collateral_ratio < self.maintenance

    def threshold(self, r: float) -> float:
        """c * S must stay at or above this when X has moved by the factor r."""
        return self.maintenance * r - self.side * (r - 1.0)


@dataclass(frozen=True)
class SimulationCount:
    """How many of `paths` simulated paths were liquidated."""

    liquidated: int
    paths: int

    @property
    def probability(self) -> float:
        """The Monte Carlo estimate of the liquidation probability."""
        return self.liquidated / self.paths

    @property
    def standard_error(self) -> float:
        """Binomial standard error sqrt(p(1-p)/n) of the estimate."""
        p = self.probability
        return math.sqrt(p * (1.0 - p) / self.paths)


def liquidation_price(position: Position) -> float | None:
    """The price of X that triggers liquidation if Y's price does not move.

    None when no price of X liquidates the position (e.g. a long fully covered by
    collateral in the quote currency with a tiny maintenance margin).
    """
    c, mm, side = position.collateral_ratio, position.maintenance, position.side
    ratio = (side - c) / (side - mm)
    return ratio * position.entry if ratio > 0 else None


def _normal_pairs(uniform: Callable[[], float], count: int) -> tuple[list[float], list[float]]:
    """`count` pairs of independent standard normals by Box-Muller.

    A plain loop over C-level math calls is the fastest form in CPython and Pyodide:
    about twice as fast as random.gauss, and both numbers of a pair are used.
    """
    z1: list[float] = []
    z2: list[float] = []
    for _ in range(count):
        radius = sqrt(-2.0 * log(1.0 - uniform()))
        angle = _TWO_PI * uniform()
        z1.append(radius * cos(angle))
        z2.append(radius * sin(angle))
    return z1, z2


@dataclass(frozen=True)
class _StepConstants:
    """Per-step drift and scale of log X and log Y, computed once per run."""

    drift_x: float
    scale_x: float
    drift_y: float
    scale_y: float

    @classmethod
    def of(cls, position: Position) -> _StepConstants:
        """Constants for equal steps over the horizon (log drift -sigma^2/2 per year)."""
        dt = position.horizon_years / position.steps
        sx, sy = position.vol_x * sqrt(dt), position.vol_y * sqrt(dt)
        return cls(-0.5 * sx * sx, sx, -0.5 * sy * sy, sy)


def _count_liquidated(position: Position, paths: int, seed: int) -> int:
    """Liquidated paths out of `paths`, simulated step by step with an early stop.

    Written as one tight loop (no per-step function calls, constants hoisted) because
    it is the hot path of the calculator: 20,000 paths of 50 steps in the browser.
    """
    k = _StepConstants.of(position)
    uniform = random.Random(seed).random
    rho, steps = position.rho, position.steps
    drift_x, scale_x, drift_y = k.drift_x, k.scale_x, k.drift_y
    y_common, y_own = k.scale_y * rho, k.scale_y * sqrt(max(0.0, 1.0 - rho * rho))
    c, side = position.collateral_ratio, float(position.side)
    slope = position.maintenance - side
    liquidated = 0
    for _ in range(paths):
        log_x = log_y = 0.0
        for _ in range(steps):
            radius = sqrt(-2.0 * log(1.0 - uniform()))
            angle = _TWO_PI * uniform()
            z1 = radius * cos(angle)
            log_x += drift_x + scale_x * z1
            log_y += drift_y + y_common * z1 + y_own * radius * sin(angle)
            if c * exp(log_y) < side + slope * exp(log_x):
                liquidated += 1
                break
    return liquidated


def simulate_liquidation(position: Position, paths: int, seed: int) -> SimulationCount:
    """Monte Carlo estimate of the liquidation probability at the position's correlation."""
    if position.liquidated_at_start:
        return SimulationCount(paths, paths)
    return SimulationCount(_count_liquidated(position, paths, seed), paths)


def _log_margins(position: Position, k: _StepConstants, z1: list[float]) -> list[float]:
    """Per step, the lowest log S (net of its drift) at which the position survives.

    Survival at step j needs c * S_j >= threshold(R_j); where the threshold is not
    positive no fall of Y can liquidate, so the margin is -inf.
    """
    c = position.collateral_ratio
    margins: list[float] = []
    log_x = 0.0
    for j, z in enumerate(z1, start=1):
        log_x += k.drift_x + k.scale_x * z
        level = position.threshold(exp(log_x))
        margins.append(_log_margin(level, c) - k.drift_y * j)
    return margins


def _log_margin(level: float, c: float) -> float:
    """log(level / c), with the limits for a non-positive level or no collateral."""
    if level <= 0.0:
        return -math.inf
    return log(level / c) if c > 0.0 else math.inf


def _curve_hits(
    position: Position, k: _StepConstants, rhos: list[float], uniform: Callable[[], float]
) -> list[bool]:
    """Draw one path's shocks and test them under every correlation in `rhos`.

    The shocks do not depend on rho, so every correlation sees the same random numbers
    (common random numbers): the probability-versus-correlation curve is smooth.
    """
    z1, z2 = _normal_pairs(uniform, position.steps)
    margins = _log_margins(position, k, z1)
    common = list(accumulate(k.scale_y * z for z in z1))
    own = list(accumulate(k.scale_y * z for z in z2))
    hits = []
    for rho in rhos:
        rc = sqrt(max(0.0, 1.0 - rho * rho))
        steps = zip(common, own, margins, strict=True)
        hits.append(any(rho * a + rc * b < m for a, b, m in steps))
    return hits


def liquidation_curve(
    position: Position, rhos: list[float], paths: int, seed: int
) -> list[SimulationCount]:
    """Monte Carlo liquidation counts for each correlation in `rhos`, same paths for all."""
    if position.liquidated_at_start:
        return [SimulationCount(paths, paths) for _ in rhos]
    k = _StepConstants.of(position)
    uniform = random.Random(seed).random
    totals = [0] * len(rhos)
    for _ in range(paths):
        for index, hit in enumerate(_curve_hits(position, k, rhos, uniform)):
            totals[index] += hit
    return [SimulationCount(total, paths) for total in totals]


def gbm_hitting_probability(level: float, sigma: float, years: float) -> float:
    """P(a driftless GBM started at 1 touches `level` within `years`), continuously watched.

    Reflection principle for Brownian motion with drift mu = -sigma^2/2 in log:
    down barrier b = ln(level) < 0: Phi((b - mu T)/s) + exp(2 mu b / sigma^2) Phi((b + mu T)/s),
    up barrier b > 0: Phi((-b + mu T)/s) + exp(2 mu b / sigma^2) Phi((-b - mu T)/s),
    with s = sigma sqrt(T) and exp(2 mu b / sigma^2) = exp(-b).
    """
    b = math.log(level)
    if b == 0.0:
        return 1.0
    s = sigma * math.sqrt(years)
    if s == 0.0:
        return 0.0
    half = 0.5 * s * s
    if b < 0:
        return _phi((b + half) / s) + math.exp(-b) * _phi((b - half) / s)
    return _phi((-b - half) / s) + math.exp(-b) * _phi((-b + half) / s)


def _phi(x: float) -> float:
    """Standard normal distribution function."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def single_barrier(slope: float, bound: float) -> tuple[str, float]:
    """Rewrite the liquidation condition slope * R < bound as a barrier on R > 0.

    Returns ("down", level), ("up", level), ("always", nan) or ("never", nan).
    """
    if slope > 0:
        return ("down", bound / slope) if bound > 0 else ("never", math.nan)
    if slope < 0:
        return ("up", bound / slope) if bound < 0 else ("always", math.nan)
    return ("always", math.nan) if bound > 0 else ("never", math.nan)


def _reduced_barrier(position: Position) -> tuple[tuple[str, float], float] | None:
    """The one-asset barrier and its volatility when the model has one source of risk.

    Three cases reduce to one GBM: Y does not move (sigma_y = 0: collateral in the quote
    currency), X does not move (sigma_x = 0), or rho = 1 with equal volatilities (S = R).
    Condition c*S + side*(R - 1) < mm*R is rewritten as slope * G < bound for that GBM G.
    """
    c, mm, side = position.collateral_ratio, position.maintenance, position.side
    if position.vol_y == 0.0:
        return single_barrier(side - mm, side - c), position.vol_x
    if position.vol_x == 0.0:
        return single_barrier(c, mm), position.vol_y
    if position.rho == 1.0 and position.vol_x == position.vol_y:
        return single_barrier(c + side - mm, side), position.vol_x
    return None


def _barrier_probability(kind: str, level: float, sigma: float, years: float) -> float:
    """Hitting probability for a barrier description from single_barrier."""
    if kind == "always":
        return 1.0
    if kind == "never":
        return 0.0
    if (kind == "down" and level >= 1.0) or (kind == "up" and level <= 1.0):
        return 1.0
    return gbm_hitting_probability(level, sigma, years)


def continuous_closed_form(position: Position) -> float | None:
    """Exact liquidation probability under continuous monitoring, when one exists."""
    reduced = _reduced_barrier(position)
    if reduced is None:
        return None
    (kind, level), sigma = reduced
    return _barrier_probability(kind, level, sigma, position.horizon_years)


def continuity_corrected_probability(position: Position) -> float | None:
    """The closed form with the Broadie-Glasserman-Kou shift for discrete monitoring.

    Accurate to a few tenths of a percent of the probability for the step counts the
    calculator uses; it is what the Monte Carlo estimate converges to.
    """
    reduced = _reduced_barrier(position)
    if reduced is None:
        return None
    (kind, level), sigma = reduced
    shift = BGK_BETA * sigma * math.sqrt(position.horizon_years / position.steps)
    if kind == "down" and level < 1.0:
        level *= math.exp(-shift)
    elif kind == "up" and level > 1.0:
        level *= math.exp(shift)
    return _barrier_probability(kind, level, sigma, position.horizon_years)
