"""Reading a pasted or uploaded CSV of prices or returns into columns of floats.

The rules are the site's published data rules: a header row is required and
its first column is a date or label; the delimiter (comma, semicolon or tab) is
detected; quoted names may contain delimiters; any UTF-8 name works; an empty
cell, ``NaN``, ``null`` or ``NA`` is missing and stays missing (never
forward-filled). Anything else that is not a number is an error naming its
file line and column, because silently dropping a typo would change a result.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from calculators.errors import CalculatorInputError, shown
from calculators.inputs.limits import check_csv_size
from calculators.inputs.numbers import not_a_number, plain_float

MISSING_WORDS = frozenset({"", "nan", "null", "na"})
DELIMITERS = (",", ";", "\t")
MIN_ROWS = 3
LARGEST = 1e100  # beyond any price; keeps squares and sums finite
MAX_LISTED = 12  # column names listed in a message before 'and N more'

Column = list[float | None]


@dataclass(frozen=True)
class Dataset:
    """Columns of numbers with their row labels, kept column-major for speed.

    `lines` holds the 1-based line of the CSV text each row came from, so
    later checks (e.g. a non-positive price under log returns) can name it.
    `notes` are sentences for the result's warnings, such as rows sorted by date.
    """

    label_header: str
    labels: list[str]
    lines: list[int]
    names: list[str]
    columns: list[Column]
    notes: tuple[str, ...] = ()  # what reading did that the reader should know (sorting)

    def column(self, name: str, field: str = "csv") -> Column:
        """The values of the column called `name`, or an error listing the real names."""
        try:
            return self.columns[self.names.index(name)]
        except ValueError:
            known = ", ".join(self.names[:MAX_LISTED]) + (
                f" and {len(self.names) - MAX_LISTED:,} more"
                if len(self.names) > MAX_LISTED
                else ""
            )
            raise CalculatorInputError(
                field, f"There is no column {shown(name)} in the CSV; its columns are {known}."
            ) from None

    def select(self, names: Sequence[str]) -> Dataset:
        """The same rows restricted to `names`, in that order."""
        return replace(self, names=list(names), columns=[self.column(name) for name in names])


def parse_csv(text: str, field: str = "csv") -> Dataset:
    """Parse CSV text into a :class:`Dataset`, or raise an error naming line and column."""
    if text.startswith("\ufeff"):
        text = text[1:]
    check_csv_size(text, field)
    delimiter = detect_delimiter(text)
    rows = _rows(text, delimiter, field)
    header, header_line = _read_header(rows, field)
    names = _column_names(header, header_line, field)
    body: list[list[str]] = []
    lines: list[int] = []
    width = len(header)
    for line, cells in rows:
        if len(cells) != width:
            _check_width(cells, width, line, field)
        body.append(cells)
        lines.append(line)
    if len(body) < MIN_ROWS:  # before any column is read: an empty column has no maximum
        raise CalculatorInputError(
            field,
            f"The CSV has {len(body)} data row{'s' if len(body) != 1 else ''}; "
            f"at least {MIN_ROWS} are needed.",
        )
    by_column = list(zip(*body, strict=True))
    labels = [cell.strip() for cell in by_column[0]]
    columns = [
        _parse_column(by_column[index + 1], lines, name, field, delimiter)
        for index, name in enumerate(names)
    ]
    return in_time_order(Dataset(header[0].strip(), labels, lines, names, columns), field)


NO_DATES = (
    "The first column is not dates (like 2024-01-31), so the rows are taken as time "
    "order as they stand, the first row the oldest."
)


def in_time_order(data: Dataset, field: str = "csv") -> Dataset:
    """The rows sorted by date when the first column holds ISO dates; else as given.

    A calculator that compounds, rolls or reports "latest" reads the rows as time
    order, so out-of-order dates are sorted (with one warning), a repeated date is
    refused with both lines, and labels that are not dates get a note saying the
    row order is taken as time order.
    """
    stamps = _dates(data.labels)
    if stamps is None:
        return replace(data, notes=(*data.notes, NO_DATES))
    _refuse_repeated_dates(data, stamps, field)
    late = next((i for i in range(1, len(stamps)) if stamps[i] < stamps[i - 1]), None)
    if late is None:
        return data
    order = sorted(range(len(stamps)), key=stamps.__getitem__)
    note = (
        f"The rows were not in date order ({data.labels[late]} on line {data.lines[late]} "
        f"comes after {data.labels[late - 1]} on line {data.lines[late - 1]}), so they "
        "were sorted by date first."
    )
    return replace(
        data,
        labels=[data.labels[i] for i in order],
        lines=[data.lines[i] for i in order],
        columns=[[column[i] for i in order] for column in data.columns],
        notes=(*data.notes, note),
    )


def _dates(labels: Sequence[str]) -> list[datetime] | None:
    """Every label as an ISO date or date-time (UTC when it has an offset), else None."""
    stamps: list[datetime] = []
    for label in labels:
        try:
            stamp = datetime.fromisoformat(label)
        except ValueError:
            return None
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(UTC).replace(tzinfo=None)
        stamps.append(stamp)
    return stamps


def _refuse_repeated_dates(data: Dataset, stamps: Sequence[datetime], field: str) -> None:
    """A date that appears twice is an error naming both lines."""
    first: dict[datetime, int] = {}
    for index, stamp in enumerate(stamps):
        earlier = first.setdefault(stamp, index)
        if earlier != index:
            raise CalculatorInputError(
                field,
                f"Lines {data.lines[earlier]} and {data.lines[index]} have the same date, "
                f"{shown(data.labels[index])}; each date may appear only once.",
                data.lines[index],
            )


def with_notes(result: dict[str, Any], data: Dataset) -> dict[str, Any]:
    """The result with the dataset's reading notes first among its warnings."""
    result["warnings"] = [*data.notes, *result.get("warnings", [])]
    return result


