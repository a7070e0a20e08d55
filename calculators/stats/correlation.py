"""Pearson, Spearman and Kendall tau-b correlation, pairwise and as matrices.

Definitions follow pandas ``DataFrame.corr`` and scipy so the tests can use
them as oracles to 1e-9:

- pairs use their pairwise-complete rows, and `min_periods` makes short pairs
  undefined;
- Pearson is computed in two passes (means first, then centred products), so
  a 1e9 offset does not destroy the digits that matter;
- Spearman is Pearson on average ranks taken after pairwise deletion;
- Kendall is tau-b, counted in O(n log n) with Knight's merge sort;
- a zero-variance series gives None (undefined), never 0;
- results are clipped to [−1, 1].

Significance: p-values use the t distribution with n − 2 degrees of freedom
for Pearson and Spearman (as ``scipy.stats.pearsonr``/``spearmanr``) and the
tie-corrected normal approximation for Kendall (as ``scipy.stats.kendalltau``
with ``method="asymptotic"``). The Pearson 95% interval is Fisher's z.
"""

from __future__ import annotations

import math
import operator
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from calculators.stats.distributions import student_t_sf

Method = Literal["pearson", "spearman", "kendall"]
Values = Sequence[float | None]
Matrix = list[list[float | None]]

METHOD_CHOICES: tuple[tuple[str, str], ...] = (
    ("pearson", "Pearson (linear)"),
    ("spearman", "Spearman (rank)"),
    ("kendall", "Kendall tau-b (rank concordance)"),
)

Z_975 = 1.959963984540054  # standard normal 97.5% quantile, for the 95% interval


def _sumprod_fallback(a: Sequence[float], b: Sequence[float]) -> float:
    """Σ a·b on Pythons before 3.12 (no ``math.sumprod``)."""
    total: float = sum(map(operator.mul, a, b))
    return total


dot: Callable[[Sequence[float], Sequence[float]], float] = getattr(
    math, "sumprod", _sumprod_fallback
)


def clip(value: float) -> float:
    """A correlation forced into [−1, 1] (rounding can push it just outside)."""
    return -1.0 if value < -1.0 else 1.0 if value > 1.0 else value


def complete_pairs(x: Values, y: Values) -> tuple[list[float], list[float]]:
    """The rows where both `x` and `y` have a value (pairwise deletion)."""
    xs: list[float] = []
    ys: list[float] = []
    for a, b in zip(x, y, strict=True):
        if a is not None and b is not None:
            xs.append(a)
            ys.append(b)
    return xs, ys


def centred(values: Sequence[float]) -> tuple[list[float], float]:
    """Values minus their mean, and the sum of squares of the result (first pass).

    Columns with magnitudes beyond 1e150 (or below 1e-150) are rescaled first,
    which leaves every correlation unchanged but keeps squares finite.
    """
    if not values or min(values) == max(values):  # constant: zero variance, exactly
        return [0.0] * len(values), 0.0
    largest = max(map(abs, values))
    if largest > 1e150 or 0.0 < largest < 1e-150:
        values = [v / largest for v in values]
    mean = math.fsum(values) / len(values)
    shifted = [v - mean for v in values]
    return shifted, dot(shifted, shifted)


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson correlation of two complete, equally long series (two-pass)."""
    if len(x) < 2:
        return None
    cx, sxx = centred(x)
    cy, syy = centred(y)
    return _ratio(dot(cx, cy), sxx, syy)


def _ratio(sxy: float, sxx: float, syy: float) -> float | None:
    """sxy / √(sxx·syy), None when either series has zero variance."""
    if sxx <= 0.0 or syy <= 0.0:
        return None
    return clip(sxy / (math.sqrt(sxx) * math.sqrt(syy)))


def average_ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks with ties given their average rank (scipy ``rankdata``)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        first = values[order[start]]
        while end + 1 < len(order) and values[order[end + 1]] == first:
            end += 1
        rank = (start + end) / 2.0 + 1.0
        for position in range(start, end + 1):
            ranks[order[position]] = rank
        start = end + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman correlation: Pearson on average ranks of two complete series."""
    if len(x) < 2:
        return None
    return pearson(average_ranks(x), average_ranks(y))


def dense_ranks(values: Sequence[float]) -> list[int]:
    """0-based ranks where equal values share a rank (cheap integer sort keys)."""
    lookup = {value: rank for rank, value in enumerate(sorted(set(values)))}
    return [lookup[value] for value in values]


def _tie_pairs(values: Iterable[int]) -> tuple[int, int, int]:
    """Over groups of equal values: Σt(t−1)/2, Σt(t−1)(t−2) and Σt(t−1)(2t+5).

    Counting is done by ``Counter`` (C speed); only tied groups enter the sums.
    """
    pairs = triples = weighted = 0
    for t in Counter(values).values():
        if t > 1:
            pairs += t * (t - 1) // 2
            triples += t * (t - 1) * (t - 2)
            weighted += t * (t - 1) * (2 * t + 5)
    return pairs, triples, weighted


SMALL_RUN = 32  # runs this short are sorted by binary insertion before merging


