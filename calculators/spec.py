"""Calculator specifications, and reading form-style input values against them.

One spec drives the HTML form, the command-line options, the docs and input
validation, so the form a reader sees and the checks the maths applies can
never drift apart. Inputs arrive as strings exactly as an HTML form submits
them; the ``*_input`` helpers turn them into typed values or raise a
:class:`CalculatorInputError` that names the field.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

from calculators.errors import CalculatorInputError, shown
from calculators.inputs.numbers import plain_float

InputKind = Literal[
    "csv", "choice", "number", "integer", "text", "boolean", "columns", "column", "date"
]
"""``columns`` is a comma-separated list of CSV column names, ``column`` one name, ``date``
an ISO date: all three are text to the maths, and let a browser offer a picker."""
OutputKind = Literal["table", "chart"]
Concepts = tuple[tuple[str, str], ...]
"""``(words, slug)`` pairs: where ``words`` stand in a text, they name the glossary entry
``slug`` (``("Kendall tau-b", "kendall-tau")``), and a site that has the entry links them."""

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
"""Values a checkbox input reads as true: the one list, which the widget also hands the
browser as ``data-true-words`` so the form script ticks the same values."""
FALSE_WORDS = frozenset({"false", "0", "no", "off", ""})


@dataclass(frozen=True)
class InputSpec:
    """One form field: its name, how it is entered, its default and its limits."""

    name: str
    label: str
    kind: InputKind
    default: str = ""
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    required: bool = False
    essential: bool = False
    """Shown at the top of the form; the rest sit under "More options"."""
    concept: str = ""
    """The slug of the glossary entry the label names, so the label links to its definition.
    Not for a checkbox, whose label is what a reader clicks to tick it: name it in `concepts`."""
    concepts: Concepts = ()
    """Words of the help text that name entries: the choices a select cannot link
    (Pearson, Spearman, Kendall tau-b), or the idea a checkbox switches on."""

    def __post_init__(self) -> None:
        if self.concept and self.kind == "boolean":
            raise ValueError(
                f"input '{self.name}': a checkbox's label ticks it, so it cannot be a link; "
                "name the entry in `concepts` with words of its help"
            )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able copy, choices and concepts as pairs."""
        return {
            "name": self.name,
            "label": self.label,
            "kind": self.kind,
            "default": self.default,
            "help": self.help,
            "choices": [[value, label] for value, label in self.choices],
            "minimum": self.minimum,
            "maximum": self.maximum,
            "step": self.step,
            "required": self.required,
            "essential": self.essential,
            "concept": self.concept,
            "concepts": [list(pair) for pair in self.concepts],
        }


@dataclass(frozen=True)
class OutputSpec:
    """One named table or chart a calculator returns."""

    name: str
    kind: OutputKind
    label: str
    concepts: Concepts = ()
    """Words of a table's caption, column and row headers that name entries (``("Value-at-
    risk", "value-at-risk")``): each is linked at its first appearance in the table."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able copy."""
        concepts = [list(pair) for pair in self.concepts]
        return {"name": self.name, "kind": self.kind, "label": self.label, "concepts": concepts}


@dataclass(frozen=True)
class CalculatorSpec:
    """Everything a front end needs to offer a calculator without running it."""

    id: str
    title: str
    question: str
    inputs: tuple[InputSpec, ...]
    outputs: tuple[OutputSpec, ...]
    example: dict[str, str] = field(default_factory=dict)
    headline_concepts: Concepts = ()
    """Words of the result's headline that name entries (``("Kendall τ", "kendall-tau")``):
    the line of key figures links them as a table's headers do, once each."""

    def input(self, name: str) -> InputSpec:
        """The input called `name`; a KeyError means a bug in the calculator."""
        for spec in self.inputs:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def concept_slugs(self) -> list[tuple[str, str]]:
        """Every entry the spec names, as ``(where, slug)``, where is ``input 'x'``,
        ``output 'y'`` or ``headline``: what a site's editorial report checks against its
        glossary."""
        found = [(f"input '{i.name}'", i.concept) for i in self.inputs if i.concept]
        found += [(f"input '{i.name}'", slug) for i in self.inputs for _, slug in i.concepts]
        found += [(f"output '{o.name}'", slug) for o in self.outputs for _, slug in o.concepts]
        found += [("headline", slug) for _, slug in self.headline_concepts]
        return found

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able copy (what the browser widget and the docs read)."""
        return {
            "id": self.id,
            "title": self.title,
            "question": self.question,
            "inputs": [spec.to_dict() for spec in self.inputs],
            "outputs": [spec.to_dict() for spec in self.outputs],
            "example": dict(sorted(self.example.items())),
            "headline_concepts": [list(pair) for pair in self.headline_concepts],
        }


def example_values(inputs: tuple[InputSpec, ...], **overrides: str) -> dict[str, str]:
    """A complete example: every input's default, with `overrides` (e.g. ``csv=...``)."""
    values = {spec.name: spec.default for spec in inputs}
    unknown = set(overrides) - set(values)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    values.update(overrides)
    return values