def detect_delimiter(text: str) -> str:
    """The delimiter used by the header line: the most frequent of ``,``, ``;`` and tab."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    outside = _outside_quotes(first)
    counts = [(outside.count(d), -i, d) for i, d in enumerate(DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] > 0 else ","


def _outside_quotes(line: str) -> str:
    """The characters of `line` that are not inside double quotes."""
    kept: list[str] = []
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            kept.append(char)
    return "".join(kept)


def _rows(text: str, delimiter: str, field: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows with the line each one ends on (quoted cells may span lines).

    Text without quotes is split directly, which is about twice as fast as the
    csv module in Pyodide and gives the same cells.
    """
    if '"' not in text:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield number, line.split(delimiter)
        return
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for cells in reader:
            if (cells and cells[0].strip()) or any(cell.strip() for cell in cells):
                yield reader.line_num, cells
    except csv.Error as error:
        raise _unreadable(error, reader.line_num, field) from None


def _unreadable(error: csv.Error, line: int, field: str) -> CalculatorInputError:
    """The csv module's complaint as a sentence that names the line it stopped on."""
    limit = csv.field_size_limit()
    if "field limit" in str(error):
        return CalculatorInputError(
            field,
            f"Line {line}: a cell is longer than {limit:,} characters, which no price, return "
            "or name is; check for a quote mark that is never closed.",
            line,
        )
    return CalculatorInputError(
        field, f"Line {line}: the CSV cannot be read there ({str(error).rstrip('.')}).", line
    )


def _read_header(rows: Iterator[tuple[int, list[str]]], field: str) -> tuple[list[str], int]:
    """The first non-blank row, which must name a label column and at least one series."""
    for line, cells in rows:
        if len(cells) < 2:
            raise CalculatorInputError(
                field,
                "The header row needs a date or label column followed by at least one "
                "asset column.",
                line,
            )
        return cells, line
    raise CalculatorInputError(field, "The CSV is empty; paste a header row and data rows.")


