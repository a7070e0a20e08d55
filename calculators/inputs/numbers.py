"""What counts as a number, in a CSV cell or a typed field: plain ASCII forms only.

Python's ``float`` also reads ``1_000`` (a digit separator) and full-width or other
Unicode digits (``１２３``), which a spreadsheet export never means as a number and
a reader cannot tell apart from a typo. So a number here is an optional sign, ASCII
digits with at most one decimal point, and an optional exponent: ``-12``, ``0.5``,
``.5``, ``1e-3``. Anything else is refused with a sentence that says why.
"""

from __future__ import annotations

import math
import re

__all__ = ["INFINITIES", "PLAIN_NUMBER", "not_a_number", "plain_float"]

PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
INFINITIES = frozenset({"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"})


def plain_float(text: str) -> float | None:
    """The finite float written as plain ASCII `text` (already stripped), else None."""
    if PLAIN_NUMBER.fullmatch(text) is None:
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def not_a_number(text: str) -> str:
    """The end of the sentence that refuses `text` as a number, saying why where it can."""
    if text.lower() in INFINITIES:
        return "is not a finite number."
    if not text.isascii():
        return (
            "is not a plain number: write it with the digits 0-9 (full-width and other "
            "non-ASCII digits are not read)."
        )
    if "_" in text:
        return "is not a plain number: write it without digit separators, like 1000."
    return "is not a number."
