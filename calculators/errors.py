"""The one error type a calculator raises for bad input.

Every front end (browser widget, command line, build-time prerender) shows the
message as-is, so it is always a full plain sentence that names where the
problem is; the field name lets a form put the message next to the right input.
"""

from __future__ import annotations


class CalculatorInputError(Exception):
    """Bad input, explained in one sentence and tied to a form field.

    `field` is the input name (e.g. ``"csv"``), `message` the sentence shown to
    people, and `line` the 1-based line of a CSV text when the problem is in one.
    """

    def __init__(self, field: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message


SHOWN_CHARACTERS = 40


def shown(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """`text` quoted for a message, cut to `limit` characters (a 1 MB cell is not echoed).

    A cut value says how long it really was, so the reader can still find it.
    """
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{text[:limit]}…' ({len(text):,} characters)"
