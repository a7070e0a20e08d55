"""The form a calculator's spec asks for, as plain data the widget template lays out.

The spec is the one source of labels, limits, defaults and help text, so the
form, the CLI and the maths cannot disagree. Element ids derive from the
calculator id and the field name: stable across builds, no global counters.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.spec import TRUE_WORDS, CalculatorSpec, InputSpec
from termsite.widgets.concepts import Segment, linked_texts

__all__ = [
    "INLINE_CSV_LIMIT",
    "Choice",
    "Field",
    "element_id",
    "form_fields",
    "more_options",
    "primary_table",
]

INLINE_CSV_LIMIT = 4096
"""Example CSV texts up to this many characters are written into the page; longer ones
are fetched from the site when the reader asks for them, so pages stay small."""


@dataclass(frozen=True)
class Choice:
    """One `<option>`."""

    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class Field:
    """One labelled control with its help and error slots."""

    name: str
    label: str
    kind: str
    control_id: str
    help_id: str
    error_id: str
    help: str
    value: str
    required: bool
    choices: tuple[Choice, ...] = ()
    minimum: str | None = None
    maximum: str | None = None
    step: str | None = None
    checked: bool = False
    essential: bool = False
    label_parts: tuple[Segment, ...] = ()
    """The label, with the words that name a glossary entry marked (`widgets.concepts`)."""
    help_parts: tuple[Segment, ...] = ()

    @property
    def multiline(self) -> bool:
        """Text whose example spans lines needs a text area: an input drops line breaks."""
        return self.kind == "text" and "\n" in self.value

    @property
    def rows(self) -> int:
        """Room for the example's lines plus one to type into."""
        return self.value.count("\n") + 2


def element_id(calc_id: str, *parts: str) -> str:
    """An id unique on a page that shows each calculator once."""
    return "-".join(("calc", calc_id, *parts))


def form_fields(spec: CalculatorSpec) -> list[Field]:
    """One field per input, in the spec's order, filled with the example values."""
    return [_field(spec, item) for item in spec.inputs]


def more_options(fields: list[Field]) -> list[Field]:
    """The fields under "More options": all but the essential ones, when the spec marks any.

    A calculator whose spec marks nothing essential shows every field, as before.
    """
    if not any(item.essential for item in fields):
        return []
    return [item for item in fields if not item.essential]


def primary_table(spec: CalculatorSpec) -> str:
    """The one table shown open: the first table output the spec declares."""
    return next((output.name for output in spec.outputs if output.kind == "table"), "")


def _field(spec: CalculatorSpec, item: InputSpec) -> Field:
    value = initial_value(spec, item)
    own = ((item.label, item.concept),) if item.concept else ()
    label_parts, help_parts = linked_texts([item.label, item.help], own + item.concepts)
    return Field(
        name=item.name,
        label=item.label,
        kind=item.kind,
        control_id=element_id(spec.id, item.name),
        help_id=element_id(spec.id, item.name, "help"),
        error_id=element_id(spec.id, item.name, "error"),
        help=item.help,
        value=value,
        required=item.required,
        choices=tuple(Choice(v, label, v == value) for v, label in item.choices),
        minimum=_number_text(item.minimum),
        maximum=_number_text(item.maximum),
        step=_step(item),
        checked=value.strip().lower() in TRUE_WORDS,
        essential=item.essential,
        label_parts=tuple(label_parts),
        help_parts=tuple(help_parts),
    )


def initial_value(spec: CalculatorSpec, item: InputSpec) -> str:
    """The example value (the build-time result shows it), else the default.

    A long example CSV is left out: the "use the example data" button fetches it.
    """
    value = spec.example.get(item.name, item.default)
    if item.kind == "csv" and len(value) > INLINE_CSV_LIMIT:
        return ""
    return value


def _step(item: InputSpec) -> str | None:
    """Browsers need a step to accept decimals; "any" says every number is fine."""
    if item.kind == "integer":
        return _number_text(item.step) or "1"
    if item.kind == "number":
        return _number_text(item.step) or "any"
    return None


def _number_text(value: float | None) -> str | None:
    """A limit as an HTML attribute: ``20`` rather than ``20.0``."""
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else repr(float(value))
