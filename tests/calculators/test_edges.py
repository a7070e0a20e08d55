"""Hostile and edge inputs to every calculator (issues 11 §4 and 15): one sentence each.

Every case here once ended in "internal problem" or a silent wrong answer; each
now gets a sentence that names the field, and where it applies the line.
"""

from __future__ import annotations

import json
import re

import pytest

from calculators import SPECS, cli, run, run_json
from calculators.errors import CalculatorInputError

CSV_CALCULATORS = sorted(
    spec.id for spec in SPECS.values() if any(field.kind == "csv" for field in spec.inputs)
)


@pytest.mark.parametrize("calc_id", CSV_CALCULATORS)
def test_a_header_only_csv_gets_the_row_count_sentence(calc_id: str) -> None:
    with pytest.raises(CalculatorInputError, match="The CSV has 0 data rows; at least 3") as info:
        run(calc_id, {"csv": "date,BTC,ETH,SOL\n"})
    assert info.value.field == "csv"


@pytest.mark.parametrize("calc_id", CSV_CALCULATORS)
def test_a_header_only_csv_is_a_field_error_in_the_browser_too(calc_id: str) -> None:
    answer = json.loads(run_json(calc_id, json.dumps({"csv": "date,BTC,ETH,SOL\n"})))
    assert answer["ok"] is False
    assert answer["error"]["field"] == "csv"
    assert "internal problem" not in answer["error"]["message"]


def _csv_with(cell: str) -> str:
    return f"date,A,B\n2024-01-01,1,2\n2024-01-02,{cell},4\n2024-01-03,5,7\n2024-01-04,6,1\n"


def test_a_quoted_cell_over_the_csv_field_limit_is_a_sentence_with_its_line() -> None:
    """Issue 15: 'internal problem: field larger than field limit (131072)'."""
    with pytest.raises(CalculatorInputError) as info:
        run("correlation-matrix", {"csv": _csv_with('"' + "1" * 200_000 + '"')})
    assert info.value.line == 3
    assert info.value.message.startswith("Line 3: a cell is longer than 131,072 characters")


def test_a_bad_cell_is_shortened_in_the_message() -> None:
    """Issue 15: a 1 MB cell gave a 1,000,045-character message."""
    with pytest.raises(CalculatorInputError) as info:
        run("correlation-matrix", {"csv": _csv_with("x" * 1_000_000)})
    assert len(info.value.message) < 200
    assert "(1,000,000 characters)" in info.value.message
    assert info.value.message.startswith("Line 3, column A: 'xxxx")


def test_huge_weights_are_a_sentence_on_the_weights_field() -> None:
    """Issue 15: weights of 1e308 gave 'internal problem: intermediate overflow in fsum'."""
    inputs = {"source": "manual", "weights": "BTC: 1e308, ETH: 1e308, SOL: 1"}
    with pytest.raises(CalculatorInputError, match="'1e308' is too large") as info:
        run("portfolio-diversification", inputs)
    assert info.value.field == "weights"


def test_the_largest_accepted_weights_still_compute() -> None:
    inputs = {"source": "manual", "weights": "BTC: 1e12, ETH: -1e12, SOL: 1e12"}
    assert run("portfolio-diversification", inputs)["warnings"] is not None


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deeply_nested_json_is_refused_in_a_sentence(opening: str) -> None:
    """Issue 15: 100,000-deep JSON gave 'internal problem: maximum recursion depth'."""
    text = opening * 100_000 + "]" * 100_000
    answer = json.loads(run_json("correlation-matrix", text))
    assert answer["ok"] is False
    assert answer["error"]["message"].startswith("The inputs are nested more than 8 levels")


def test_brackets_inside_a_csv_string_are_not_nesting() -> None:
    csv = "date,A,B\n" + "".join(f"[d{i}],{i % 7},{(i * 3) % 5}\n" for i in range(40))
    answer = json.loads(run_json("correlation-matrix", json.dumps({"csv": csv, "returns": "none"})))
    assert answer["ok"] is True


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("1_000", "without digit separators"),
        ("１２３", "digits 0-9"),
        ("١٢٣", "digits 0-9"),
        ("0x10", "is not a number"),
        ("inf", "is not a finite number"),
        ("1,000", "is not a number"),
    ],
)
def test_only_plain_ascii_numbers_are_numbers_in_a_csv(cell: str, reason: str) -> None:
    """Issue 15: Python's float reads 1_000 and full-width digits; a CSV cell must not."""
    with pytest.raises(CalculatorInputError, match=f"Line 3, column A: .*{reason}") as info:
        run("correlation-matrix", {"csv": _csv_with(f'"{cell}"'), "returns": "none"})
    assert info.value.line == 3


