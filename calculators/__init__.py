"""Standard-library-only correlation calculators that run in CPython and in Pyodide.

The same files run on this machine (tests, the command line, the build-time
prerender) and in the reader's browser, so nothing here may import more than
the standard library. Each calculator has a spec (what the form shows) and
returns plain data: numbers, tables with display text, warnings and SVG charts.

The public names are loaded on first use (PEP 562), so importing one helper
module, e.g. ``calculators.stats.correlation``, does not import all five calculators.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from calculators.api import run, run_json
    from calculators.errors import CalculatorInputError
    from calculators.inputs.csvdata import example_csv
    from calculators.registry import SPECS
    from calculators.spec import CalculatorSpec, InputSpec, OutputSpec

__all__ = [
    "SPECS",
    "CalculatorInputError",
    "CalculatorSpec",
    "InputSpec",
    "OutputSpec",
    "example_csv",
    "run",
    "run_json",
]

_HOMES = {
    "SPECS": "calculators.registry",
    "CalculatorInputError": "calculators.errors",
    "CalculatorSpec": "calculators.spec",
    "InputSpec": "calculators.spec",
    "OutputSpec": "calculators.spec",
    "example_csv": "calculators.inputs.csvdata",
    "run": "calculators.api",
    "run_json": "calculators.api",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its home module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'calculators' has no attribute '{name}'")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for tab completion."""
    return sorted(__all__)
