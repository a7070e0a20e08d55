"""Cluster ordering agrees with scipy's average linkage and leaf order."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform

from calculators.stats.clustering import cluster_order, correlation_distance


@pytest.mark.parametrize("seed", range(8))
def test_leaf_order_matches_scipy_average_linkage(seed: int) -> None:
    rng = np.random.default_rng(seed)
    k = int(rng.integers(3, 12))
    data = rng.normal(size=(120, k)) @ rng.normal(size=(k, k))
    rho = np.corrcoef(data.T)
    distance = np.sqrt((1.0 - rho) / 2.0)
    np.fill_diagonal(distance, 0.0)
    expected = leaves_list(linkage(squareform(distance, checks=False), "average")).tolist()
    assert cluster_order(rho.tolist()) == expected


def test_the_distance_is_zero_for_one_and_one_for_minus_one() -> None:
    assert (correlation_distance(1.0), correlation_distance(-1.0)) == (0.0, 1.0)


def test_an_undefined_correlation_counts_as_zero() -> None:
    assert correlation_distance(None) == correlation_distance(0.0)


def test_correlated_blocks_end_up_adjacent() -> None:
    matrix = [
        [1.0, 0.1, 0.9, 0.1],
        [0.1, 1.0, 0.1, 0.8],
        [0.9, 0.1, 1.0, 0.1],
        [0.1, 0.8, 0.1, 1.0],
    ]
    order = cluster_order(matrix)
    assert abs(order.index(0) - order.index(2)) == 1
    assert abs(order.index(1) - order.index(3)) == 1
