"""How much data one run may take, so every run ends in about 10 seconds in a browser.

Pyodide runs this pure Python two to four times slower than CPython, and the
slowest methods grow with rows × asset pairs (Kendall's merge sort per pair,
Higham's repair with the cube of the assets). Unbounded, 2,000 assets ran 73 s
and ran out of memory, and Kendall on a 17 MB paste took 54 s. Each limit below
keeps the worst case inside it at about 1.5 s of CPython on this project's
benchmark machine (``scripts/bench_calculators.py --limits`` prints the figures),
and the same numbers are written into the form's help and the command line's.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.errors import CalculatorInputError

__all__ = ["CSV_VALUES", "Limit", "check_csv_size", "plural"]

CSV_VALUES = 2_000_000  # any CSV, before it is parsed: rows × columns


def plural(count: int, word: str) -> str:
    """``1 asset``, ``2,000 assets``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class Limit:
    """The most assets, and the most values (rows × assets), one method may take."""

    method: str  # as the reader sees it, e.g. "Kendall"
    assets: int
    values: int

    def words(self) -> str:
        """The limit in plain numbers, for help texts."""
        return f"{self.method} up to {self.assets:,} assets and {self.values:,} values"

    def check(self, rows: int, assets: int, field: str = "csv") -> None:
        """Refuse, before any maths, data beyond the limit."""
        if assets > self.assets:
            raise CalculatorInputError(
                field,
                f"{self.method} on {plural(assets, 'asset')} is more than one run in a browser "
                f"can take; use at most {self.assets:,} assets.",
            )
        if rows * assets > self.values:
            raise CalculatorInputError(
                field,
                f"{self.method} on {plural(rows, 'row')} of {plural(assets, 'asset')} "
                f"({rows * assets:,} values) is more than one run in a browser can take; keep "
                f"rows × assets at most {self.values:,}, for example "
                f"{self.values // max(assets, 1):,} rows of these assets.",
            )


def check_csv_size(text: str, field: str = "csv") -> None:
    """Refuse a CSV of more than CSV_VALUES values before reading it (counted at C speed)."""
    newline = text.find("\n")
    header = text if newline < 0 else text[:newline]
    columns = max(header.count(d) for d in (",", ";", "\t")) + 1
    rows = text.count("\n")
    if rows * columns > CSV_VALUES:
        raise CalculatorInputError(
            field,
            f"The CSV has about {plural(rows, 'row')} of {plural(columns, 'column')} "
            f"({rows * columns:,} values); one run takes at most {CSV_VALUES:,} values.",
        )
