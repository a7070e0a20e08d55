"""Where each calculator's example data lives in the built site.

Example CSV texts are tens of kilobytes, so pages link to them instead of
inlining them; the "use the example data" button fetches the file. Calculators
that share the starter dataset share one file, so a reader's cache holds it once.
"""

from __future__ import annotations

import calculators
from calculators.spec import CalculatorSpec
from termsite.widgets.paths import ASSET_PREFIX, EXAMPLE_PRICES_PATH

__all__ = ["example_files", "example_values"]


def example_values(spec: CalculatorSpec) -> dict[str, str]:
    """The example as the widget's button needs it: CSV inputs as site paths, the rest as text."""
    values: dict[str, str] = {}
    for item in spec.inputs:
        value = spec.example.get(item.name, item.default)
        values[item.name] = _csv_path(spec.id, item.name, value) if item.kind == "csv" else value
    return dict(sorted(values.items()))


def example_files() -> dict[str, bytes]:
    """Every example CSV file the widgets link to, keyed by site path."""
    files: dict[str, bytes] = {}
    for spec in calculators.SPECS.values():
        for item in spec.inputs:
            if item.kind == "csv":
                value = spec.example.get(item.name, item.default)
                files[_csv_path(spec.id, item.name, value)] = value.encode("utf-8")
    return dict(sorted(files.items()))


def _csv_path(calc_id: str, name: str, value: str) -> str:
    """The shared starter file when the example is the starter dataset, else its own file."""
    if value == calculators.example_csv():
        return EXAMPLE_PRICES_PATH
    return f"{ASSET_PREFIX}/examples/{calc_id}-{name}.csv"
