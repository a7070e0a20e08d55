"""Normal, Student-t and bivariate-normal functions, standard library only.

Why these and not scipy: the calculators run in Pyodide without numpy or scipy. The
normal quantile is the standard library's (Wichura's AS241, about 1e-16 relative).
The bivariate-normal orthant probability and the truncated moments behind the
exceedance-correlation benchmark are one-dimensional adaptive Gauss-Kronrod integrals
of phi(x) P(Y > k | x) taken in logs, so they keep about 1e-13 relative accuracy deep
in the tail. Genz's BVNU and Rosenbaum's (1961) closed-form moments, used before, are
accurate only to an absolute 1e-15, and at r = -0.9 the joint 95% tail is 2.3e-15:
the benchmark curve came out as noise there and divided by zero below r = -0.973.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from statistics import NormalDist

__all__ = [
    "bivariate_normal_upper",
    "exceedance_correlation_normal",
    "log_bivariate_normal_upper",
    "normal_cdf",
    "normal_pdf",
    "normal_ppf",
    "regularized_incomplete_beta",
    "student_t_cdf",
    "student_t_sf",
    "upper_exceedance_correlation",
]

_STANDARD = NormalDist()
_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_TWO_PI = 2.0 * math.pi


def normal_pdf(x: float) -> float:
    """Standard normal density."""
    return _INV_SQRT_2PI * math.exp(-0.5 * x * x)


def normal_cdf(x: float) -> float:
    """Standard normal distribution function via erfc, accurate in both tails."""
    return 0.5 * math.erfc(-x / _SQRT2)


def normal_ppf(p: float) -> float:
    """Standard normal quantile (AS241 in the standard library); +-inf at 0 and 1."""
    if p <= 0.0:
        return -math.inf
    if p >= 1.0:
        return math.inf
    return _STANDARD.inv_cdf(p)


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """Lentz evaluation of the incomplete-beta continued fraction (Numerical Recipes betacf)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        for aa in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + aa / c
            c = c if abs(c) > tiny else tiny
            delta = d * c
            h *= delta
        if abs(delta - 1.0) < 1e-16:
            break
    return h


def regularized_incomplete_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b), using the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) where the fraction converges."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def student_t_sf(t: float, df: float) -> float:
    """Upper tail P(T > t) of Student's t with df degrees of freedom."""
    if math.isinf(t):
        return 0.0 if t > 0 else 1.0
    tail = 0.5 * regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return tail if t >= 0 else 1.0 - tail


def student_t_cdf(t: float, df: float) -> float:
    """P(T <= t) of Student's t; two-sided p-values are 2 * student_t_sf(abs(t), df)."""
    return student_t_sf(-t, df)


# Gauss-Kronrod 7-15 rule (QUADPACK qk15): Kronrod nodes on [0, 1] of the half interval,
# their weights, and the weights of the embedded 7-point Gauss rule (every other node).
_KRONROD_NODES = (
    0.991455371120812639206854697526329,
    0.949107912342758524526189684047851,
    0.864864423359769072789712788640926,
    0.741531185599394439863864773280788,
    0.586087235467691130294144845693013,
    0.405845151377397166906606412076961,
    0.207784955007898467600689403773245,
    0.0,
)
_KRONROD_WEIGHTS = (
    0.022935322010529224963732008058970,
    0.063092092629978553290700663189204,
    0.104790010322250183839876322541518,
    0.140653259715525918745189590510238,
    0.169004726639267902826583426598550,
    0.190350578064785409913256402421014,
    0.204432940075298892414161999234649,
    0.209482141084727828012999174891714,
)
_GAUSS_WEIGHTS = (
    0.129484966168869693270611432679082,
    0.279705391489276667901467771423780,
    0.381830050505118944950369775488975,
    0.417959183673469387755102040816327,
)
_LOG_SQRT_2PI = 0.5 * math.log(_TWO_PI)
_DROP = 46.0  # the integrand is cut where it is below e^-46 (1e-20) of its peak
_TOLERANCE = 1e-14  # relative error of the integral at which refinement stops
_MAX_PANELS = 400
_MILLS_FROM = 5.0  # above this, the Mills ratio comes from its continued fraction


def _mills_excess(c: float) -> float:
    """phi(c) / Q(c) - c for c >= _MILLS_FROM, by Laplace's continued fraction.

    Q(c) / phi(c) = 1 / (c + 1 / (c + 2 / (c + 3 / ...))), so the hazard minus c is
    1 / (c + 2 / (c + 3 / ...)): computed this way it keeps its digits for large c.
    """
    tail = c
    for n in range(8 + int(600.0 / (c * c)), 1, -1):  # 32 terms at c = 5, 12 at c = 12
        tail = c + n / tail
    return 1.0 / tail


