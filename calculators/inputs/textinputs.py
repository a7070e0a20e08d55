"""Reading hand-typed lists and matrices: ``BTC: 0.5, ETH: 0.3`` and rows of numbers.

Readers type these into a form, so the rules are forgiving about layout (commas,
semicolons or new lines between items; ``:`` or ``=`` between name and value; spaces
or commas between matrix entries) and strict about meaning, with errors that say
which item is wrong.
"""

from __future__ import annotations

import re

from calculators.errors import CalculatorInputError, shown
from calculators.inputs.numbers import not_a_number, plain_float

LARGEST = 1e12  # far beyond any weight or volatility; keeps every product and sum finite

__all__ = ["named_numbers", "number_rows"]

_ITEM_SPLIT = re.compile(r"[,;\n]+")
_NAME_VALUE = re.compile(r"^\s*(?P<name>.+?)\s*[:=]\s*(?P<value>\S+)\s*$")


def _number(text: str, field: str, where: str) -> float:
    """A finite float, or an error naming the item."""
    value = plain_float(text)
    if value is None:
        raise CalculatorInputError(field, f"{where}: {shown(text)} {not_a_number(text)}")
    if abs(value) > LARGEST:
        raise CalculatorInputError(
            field,
            f"{where}: {shown(text)} is too large; no weight, volatility or "
            f"correlation is beyond ±{LARGEST:,.0f}.",
        )
    return value


def named_numbers(text: str, field: str, label: str) -> dict[str, float]:
    """Parse ``name: value`` items in order; names must be unique."""
    out: dict[str, float] = {}
    for position, item in enumerate((i for i in _ITEM_SPLIT.split(text) if i.strip()), 1):
        match = _NAME_VALUE.match(item)
        if match is None:
            raise CalculatorInputError(
                field,
                f"{label}, item {position} ({shown(item.strip())}): write it as a name, "
                "a colon and a number, like 'BTC: 0.5'.",
            )
        name = match.group("name").strip().strip('"').strip()
        if name in out:
            raise CalculatorInputError(field, f"{label}: {shown(name)} appears more than once.")
        out[name] = _number(match.group("value"), field, f"{label}, {shown(name)[1:-1]}")
    if not out:
        raise CalculatorInputError(field, f"{label} is empty; write items like 'BTC: 0.5'.")
    return out


def number_rows(text: str, field: str, label: str) -> list[list[float]]:
    """Rows of numbers, one row per line, entries separated by spaces, commas or tabs."""
    rows: list[list[float]] = []
    lines = [line for line in text.splitlines() if line.strip()]
    for line_number, line in enumerate(lines, 1):
        cells = [c for c in re.split(r"[\s,;]+", line.strip()) if c]
        rows.append(
            [
                _number(c, field, f"{label}, row {line_number}, entry {k}")
                for k, c in enumerate(cells, 1)
            ]
        )
    return rows