def _column_names(header: list[str], line: int, field: str) -> list[str]:
    """The asset names after the label column: each present and unique."""
    names = [cell.strip() for cell in header[1:]]
    seen: set[str] = set()
    for position, name in enumerate(names, start=2):
        if not name:
            raise CalculatorInputError(
                field, f"Line {line}: column {position} of the header row has no name.", line
            )
        if name in seen:
            raise CalculatorInputError(
                field, f"Line {line}: the column name {shown(name)} appears more than once.", line
            )
        seen.add(name)
    return names


def _check_width(cells: list[str], width: int, line: int, field: str) -> None:
    """Every data row has as many cells as the header (a trailing empty cell is allowed)."""
    count = len(cells)
    if count == width + 1 and not cells[-1].strip():
        del cells[-1]
        count = width
    if count != width:
        raise CalculatorInputError(
            field, f"Line {line} has {count} cells but the header row has {width}.", line
        )


def _parse_column(
    cells: Sequence[str], lines: list[int], name: str, field: str, delimiter: str
) -> Column:
    """One column of cells as floats: one C-speed pass when every cell is a plain number.

    ``float`` alone would also read ``1_000`` and non-ASCII digits; with neither in the
    column it reads exactly the plain forms (plus inf and nan, which fail the finite
    check and go to the cell-by-cell path that names them).
    """
    joined = "".join(cells)
    if joined.isascii() and "_" not in joined:  # float() then reads plain forms, inf and nan
        try:
            values: Column = list(map(float, cells))
        except ValueError:
            pass
        else:
            if all(map(math.isfinite, values)) and max(map(abs, values)) <= LARGEST:  # type: ignore[arg-type]
                return values
    return [
        parse_cell(cell, line, name, field, delimiter)
        for cell, line in zip(cells, lines, strict=True)
    ]


def parse_cell(
    cell: str, line: int, name: str, field: str = "csv", delimiter: str = ","
) -> float | None:
    """One cell as a float, None when missing, or an error naming its line and column."""
    text = cell.strip()
    if text.lower() in MISSING_WORDS:
        return None
    value = plain_float(text)
    if value is None:
        value = _decimal_comma(text, delimiter)
    if value is None:
        raise CalculatorInputError(
            field, f"Line {line}, column {name}: {shown(text)} {not_a_number(text)}", line
        )
    if abs(value) > LARGEST:
        raise CalculatorInputError(
            field,
            f"Line {line}, column {name}: {shown(text)} is too large to be a price or return.",
            line,
        )
    return value


def _decimal_comma(text: str, delimiter: str) -> float | None:
    """``1,5`` read as 1.5 when the file is not comma-delimited (European spreadsheets)."""
    if delimiter == "," or text.count(",") != 1 or "." in text:
        return None
    return plain_float(text.replace(",", "."))


def usable_rows(columns: Sequence[Column]) -> int:
    """How many rows have a value in at least two columns (enough to pair something)."""
    if all(None not in column for column in columns):
        return len(columns[0]) if columns else 0
    if len(columns) == 1:
        return sum(1 for value in columns[0] if value is not None)
    counts = [0] * (len(columns[0]) if columns else 0)
    for column in columns:
        for index, value in enumerate(column):
            if value is not None:
                counts[index] += 1
    return sum(1 for count in counts if count >= 2)


def require_rows(columns: Sequence[Column], field: str = "csv", what: str = "returns") -> None:
    """Raise the 'fewer than 3 usable rows' error in words."""
    count = usable_rows(columns)
    if count < MIN_ROWS:
        raise CalculatorInputError(
            field,
            f"Only {count} usable row{'s' if count != 1 else ''} of {what} remain; "
            f"at least {MIN_ROWS} are needed.",
        )


@functools.cache
def example_csv() -> str:
    """The starter site's synthetic example prices (read from the package, so it works
    from an installed wheel in Pyodide as well as from a checkout)."""
    resource = importlib.resources.files("calculators") / "data" / "example-prices.csv"
    return resource.read_text(encoding="utf-8")