def _count_swaps(values: list[int]) -> int:
    """Strict inversions of `values` by bottom-up merge sort (Knight's count), O(n log n).

    Runs of SMALL_RUN elements are built by binary insertion (a constant cost
    per run); each merge level sorts two runs together at C speed and counts
    the pairs that cross (see :func:`_merge_runs`).
    """
    swaps = 0
    runs: list[list[int]] = []
    for start in range(0, len(values), SMALL_RUN):
        run: list[int] = []
        for value in values[start : start + SMALL_RUN]:
            position = bisect_right(run, value)
            swaps += len(run) - position
            run.insert(position, value)
        runs.append(run)
    while len(runs) > 1:
        merged: list[list[int]] = []
        for index in range(0, len(runs) - 1, 2):
            count, run = _merge_runs(runs[index], runs[index + 1])
            swaps += count
            merged.append(run)
        if len(runs) % 2:
            merged.append(runs[-1])
        runs = merged
    return swaps


def _merge_runs(left: list[int], right: list[int]) -> tuple[int, list[int]]:
    """Merge two sorted runs; count pairs with a left value strictly above a right value.

    Left values are tagged 2v and right values 2v + 1, so in the merged order a
    right element comes after exactly the left elements ≤ it. Timsort merges
    the two pre-sorted runs in linear time.
    """
    keys = sorted([2 * v for v in left] + [2 * v + 1 for v in right])
    m = len(right)
    left_before = sum(p for p, k in enumerate(keys) if k & 1) - m * (m - 1) // 2
    return m * len(left) - left_before, [k >> 1 for k in keys]


class KendallCounts:
    """The pair counts behind tau-b, kept for the significance test."""

    __slots__ = (
        "n",
        "score",
        "x_ties",
        "x_triples",
        "x_weighted",
        "y_ties",
        "y_triples",
        "y_weighted",
    )

    def __init__(self, n: int, score: int, x: tuple[int, int, int], y: tuple[int, int, int]):
        self.n = n
        self.score = score
        self.x_ties, self.x_triples, self.x_weighted = x
        self.y_ties, self.y_triples, self.y_weighted = y

    def tau_b(self) -> float | None:
        """(concordant − discordant) / √((n0 − n1)(n0 − n2)); None if either side is constant."""
        total = self.n * (self.n - 1) // 2
        if total - self.x_ties <= 0 or total - self.y_ties <= 0:
            return None
        return clip(self.score / math.sqrt(total - self.x_ties) / math.sqrt(total - self.y_ties))


def kendall_counts(xr: Sequence[int], yr: Sequence[int]) -> KendallCounts:
    """Knight's algorithm on integer ranks: sort by (x, y), then merge-sort y counting swaps."""
    n = len(xr)
    width = max(yr, default=0) + 1
    keys = sorted(a * width + b for a, b in zip(xr, yr, strict=True))
    y_seq = [key % width for key in keys]
    x_counts = _tie_pairs(xr)
    joint = _tie_pairs(keys)[0]
    swaps = _count_swaps(y_seq)
    y_counts = _tie_pairs(yr)
    total = n * (n - 1) // 2
    score = total - x_counts[0] - y_counts[0] + joint - 2 * swaps
    return KendallCounts(n, score, x_counts, y_counts)


