"""Choosing what part of a CSV to use: which assets, which period, and in which unit.

Readers of crypto correlation tools expect to narrow a data set without editing
it: pick the columns, look at the last 30 days, or quote every coin in BTC
rather than in dollars. These inputs are shared by the calculators that read a
price CSV, and are applied to the prices in this order, before any return is
taken: the period (rows), the re-basing (units), then the assets (columns).

The period counts back from the last date in the CSV, not from today, so the
same file always gives the same result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from calculators.errors import CalculatorInputError
from calculators.inputs.csvdata import Column, Dataset
from calculators.spec import CalculatorSpec, InputSpec, choice_input, text_input

__all__ = [
    "ASSETS_INPUT",
    "PERIOD_DAYS",
    "PERIOD_INPUTS",
    "REBASE_INPUT",
    "choose_assets",
    "choose_period",
    "rebase",
    "select_prices",
]

PERIOD_DAYS = {"30d": 30, "90d": 90, "1y": 365}
"""How far back each fixed period reaches from the last date, in calendar days."""

ASSETS_INPUT = InputSpec(
    "assets",
    "Assets",
    "columns",
    help="The CSV columns to use, separated by commas; blank uses them all.",
    essential=True,
)

PERIOD_INPUTS: tuple[InputSpec, ...] = (
    InputSpec(
        "period",
        "Period",
        "choice",
        default="all",
        choices=(
            ("all", "All rows"),
            ("30d", "Last 30 days"),
            ("90d", "Last 90 days"),
            ("1y", "Last year (365 days)"),
            ("dates", "Between two dates"),
        ),
        help="Counted back from the last date in the CSV; the first column must hold "
        "dates (YYYY-MM-DD) for any choice but all rows.",
    ),
    InputSpec(
        "start",
        "From date",
        "date",
        help="With “between two dates”: the first date to use (YYYY-MM-DD); blank starts "
        "at the first row.",
    ),
    InputSpec(
        "end",
        "To date",
        "date",
        help="With “between two dates”: the last date to use (YYYY-MM-DD); blank ends "
        "at the last row.",
    ),
)

REBASE_INPUT = InputSpec(
    "rebase",
    "Quote prices in",
    "column",
    help="A column to divide every price by before returns are taken, e.g. BTC to "
    "quote every asset in BTC; blank keeps the CSV's own unit.",
)


def select_prices(
    spec: CalculatorSpec, inputs: Mapping[str, str], data: Dataset, returns: str
) -> Dataset:
    """`data` cut to the chosen period and re-based, as the spec's inputs ask."""
    names = {item.name for item in spec.inputs}
    if "period" in names:
        data = choose_period(spec, inputs, data)
    if "rebase" in names:
        base = text_input(spec, inputs, "rebase").strip()
        if base:
            data = rebase(data, base, returns)
    return data


def choose_period(spec: CalculatorSpec, inputs: Mapping[str, str], data: Dataset) -> Dataset:
    """The rows inside the chosen period (all of them for ``all``)."""
    period = choice_input(spec, inputs, "period")
    if period == "all":
        return data
    dates = _dates(data)
    if period == "dates":
        start, end = _date_input(spec, inputs, "start"), _date_input(spec, inputs, "end")
        if start and end and start > end:
            raise CalculatorInputError("end", f"The end date {end} is before the start {start}.")
        first, last = start or min(dates), end or max(dates)
    else:
        last = max(dates)
        first = last - dt.timedelta(days=PERIOD_DAYS[period])
    keep = [index for index, day in enumerate(dates) if first <= day <= last]
    if not keep:
        raise CalculatorInputError("period", f"No row of the CSV falls between {first} and {last}.")
    return _rows(data, keep)


def _dates(data: Dataset) -> list[dt.date]:
    """The first column read as dates, or an error naming the first row that is not one."""
    dates: list[dt.date] = []
    for label, line in zip(data.labels, data.lines, strict=True):
        day = _parse_date(label)
        if day is None:
            shown = label if len(label) <= 40 else label[:39] + "…"
            raise CalculatorInputError(
                "period",
                f"Line {line}: '{shown}' is not a date (YYYY-MM-DD), so the CSV can only be "
                "used with all rows.",
                line,
            )
        dates.append(day)
    return dates


def _parse_date(text: str) -> dt.date | None:
    """An ISO date, or the date part of an ISO date-time ("2024-01-31T00:00:00Z")."""
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _date_input(spec: CalculatorSpec, inputs: Mapping[str, str], name: str) -> dt.date | None:
    """A date field, None when blank."""
    text = text_input(spec, inputs, name).strip()
    if not text:
        return None
    day = _parse_date(text)
    if day is None or len(text) != 10:
        label = spec.input(name).label
        raise CalculatorInputError(name, f"{label} must be a date like 2024-01-31; got '{text}'.")
    return day


def _rows(data: Dataset, keep: Sequence[int]) -> Dataset:
    """The same columns restricted to the rows at `keep`."""
    return Dataset(
        data.label_header,
        [data.labels[i] for i in keep],
        [data.lines[i] for i in keep],
        list(data.names),
        [[column[i] for i in keep] for column in data.columns],
        data.notes,
    )


def rebase(data: Dataset, base: str, returns: str) -> Dataset:
    """Every other column divided by `base`, row by row; `base` itself is dropped.

    A missing base price makes that row missing for every asset (never filled).
    """
    if returns == "none":
        raise CalculatorInputError(
            "rebase",
            "Quoting in another asset divides prices, so it needs prices: choose log or "
            "simple returns, or leave “Quote prices in” blank.",
        )
    divisor = data.column(base, "rebase")
    for price, line in zip(divisor, data.lines, strict=True):
        if price is not None and price <= 0:
            raise CalculatorInputError(
                "rebase",
                f"Line {line}, column {base}: the price {price:g} is not positive, so no "
                "price can be quoted in it.",
                line,
            )
    names = [name for name in data.names if name != base]
    if not names:
        raise CalculatorInputError(
            "rebase", f"{base} is the only column; nothing is left to quote."
        )
    columns = [_ratio(data.column(name), divisor) for name in names]
    return Dataset(data.label_header, data.labels, data.lines, names, columns, data.notes)


def _ratio(column: Column, divisor: Column) -> Column:
    return [
        None if price is None or base is None else price / base
        for price, base in zip(column, divisor, strict=True)
    ]


def choose_assets(
    spec: CalculatorSpec, inputs: Mapping[str, str], data: Dataset, rebased_on: str = ""
) -> Dataset:
    """The columns named in the assets field, in the order given (all when blank)."""
    text = text_input(spec, inputs, "assets").strip()
    if not text:
        return data
    names = [name.strip() for name in text.split(",") if name.strip()]
    if rebased_on and rebased_on in names:
        raise CalculatorInputError(
            "assets",
            f"Prices are quoted in {rebased_on}, so it is 1 on every row: leave it out "
            "of the assets.",
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise CalculatorInputError("assets", f"{', '.join(repeated)} is listed twice in Assets.")
    for name in names:
        data.column(name, "assets")
    if len(names) < 2:
        raise CalculatorInputError("assets", "Choose at least two assets to correlate.")
    return data.select(names)
