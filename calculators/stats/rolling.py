"""Rolling correlation estimators: window Pearson, Spearman and Kendall, and two EWMAs.

- **Window** (`pearson`, `spearman`, `kendall`): the correlation over the last
  `window` rows, using the rows of that window where both assets have a value;
  fewer than `min_periods` such rows gives an undefined value. Pearson matches
  ``pandas.Series.rolling(window, min_periods).corr``.
- **EWMA**, two documented conventions:
  - ``ewma`` is pandas ``ewm(alpha=1 − λ, adjust=True).corr``: exponentially
    weighted means are removed, weights are λ^age normalised by their sum, and
    a row where either value is missing still ages the older weights;
  - ``riskmetrics`` is the RiskMetrics (1996) zero-mean recursion
    σ_xy ← λ·σ_xy + (1 − λ)·x·y (likewise σ_x², σ_y²), ρ = σ_xy / (σ_x σ_y),
    started from zero and advanced only on rows where both values exist.
  EWMA values start once `min_periods` complete rows have been seen.

They live apart from the calculator (which reads the form and lays out the
result) so they can be tested and reused as plain functions of two series.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Sequence
from itertools import accumulate

from calculators.stats.correlation import clip, complete_pairs, correlate, pearson

__all__ = [
    "Series",
    "ewma_pandas",
    "ewma_riskmetrics",
    "rolling_pearson",
    "rolling_rank",
    "rolling_series",
]

Series = list[float | None]

# A window whose variance is below GUARD × the running Σx² would lose more than about
# 1e-10 of relative accuracy to cancellation, so it is recomputed in two passes.
GUARD = 1e-6
ZERO_VARIANCE = 1e-12  # a window whose variance is below this share of the series' is flat


def rolling_pearson(
    x: Sequence[float | None], y: Sequence[float | None], window: int, min_periods: int
) -> Series:
    """Window Pearson in O(n) from prefix sums of globally centred values.

    Centring on the overall mean first keeps the one-pass formula well
    conditioned (a 1e9 offset cancels before any product is formed); prefix
    sums built with ``itertools.accumulate`` run at C speed, and their rounding
    grows only with the series length relative to the window (about 1e-14 for
    5,000 rows and a 90-row window), far inside the 1e-9 the tests demand.
    """
    complete = [a is not None and b is not None for a, b in zip(x, y, strict=True)]
    xs, ys = complete_pairs(x, y)
    mx = math.fsum(xs) / len(xs) if xs else 0.0
    my = math.fsum(ys) / len(ys) if ys else 0.0
    cx = [a - mx if ok else 0.0 for a, ok in zip(x, complete, strict=True)]  # type: ignore[operator]
    cy = [b - my if ok else 0.0 for b, ok in zip(y, complete, strict=True)]  # type: ignore[operator]
    sums = _PrefixSums(complete, cx, cy)
    sums.set_flat_levels(len(xs))
    return sums.windows(window, min_periods)


def _prefix(values: Iterable[float]) -> list[float]:
    """[0, v0, v0 + v1, …]: window sums become one subtraction."""
    return [0.0, *accumulate(values)]


class _PrefixSums:
    """Prefix sums of n, x, y, x², y² and xy over complete rows (others count as zero)."""

    def __init__(self, complete: list[bool], cx: list[float], cy: list[float]) -> None:
        self.n = _prefix(map(float, complete))
        self.x, self.y = _prefix(cx), _prefix(cy)
        self.xx = _prefix(map(operator.mul, cx, cx))
        self.yy = _prefix(map(operator.mul, cy, cy))
        self.xy = _prefix(map(operator.mul, cx, cy))
        self.flat_x = self.flat_y = 0.0
        self.complete, self.cx, self.cy = complete, cx, cy

    def set_flat_levels(self, count: int) -> None:
        """Per-row variances below which a window counts as flat: 1e-12 of each series' own."""
        self.flat_x = ZERO_VARIANCE * max(self.xx[-1] / max(count, 1), 1e-300)
        self.flat_y = ZERO_VARIANCE * max(self.yy[-1] / max(count, 1), 1e-300)

    def windows(self, window: int, min_periods: int) -> Series:
        """The correlation of every trailing window (locals bound once: this is the hot loop)."""
        pn, px, py, pxx, pyy, pxy = self.n, self.x, self.y, self.xx, self.yy, self.xy
        flat_x, flat_y, need = self.flat_x, self.flat_y, max(min_periods, 2)
        out: Series = []
        for stop in range(1, len(pn)):
            start = stop - window if stop > window else 0
            n = pn[stop] - pn[start]
            if n < need:
                out.append(None)
                continue
            sx, sy = px[stop] - px[start], py[stop] - py[start]
            vx = pxx[stop] - pxx[start] - sx * sx / n
            vy = pyy[stop] - pyy[start] - sy * sy / n
            if vx <= flat_x * n or vy <= flat_y * n:
                out.append(None)
                continue
            if vx < GUARD * pxx[stop] or vy < GUARD * pyy[stop]:
                out.append(self.exact(start, stop))
                continue
            out.append(
                clip((pxy[stop] - pxy[start] - sx * sy / n) / (math.sqrt(vx) * math.sqrt(vy)))
            )
        return out

    def exact(self, start: int, stop: int) -> float | None:
        """Two-pass Pearson of one window, for windows too quiet for the prefix sums."""
        rows = [i for i in range(start, stop) if self.complete[i]]
        return pearson([self.cx[i] for i in rows], [self.cy[i] for i in rows])