def _log_upper_tail(c: float) -> float:
    """log P(Z > c), accurate for any c: erfc where it does not underflow, else Mills."""
    if c < _MILLS_FROM:
        return math.log(0.5 * math.erfc(c / _SQRT2))
    return -0.5 * c * c - _LOG_SQRT_2PI - math.log(c + _mills_excess(c))


def _hazard_excess(c: float) -> float:
    """phi(c) / Q(c) - c: how far the mean of Z given Z > c lies above c."""
    if c >= _MILLS_FROM:
        return _mills_excess(c)
    return _INV_SQRT_2PI * math.exp(-0.5 * c * c) / (0.5 * math.erfc(c / _SQRT2)) - c


class _Strip:
    """The integrand of P(X > h, Y > k) along x: phi(x) P(Y > k | X = x), in logs.

    Given X = x, Y is normal with mean r x and deviation q = sqrt(1 - r^2). The log
    integrand is concave (a sum of log-concave terms), so it has one peak, found by
    bisection on its slope, and the region that matters is where it is within _DROP
    of that peak. Integrating exp(log f - peak) keeps full relative accuracy however
    small the probability is (1e-300 and below), which a sum of terms cannot.
    """

    def __init__(self, h: float, k: float, r: float) -> None:
        self.h, self.k, self.r = h, k, r
        self.q = math.sqrt((1.0 - r) * (1.0 + r))

    def c(self, x: float) -> float:
        """The standardised threshold of Y given X = x."""
        return (self.k - self.r * x) / self.q

    def log_f(self, x: float) -> float:
        """log of phi(x) P(Y > k | X = x)."""
        return -0.5 * x * x - _LOG_SQRT_2PI + _log_upper_tail(self.c(x))

    def slope(self, x: float) -> float:
        """d log f / dx, decreasing in x."""
        c = self.c(x)
        return -x + (self.r / self.q) * (c + _hazard_excess(c))

    def peak(self) -> float:
        """Where log f is largest on [h, inf)."""
        if self.slope(self.h) <= 0.0:
            return self.h
        low, step = self.h, 1.0
        while self.slope(low + step) > 0.0:
            low, step = low + step, 2.0 * step
        return _bisect(self.slope, low, low + step)

    def bounds(self, top: float) -> tuple[float, float]:
        """[lo, hi] around the peak outside of which log f is below its peak minus _DROP."""
        level = self.log_f(top) - _DROP

        def above(x: float) -> float:
            return self.log_f(x) - level

        step = 1e-3 * (1.0 + abs(top))
        while above(top + step) > 0.0:
            step *= 2.0
        hi = _bisect(above, top, top + step)
        lo = self.h if above(self.h) >= 0.0 else _bisect(above, self.h, top)
        return lo, hi


def _bisect(f: Callable[[float], float], low: float, high: float) -> float:
    """A root of f between `low` and `high`, where f has opposite signs."""
    low_positive = f(low) > 0.0
    for _ in range(60):
        middle = 0.5 * (low + high)
        if middle in (low, high):
            break
        if (f(middle) > 0.0) == low_positive:
            low = middle
        else:
            high = middle
    return 0.5 * (low + high)


