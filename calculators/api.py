"""The public entry points: `run` for Python callers, `run_json` for the browser worker.

`run` checks the result against the contract every front end relies on (the
shape declared in `calculators.results`, names that match the spec's outputs of
the same kind, nothing that JSON cannot carry, no NaN), so a calculator bug
shows up in CPython tests rather than as a blank widget.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from calculators.errors import CalculatorInputError, shown
from calculators.registry import COMPUTE, SPECS
from calculators.results import ResultShapeError, check_result


def run(calc_id: str, inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run calculator `calc_id` on form-style string inputs; return JSON-able data.

    Raises :class:`CalculatorInputError` for bad input (including an unknown id).
    """
    return _checked(calc_id, _compute(calc_id, inputs))[0]


def _run_text(calc_id: str, inputs: Mapping[str, str]) -> str:
    """Like `run`, but the result's JSON text (the browser needs nothing else)."""
    return _checked(calc_id, _compute(calc_id, inputs))[1]


def _compute(calc_id: str, inputs: Mapping[str, str]) -> dict[str, Any]:
    """Look the calculator up and call it with every value as text."""
    if calc_id not in COMPUTE:
        known = ", ".join(SPECS)
        raise CalculatorInputError(
            "", f"There is no calculator {shown(calc_id)}; the calculators are {known}."
        )
    cleaned = {str(key): _as_text(value) for key, value in inputs.items()}
    return COMPUTE[calc_id](cleaned)


def _checked(calc_id: str, result: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The result made JSON-safe, and its JSON text (serialised once, at C speed)."""
    _check_outputs(calc_id, result)
    try:
        return result, json.dumps(result, ensure_ascii=False, allow_nan=False)
    except ValueError:  # a NaN or infinity slipped through: undefined is None
        clean = _json_safe(result)
        return clean, json.dumps(clean, ensure_ascii=False, allow_nan=False)


def _as_text(value: object) -> str:
    """A form value as text (a JSON caller may send numbers or booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _check_outputs(calc_id: str, result: dict[str, Any]) -> None:
    """Each table and chart is a declared output of its kind, and the result has the
    shape declared in `calculators.results` (names first: they say most about a bug)."""
    if isinstance(result, dict):
        for key in ("warnings", "tables", "charts"):
            result.setdefault(key, [])
        _check_names(calc_id, result)
    check_result(result)


def _check_names(calc_id: str, result: dict[str, Any]) -> None:
    """Every named entry under ``tables`` and ``charts`` is a spec output of that kind."""
    kinds = {output.name: output.kind for output in SPECS[calc_id].outputs}
    for kind, key in (("table", "tables"), ("chart", "charts")):
        entries = result[key] if isinstance(result[key], list) else []
        for entry in entries:
            name = entry.get("name") if isinstance(entry, dict) else None
            if isinstance(name, str) and kinds.get(name) != kind:
                raise ResultShapeError(
                    f"{calc_id} returned the {kind} '{name}', which its spec "
                    f"does not declare as a {kind} output"
                )


def _json_safe(value: Any) -> Any:
    """The same data with tuples as lists and NaN or infinity as None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    return value


def run_json(calc_id: str, inputs_json: str) -> str:
    """What the browser worker calls: JSON in, JSON out, never an exception or a traceback."""
    try:
        _check_nesting(inputs_json)
        inputs = json.loads(inputs_json) if inputs_json.strip() else {}
        if not isinstance(inputs, dict):
            raise CalculatorInputError("", "The inputs must be a JSON object of field values.")
        return '{"ok": true, "result": ' + _run_text(calc_id, inputs) + "}"
    except CalculatorInputError as error:
        payload = {"ok": False, "error": {"field": error.field or None, "message": error.message}}
    except json.JSONDecodeError as error:
        message = f"The inputs are not valid JSON (line {error.lineno}, column {error.colno})."
        payload = {"ok": False, "error": {"field": None, "message": message}}
    except Exception as error:  # the reader must get a sentence, never a traceback
        payload = {"ok": False, "error": {"field": None, "message": internal_message(error)}}
    return json.dumps(payload, ensure_ascii=False, allow_nan=False)


MAX_NESTING = 8  # a form sends one flat object of field values
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _check_nesting(text: str) -> None:
    """Refuse deeply nested JSON before parsing it: the parser would recurse that deep.

    Brackets inside strings (a CSV cell may hold one) are removed first, at C speed.
    """
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return
    depth = deepest = 0
    for char in _STRING.sub("", text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_NESTING:
                raise CalculatorInputError(
                    "",
                    f"The inputs are nested more than {MAX_NESTING} levels deep; send one "
                    "JSON object of field values.",
                )
        elif char in "]}":
            depth -= 1


def internal_message(error: BaseException) -> str:
    """A plain sentence for an unexpected failure (the type name, never a repr)."""
    detail = str(error).strip().rstrip(".") or type(error).__name__
    return f"The calculator hit an internal problem: {detail}."