def kendall(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Kendall tau-b of two complete series, O(n log n)."""
    if len(x) < 2:
        return None
    return kendall_counts(dense_ranks(x), dense_ranks(y)).tau_b()


PAIR_FUNCTIONS: dict[str, Callable[[Sequence[float], Sequence[float]], float | None]] = {
    "pearson": pearson,
    "spearman": spearman,
    "kendall": kendall,
}


def correlate(
    x: Values, y: Values, method: str = "pearson", min_periods: int = 1
) -> tuple[float | None, int]:
    """The correlation of one pair on its complete rows, and how many rows that was."""
    xs, ys = complete_pairs(x, y)
    if len(xs) < max(min_periods, 2):
        return None, len(xs)
    return PAIR_FUNCTIONS[method](xs, ys), len(xs)


def t_test_p_value(r: float | None, n: int) -> float | None:
    """Two-sided p-value of r ≠ 0 from t = r√((n−2)/(1−r²)), df = n − 2 (Pearson, Spearman)."""
    if r is None or n < 3:
        return None
    if abs(r) >= 1.0:
        return 0.0
    df = n - 2
    t = abs(r) * math.sqrt(df / ((1.0 - r) * (1.0 + r)))
    return min(1.0, 2.0 * student_t_sf(t, df))


def kendall_p_value(counts: KendallCounts) -> float | None:
    """Two-sided p-value of tau-b ≠ 0, normal approximation with the tie-corrected variance."""
    n = counts.n
    if n < 3 or counts.tau_b() is None:
        return None
    m = n * (n - 1.0)
    variance = (
        (m * (2 * n + 5) - counts.x_weighted - counts.y_weighted) / 18.0
        + 2.0 * counts.x_ties * counts.y_ties / m
        + counts.x_triples * counts.y_triples / (9.0 * m * (n - 2))
    )
    if variance <= 0.0:
        return None
    return min(1.0, math.erfc(abs(counts.score) / math.sqrt(variance) / math.sqrt(2.0)))


def fisher_interval(r: float | None, n: int, z: float = Z_975) -> tuple[float, float] | None:
    """The Fisher-z confidence interval for a Pearson r from n rows (95% by default)."""
    if r is None or n < 4:
        return None
    if abs(r) >= 1.0:
        return (r, r)
    centre = math.atanh(r)
    half = z / math.sqrt(n - 3)
    return (math.tanh(centre - half), math.tanh(centre + half))


def pair_p_value(x: Values, y: Values, method: str) -> float | None:
    """The p-value of one pair on its complete rows."""
    xs, ys = complete_pairs(x, y)
    if len(xs) < 3:
        return None
    if method == "kendall":
        return kendall_p_value(kendall_counts(dense_ranks(xs), dense_ranks(ys)))
    return t_test_p_value(PAIR_FUNCTIONS[method](xs, ys), len(xs))


class _Prepared:
    """Per-column work done once for the no-missing-data fast path."""

    def __init__(self, column: Sequence[float], method: str) -> None:
        self.ranks: list[int] = []
        self.unit: tuple[float, ...] = ()
        if method == "kendall":
            self.ranks = dense_ranks(column)
            return
        shifted, ss = centred(average_ranks(column) if method == "spearman" else column)
        if ss > 0.0:
            norm = math.sqrt(ss)
            self.unit = tuple(v / norm for v in shifted)


def _fast_pair(a: _Prepared, b: _Prepared, method: str) -> float | None:
    """A correlation of two complete columns from their prepared forms.

    For unit vectors ‖a − b‖² = 2 − 2ρ, and ``math.dist`` is the fastest
    accurate C loop the standard library offers (about a third faster than
    ``math.sumprod`` in Pyodide); the absolute error stays near 1e-16.
    """
    if method == "kendall":
        return kendall_counts(a.ranks, b.ranks).tau_b()
    if not a.unit or not b.unit:
        return None
    distance = math.dist(a.unit, b.unit)
    return clip(1.0 - distance * distance / 2.0)


def _diagonal(column: Values, method: str, min_periods: int) -> tuple[float | None, int]:
    """1 for a series with variance and enough rows, else None; and its row count."""
    values = column if None not in column else [v for v in column if v is not None]
    if len(values) < max(min_periods, 2):
        return None, len(values)
    return (1.0 if min(values) != max(values) else None), len(values)  # type: ignore[type-var]


def correlation_matrix(
    columns: Sequence[Values], method: str = "pearson", min_periods: int = 1
) -> tuple[Matrix, list[list[int]]]:
    """The pairwise-complete correlation matrix and the row count of every pair.

    Columns without missing values are prepared once (centred, ranked) so a
    pair of them costs one dot product or one merge sort.
    """
    k = len(columns)
    matrix: Matrix = [[None] * k for _ in range(k)]
    counts = [[0] * k for _ in range(k)]
    prepared = _prepare_complete(columns, method)
    for i in range(k):
        matrix[i][i], counts[i][i] = _diagonal(columns[i], method, min_periods)
        for j in range(i + 1, k):
            value, count = _pair(columns, prepared, i, j, method, min_periods)
            matrix[i][j] = matrix[j][i] = value
            counts[i][j] = counts[j][i] = count
    return matrix, counts


def _prepare_complete(columns: Sequence[Values], method: str) -> list[_Prepared | None]:
    """A prepared form for each column without missing values, None for the others."""
    prepared: list[_Prepared | None] = []
    for column in columns:
        if len(column) >= 2 and None not in column:
            prepared.append(_Prepared(column, method))  # type: ignore[arg-type]
        else:
            prepared.append(None)
    return prepared


def _pair(
    columns: Sequence[Values],
    prepared: Sequence[_Prepared | None],
    i: int,
    j: int,
    method: str,
    min_periods: int,
) -> tuple[float | None, int]:
    """One off-diagonal entry: the fast path when both columns are complete."""
    a, b = prepared[i], prepared[j]
    if a is not None and b is not None:
        n = len(columns[i])
        return (_fast_pair(a, b, method) if n >= max(min_periods, 2) else None), n
    return correlate(columns[i], columns[j], method, min_periods)


def p_value_matrix(
    columns: Sequence[Values],
    matrix: Matrix,
    method: str,
    counts: Sequence[Sequence[int]] | None = None,
) -> list[list[float | None]]:
    """p-values for every defined off-diagonal entry (None on the diagonal and where undefined).

    Pearson and Spearman need only r and the pair's row count; Kendall's
    tie-corrected variance needs the pair's data again.
    """
    k = len(columns)
    result: list[list[float | None]] = [[None] * k for _ in range(k)]
    for i in range(k):
        for j in range(i + 1, k):
            if matrix[i][j] is None:
                continue
            if method == "kendall":
                value = pair_p_value(columns[i], columns[j], method)
            else:
                n = counts[i][j] if counts else len(complete_pairs(columns[i], columns[j])[0])
                value = t_test_p_value(matrix[i][j], n)
            result[i][j] = result[j][i] = value
    return result
