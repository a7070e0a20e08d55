"""Shared fixtures and data builders for the calculator tests.

Data builders return plain lists with None for missing values (what the
library takes) and matching pandas objects (what the oracles take), so each
test states its data once.
"""

from __future__ import annotations

import datetime
import math
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # test modules import helpers as tests.calculators.conftest
    sys.path.insert(0, str(ROOT))

Column = list[float | None]


def to_frame(columns: Sequence[Column], names: Sequence[str] | None = None) -> pd.DataFrame:
    """A float DataFrame with NaN where the list has None."""
    names = list(names or [f"A{i}" for i in range(len(columns))])
    data = {
        name: [np.nan if v is None else v for v in column]
        for name, column in zip(names, columns, strict=True)
    }
    return pd.DataFrame(data, dtype=float)


def to_list_matrix(frame: pd.DataFrame) -> list[list[float | None]]:
    """A pandas matrix as lists with None for NaN."""
    return [[None if math.isnan(v) else float(v) for v in row] for row in frame.to_numpy()]


def csv_text(columns: Sequence[Column], names: Sequence[str], delimiter: str = ",") -> str:
    """CSV text with a ``date`` label column and empty cells for None."""
    rows = [delimiter.join(["date", *names])]
    for index in range(len(columns[0])):
        cells = ["" if column[index] is None else repr(column[index]) for column in columns]
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=index)
        rows.append(delimiter.join([day.isoformat(), *cells]))
    return "\n".join(rows) + "\n"


def correlated_columns(
    rng: random.Random, rows: int, count: int, rho: float = 0.6, offset: float = 0.0
) -> list[Column]:
    """`count` one-factor correlated columns of `rows` normal draws plus `offset`."""
    market = [rng.gauss(0.0, 1.0) for _ in range(rows)]
    loading = math.sqrt(rho)
    rest = math.sqrt(1.0 - rho)
    return [
        [offset + loading * m + rest * rng.gauss(0.0, 1.0) for m in market] for _ in range(count)
    ]


def with_missing(rng: random.Random, columns: list[Column], share: float) -> list[Column]:
    """The same columns with about `share` of the cells set to None."""
    return [[None if rng.random() < share else v for v in column] for column in columns]


def with_ties(columns: list[Column], step: float = 0.5) -> list[Column]:
    """Values rounded to multiples of `step`, so ranks tie."""
    return [[None if v is None else round(v / step) * step for v in column] for column in columns]


def assert_matrix_close(
    mine: Sequence[Sequence[float | None]], oracle: Sequence[Sequence[float | None]], tol: float
) -> None:
    """Same undefined cells, and every defined cell within `tol`."""
    assert len(mine) == len(oracle)
    for row_mine, row_oracle in zip(mine, oracle, strict=True):
        for a, b in zip(row_mine, row_oracle, strict=True):
            assert (a is None) == (b is None), (a, b)
            if a is not None and b is not None:
                assert abs(a - b) <= tol, (a, b)


@pytest.fixture
def rng() -> random.Random:
    """A seeded generator, fresh for each test."""
    return random.Random(20240601)


@pytest.fixture(scope="session")
def example_module() -> ModuleType:
    """scripts/make_example_data.py imported as a module (scripts/ is not a package)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_example_data

        return make_example_data
    finally:
        sys.path.remove(str(ROOT / "scripts"))
