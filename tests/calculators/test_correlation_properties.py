"""Properties every correlation matrix must have, for any data hypothesis finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.stats.correlation import _count_swaps, correlation_matrix

METHODS = st.sampled_from(["pearson", "spearman", "kendall"])
# Prices and returns: up to 1e6 with three decimals (subnormal inputs are a separate test).
VALUE = st.one_of(st.none(), st.integers(-(10**9), 10**9).map(lambda i: i / 1000))


@st.composite
def columns(draw: st.DrawFn) -> list[list[float | None]]:
    """2–4 columns of 3–25 rows, some cells missing."""
    rows = draw(st.integers(3, 25))
    count = draw(st.integers(2, 4))
    return [draw(st.lists(VALUE, min_size=rows, max_size=rows)) for _ in range(count)]


@settings(max_examples=80, deadline=None)
@given(columns(), METHODS)
def test_the_matrix_is_symmetric(data: list[list[float | None]], method: str) -> None:
    matrix, counts = correlation_matrix(data, method)
    assert all(matrix[i][j] == matrix[j][i] for i in range(len(data)) for j in range(len(data)))
    assert counts == [list(row) for row in zip(*counts, strict=True)]


@settings(max_examples=80, deadline=None)
@given(columns(), METHODS)
def test_the_diagonal_is_one_or_undefined(data: list[list[float | None]], method: str) -> None:
    matrix, _ = correlation_matrix(data, method)
    assert all(matrix[i][i] in (1.0, None) for i in range(len(data)))


@settings(max_examples=80, deadline=None)
@given(columns(), METHODS)
def test_every_value_lies_in_the_unit_interval(data: list[list[float | None]], method: str) -> None:
    matrix, _ = correlation_matrix(data, method)
    assert all(v is None or -1.0 <= v <= 1.0 for row in matrix for v in row)


def _scaled(column: list[float | None], factor: float) -> list[float | None]:
    return [None if v is None else v * factor for v in column]


@settings(max_examples=80, deadline=None)
@given(columns(), METHODS, st.sampled_from([0.5, 2.0, 4.0, 1024.0]))
def test_positive_scaling_changes_nothing(
    data: list[list[float | None]], method: str, factor: float
) -> None:
    before, _ = correlation_matrix(data, method)
    after, _ = correlation_matrix([_scaled(data[0], factor), *data[1:]], method)
    for row_before, row_after in zip(before, after, strict=True):
        for a, b in zip(row_before, row_after, strict=True):
            assert (a is None) == (b is None)
            assert a is None or b is None or abs(a - b) <= 1e-9


@settings(max_examples=80, deadline=None)
@given(columns(), METHODS)
def test_negating_a_series_flips_the_sign(data: list[list[float | None]], method: str) -> None:
    before, _ = correlation_matrix(data, method)
    after, _ = correlation_matrix([_scaled(data[0], -1.0), *data[1:]], method)
    for j in range(1, len(data)):
        a, b = before[0][j], after[0][j]
        assert (a is None) == (b is None)
        assert a is None or b is None or abs(a + b) <= 1e-9


@settings(max_examples=120, deadline=None)
@given(st.lists(st.integers(0, 12), max_size=200))
def test_the_merge_count_equals_the_brute_force_inversion_count(values: list[int]) -> None:
    expected = sum(
        1 for i in range(len(values)) for j in range(i + 1, len(values)) if values[i] > values[j]
    )
    work = list(values)
    assert _count_swaps(work) == expected


@settings(max_examples=60, deadline=None)
@given(
    columns_of_any_floats := st.lists(
        st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=4, max_size=4),
        min_size=2,
        max_size=3,
    ),
    METHODS,
)
def test_any_finite_floats_give_a_bounded_result_or_none(
    data: list[list[float]], method: str
) -> None:
    matrix, _ = correlation_matrix(data, method)  # type: ignore[arg-type]
    assert all(v is None or -1.0 <= v <= 1.0 for row in matrix for v in row)
