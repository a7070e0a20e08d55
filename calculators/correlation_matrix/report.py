"""What a reader of the correlation matrix takes in first: one line of key figures,
and which pairs the heatmap marks as weak evidence."""

from __future__ import annotations

import math
from collections.abc import Sequence

from calculators.stats.correlation import Matrix

SIGNIFICANCE_LEVEL = 0.05
SYMBOLS = {"pearson": "ρ", "spearman": "Spearman ρ", "kendall": "Kendall τ"}
HEADLINE_CONCEPTS = (
    ("Spearman ρ", "spearman-rank-correlation"),
    ("Kendall τ", "kendall-tau"),
    ("ρ", "pearson-correlation"),
)
"""The entries the headline's symbols name; a bare ρ is Pearson's, so it comes last."""


def _pairs(assets: Sequence[str], matrix: Matrix) -> list[tuple[float, str, str]]:
    """Every defined off-diagonal pair once, as (value, first, second)."""
    return [
        (value, assets[i], assets[j])
        for i in range(len(assets))
        for j in range(i + 1, len(assets))
        if (value := matrix[i][j]) is not None
    ]


def _two(value: float) -> str:
    """Two decimals with a true minus sign (and no "−0.00")."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "−")


def headline(assets: Sequence[str], matrix: Matrix, p_values: Matrix | None, method: str) -> str:
    """e.g. "average pairwise ρ 0.66; highest BTC–ETH 0.75; lowest DOGE–LINK 0.31"."""
    pairs = _pairs(assets, matrix)
    symbol = SYMBOLS.get(method, "correlation")
    if not pairs:
        return f"no pairwise {symbol} could be computed"
    average = math.fsum(value for value, _, _ in pairs) / len(pairs)
    high, low = max(pairs), min(pairs)
    parts = [f"average pairwise {symbol} {_two(average)}"]
    parts.append(f"highest {high[1]}–{high[2]} {_two(high[0])}")
    if len(pairs) > 1:
        parts.append(f"lowest {low[1]}–{low[2]} {_two(low[0])}")
    if p_values is not None:
        weak = _weak_count(p_values)
        parts.append(
            f"{weak} of {len(pairs)} pairs with p ≥ {SIGNIFICANCE_LEVEL:g}"
            if weak
            else f"every pair with p < {SIGNIFICANCE_LEVEL:g}"
        )
    return "; ".join(parts)


def _weak_count(p_values: Matrix) -> int:
    """Pairs (each counted once) whose p-value is at least 0.05 or undefined."""
    return sum(1 for row in weak_pairs(p_values) for flag in row if flag) // 2


def weak_pairs(p_values: Matrix) -> list[list[bool]]:
    """True off the diagonal where the p-value is at least 0.05 or undefined."""
    return [
        [i != j and (p is None or p >= SIGNIFICANCE_LEVEL) for j, p in enumerate(row)]
        for i, row in enumerate(p_values)
    ]


def weak_sentence(p_values: Matrix | None) -> str:
    """What the hatching shows, for the heatmap's text equivalent ("" without p-values)."""
    if p_values is None:
        return ""
    weak = _weak_count(p_values)
    if weak == 0:
        return " Every pair is significant at 5%."
    return f" {weak} pair{'s are' if weak != 1 else ' is'} hatched and faded: p ≥ 0.05."
