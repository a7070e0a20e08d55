"""Splitting a sample into calm and stressed rows by what a benchmark asset did.

Three definitions of stress, each a rule on the benchmark's returns:

- ``quantile``: the benchmark's return is at or below its q-quantile (the worst q share
  of rows);
- ``volatility``: the benchmark's rolling volatility (sample standard deviation over a
  window of complete rows ending at the row) is at or above its (1 - q)-quantile;
- ``drawdown``: the benchmark's price is more than a threshold below its running peak.

A row where the rule cannot be evaluated (missing value, window not yet full) is in
neither regime. Quantiles interpolate linearly between order statistics, as numpy's
and pandas' defaults do, so the split can be checked against them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from calculators.stats.correlation import centred

__all__ = [
    "Regime",
    "drawdown_regime",
    "drawdowns",
    "quantile",
    "quantile_regime",
    "rolling_std",
    "volatility_regime",
    "wealth_index",
]

Regime = list[bool | None]
"""Per row: True for stress, False for calm, None when the row is in neither."""


def quantile(values: Sequence[float], p: float) -> float:
    """The p-quantile with linear interpolation (numpy's default 'linear' method)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("quantile of an empty sample")
    position = (len(ordered) - 1) * p
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    share = position - low
    return ordered[low] + (ordered[high] - ordered[low]) * share


def _threshold_regime(values: Sequence[float | None], cut: float, below: bool) -> Regime:
    """Stress where the value is at or beyond `cut` on the chosen side."""
    if below:
        return [None if v is None else v <= cut for v in values]
    return [None if v is None else v >= cut for v in values]


def quantile_regime(returns: Sequence[float | None], q: float) -> Regime:
    """Stress on rows where the benchmark return is at or below its q-quantile."""
    present = [v for v in returns if v is not None]
    return _threshold_regime(returns, quantile(present, q), below=True)


def _window_std(window: Sequence[float]) -> float:
    """Sample standard deviation (n - 1) of one full window, two-pass for accuracy."""
    _, squares = centred(window)
    return math.sqrt(squares / (len(window) - 1))


def rolling_std(values: Sequence[float | None], window: int) -> list[float | None]:
    """Rolling sample standard deviation over `window` rows ending at each row.

    Like pandas ``rolling(window).std()``: a window with any missing value gives None.
    Each window is computed afresh (two passes) rather than by running sums, so a long
    calm stretch after a crash does not inherit rounding from it.
    """
    out: list[float | None] = []
    for end in range(len(values)):
        chunk = values[max(0, end - window + 1) : end + 1]
        if len(chunk) < window or any(v is None for v in chunk):
            out.append(None)
        else:
            out.append(_window_std([v for v in chunk if v is not None]))
    return out


def volatility_regime(
    returns: Sequence[float | None], q: float, window: int
) -> tuple[Regime, list[float | None]]:
    """Stress on rows whose rolling volatility is at or above its (1 - q)-quantile."""
    vols = rolling_std(returns, window)
    present = [v for v in vols if v is not None]
    if not present:
        return [None] * len(returns), vols
    return _threshold_regime(vols, quantile(present, 1.0 - q), below=False), vols


def drawdowns(prices: Sequence[float | None]) -> list[float | None]:
    """Price over its running peak, minus 1 (0 at a new high, -0.25 when 25% below it).

    A missing price has no drawdown and does not move the peak.
    """
    peak = -math.inf
    out: list[float | None] = []
    for price in prices:
        if price is None:
            out.append(None)
            continue
        peak = max(peak, price)
        out.append(price / peak - 1.0 if peak > 0 else None)
    return out


def drawdown_regime(
    prices: Sequence[float | None], depth: float
) -> tuple[Regime, list[float | None]]:
    """Stress on rows where the price is more than `depth` below its running peak."""
    levels = drawdowns(prices)
    return [None if d is None else d < -depth for d in levels], levels


def wealth_index(returns: Sequence[float | None], log_returns: bool) -> list[float | None]:
    """A price-like index from returns, starting at 1 one row before the first return.

    A missing return gives a missing index value; the next one carries on from the
    last known level.

    Used for the drawdown rule when the CSV holds returns rather than prices.
    """
    level = 1.0
    out: list[float | None] = [1.0]
    for r in returns:
        if r is None:
            out.append(None)
            continue
        level *= math.exp(r) if log_returns else 1.0 + r
        out.append(level)
    return out