def form_value(spec: CalculatorSpec, inputs: Mapping[str, str], name: str) -> str:
    """The submitted string for `name`, or the spec default when it is missing or blank."""
    field_spec = spec.input(name)
    raw = inputs.get(name)
    if raw is None or (not isinstance(raw, str)):
        raw = "" if raw is None else str(raw)
    value = raw.strip() if field_spec.kind != "csv" else raw
    if value.strip() == "":
        value = field_spec.default
    if field_spec.required and value.strip() == "":
        raise CalculatorInputError(name, f"{field_spec.label} is required.")
    return value


def text_input(spec: CalculatorSpec, inputs: Mapping[str, str], name: str) -> str:
    """A free-text or CSV value, defaulted."""
    return form_value(spec, inputs, name)


def choice_input(spec: CalculatorSpec, inputs: Mapping[str, str], name: str) -> str:
    """One of the spec's choice values (matched case-insensitively)."""
    field_spec = spec.input(name)
    value = form_value(spec, inputs, name).strip().lower()
    allowed = [choice for choice, _ in field_spec.choices]
    if value not in allowed:
        options = ", ".join(allowed)
        raise CalculatorInputError(
            name, f"{field_spec.label} must be one of {options}; got {shown(value)}."
        )
    return value


def boolean_input(spec: CalculatorSpec, inputs: Mapping[str, str], name: str) -> bool:
    """A checkbox value: form browsers send ``on``; the CLI sends ``true``/``false``."""
    field_spec = spec.input(name)
    value = form_value(spec, inputs, name).strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise CalculatorInputError(
        name, f"{field_spec.label} must be true or false; got {shown(value)}."
    )


def number_input(spec: CalculatorSpec, inputs: Mapping[str, str], name: str) -> float | None:
    """A finite float within the spec's limits, or None when left blank without a default."""
    field_spec = spec.input(name)
    text = form_value(spec, inputs, name).strip()
    if text == "":
        return None
    value = _parse_float(text)
    if value is None:
        raise CalculatorInputError(name, f"{field_spec.label} must be a number; got {shown(text)}.")
    _check_limits(field_spec, value)
    return value


def integer_input(spec: CalculatorSpec, inputs: Mapping[str, str], name: str) -> int | None:
    """A whole number within the spec's limits, or None when left blank without a default."""
    field_spec = spec.input(name)
    text = form_value(spec, inputs, name).strip()
    if text == "":
        return None
    value = _parse_float(text)
    if value is None or value != math.floor(value):
        raise CalculatorInputError(
            name, f"{field_spec.label} must be a whole number; got {shown(text)}."
        )
    _check_limits(field_spec, value)
    return int(value)


OptionsT = TypeVar("OptionsT")  # a frozen dataclass


def read_options(
    spec: CalculatorSpec, inputs: Mapping[str, str], options: type[OptionsT]
) -> OptionsT:
    """A calculator's frozen `options` dataclass, each field read from the spec input it names.

    A field reads the input of its own name, or ``metadata={"input": ...}`` where Python
    reserves the name (``lambda``); the input's kind decides how the text is read and
    checked. A blank number is refused unless the field's type allows None. This is
    the one place form text becomes typed options, for every calculator.
    """
    values: dict[str, Any] = {}
    for item in dataclasses.fields(cast(Any, options)):
        name = item.metadata.get("input", item.name)
        value = typed_input(spec, inputs, name)
        if value is None and "None" not in str(item.type):
            raise CalculatorInputError(name, f"{spec.input(name).label} is required.")
        values[item.name] = value
    return options(**values)


def typed_input(spec: CalculatorSpec, inputs: Mapping[str, str], name: str) -> Any:
    """The value of input `name`, read as its kind says (None for a blank number)."""
    kind = spec.input(name).kind
    if kind == "choice":
        return choice_input(spec, inputs, name)
    if kind == "boolean":
        return boolean_input(spec, inputs, name)
    if kind == "number":
        return number_input(spec, inputs, name)
    if kind == "integer":
        return integer_input(spec, inputs, name)
    return text_input(spec, inputs, name)


def _parse_float(text: str) -> float | None:
    """A finite float from form text in a plain ASCII form, else None (see inputs.numbers)."""
    return plain_float(text)


def _check_limits(field_spec: InputSpec, value: float) -> None:
    """Raise when `value` is outside the spec's minimum/maximum."""
    low, high = field_spec.minimum, field_spec.maximum
    if low is not None and value < low:
        raise CalculatorInputError(
            field_spec.name,
            f"{field_spec.label} must be at least {_plain(low)}; got {_plain(value)}.",
        )
    if high is not None and value > high:
        raise CalculatorInputError(
            field_spec.name,
            f"{field_spec.label} must be at most {_plain(high)}; got {_plain(value)}.",
        )


def _plain(value: float) -> str:
    """A limit written the way a person would type it (``20`` not ``20.0``)."""
    return str(int(value)) if value == math.floor(value) and abs(value) < 1e15 else repr(value)
