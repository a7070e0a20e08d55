"""`termsite calc`: options from the spec, readable tables, JSON, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from calculators import SPECS
from calculators.cli import main
from tests.calculators.conftest import ROOT, assert_matrix_close, to_list_matrix

PRICES = "date,BTC,ETH,SOL\n" + "".join(
    f"2024-01-{d:02d},{100 + d * (d % 3)},{50 + d % 5 + d},{10 + (d * 7) % 4}\n"
    for d in range(1, 29)
)


@pytest.fixture
def prices(tmp_path: Path) -> Path:
    path = tmp_path / "prices.csv"
    path.write_text(PRICES, encoding="utf-8")
    return path


def test_matrix_json_has_assets_and_matrix_like_pandas(
    prices: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["correlation-matrix", "--csv", str(prices), "--method", "kendall", "--json"])
    data = json.loads(capsys.readouterr().out)
    frame = pd.read_csv(prices, index_col=0)
    oracle = frame.pct_change(fill_method=None).iloc[1:].corr(method="kendall")
    assert code == 0 and data["assets"] == ["BTC", "ETH", "SOL"]
    main(["correlation-matrix", "--csv", str(prices), "--method", "kendall", "--returns",
          "simple", "--json"])  # fmt: skip
    simple = json.loads(capsys.readouterr().out)
    assert_matrix_close(simple["matrix"], to_list_matrix(oracle), 1e-9)


def test_json_leaves_out_charts_unless_asked(
    prices: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["correlation-matrix", "--csv", str(prices), "--json"])
    assert "charts" not in json.loads(capsys.readouterr().out)
    main(["correlation-matrix", "--csv", str(prices), "--json", "--charts"])
    assert json.loads(capsys.readouterr().out)["charts"][0]["svg"].startswith("<svg")


def test_rolling_json_has_index_and_values(
    prices: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["rolling-correlation", "--csv", str(prices), "--x", "ETH", "--y", "BTC",
                 "--window", "5", "--json"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and len(data["index"]) == len(data["values"]) == 27
    assert data["index"][0] == "2024-01-02"


def test_underscore_and_hyphen_spellings_both_work(
    prices: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["correlation-matrix", "--csv", str(prices), "--min-periods", "30", "--json"])
    hyphen = json.loads(capsys.readouterr().out)
    main(["correlation-matrix", "--csv", str(prices), "--min_periods", "30", "--json"])
    assert json.loads(capsys.readouterr().out)["matrix"] == hyphen["matrix"]
    assert hyphen["matrix"][0][1] is None


def test_without_json_it_prints_readable_tables(
    prices: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["calc", "correlation-matrix", "--csv", str(prices)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Correlation matrix\n")
    assert "Pearson correlation of log returns" in out and "BTC" in out


def test_bad_input_prints_the_sentence_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,A,B\n1,1,2\n2,oops,3\n3,4,5\n", encoding="utf-8")
    assert main(["correlation-matrix", "--csv", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == "Line 3, column A: 'oops' is not a number.\n"
    assert captured.out == ""


def test_a_missing_file_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["correlation-matrix", "--csv", "no-such-file.csv"]) == 2
    assert capsys.readouterr().err == "The file 'no-such-file.csv' does not exist.\n"


def test_a_bad_choice_exits_2(prices: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["correlation-matrix", "--csv", str(prices), "--method", "magic"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_python_m_calculators_runs_without_a_traceback(prices: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "calculators", "rolling-correlation", "--csv", str(prices),
         "--x", "NOPE"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("There is no column 'NOPE' in the CSV")


@pytest.mark.parametrize("calc_id", sorted(SPECS))
def test_help_lists_every_spec_input(calc_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([calc_id, "--help"]) == 0
    out = capsys.readouterr().out
    assert all(f"--{field.name.replace('_', '-')}" in out for field in SPECS[calc_id].inputs)