@pytest.mark.parametrize("cell", ["12", "-0.5", "+.5", "1e-3", "2.", "1E+2", " 7 "])
def test_plain_ascii_forms_are_read(cell: str) -> None:
    result = run("correlation-matrix", {"csv": _csv_with(cell), "returns": "none"})
    assert result["rows"] == 4


@pytest.mark.parametrize("text", ["1_000", "１２"])
def test_typed_fields_take_only_plain_numbers_too(text: str) -> None:
    with pytest.raises(CalculatorInputError) as info:
        run("portfolio-diversification", {"source": "manual", "value": text})
    assert info.value.field == "value"
    with pytest.raises(CalculatorInputError, match="is not a plain number"):
        run("portfolio-diversification", {"source": "manual", "weights": f"BTC: {text}"})


def _prices(labels: list[str]) -> str:
    values = [100, 103, 101, 106, 104, 108, 107, 111]
    pairs = enumerate(zip(labels, values, strict=True))
    rows = [f"{label},{v},{200 - v + (i % 3)}" for i, (label, v) in pairs]
    return "date,A,B\n" + "\n".join(rows) + "\n"


DATES = [f"2024-03-0{day}" for day in range(1, 9)]


def test_dates_out_of_order_are_sorted_with_one_warning() -> None:
    """Issue 15: out-of-order dates computed silently and 'Latest' was just the last row."""
    shuffled = [DATES[i] for i in (0, 1, 2, 5, 3, 4, 7, 6)]
    text = "date,A,B\n" + "".join(
        f"{d},{100 + int(d[-1]) ** 2},{90 + 3 * int(d[-1]) % 7}\n" for d in shuffled
    )
    ordered = "date,A,B\n" + "".join(
        f"{d},{100 + int(d[-1]) ** 2},{90 + 3 * int(d[-1]) % 7}\n" for d in DATES
    )
    inputs = {"window": "3", "x": "A", "y": "B"}
    result = run("rolling-correlation", {**inputs, "csv": text})
    expected = run("rolling-correlation", {**inputs, "csv": ordered})
    assert result["index"] == expected["index"] == DATES[1:]
    assert result["values"] == expected["values"]
    sorted_notes = [w for w in result["warnings"] if "not in date order" in w]
    assert sorted_notes == [
        "The rows were not in date order (2024-03-04 on line 6 comes after 2024-03-06 on "
        "line 5), so they were sorted by date first."
    ]
    assert not any("not in date order" in w for w in expected["warnings"])


def test_newest_first_exports_are_read_oldest_first() -> None:
    newest_first = _prices(DATES[::-1])
    result = run("correlation-matrix", {"csv": newest_first})
    oldest_first = "date,A,B\n" + "".join(reversed(newest_first.splitlines(keepends=True)[1:]))
    assert result["matrix"] == run("correlation-matrix", {"csv": oldest_first})["matrix"]


def test_a_repeated_date_is_refused_with_both_lines() -> None:
    labels = [*DATES[:4], DATES[2], *DATES[5:]]
    with pytest.raises(CalculatorInputError) as info:
        run("stress-correlation", {"csv": _prices(labels)})
    assert info.value.message == (
        "Lines 4 and 6 have the same date, '2024-03-03'; each date may appear only once."
    )
    assert (info.value.field, info.value.line) == ("csv", 6)


@pytest.mark.parametrize("calc_id", CSV_CALCULATORS)
def test_without_dates_the_row_order_is_said_to_be_time_order(calc_id: str) -> None:
    labels = [f"day {i}" for i in range(8)]
    inputs = {"csv": _prices(labels), "weights": "A: 0.5, B: 0.5"}
    result = run(calc_id, inputs)
    assert any("rows are taken as time order" in w for w in result["warnings"])
    dated = run(calc_id, {**inputs, "csv": _prices(DATES)})
    assert not any("time order" in w for w in dated["warnings"])


