"""Pagination and dating of listings (areas, authors, A–Z letters) and their descriptions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from termsite.generate.plan.pages import AreaCount, Link

__all__ = [
    "LISTING_PAGE_SIZE",
    "Listing",
    "count_of",
    "hub_description",
    "letter_description",
    "letters_changed",
    "newest_date",
    "numbered",
    "paginate",
]

LISTING_PAGE_SIZE = 100
"""Entries per A–Z letter page and per author page: one letter (or author) of a
10,000-entry glossary holds a thousand or more, and one page listing them all
would weigh 400–700 KB."""


@dataclass(frozen=True)
class Listing:
    """One page of a paginated listing: its number, its entries, every page's URL, its date."""

    number: int
    items: tuple[Link, ...]
    urls: tuple[str, ...]
    updated: dt.date | None

    @property
    def url(self) -> str:
        """This page's own URL."""
        return self.urls[self.number - 1]


def paginate(
    items: Sequence[Link],
    size: int,
    url_of: Callable[[int], str],
    always: Sequence[dt.date | None],
) -> list[Listing]:
    """`items` in pages of `size` (one empty page when there are none), page `n` at `url_of(n)`.

    The one pagination of areas, authors and letters; `always` is what dates
    every page of the listing (see `prefix_dates`).
    """
    chunks = [tuple(items[i : i + size]) for i in range(0, len(items), size)] or [()]
    urls = tuple(url_of(n) for n in range(1, len(chunks) + 1))
    dates = prefix_dates(items, size, always)
    return [Listing(n, chunk, urls, dates[n - 1]) for n, chunk in enumerate(chunks, start=1)]


def numbered(first: str) -> Callable[[int], str]:
    """Page 1 at `first`, page n at `first` + `n/`: the author and letter listings' URLs."""
    return lambda n: first if n == 1 else f"{first}{n}/"


def prefix_dates(
    items: Sequence[Link], size: int, always: Sequence[dt.date | None]
) -> list[dt.date | None]:
    """The date of each listing page: the newest change among the items up to its end.

    A page shows its own items, and where they sit depends on every item before
    them: an entry added to page 1 pushes one onto page 2, so page 2 changed on
    that entry's date although none of its own items did. `always` adds what
    every page shows (the area's own text, the row of letters).
    """
    dates: list[dt.date | None] = []
    newest = newest_date(always)
    for start in range(0, max(len(items), 1), size):
        newest = newest_date([newest, *(item.updated for item in items[start : start + size])])
        dates.append(newest)
    return dates


def letters_changed(index: Mapping[str, Sequence[Link]]) -> dt.date | None:
    """When the row of letters last changed: the newest date on which a letter first appeared."""
    born = [oldest_date(link.published for link in links) for links in index.values()]
    return newest_date(born)


def oldest_date(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [date for date in dates if date is not None]
    return min(known) if known else None


def letter_description(name: str, items: Sequence[Link], of: str) -> str:
    """What a letter page lists, by name: unique to the page, and no "1 entries"."""
    shown = ", ".join(item.title for item in items[:3])
    rest = len(items) - 3
    more = f" and {rest} more" if rest > 0 else ""
    return f"Glossary entries under {name}{of}: {shown}{more}."


def hub_description(areas: Sequence[AreaCount], total: int) -> str:
    names = ", ".join(area.link.title for area in areas[:3])
    more = " and more" if len(areas) > 3 else ""
    return (
        f"Every topic area of this glossary ({count_of(len(areas), 'area')}, "
        f"{count_of(total, 'article')}): {names}{more}."
    )


def count_of(n: int, noun: str) -> str:
    """`1 area`, `7 areas`: no "1 entries" in a title or description."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def newest_date(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [date for date in dates if date is not None]
    return max(known) if known else None
