"""The correlation-matrix calculator: result shape, options and warnings."""

from __future__ import annotations

import random

import pytest
from scipy import stats

from calculators import correlation_matrix as matrix
from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import parse_csv
from calculators.inputs.returns import to_returns
from calculators.stats.correlation import complete_pairs, correlation_matrix
from calculators.stats.linalg import is_psd
from tests.calculators.conftest import (
    Column,
    assert_matrix_close,
    correlated_columns,
    csv_text,
    to_frame,
    to_list_matrix,
    with_missing,
)

NAMES = ["BTC", "ETH", "SOL", "XRP"]


def _csv(rng: random.Random, rows: int = 120) -> str:
    prices = [[100.0 * (1.0 + 0.01 * v) for v in col] for col in correlated_columns(rng, rows, 4)]
    return csv_text(prices, NAMES)


def _not_psd_csv() -> str:
    """Three series whose pairs never share rows: A≈B, B≈C but A≈−C."""
    rng = random.Random(3)
    a: Column = []
    b: Column = []
    c: Column = []
    for block in range(3):
        for _ in range(12):
            t = rng.gauss(0, 1)
            noise = rng.gauss(0, 0.05)
            a.append(None if block == 1 else t)
            b.append(None if block == 2 else (t + noise if block == 0 else t))
            c.append(None if block == 0 else (t + noise if block == 1 else -t))
    return csv_text([a, b, c], ["A", "B", "C"])


def test_the_result_keeps_the_csv_column_order(rng: random.Random) -> None:
    result = matrix.compute({"csv": _csv(rng)})
    assert result["assets"] == NAMES
    assert len(result["matrix"]) == 4 and all(len(row) == 4 for row in result["matrix"])


def test_the_matrix_equals_pandas_on_log_returns(rng: random.Random) -> None:
    text = _csv(rng)
    result = matrix.compute({"csv": text, "method": "spearman"})
    data = to_returns(parse_csv(text), "log")
    oracle = to_frame(data.columns).corr(method="spearman")
    assert_matrix_close(result["matrix"], to_list_matrix(oracle), 1e-9)


def test_tables_and_charts_are_named_after_the_spec_outputs(rng: random.Random) -> None:
    result = matrix.compute({"csv": _csv(rng), "significance": "on"})
    names = {output.name for output in matrix.SPEC.outputs}
    assert {entry["name"] for entry in result["tables"] + result["charts"]} == names


def test_the_matrix_table_shows_text_and_keeps_the_value(rng: random.Random) -> None:
    result = matrix.compute({"csv": _csv(rng)})
    table = next(t for t in result["tables"] if t["name"] == "matrix")
    cell = table["rows"][0]["cells"][1]
    assert cell["value"] == result["matrix"][0][1]
    assert cell["text"] == f"{result['matrix'][0][1]:.4f}"


def test_a_zero_variance_asset_is_null_with_a_warning_naming_it(rng: random.Random) -> None:
    columns = correlated_columns(rng, 40, 2)
    text = csv_text([*columns, [1.0] * 40], ["A", "B", "USDC"])
    result = matrix.compute({"csv": text, "returns": "none"})
    assert result["matrix"][2] == [None, None, None]
    assert any("USDC" in w and "zero variance" in w for w in result["warnings"])
    cells = result["tables"][0]["rows"][2]["cells"]
    assert [c["text"] for c in cells] == ["—", "—", "—"]


def test_min_periods_leaves_short_pairs_undefined_and_says_so(rng: random.Random) -> None:
    columns = with_missing(rng, correlated_columns(rng, 30, 3), 0.5)
    result = matrix.compute({"csv": csv_text(columns, ["A", "B", "C"]), "returns": "none",
                             "min_periods": "12"})  # fmt: skip
    short = [(i, j) for i in range(3) for j in range(i + 1, 3) if result["counts"][i][j] < 12]
    assert short and all(result["matrix"][i][j] is None for i, j in short)
    assert any("fewer than 12 complete rows" in w for w in result["warnings"])


def test_cluster_ordering_reorders_assets_matrix_and_counts(rng: random.Random) -> None:
    plain = matrix.compute({"csv": _csv(rng)})
    clustered = matrix.compute({"csv": _csv(random.Random(20240601)), "order": "cluster"})
    position = [plain["assets"].index(name) for name in clustered["assets"]]
    assert sorted(clustered["assets"]) == sorted(NAMES)
    expected = [[plain["matrix"][i][j] for j in position] for i in position]
    assert clustered["matrix"] == expected