def rolling_rank(
    x: Sequence[float | None], y: Sequence[float | None], window: int, min_periods: int, method: str
) -> Series:
    """Window Spearman or Kendall: the pairwise function on each window's complete rows."""
    out: Series = []
    for end in range(len(x)):
        start = max(0, end - window + 1)
        value, _ = correlate(x[start : end + 1], y[start : end + 1], method, min_periods)
        out.append(value)
    return out


def ewma_pandas(
    x: Sequence[float | None], y: Sequence[float | None], lam: float, min_periods: int
) -> Series:
    """pandas ``ewm(alpha=1 − λ, adjust=True).corr``: the same recursion, step for step."""
    state = _EwmState()
    out: Series = []
    for a, b in zip(x, y, strict=True):
        state.step(a, b, lam)
        out.append(state.correlation() if state.nobs >= max(min_periods, 1) else None)
    return out


class _EwmState:
    """Weighted means and co-moments of pandas' ``ewmcov`` (bias=True), for x·y, x·x, y·y."""

    def __init__(self) -> None:
        self.nobs = 0
        self.started = False
        self.old_wt = 1.0
        self.mean_x = self.mean_y = 0.0
        self.cxy = self.cxx = self.cyy = 0.0

    def step(self, a: float | None, b: float | None, lam: float) -> None:
        """Age the weights by λ and, for a complete row, blend it in with weight 1."""
        if not self.started:
            if a is not None and b is not None:
                self.started, self.nobs = True, 1
                self.mean_x, self.mean_y = a, b
            return
        self.old_wt *= lam
        if a is None or b is None:
            return
        self.nobs += 1
        self._blend(a, b)
        self.old_wt += 1.0

    def _blend(self, a: float, b: float) -> None:
        """One weighted update of the means and the three co-moments."""
        old_x, old_y, w = self.mean_x, self.mean_y, self.old_wt
        if self.mean_x != a:
            self.mean_x = (w * old_x + a) / (w + 1.0)
        if self.mean_y != b:
            self.mean_y = (w * old_y + b) / (w + 1.0)
        dx, dy = old_x - self.mean_x, old_y - self.mean_y
        ex, ey = a - self.mean_x, b - self.mean_y
        self.cxy = (w * (self.cxy + dx * dy) + ex * ey) / (w + 1.0)
        self.cxx = (w * (self.cxx + dx * dx) + ex * ex) / (w + 1.0)
        self.cyy = (w * (self.cyy + dy * dy) + ey * ey) / (w + 1.0)

    def correlation(self) -> float | None:
        """cov / √(var_x·var_y), None while either variance is zero."""
        if self.cxx <= 0.0 or self.cyy <= 0.0:
            return None
        return clip(self.cxy / (math.sqrt(self.cxx) * math.sqrt(self.cyy)))


def ewma_riskmetrics(
    x: Sequence[float | None], y: Sequence[float | None], lam: float, min_periods: int
) -> Series:
    """RiskMetrics zero-mean EWMA, advanced only on complete rows."""
    sxy = sxx = syy = 0.0
    nobs = 0
    out: Series = []
    for a, b in zip(x, y, strict=True):
        if a is not None and b is not None:
            nobs += 1
            sxy = lam * sxy + (1.0 - lam) * a * b
            sxx = lam * sxx + (1.0 - lam) * a * a
            syy = lam * syy + (1.0 - lam) * b * b
        defined = nobs >= max(min_periods, 1) and sxx > 0.0 and syy > 0.0
        out.append(clip(sxy / (math.sqrt(sxx) * math.sqrt(syy))) if defined else None)
    return out


def rolling_series(
    x: Sequence[float | None],
    y: Sequence[float | None],
    method: str,
    window: int,
    lam: float,
    min_periods: int,
) -> Series:
    """Dispatch to the estimator named by `method`."""
    if method == "pearson":
        return rolling_pearson(x, y, window, min_periods)
    if method in ("spearman", "kendall"):
        return rolling_rank(x, y, window, min_periods, method)
    if method == "ewma":
        return ewma_pandas(x, y, lam, min_periods)
    return ewma_riskmetrics(x, y, lam, min_periods)
