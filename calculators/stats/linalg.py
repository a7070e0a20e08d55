"""Small dense linear algebra for symmetric matrices, in pure Python.

The calculators need eigenvalues (positive-semidefinite checks, principal portfolios),
Higham's nearest correlation matrix (repairing pairwise or hand-entered matrices) and
Cholesky factors. Matrices are at most a few dozen assets wide, so cyclic Jacobi is
accurate to machine precision and fast enough, and keeps the package free of numpy so
it runs unchanged in Pyodide.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence

__all__ = [
    "Matrix",
    "Vector",
    "cholesky",
    "is_psd",
    "mat_vec",
    "nearest_correlation",
    "quadratic_form",
    "symmetric_eigen",
]

Vector = list[float]
Matrix = list[list[float]]

_MAX_SWEEPS = 100


def _copy(m: Sequence[Sequence[float]]) -> Matrix:
    """Return a fresh list-of-lists so callers' matrices are never mutated."""
    return [[float(v) for v in row] for row in m]


def _check_square(m: Sequence[Sequence[float]]) -> int:
    """Return the size of a square matrix; a ragged matrix is a programming error."""
    n = len(m)
    if any(len(row) != n for row in m):
        raise ValueError("matrix must be square")
    return n


def mat_vec(m: Sequence[Sequence[float]], v: Sequence[float]) -> Vector:
    """Return the matrix-vector product m @ v."""
    return [math.fsum(a * b for a, b in zip(row, v, strict=True)) for row in m]


def quadratic_form(m: Sequence[Sequence[float]], v: Sequence[float]) -> float:
    """Return v' m v, summed with fsum so tiny portfolio variances keep their digits."""
    return math.fsum(a * b for a, b in zip(v, mat_vec(m, v), strict=True))


def _rotation(app: float, aqq: float, apq: float) -> tuple[float, float, float]:
    """Return (c, s, t) of the Jacobi rotation that zeroes a[p][q] (Numerical Recipes)."""
    theta = (aqq - app) / (2.0 * apq)
    if abs(theta) > 1e150:
        t = 0.5 / theta
    else:
        t = math.copysign(1.0, theta) / (abs(theta) + math.sqrt(theta * theta + 1.0))
    c = 1.0 / math.sqrt(t * t + 1.0)
    return c, t * c, t


def _rotate(a: Matrix, vt: Matrix, p: int, q: int) -> None:
    """Apply one Jacobi rotation in place to the symmetric a and the eigenvector rows vt."""
    apq = a[p][q]
    app, aqq = a[p][p], a[q][q]
    c, s, t = _rotation(app, aqq, apq)
    row_p, row_q = a[p], a[q]
    new_p = [c * x - s * y for x, y in zip(row_p, row_q, strict=True)]
    new_q = [s * x + c * y for x, y in zip(row_p, row_q, strict=True)]
    a[p], a[q] = new_p, new_q
    for k, row in enumerate(a):
        row[p], row[q] = new_p[k], new_q[k]
    new_p[p], new_q[q] = app - t * apq, aqq + t * apq
    new_p[q] = new_q[p] = 0.0
    vp, vq = vt[p], vt[q]
    vt[p] = [c * x - s * y for x, y in zip(vp, vq, strict=True)]
    vt[q] = [s * x + c * y for x, y in zip(vp, vq, strict=True)]


def _sweep(a: Matrix, vt: Matrix, tiny: float) -> int:
    """One cyclic sweep over every off-diagonal pair; returns how many rotations it made.

    Entries at or below `tiny` (machine precision relative to the matrix norm) are
    left alone: rotating them cannot change any eigenvalue at double precision.
    """
    n = len(a)
    rotations = 0
    for p in range(n - 1):
        row = a[p]
        for q in range(p + 1, n):
            if abs(row[q]) > tiny:
                _rotate(a, vt, p, q)
                row = a[p]
                rotations += 1
    return rotations


def _dot_rows(a: Sequence[float], b: Sequence[float]) -> float:
    """Inner product of two equally long rows."""
    total: float = sum(map(operator.mul, a, b))
    return total


def _in_basis(m: Sequence[Sequence[float]], basis: Matrix) -> Matrix:
    """Q m Q' for a basis whose rows are orthonormal: m seen from those directions."""
    qm = [[_dot_rows(q, row) for row in m] for q in basis]
    return [[_dot_rows(t, q) for q in basis] for t in qm]


def _canonical_sign(v: Vector) -> Vector:
    """Flip an eigenvector so its largest-magnitude entry is positive: deterministic output."""
    pivot = max(v, key=abs) if v else 0.0
    return [-x for x in v] if pivot < 0 else v


def symmetric_eigen(
    m: Sequence[Sequence[float]], start: Sequence[Sequence[float]] | None = None
) -> tuple[Vector, Matrix]:
    """Eigen-decompose a symmetric matrix by cyclic Jacobi.

    Returns (eigenvalues ascending, eigenvectors) where eigenvectors[i] is the unit
    vector for eigenvalues[i], sign-normalised so the output is reproducible.
    `start`, orthonormal rows such as the eigenvectors of a nearby matrix, is a warm
    start: m is first rotated into that basis, where it is almost diagonal, so Jacobi
    needs two or three sweeps instead of eight (Higham's iteration relies on this).
    """
    n = _check_square(m)
    if start is None:
        a = _copy(m)
        vt: Matrix = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    else:
        vt = _copy(start)
        a = _in_basis(m, vt)
    tiny = 1e-17 * math.sqrt(math.fsum(x * x for row in a for x in row))
    for _ in range(_MAX_SWEEPS):
        if _sweep(a, vt, tiny) == 0:
            break
    order = sorted(range(n), key=lambda i: a[i][i])
    return [a[i][i] for i in order], [_canonical_sign(vt[i]) for i in order]


