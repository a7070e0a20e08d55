"""Symmetric eigen-decomposition, PSD checks, Higham's nearest correlation and Cholesky."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.stats.linalg import (
    cholesky,
    is_psd,
    nearest_correlation,
    quadratic_form,
    symmetric_eigen,
)

HIGHAM_EXAMPLE = [[1.0, 1.0, 0.0], [1.0, 1.0, 1.0], [0.0, 1.0, 1.0]]
# Higham (2002), section 4: the nearest correlation matrix to HIGHAM_EXAMPLE, to 4 decimals.
HIGHAM_ANSWER = [[1.0, 0.7607, 0.1573], [0.7607, 1.0, 0.7607], [0.1573, 0.7607, 1.0]]


def random_symmetric(seed: int, n: int) -> np.ndarray:
    """A dense random symmetric matrix."""
    m = np.random.default_rng(seed).normal(size=(n, n))
    return (m + m.T) / 2.0


def broken_correlation(seed: int, n: int) -> np.ndarray:
    """A unit-diagonal symmetric matrix in [-1, 1] that is usually not PSD."""
    rng = np.random.default_rng(seed)
    m = np.corrcoef(rng.normal(size=(n, n + 2))) + rng.uniform(-0.4, 0.4, size=(n, n))
    m = np.clip((m + m.T) / 2.0, -1.0, 1.0)
    np.fill_diagonal(m, 1.0)
    return m


def higham_numpy(a: np.ndarray, iterations: int = 5000) -> np.ndarray:
    """Oracle: Higham's alternating projections with Dykstra's correction, in numpy."""
    y = a.copy()
    ds = np.zeros_like(a)
    for _ in range(iterations):
        r = y - ds
        w, v = np.linalg.eigh(r)
        x = (v * np.maximum(w, 0.0)) @ v.T
        ds = x - r
        y_next = x.copy()
        np.fill_diagonal(y_next, 1.0)
        if np.linalg.norm(y_next - y) < 1e-14:
            return y_next
        y = y_next
    return y


@pytest.mark.parametrize("n", [1, 2, 5, 12, 30])
def test_eigenvalues_match_numpy_eigh(n: int) -> None:
    m = random_symmetric(n, n)
    values, _ = symmetric_eigen(m.tolist())
    assert np.allclose(values, np.linalg.eigvalsh(m), atol=1e-12, rtol=0)


@pytest.mark.parametrize("n", [2, 6, 20])
def test_eigenvectors_rebuild_the_matrix(n: int) -> None:
    m = random_symmetric(100 + n, n)
    values, vectors = symmetric_eigen(m.tolist())
    v = np.array(vectors).T
    assert np.allclose(v @ np.diag(values) @ v.T, m, atol=1e-12)
    assert np.allclose(v.T @ v, np.eye(n), atol=1e-12)


def test_eigenvectors_have_a_deterministic_sign() -> None:
    m = random_symmetric(7, 6).tolist()
    _, vectors = symmetric_eigen(m)
    for vector in vectors:
        assert max(vector, key=abs) > 0


def test_eigen_of_a_diagonal_matrix_is_sorted_diagonal() -> None:
    values, vectors = symmetric_eigen([[3.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, 2.0]])
    assert values == [-1.0, 2.0, 3.0]
    assert vectors[0] == [0.0, 1.0, 0.0]


def test_is_psd_accepts_a_sample_correlation_matrix() -> None:
    data = np.random.default_rng(3).normal(size=(8, 50))
    assert is_psd(np.corrcoef(data).tolist())


def test_is_psd_rejects_highams_example() -> None:
    assert not is_psd(HIGHAM_EXAMPLE)


def test_is_psd_accepts_a_singular_matrix_despite_rounding() -> None:
    assert is_psd([[1.0, 1.0], [1.0, 1.0]])


def test_nearest_correlation_reproduces_highams_published_example() -> None:
    result = np.array(nearest_correlation(HIGHAM_EXAMPLE))
    assert np.allclose(result, HIGHAM_ANSWER, atol=5e-5)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_nearest_correlation_matches_a_numpy_higham_oracle(seed: int) -> None:
    a = broken_correlation(seed, 6)
    assert np.linalg.eigvalsh(a)[0] < -1e-3
    assert np.allclose(nearest_correlation(a.tolist()), higham_numpy(a), atol=1e-7)


@pytest.mark.parametrize("seed", [4, 5])
def test_nearest_correlation_is_a_valid_correlation_matrix(seed: int) -> None:
    result = np.array(nearest_correlation(broken_correlation(seed, 10).tolist()))
    assert np.allclose(np.diag(result), 1.0, atol=0)
    assert np.allclose(result, result.T, atol=0)
    assert np.linalg.eigvalsh(result)[0] >= -1e-12


def test_nearest_correlation_leaves_a_valid_matrix_unchanged() -> None:
    valid = np.corrcoef(np.random.default_rng(9).normal(size=(5, 40)))
    assert np.allclose(nearest_correlation(valid.tolist()), valid, atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.0, 1.0))
def test_nearest_correlation_is_no_farther_than_a_shrunk_candidate(seed: int, t: float) -> None:
    a = broken_correlation(seed, 5)
    candidate = (1.0 - t) * np.eye(5) + t * np.corrcoef(
        np.random.default_rng(seed).normal(size=(5, 9))
    )
    nearest = np.array(nearest_correlation(a.tolist()))
    assert np.linalg.norm(a - nearest) <= np.linalg.norm(a - candidate) + 1e-9


def test_cholesky_matches_numpy() -> None:
    m = np.corrcoef(np.random.default_rng(11).normal(size=(6, 30)))
    assert np.allclose(cholesky(m.tolist()), np.linalg.cholesky(m), atol=1e-13)


def test_cholesky_refuses_a_matrix_that_is_not_positive_definite() -> None:
    with pytest.raises(ValueError, match="not positive definite"):
        cholesky(HIGHAM_EXAMPLE)


def test_quadratic_form_matches_numpy() -> None:
    m = random_symmetric(12, 4)
    w = np.array([0.4, -0.1, 0.5, 0.2])
    assert quadratic_form(m.tolist(), w.tolist()) == pytest.approx(w @ m @ w, abs=1e-14)
