"""Pydantic's validation errors, reworded for people who write YAML, not Python.

Pydantic says `Input should be a valid string [type=string_type, input_value=[…]]`
and links to its docs; an editor needs `expected text, got a list`. Each error
type we meet in entries has its own wording here, and anything unforeseen is
still reworded generically, so no Python repr or URL reaches a reader.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

if TYPE_CHECKING:  # the loader imports this module: no import back at run time
    from termsite.load.yaml_source import Loc

__all__ = [
    "Wording",
    "described",
    "field_path",
    "option_problems",
    "reworded",
    "slugify",
    "suggestion",
]

_DATE = "expected a date like 2025-03-14"


class Wording(typing.NamedTuple):
    """A reworded error: where it points, what it says, and its problem code."""

    loc: Loc
    message: str
    code: str


def slugify(text: str) -> str:
    """`'Funding Rate'` → `'funding-rate'`: the slug people most likely meant.

    Accents are dropped rather than the letters they sit on (`Ünïcode` → `unicode`).
    """
    plain = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def suggestion(word: str, choices: typing.Iterable[str]) -> str:
    """` (did you mean 'related'?)` when one choice is close, else nothing."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def field_path(loc: Loc) -> str:
    """`('faq', 1, 'answer')` → `faq[1].answer`, the way people write it."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def option_problems(error: ValidationError, model: type[BaseModel]) -> list[tuple[str, str]]:
    """Each problem of a settings block as (option path, sentence).

    `termsite check`, `termsite build` and a bare `mkdocs build` all report a
    misspelt option through this, so it is worded the same wherever it is caught.
    """
    found = []
    for detail in error.errors(include_url=False):
        loc, message, _ = reworded(detail, model)
        found.append((field_path(loc) or "(options)", message))
    return found


def described(value: Any) -> str:
    """What a YAML value looks like to the person who typed it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _text(error: ErrorDetails) -> str:
    value = error.get("input")
    hint = " (put it in quotes)" if isinstance(value, bool | int | float | dt.date) else ""
    return f"expected text, got {described(value)}{hint}"


def _slug(error: ErrorDetails) -> str:
    value = error.get("input")
    example = slugify(value) if isinstance(value, str) and slugify(value) else "funding-rate"
    return f"expected lower-case words joined by hyphens (e.g. '{example}'), got {described(value)}"


def _list(error: ErrorDetails) -> str:
    value = error.get("input")
    hint = f" (write it as [{value}])" if isinstance(value, str) else ""
    return f"expected a list, got {described(value)}{hint}"


def _bound(word: str, key: str) -> Callable[[ErrorDetails], str]:
    def wording(error: ErrorDetails) -> str:
        limit = error.get("ctx", {}).get(key)
        return f"expected a number {word} {limit}, got {described(error.get('input'))}"

    return wording


def _got(expected: str) -> Callable[[ErrorDetails], str]:
    return lambda error: f"{expected}, got {described(error.get('input'))}"


def _too_long(error: ErrorDetails) -> str:
    limit = error.get("ctx", {}).get("max_length")
    return f"expected at most {limit} characters, got {len(str(error.get('input')))}"


_WORDINGS: dict[str, tuple[Callable[[ErrorDetails], str], str]] = {
    "missing": (lambda _: "this field is required", "missing-field"),
    "string_type": (_text, "wrong-type"),
    "string_too_short": (lambda _: "expected text, got an empty value", "missing-field"),
    "string_too_long": (_too_long, "wrong-type"),
    "string_pattern_mismatch": (_slug, "bad-slug"),
    "int_type": (_got("expected a whole number"), "wrong-type"),
    "int_parsing": (_got("expected a whole number"), "wrong-type"),
    "int_from_float": (_got("expected a whole number"), "wrong-type"),
    "greater_than": (_bound("above", "gt"), "wrong-type"),
    "greater_than_equal": (_bound("of at least", "ge"), "wrong-type"),
    "less_than": (_bound("below", "lt"), "wrong-type"),
    "less_than_equal": (_bound("no more than", "le"), "wrong-type"),
    "date_type": (_got(_DATE), "wrong-type"),
    "date_parsing": (_got(_DATE), "wrong-type"),
    "date_from_datetime_parsing": (_got(_DATE), "wrong-type"),
    "date_from_datetime_inexact": (lambda _: f"{_DATE}, got a date with a time", "wrong-type"),
    "date_future": (_got("expected a date not in the future"), "wrong-type"),
    "bool_type": (_got("expected true or false"), "wrong-type"),
    "bool_parsing": (_got("expected true or false"), "wrong-type"),
    "list_type": (_list, "wrong-type"),
    "model_type": (_got("expected a mapping of fields"), "wrong-type"),
    "model_attributes_type": (_got("expected a mapping of fields"), "wrong-type"),
    "dict_type": (_got("expected a mapping of fields"), "wrong-type"),
}


def reworded(error: ErrorDetails, model: type[BaseModel]) -> Wording:
    """One pydantic error as a plain sentence pointing at the field it concerns."""
    loc: Loc = tuple(part for part in error["loc"] if not _is_internal(part))
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_field(loc, model)
    if kind == "literal_error":
        return Wording(loc, _literal(error, model, loc), "wrong-type")
    if kind in ("value_error", "assertion_error"):
        return _rule(loc, error)
    wording, code = _WORDINGS.get(kind, (_generic, "invalid"))
    return Wording(loc, wording(error), code)


def _is_internal(part: str | int) -> bool:
    """Pydantic adds validator names such as `function-after[…]` to some locations."""
    return isinstance(part, str) and "[" in part


def _unknown_field(loc: Loc, model: type[BaseModel]) -> Wording:
    name = str(loc[-1])
    known = [key for key in _fields_at(model, loc[:-1]) if key != "kind"]
    return Wording(loc, f"unknown field '{name}'{suggestion(name, known)}", "unknown-key")


def _literal(error: ErrorDetails, model: type[BaseModel], loc: Loc) -> str:
    got = described(error.get("input"))
    if loc == ("kind",):
        expected = model.model_fields["kind"].default
        return f"expected '{expected}' (the folder gives the kind), got {got}"
    return f"expected one of {error.get('ctx', {}).get('expected')}, got {got}"


def _rule(loc: Loc, error: ErrorDetails) -> Wording:
    """A model's own rule: its message is already plain; point at the field it names."""
    message = re.sub(r"^(Value|Assertion) error,?\s*", "", error["msg"])
    if not loc and "'modified'" in message:
        loc = ("modified",)
    return Wording(loc, message, "invalid-value")


def _generic(error: ErrorDetails) -> str:
    message = error["msg"].replace("Input should be", "expected").rstrip(".")
    message = re.sub(r"<[^>]*>", "another value", message)
    return f"{message}, got {described(error.get('input'))}"


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at `loc`, following nested models through lists."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        current = _inner_model(field.annotation) if field else None
    return list(current.model_fields) if _is_model(current) else []


def _inner_model(annotation: Any) -> Any:
    """The model inside `list[X]`, `X | None` and the like, if any."""
    if _is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _is_model(value: Any) -> bool:
    return (
        isinstance(value, type)
        and not isinstance(value, types.GenericAlias)
        and issubclass(value, BaseModel)
    )