def is_psd(m: Sequence[Sequence[float]], tol: float = 1e-10) -> bool:
    """True when the smallest eigenvalue is at least -tol times the matrix scale.

    The tolerance is relative (to the largest absolute eigenvalue, at least 1) so a
    correlation matrix estimated in floating point is not rejected for rounding noise.
    """
    if not m:
        return True
    values, _ = symmetric_eigen(m)
    scale = max(1.0, max(abs(v) for v in values))
    return values[0] >= -tol * scale


def _rank_one_sum(terms: Sequence[tuple[float, Vector]], n: int) -> Matrix:
    """Return sum of lam * v v' over the given (lam, v) terms."""
    out: Matrix = [[0.0] * n for _ in range(n)]
    for lam, v in terms:
        for i in range(n):
            li = lam * v[i]
            if li != 0.0:
                row = out[i]
                for j in range(n):
                    row[j] += li * v[j]
    return out


def _project_psd(
    m: Matrix, floor: float = 0.0, start: Matrix | None = None
) -> tuple[Matrix, Matrix]:
    """Nearest PSD matrix in the Frobenius norm, and the eigenvectors used to build it.

    Eigenvalues below floor are raised to it.

    Usually only a few eigenvalues are clipped, so the result is built as m plus a
    low-rank correction rather than from the full decomposition.
    """
    n = len(m)
    values, vectors = symmetric_eigen(m, start)
    low = [(floor - v, vec) for v, vec in zip(values, vectors, strict=True) if v < floor]
    if 2 * len(low) <= n:
        delta = _rank_one_sum(low, n)
        out = [
            [a + d for a, d in zip(ra, rd, strict=True)] for ra, rd in zip(m, delta, strict=True)
        ]
    else:
        kept = [(max(v, floor), vec) for v, vec in zip(values, vectors, strict=True)]
        out = _rank_one_sum(kept, n)
    symmetric = [[(out[i][j] + out[j][i]) / 2.0 for j in range(n)] for i in range(n)]
    return symmetric, vectors


def _unit_diagonal(m: Matrix) -> Matrix:
    """Projection onto matrices with unit diagonal: overwrite the diagonal with ones."""
    return [[1.0 if i == j else v for j, v in enumerate(row)] for i, row in enumerate(m)]


def _rescale_to_correlation(m: Matrix) -> Matrix:
    """D^-1/2 m D^-1/2: keeps PSD exactly and restores a unit diagonal after clipping."""
    d = [math.sqrt(m[i][i]) if m[i][i] > 0 else 1.0 for i in range(len(m))]
    out = [[m[i][j] / (d[i] * d[j]) for j in range(len(m))] for i in range(len(m))]
    return [
        [1.0 if i == j else max(-1.0, min(1.0, v)) for j, v in enumerate(row)]
        for i, row in enumerate(out)
    ]


def _subtract(a: Matrix, b: Matrix) -> Matrix:
    """Element-wise a - b."""
    return [[x - y for x, y in zip(ra, rb, strict=True)] for ra, rb in zip(a, b, strict=True)]


def _frobenius_norm(a: Matrix) -> float:
    """Frobenius norm of a."""
    return math.sqrt(math.fsum(x * x for row in a for x in row))


def _frobenius_distance(a: Matrix, b: Matrix) -> float:
    """Frobenius norm of a - b."""
    return math.sqrt(
        math.fsum(
            (x - y) ** 2 for ra, rb in zip(a, b, strict=True) for x, y in zip(ra, rb, strict=True)
        )
    )


def nearest_correlation(
    m: Sequence[Sequence[float]], tol: float = 1e-10, max_iterations: int = 1000
) -> Matrix:
    """Nearest correlation matrix in the Frobenius norm (Higham 2002).

    Alternating projections onto the PSD cone and the unit-diagonal set, with
    Dykstra's correction on the PSD step so the limit is the true nearest matrix and
    not just some valid one. A final eigenvalue floor and rescaling guarantee the
    result is exactly PSD with a unit diagonal, at a cost of order tol in distance.
    """
    n = _check_square(m)
    y = _unit_diagonal(_copy(m))
    correction: Matrix = [[0.0] * n for _ in range(n)]
    basis: Matrix | None = None
    for _ in range(max_iterations):
        r = _subtract(y, correction)
        x, basis = _project_psd(r, start=basis)
        correction = _subtract(x, r)
        y_next = _unit_diagonal(x)
        change = _frobenius_distance(y_next, y) / max(1.0, _frobenius_norm(y_next))
        y = y_next
        if change < tol:
            break
    return _rescale_to_correlation(_project_psd(y, floor=0.0, start=basis)[0])


def cholesky(m: Sequence[Sequence[float]]) -> Matrix:
    """Lower-triangular L with L L' = m; raises ValueError when m is not positive definite."""
    n = _check_square(m)
    low: Matrix = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            s = m[i][j] - math.fsum(low[i][k] * low[j][k] for k in range(j))
            if i == j:
                if s <= 0.0:
                    raise ValueError("matrix is not positive definite")
                low[i][i] = math.sqrt(s)
            else:
                low[i][j] = s / low[j][j]
    return low
