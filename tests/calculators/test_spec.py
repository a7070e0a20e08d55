"""Form-style inputs are read against the spec, with errors naming the field."""

from __future__ import annotations

import dataclasses
import importlib
import inspect

import pytest

from calculators.errors import CalculatorInputError
from calculators.spec import (
    CalculatorSpec,
    InputSpec,
    OutputSpec,
    boolean_input,
    choice_input,
    example_values,
    integer_input,
    number_input,
    read_options,
)

INPUTS = (
    InputSpec("n", "Window", "integer", default="5", minimum=2, maximum=10),
    InputSpec("x", "Decay", "number", default="0.5", minimum=0, maximum=1),
    InputSpec("m", "Method", "choice", default="a", choices=(("a", "A"), ("b", "B"))),
    InputSpec("flag", "Flag", "boolean", default="false"),
)
SPEC = CalculatorSpec("t", "T", "What?", INPUTS, (OutputSpec("o", "table", "O"),))


def test_a_missing_value_takes_the_default() -> None:
    assert integer_input(SPEC, {}, "n") == 5
    assert integer_input(SPEC, {"n": "  "}, "n") == 5


def test_a_number_outside_the_limits_names_the_field() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        integer_input(SPEC, {"n": "11"}, "n")
    assert (caught.value.field, caught.value.message) == ("n", "Window must be at most 10; got 11.")


def test_a_fraction_is_not_a_whole_number() -> None:
    with pytest.raises(CalculatorInputError, match=r"Window must be a whole number; got '2\.5'"):
        integer_input(SPEC, {"n": "2.5"}, "n")


def test_text_is_not_a_number() -> None:
    with pytest.raises(CalculatorInputError, match="Decay must be a number; got 'abc'"):
        number_input(SPEC, {"x": "abc"}, "x")


def test_nan_is_not_a_number() -> None:
    with pytest.raises(CalculatorInputError):
        number_input(SPEC, {"x": "nan"}, "x")


def test_choices_are_matched_case_insensitively() -> None:
    assert choice_input(SPEC, {"m": "B"}, "m") == "b"


def test_an_unknown_choice_lists_the_allowed_values() -> None:
    with pytest.raises(CalculatorInputError, match="Method must be one of a, b; got 'c'"):
        choice_input(SPEC, {"m": "c"}, "m")


@pytest.mark.parametrize(("raw", "expected"), [("on", True), ("true", True), ("0", False)])
def test_checkbox_values_are_booleans(raw: str, expected: bool) -> None:
    assert boolean_input(SPEC, {"flag": raw}, "flag") is expected


def test_example_values_fill_every_input() -> None:
    assert example_values(INPUTS, n="7") == {"n": "7", "x": "0.5", "m": "a", "flag": "false"}


def test_to_dict_is_plain_data() -> None:
    data = SPEC.to_dict()
    assert data["inputs"][2]["choices"] == [["a", "A"], ["b", "B"]]


def test_headline_concepts_are_named_for_the_report_and_copied_as_pairs() -> None:
    spec = dataclasses.replace(SPEC, headline_concepts=(("Kendall τ", "kendall-tau"),))
    assert spec.concept_slugs() == [("headline", "kendall-tau")]
    assert spec.to_dict()["headline_concepts"] == [["Kendall τ", "kendall-tau"]]


def test_every_calculator_reads_its_options_through_one_helper() -> None:
    """Issue 9: options were a dict, a dataclass or inline; now one frozen Options each."""
    from calculators.registry import SPECS

    for calc_id, spec in SPECS.items():
        module = importlib.import_module(f"calculators.{calc_id.replace('-', '_')}")
        options = module.Options
        assert dataclasses.is_dataclass(options) and options.__dataclass_params__.frozen
        names = {field.metadata.get("input", field.name) for field in dataclasses.fields(options)}
        assert names <= {field.name for field in spec.inputs}, calc_id
        source = inspect.getsource(module)
        assert "integer_input(" not in source and "number_input(" not in source, calc_id


def test_read_options_refuses_a_blank_required_number_and_allows_an_optional_one() -> None:
    from calculators import rolling_correlation

    with pytest.raises(CalculatorInputError, match="Decay λ must be a number"):
        read_options(rolling_correlation.SPEC, {"lambda": "x"}, rolling_correlation.Options)
    options = read_options(rolling_correlation.SPEC, {"window": "20"}, rolling_correlation.Options)
    assert (options.min_periods, options.periods, options.lam) == (None, 20, 0.94)
