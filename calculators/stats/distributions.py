"""Normal, Student-t and bivariate-normal functions, standard library only.

Why these and not scipy: the calculators run in Pyodide without numpy or scipy. The
normal quantile is the standard library's (Wichura's AS241, about 1e-16 relative).
The bivariate-normal orthant probability is Genz's BVNU (Drezner-Wesolowsky with
Gauss-Legendre rules), accurate to about 1e-15; the truncated moments behind the
exceedance-correlation benchmark follow Rosenbaum (1961).
"""

from __future__ import annotations

import math
from statistics import NormalDist

__all__ = [
    "bivariate_normal_upper",
    "exceedance_correlation_normal",
    "normal_cdf",
    "normal_pdf",
    "normal_ppf",
    "regularized_incomplete_beta",
    "student_t_cdf",
    "student_t_sf",
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


_GAUSS_LEGENDRE: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...] = (
    (
        (0.1713244923791705, 0.3607615730481384, 0.4679139345726904),
        (0.9324695142031522, 0.6612093864662647, 0.2386191860831970),
    ),
    (
        (
            0.04717533638651177,
            0.1069393259953183,
            0.1600783285433464,
            0.2031674267230659,
            0.2334925365383547,
            0.2491470458134029,
        ),
        (
            0.9815606342467191,
            0.9041172563704750,
            0.7699026741943050,
            0.5873179542866171,
            0.3678314989981802,
            0.1252334085114692,
        ),
    ),
    (
        (
            0.01761400713915212,
            0.04060142980038694,
            0.06267204833410906,
            0.08327674157670475,
            0.1019301198172404,
            0.1181945319615184,
            0.1316886384491766,
            0.1420961093183821,
            0.1491729864726037,
            0.1527533871307259,
        ),
        (
            0.9931285991850949,
            0.9639719272779138,
            0.9122344282513259,
            0.8391169718222188,
            0.7463319064601508,
            0.6360536807265150,
            0.5108670019508271,
            0.3737060887154196,
            0.2277858511416451,
            0.07652652113349733,
        ),
    ),
)


def _gauss_legendre_nodes(r: float) -> tuple[list[float], list[float]]:
    """Half-interval Gauss-Legendre weights and nodes on [0, 2], more of them as |r| grows."""
    rule = 0 if abs(r) < 0.3 else 1 if abs(r) < 0.75 else 2
    w, x = _GAUSS_LEGENDRE[rule]
    return list(w) + list(w), [1.0 - v for v in x] + [1.0 + v for v in x]


def _bvnu_moderate(h: float, k: float, r: float) -> float:
    """Genz BVNU for |r| < 0.925: integrate the density along arcsin(r)."""
    weights, nodes = _gauss_legendre_nodes(r)
    hk, hs, asr = h * k, (h * h + k * k) / 2.0, math.asin(r) / 2.0
    total = 0.0
    for w, x in zip(weights, nodes, strict=True):
        sn = math.sin(asr * x)
        total += w * math.exp((sn * hk - hs) / (1.0 - sn * sn))
    return total * asr / _TWO_PI + normal_cdf(-h) * normal_cdf(-k)


def _bvnu_high(h: float, k: float, r: float) -> float:
    """Genz BVNU for |r| >= 0.925: expand around the degenerate |r| = 1 case."""
    weights, nodes = _gauss_legendre_nodes(r)
    if r < 0:
        k = -k
    hk = h * k
    bvn = 0.0
    if abs(r) < 1.0:
        a_s = 1.0 - r * r
        a = math.sqrt(a_s)
        bs = (h - k) ** 2
        c, d = (4.0 - hk) / 8.0, (12.0 - hk) / 80.0
        asr = -(bs / a_s + hk) / 2.0
        if asr > -100.0:
            bvn = a * math.exp(asr) * (1 - c * (bs - a_s) * (1 - d * bs) / 3 + c * d * a_s * a_s)
        if hk > -100.0:
            b = math.sqrt(bs)
            sp = math.sqrt(_TWO_PI) * normal_cdf(-b / a)
            bvn -= math.exp(-hk / 2.0) * sp * b * (1 - c * bs * (1 - d * bs) / 3)
        a /= 2.0
        total = 0.0
        for w, x in zip(weights, nodes, strict=True):
            xs = (a * x) ** 2
            asr = -(bs / xs + hk) / 2.0
            if asr > -100.0:
                sp = 1.0 + c * xs * (1.0 + 5.0 * d * xs)
                rs = math.sqrt(1.0 - xs)
                ep = math.exp(-(hk / 2.0) * xs / (1.0 + rs) ** 2) / rs
                total += w * math.exp(asr) * (sp - ep)
        bvn = (a * total - bvn) / _TWO_PI
    if r > 0:
        return bvn + normal_cdf(-max(h, k))
    if h >= k:
        return -bvn
    mass = normal_cdf(k) - normal_cdf(h) if h < 0 else normal_cdf(-h) - normal_cdf(-k)
    return mass - bvn


def bivariate_normal_upper(h: float, k: float, r: float) -> float:
    """P(X > h, Y > k) for standard bivariate normal (X, Y) with correlation r (Genz BVNU)."""
    if h == math.inf or k == math.inf:
        return 0.0
    if h == -math.inf:
        return 1.0 if k == -math.inf else normal_cdf(-k)
    if k == -math.inf:
        return normal_cdf(-h)
    if r == 0.0:
        return normal_cdf(-h) * normal_cdf(-k)
    value = _bvnu_moderate(h, k, r) if abs(r) < 0.925 else _bvnu_high(h, k, r)
    return max(0.0, min(1.0, value))


def _upper_truncated_moments(h: float, r: float) -> tuple[float, float, float, float]:
    """(P, E[X], E[X^2], E[XY]) of a standard bivariate normal given X > h and Y > h.

    Rosenbaum (1961) with equal thresholds, so E[Y] = E[X] and E[Y^2] = E[X^2].
    """
    q = math.sqrt(1.0 - r * r)
    prob = bivariate_normal_upper(h, h, r)
    a = (h - r * h) / q
    tail = normal_cdf(-a)
    dens = normal_pdf(h)
    joint = dens * normal_pdf(a)
    m1 = (1.0 + r) * dens * tail
    m2 = prob + h * dens * tail * (1.0 + r * r) + r * q * joint
    m11 = r * prob + 2.0 * r * h * dens * tail + q * joint
    return prob, m1 / prob, m2 / prob, m11 / prob


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
    prob, m1, m2, m11 = _upper_truncated_moments(threshold, rho)
    variance = m2 - m1 * m1
    if prob <= 1e-300 or variance <= 0.0:
        return None
    return max(-1.0, min(1.0, (m11 - m1 * m1) / variance))