def test_significance_adds_p_values_and_fisher_intervals(rng: random.Random) -> None:
    result = matrix.compute({"csv": _csv(rng), "significance": "true"})
    low, high = result["intervals"][0][1]
    assert low < result["matrix"][0][1] < high
    assert 0.0 <= result["p_values"][0][1] <= 1.0
    table = next(t for t in result["tables"] if t["name"] == "significance")
    assert table["columns"] == ["Correlation", "Rows", "p-value", "95% low", "95% high"]
    assert len(table["rows"]) == 6


def test_without_significance_there_are_no_p_values(rng: random.Random) -> None:
    result = matrix.compute({"csv": _csv(rng)})
    assert result["p_values"] is None
    assert all(t["name"] != "significance" for t in result["tables"])


def test_a_matrix_that_is_not_psd_is_reported() -> None:
    result = matrix.compute({"csv": _not_psd_csv(), "returns": "none"})
    assert result["positive_semidefinite"] is False
    assert any("not positive semidefinite" in w for w in result["warnings"])


def test_repair_returns_the_nearest_valid_correlation_matrix() -> None:
    result = matrix.compute({"csv": _not_psd_csv(), "returns": "none", "repair": "true"})
    repaired = result["matrix"]
    assert result["repaired"] is True
    assert is_psd(repaired)
    assert all(repaired[i][i] == pytest.approx(1.0) for i in range(3))
    assert any("Higham 2002" in w for w in result["warnings"])


def test_complete_data_is_psd_without_a_warning(rng: random.Random) -> None:
    result = matrix.compute({"csv": _csv(rng)})
    assert result["positive_semidefinite"] is True and result["warnings"] == []


def test_fewer_than_three_usable_returns_is_an_error() -> None:
    with pytest.raises(CalculatorInputError, match="Only 2 usable rows of returns"):
        matrix.compute({"csv": "date,A,B\n1,1,2\n2,2,3\n3,4,5\n"})


def test_the_example_runs_and_shows_a_heatmap() -> None:
    result = matrix.compute(matrix.SPEC.example)
    assert len(result["assets"]) >= 6
    assert result["charts"][0]["svg"].startswith("<svg")
    full, _ = correlation_matrix(to_returns(parse_csv(matrix.SPEC.example["csv"]), "log").columns)
    assert all(v is not None for row in full for v in row)


def test_p_values_match_scipy_on_the_pairs_complete_returns(rng: random.Random) -> None:
    columns = with_missing(rng, correlated_columns(rng, 80, 3, rho=0.1), 0.1)
    text = csv_text(columns, ["A", "B", "C"])
    result = matrix.compute({"csv": text, "returns": "none", "significance": "true"})
    for i, j in ((0, 1), (0, 2), (1, 2)):
        xs, ys = complete_pairs(columns[i], columns[j])
        assert result["p_values"][i][j] == pytest.approx(stats.pearsonr(xs, ys).pvalue, abs=1e-9)


def test_repair_says_why_it_cannot_run_when_entries_are_undefined(rng: random.Random) -> None:
    columns = [*correlated_columns(rng, 30, 2), [1.0] * 30]
    text = csv_text(with_missing(rng, columns, 0.2), ["A", "B", "FLAT"])
    result = matrix.compute({"csv": text, "returns": "none", "repair": "true"})
    assert result["repaired"] is False
    assert any(w.startswith("Repair was skipped") for w in result["warnings"])


def test_repair_and_significance_agree_within_each_row() -> None:
    """Issue 11: r came from the repaired matrix, p and the interval from the raw pair."""
    text = _not_psd_csv()
    result = matrix.compute(
        {"csv": text, "returns": "none", "repair": "true", "significance": "true"}
    )
    assert result["repaired"] is True
    data = parse_csv(text)
    table = next(t for t in result["tables"] if t["name"] == "significance")
    assert "before the repair" in table["caption"]
    assert "each pair's own correlation" in table["caption"]
    for cells, (i, j) in zip(
        (r["cells"] for r in table["rows"]), ((0, 1), (0, 2), (1, 2)), strict=True
    ):
        xs, ys = complete_pairs(data.columns[i], data.columns[j])
        oracle = stats.pearsonr(xs, ys)
        low, high = oracle.confidence_interval(0.95)
        r, _, p, shown_low, shown_high = (cell["value"] for cell in cells)
        assert r == pytest.approx(oracle.statistic, abs=1e-12)
        assert p == pytest.approx(oracle.pvalue, abs=1e-9)
        assert low == pytest.approx(shown_low, abs=1e-9) and high == pytest.approx(
            shown_high, abs=1e-9
        )
        assert shown_low <= r <= shown_high
