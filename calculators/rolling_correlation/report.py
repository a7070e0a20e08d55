"""The rolling correlation's line of key figures, read before the chart's details."""

from __future__ import annotations

import math
from collections.abc import Sequence

SYMBOLS = {
    "pearson": "ρ",
    "spearman": "Spearman ρ",
    "kendall": "Kendall τ",
    "ewma": "EWMA ρ",
    "riskmetrics": "EWMA ρ",
}
HEADLINE_CONCEPTS = (
    ("EWMA ρ", "ewma-correlation"),
    ("Spearman ρ", "spearman-rank-correlation"),
    ("Kendall τ", "kendall-tau"),
    ("ρ", "pearson-correlation"),
)
"""The entries the headline's symbols name; a bare ρ is Pearson's, so it comes last."""


def _two(value: float) -> str:
    """Two decimals with a true minus sign (and no "−0.00")."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "−")


def headline(
    labels: Sequence[str], values: Sequence[float | None], overall: float | None, method: str
) -> str:
    """e.g. "latest ρ 0.71 (2024-12-31); average 0.64; range 0.31 to 0.88; full sample 0.66"."""
    points = [(v, label) for v, label in zip(values, labels, strict=True) if v is not None]
    symbol = SYMBOLS.get(method, "correlation")
    if not points:
        return f"no rolling {symbol} could be computed"
    latest, low, high = points[-1], min(points), max(points)
    mean = math.fsum(v for v, _ in points) / len(points)
    parts = [
        f"latest {symbol} {_two(latest[0])} ({latest[1]})",
        f"average {_two(mean)}",
        f"range {_two(low[0])} to {_two(high[0])}",
    ]
    if overall is not None:
        parts.append(f"full sample {_two(overall)}")
    return "; ".join(parts)
