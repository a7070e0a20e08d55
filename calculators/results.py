"""The shape of every calculator result, declared once.

A result is the contract between the maths and three readers of it: the
build-time prerender (``termsite.widgets.prerender``), the browser widget and
the command line. Each calculator adds its own figures beside these keys (the
matrix, the series, ...); the keys below are the ones every front end reads.

`check_result` walks a result against these declarations, so a calculator that
forgets a caption or puts a number where text belongs fails in a CPython test
instead of showing a blank cell in a reader's browser. The checker is compiled
once from the annotations, so the declarations stay the only description.

This module deliberately does not use ``from __future__ import annotations``:
Python 3.11 cannot see ``NotRequired`` inside string annotations.
"""

import functools
from collections.abc import Callable
from types import NoneType, UnionType
from typing import Any, NotRequired, TypedDict, Union, get_args, get_origin, get_type_hints

__all__ = ["Cell", "Chart", "Result", "ResultShapeError", "Row", "Table", "check_result"]

CellValue = float | int | str | None


class Cell(TypedDict):
    """One value cell: the full-precision `value` and the display `text` formatted once."""

    value: CellValue
    text: str
    shade: NotRequired[int]
    """Correlation matrices only: the heatmap colour band, 0 (−1) to 40 (+1), that the
    stylesheet's ``tc-shade-N`` classes paint (see ``calculators.display.tables.SHADES``)."""


class Row(TypedDict):
    """One table row: its header label, then one cell per column."""

    label: str
    cells: list[Cell]


class Table(TypedDict):
    """A named table; `name` is one of the spec's table outputs."""

    name: str
    caption: str
    row_header: str
    columns: list[str]
    rows: list[Row]


class Chart(TypedDict):
    """A named picture: a complete accessible ``<svg>`` with a ``<title>`` and ``<desc>``."""

    name: str
    title: str
    svg: str


class Result(TypedDict):
    """What every calculator returns beside its own figures.

    `headline` is the one line of key figures a reader takes in at a glance
    (e.g. "average pairwise ρ 0.66; highest BTC–ETH 0.75"), shown under the picture.
    """

    headline: str
    warnings: list[str]
    tables: list[Table]
    charts: list[Chart]


class ResultShapeError(RuntimeError):
    """A calculator returned data that does not have the declared shape (a bug, not bad input)."""


Checker = Callable[[Any, str], None]


def check_result(result: object) -> None:
    """Raise :class:`ResultShapeError` naming the first misshapen field of `result`.

    Keys a calculator adds beyond :class:`Result` are not checked here: they are
    that calculator's own figures, covered by its own tests.
    """
    _checker(Result)(result, "result")


@functools.cache
def _checker(kind: Any) -> Checker:
    """A function that checks a value against `kind` (built once per type, then reused)."""
    if isinstance(kind, type) and hasattr(kind, "__required_keys__"):
        return _typed_dict_checker(kind)
    origin = get_origin(kind)
    if origin is list:
        return _list_checker(_checker(get_args(kind)[0]))
    if origin is Union or origin is UnionType:
        return _union_checker(get_args(kind))
    return _plain_checker(kind)


def _typed_dict_checker(kind: Any) -> Checker:
    """Required keys present, and every declared key that is present of its declared type.

    Fields of plain types are checked inline with one ``isinstance`` (a table has
    thousands of cells, and this runs on every result in the browser too).
    """
    hints = get_type_hints(kind)
    required = frozenset(kind.__required_keys__)
    plain = {name: types for name, hint in hints.items() if (types := _plain_types(hint))}
    nested = {name: _checker(hint) for name, hint in hints.items() if name not in plain}

    def check(value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise ResultShapeError(f"{where} must be an object, not {_kind_name(value)}")
        if not required <= value.keys():
            missing = sorted(required - value.keys())
            raise ResultShapeError(f"{where} has no '{missing[0]}'")
        for name, types in plain.items():
            if name in value:
                item = value[name]
                if not isinstance(item, types) or (item is True or item is False):
                    _checker(hints[name])(item, f"{where}.{name}")
        for name, field_check in nested.items():
            if name in value:
                try:
                    field_check(value[name], where)
                except ResultShapeError:  # say where, now that it is known to be needed
                    field_check(value[name], f"{where}.{name}")

    return check


def _plain_types(hint: Any) -> tuple[type, ...]:
    """The types of a plain or union-of-plain hint (bool excluded); empty for anything else."""
    options = get_args(hint) if get_origin(hint) in (Union, UnionType) else (hint,)
    types = tuple(NoneType if option is None else option for option in options)
    if all(
        isinstance(option, type) and not hasattr(option, "__required_keys__") for option in types
    ):
        return types if bool not in types else ()
    return ()


def _list_checker(item: Checker) -> Checker:
    def check(value: Any, where: str) -> None:
        if not isinstance(value, list):
            raise ResultShapeError(f"{where} must be a list, not {_kind_name(value)}")
        for index, entry in enumerate(value):
            try:
                item(entry, where)
            except ResultShapeError:  # the path is built only for the entry that fails
                item(entry, f"{where}[{index}]")

    return check


def _union_checker(options: tuple[Any, ...]) -> Checker:
    """Only unions of plain types are declared (``float | int | str | None``)."""
    allowed = tuple(NoneType if option is None else option for option in options)
    names = " or ".join(_type_name(option) for option in allowed)

    def check(value: Any, where: str) -> None:
        if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
            raise ResultShapeError(f"{where} must be {names}, not {_kind_name(value)}")

    return check


def _plain_checker(kind: type) -> Checker:
    def check(value: Any, where: str) -> None:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise ResultShapeError(f"{where} must be {_type_name(kind)}, not {_kind_name(value)}")

    return check


def _type_name(kind: type) -> str:
    return {NoneType: "null", str: "text", int: "an integer", float: "a number"}.get(
        kind, kind.__name__
    )


def _kind_name(value: object) -> str:
    return _type_name(type(value)) if not isinstance(value, bool) else "true/false"