def _wide_csv(assets: int, rows: int) -> str:
    header = "date," + ",".join(f"A{i}" for i in range(assets))
    body = "".join(
        f"{i}," + ",".join(str(1 + (i * 7 + j * 3) % 11) for j in range(assets)) + "\n"
        for i in range(rows)
    )
    return header + "\n" + body


@pytest.mark.parametrize(
    ("method", "assets", "rows", "words"),
    [
        ("pearson", 2_000, 4, "Pearson on 2,000 assets"),
        ("pearson", 50, 2_001, "Pearson on 2,001 rows of 50 assets (100,050 values)"),
        ("spearman", 10, 3_001, "keep rows × assets at most 30,000"),
        ("kendall", 51, 4, "use at most 50 assets"),
        ("kendall", 20, 1_251, "Kendall on 1,251 rows of 20 assets"),
    ],
)
def test_matrix_limits_are_enforced_before_any_maths(
    method: str, assets: int, rows: int, words: str
) -> None:
    """Issues 11 and 15: 2,000 assets ran 73 s into a MemoryError; Kendall 17 MB ran 54 s."""
    with pytest.raises(CalculatorInputError, match=re.escape(words)) as info:
        run("correlation-matrix", {"csv": _wide_csv(assets, rows), "method": method})
    assert info.value.field == "csv"


def test_matrix_at_its_limit_still_runs() -> None:
    result = run("correlation-matrix", {"csv": _wide_csv(20, 1_250), "method": "kendall"})
    assert len(result["assets"]) == 20


def test_the_repair_has_its_own_asset_limit() -> None:
    with pytest.raises(CalculatorInputError, match="The repair takes at most 40 assets") as info:
        run("correlation-matrix", {"csv": _wide_csv(41, 10), "repair": "true"})
    assert info.value.field == "repair"


def test_rolling_rank_methods_limit_rows_times_window() -> None:
    """Issue 15: rolling Kendall with a 100,000 window ran past 120 s."""
    csv = _wide_csv(2, 20_001)
    with pytest.raises(CalculatorInputError, match="rows × window at most 10,000,000") as info:
        run("rolling-correlation", {"csv": csv, "method": "kendall", "window": "100000"})
    assert info.value.field == "window"
    assert run("rolling-correlation", {"csv": csv, "method": "pearson", "window": "100000"})


def test_rolling_and_stress_limit_rows() -> None:
    with pytest.raises(CalculatorInputError, match="one run takes at most 100,000"):
        run("rolling-correlation", {"csv": _wide_csv(2, 100_001)})
    with pytest.raises(CalculatorInputError, match="one run takes at most 50,000"):
        run("stress-correlation", {"csv": _wide_csv(2, 50_001)})


def test_portfolio_limits_assets_and_csv_values() -> None:
    """Issue 15: 2,000 assets in portfolio-diversification ran past 120 s."""
    weights = ", ".join(f"A{i}: 0.0005" for i in range(2_000))
    with pytest.raises(CalculatorInputError, match="2,000 assets; one run takes at most 40"):
        run("portfolio-diversification", {"source": "manual", "weights": weights})
    few = ", ".join(f"A{i}: 0.1" for i in range(10))
    inputs = {"weights": few, "csv": _wide_csv(10, 20_001)}
    with pytest.raises(CalculatorInputError, match="rows × assets at most 200,000"):
        run("portfolio-diversification", inputs)


def test_any_csv_beyond_two_million_values_is_refused_before_it_is_read() -> None:
    text = "date," + ",".join(f"A{i}" for i in range(1_000)) + "\n" + "1\n" * 2_001
    with pytest.raises(CalculatorInputError, match="one run takes at most 2,000,000 values"):
        run("rolling-correlation", {"csv": text})


@pytest.mark.parametrize("calc_id", sorted(SPECS))
def test_every_calculator_states_its_size_limit_in_the_form_and_the_cli_help(
    calc_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    helps = " ".join(field.help for field in SPECS[calc_id].inputs)
    assert "so a run ends in seconds in a browser" in helps
    assert re.search(r"\d,000", helps)
    assert cli.main([calc_id, "--help"]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "so a run ends in seconds in a browser" in printed
