"""Cluster ordering of a correlation matrix: average linkage on d = √((1 − ρ)/2).

Reordering assets so that correlated ones sit together makes blocks visible in
the heatmap. The distance is the usual correlation metric (0 for ρ = 1, 1 for
ρ = −1); undefined correlations count as ρ = 0. The merge rule and the leaf
order follow scipy (``linkage(method="average")`` then ``leaves_list``): the
cluster with the smaller id is the left child, and leaves are read left first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def correlation_distance(rho: float | None) -> float:
    """√((1 − ρ)/2), with an undefined ρ treated as 0."""
    value = 0.0 if rho is None else max(-1.0, min(1.0, rho))
    return math.sqrt(max(0.0, (1.0 - value) / 2.0))


def average_linkage(distances: Sequence[Sequence[float]]) -> list[tuple[int, int, float]]:
    """Merges as (left id, right id, distance); new clusters get ids n, n + 1, …"""
    n = len(distances)
    active: dict[int, int] = {i: 1 for i in range(n)}
    dist: dict[tuple[int, int], float] = {
        (i, j): float(distances[i][j]) for i in range(n) for j in range(i + 1, n)
    }
    merges: list[tuple[int, int, float]] = []
    for new in range(n, 2 * n - 1):
        (a, b), d = min(dist.items(), key=lambda item: (item[1], item[0]))
        merges.append((a, b, d))
        _merge_clusters(active, dist, a, b, new)
    return merges


def _merge_clusters(
    active: dict[int, int], dist: dict[tuple[int, int], float], a: int, b: int, new: int
) -> None:
    """Replace clusters a and b by `new`, with Lance–Williams average distances."""
    size_a, size_b = active.pop(a), active.pop(b)
    for other in active:
        d_a = dist.pop(_key(a, other))
        d_b = dist.pop(_key(b, other))
        dist[_key(other, new)] = (size_a * d_a + size_b * d_b) / (size_a + size_b)
    del dist[_key(a, b)]
    active[new] = size_a + size_b


def _key(i: int, j: int) -> tuple[int, int]:
    """The dictionary key of an unordered pair."""
    return (i, j) if i < j else (j, i)


def leaf_order(merges: Sequence[tuple[int, int, float]], n: int) -> list[int]:
    """Leaves of the dendrogram from left to right."""
    if n == 0:
        return []
    children = {n + step: (a, b) for step, (a, b, _) in enumerate(merges)}
    order: list[int] = []
    stack = [2 * n - 2 if merges else 0]
    while stack:
        node = stack.pop()
        if node < n:
            order.append(node)
        else:
            left, right = children[node]
            stack.extend((right, left))
    return order


def cluster_order(matrix: Sequence[Sequence[float | None]]) -> list[int]:
    """The index order that puts correlated assets next to each other."""
    n = len(matrix)
    distances = [
        [0.0 if i == j else correlation_distance(matrix[i][j]) for j in range(n)] for i in range(n)
    ]
    return leaf_order(average_linkage(distances), n)