def _panel(
    f: Callable[[float], float], a: float, b: float
) -> tuple[float, float, list[tuple[float, float]]]:
    """Kronrod estimate, error estimate and weighted nodes of f on [a, b]."""
    centre, half = 0.5 * (a + b), 0.5 * (b - a)
    nodes: list[tuple[float, float]] = []
    kronrod = gauss = 0.0
    for index, (x, w) in enumerate(zip(_KRONROD_NODES, _KRONROD_WEIGHTS, strict=True)):
        points = (centre - half * x, centre + half * x) if x else (centre,)
        for point in points:
            value = f(point)
            kronrod += w * value
            if index % 2:
                gauss += _GAUSS_WEIGHTS[index // 2] * value
            nodes.append((point, half * w * value))
    return half * kronrod, abs(half * (kronrod - gauss)), nodes


def _weighted_nodes(
    f: Callable[[float], float], a: float, b: float, tolerance: float
) -> list[tuple[float, float]]:
    """Nodes and weights w_i f(x_i) of an adaptive Gauss-Kronrod rule for the integral of f.

    The panel with the largest error estimate is halved until the estimates add up to
    less than `tolerance` of the integral; the final nodes then serve as one quadrature
    rule for every moment, so the moments are sums over the same points.
    """
    edges = [a + (b - a) * i / 8.0 for i in range(9)]
    panels = [(*_panel(f, lo, hi), lo, hi) for lo, hi in itertools.pairwise(edges)]
    while len(panels) < _MAX_PANELS:
        total = math.fsum(p[0] for p in panels)
        worst = max(range(len(panels)), key=lambda i: panels[i][1])
        if panels[worst][1] <= tolerance * total:
            break
        _, _, _, lo, hi = panels.pop(worst)
        middle = 0.5 * (lo + hi)
        panels.append((*_panel(f, lo, middle), lo, middle))
        panels.append((*_panel(f, middle, hi), middle, hi))
    return [node for panel in panels for node in panel[2]]


def _strip_nodes(strip: _Strip) -> tuple[float, list[tuple[float, float]]]:
    """The log of the integrand's peak and the weighted nodes of exp(log f - peak)."""
    top = strip.peak()
    peak = strip.log_f(top)
    lo, hi = strip.bounds(top)
    # exp(log f - peak) carries the rounding of log f (about 1e-16 of |peak|) as noise
    tolerance = max(_TOLERANCE, 4e-16 * abs(peak))
    return peak, _weighted_nodes(lambda x: math.exp(strip.log_f(x) - peak), lo, hi, tolerance)


def log_bivariate_normal_upper(h: float, k: float, r: float) -> float:
    """log P(X > h, Y > k) for |r| < 1, finite h and k; keeps its digits deep in the tail."""
    peak, nodes = _strip_nodes(_Strip(h, k, r))
    return peak + math.log(math.fsum(weight for _, weight in nodes))


def bivariate_normal_upper(h: float, k: float, r: float) -> float:
    """P(X > h, Y > k) for standard bivariate normal (X, Y) with correlation r.

    One-dimensional adaptive quadrature of phi(x) P(Y > k | x) in logs (see _Strip):
    relative accuracy about 1e-13 at any depth of the tail, where Genz's BVNU and
    scipy's ``multivariate_normal.cdf`` only reach an absolute 1e-15.
    """
    if h == math.inf or k == math.inf:
        return 0.0
    if h == -math.inf:
        return 1.0 if k == -math.inf else normal_cdf(-k)
    if k == -math.inf:
        return normal_cdf(-h)
    if r == 0.0:
        return normal_cdf(-h) * normal_cdf(-k)
    if r >= 1.0:
        return normal_cdf(-max(h, k))
    if r <= -1.0:  # Y = -X: h < X < -k
        return max(0.0, normal_cdf(-k) - normal_cdf(h))
    return min(1.0, math.exp(log_bivariate_normal_upper(h, k, r)))


def upper_exceedance_correlation(h: float, r: float) -> float | None:
    """corr(X, Y | X > h, Y > h) of a standard bivariate normal, for |r| < 1.

    The conditional moments are sums over one quadrature rule of the strip integrand
    (so they share its relative accuracy), taken about h and centred before they are
    combined: given X = x and Y > h, E[Y] = h + q (hazard(c) - c), which keeps the
    covariance free of the cancellation that ruins closed-form truncated moments
    when the joint tail is tiny (2e-15 at r = -0.9 and the 95% level).
    """
    strip = _Strip(h, h, r)
    _, nodes = _strip_nodes(strip)
    mass = math.fsum(weight for _, weight in nodes)
    mean = math.fsum(weight * (x - h) for x, weight in nodes) / mass
    spread = [(x - h - mean, strip.q * _hazard_excess(strip.c(x)) - mean) for x, _ in nodes]
    weights = [weight for _, weight in nodes]
    variance = math.fsum(w * dx * dx for w, (dx, _) in zip(weights, spread, strict=True))
    covariance = math.fsum(w * dx * dy for w, (dx, dy) in zip(weights, spread, strict=True))
    if variance <= 0.0:
        return None
    # var(Y | A) = var(X | A) by symmetry of the equal thresholds.
    return max(-1.0, min(1.0, covariance / variance))


def exceedance_correlation_normal(p: float, rho: float) -> float | None:
    """Exceedance correlation of a bivariate normal at quantile level p (Longin-Solnik).

    For p <= 0.5 it is corr(X, Y | X <= q_p, Y <= q_p) (lower tail); for p > 0.5 it is
    corr(X, Y | X >= q_p, Y >= q_p) (upper tail), with q_p the standard normal p-quantile.
    This is the benchmark an empirical exceedance curve is read against: under
    normality it falls toward zero in both tails, so a curve that rises is evidence of
    extra tail dependence. None when the conditioning region has no mass.
    """
    if not 0.0 < p < 1.0:
        return None
    if rho >= 1.0 - 1e-12:
        return 1.0
    threshold = normal_ppf(1.0 - p) if p <= 0.5 else normal_ppf(p)
    if rho <= -1.0 + 1e-12:
        return -1.0 if threshold < 0 else None
    return upper_exceedance_correlation(threshold, rho)
