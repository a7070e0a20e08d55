"""The form generated from every calculator's spec: labels, limits, help, choices."""

from __future__ import annotations

import pytest

import calculators
from calculators.spec import CalculatorSpec, InputSpec
from termsite.settings import SiteSettings
from termsite.widgets import render_widget

from .html import Element, elements, one

INPUTS = [(spec, item) for spec in calculators.SPECS.values() for item in spec.inputs]
NUMERIC = [(spec, item) for spec, item in INPUTS if item.kind in ("number", "integer")]
CHOICES = [(spec, item) for spec, item in INPUTS if item.kind == "choice"]


def _name(value: object) -> str:
    return str(getattr(value, "name", None) or getattr(value, "id", ""))


def _widget(calc_id: str) -> list[Element]:
    return elements(str(render_widget(calc_id, SiteSettings(), "..")))


@pytest.mark.parametrize(("spec", "item"), INPUTS, ids=_name)
def test_every_input_has_a_label_naming_it(spec: CalculatorSpec, item: InputSpec) -> None:
    found = _widget(spec.id)
    control = one(found, name=item.name)
    label = one([e for e in found if e.tag == "label"], **{"for": control.attrs["id"]})
    assert item.label in label.text


@pytest.mark.parametrize(("spec", "item"), INPUTS, ids=_name)
def test_every_input_is_described_by_its_help(spec: CalculatorSpec, item: InputSpec) -> None:
    found = _widget(spec.id)
    help_id = one(found, name=item.name).attrs["aria-describedby"]
    assert item.help in one(found, id=help_id).text


@pytest.mark.parametrize(("spec", "item"), INPUTS, ids=_name)
def test_every_input_has_an_empty_error_slot(spec: CalculatorSpec, item: InputSpec) -> None:
    slot = one(_widget(spec.id), data_error_for=item.name)
    assert "hidden" in slot.attrs
    assert slot.text == ""


@pytest.mark.parametrize(("spec", "item"), NUMERIC, ids=_name)
def test_numeric_inputs_carry_their_limits(spec: CalculatorSpec, item: InputSpec) -> None:
    control = one(_widget(spec.id), name=item.name)
    assert control.attrs["type"] == "number"
    for attribute, limit in (("min", item.minimum), ("max", item.maximum)):
        assert (float(control.attrs[attribute]) if attribute in control.attrs else None) == limit


@pytest.mark.parametrize(("spec", "item"), CHOICES, ids=_name)
def test_choices_become_options_with_the_example_selected(
    spec: CalculatorSpec, item: InputSpec
) -> None:
    select = one(_widget(spec.id), name=item.name)
    options = [e for e in select.children if e.tag == "option"]
    assert [o.attrs["value"] for o in options] == [value for value, _ in item.choices]
    selected = [o.attrs["value"] for o in options if "selected" in o.attrs]
    assert selected == [spec.example.get(item.name, item.default)]


def test_correlation_matrix_has_the_contract_controls() -> None:
    found = _widget("correlation-matrix")
    assert one(found, name="csv").tag == "textarea"
    method = one(found, name="method")
    returns = one(found, name="returns")
    assert {o.attrs["value"] for o in method.children} >= {"pearson", "spearman", "kendall"}
    assert [o.attrs["value"] for o in returns.children] == ["log", "simple", "none"]
    assert one(found, type="submit").tag == "button"


def test_returns_default_to_log() -> None:
    returns = one(_widget("correlation-matrix"), name="returns")
    assert [o.attrs["value"] for o in returns.children if "selected" in o.attrs] == ["log"]


@pytest.mark.parametrize("calc_id", sorted(calculators.SPECS))
def test_csv_inputs_offer_a_file_upload(calc_id: str) -> None:
    found = _widget(calc_id)
    for item in calculators.SPECS[calc_id].inputs:
        if item.kind == "csv":
            upload = one(found, data_file_for=item.name)
            assert upload.attrs["accept"] == ".csv,text/csv"
