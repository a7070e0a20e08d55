"""The five calculators by their fixed ids.

Each calculator module exposes ``SPEC`` and ``compute(inputs)``; this is the
one place that lists them, so the site, the command line and the browser
worker all offer the same set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

from calculators import (
    correlation_matrix,
    liquidation_risk,
    portfolio_diversification,
    rolling_correlation,
    stress_correlation,
)
from calculators.spec import CalculatorSpec

Compute = Callable[[Mapping[str, str]], dict[str, Any]]

_MODULES: tuple[ModuleType, ...] = (
    correlation_matrix,
    rolling_correlation,
    stress_correlation,
    portfolio_diversification,
    liquidation_risk,
)

SPECS: dict[str, CalculatorSpec] = dict(
    sorted((module.SPEC.id, module.SPEC) for module in _MODULES)
)
COMPUTE: dict[str, Compute] = dict(sorted((module.SPEC.id, module.compute) for module in _MODULES))
