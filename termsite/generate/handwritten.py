"""Hand-written Markdown pages as the core sees them: a URL and front matter, read once.

The adapter turns its engine's page objects into `HandWrittenPage`s; the sitemap,
the JSON-LD and the choice to ship the calculators' runtime read these, so those
rules do not depend on MkDocs and the front matter is parsed once per build.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from termsite.generate.plan import PagePlan

__all__ = ["HandWrittenPage", "first_heading", "page_titles", "uses_calculators"]

FIRST_HEADING = re.compile(r"^# +(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class HandWrittenPage:
    """A page an editor wrote: its site-relative URL ("" is home), front matter, first heading."""

    url: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    heading: str = ""
    """The text of the page's first `# ` heading, which names it when front matter does not."""
    src_uri: str = ""
    """Its source file (`about.md`): the order in which pages are considered."""

    @property
    def calculators(self) -> tuple[str, ...]:
        """The calculator ids the page's `calculators:` front matter embeds."""
        return tuple(str(calc_id) for calc_id in self.meta.get("calculators") or [])

    @property
    def modified(self) -> dt.date | None:
        """The `modified:` front-matter date; none (or not a date) means no sitemap lastmod."""
        value = self.meta.get("modified")
        return value if isinstance(value, dt.date) else None

    @property
    def description(self) -> str:
        """The `description:` front matter, or nothing."""
        return str(self.meta.get("description") or "")

    def title(self, heading: str, site_name: str) -> str:
        """The `title:` front matter, else the page's heading, else the site's name."""
        return str(self.meta.get("title") or heading or site_name)


def first_heading(markdown: str) -> str:
    """The text of the first level-one ATX heading (`# Title`) of a Markdown body, or ""."""
    found = FIRST_HEADING.search(markdown)
    return found.group(1) if found else ""


def page_titles(pages: Iterable[HandWrittenPage]) -> dict[str, str]:
    """Each page's title by URL, front matter first, then its heading: the breadcrumbs' names.

    The home page is left out: it is every trail's first step, named "Home".
    """
    titles = {page.url: str(page.meta.get("title") or page.heading) for page in pages if page.url}
    return {url: title for url, title in titles.items() if title}


def uses_calculators(planned: Iterable[PagePlan], hand_written: Iterable[HandWrittenPage]) -> bool:
    """Ship the Pyodide runtime only to sites that embed a calculator somewhere."""
    return any(page.calculators for page in planned) or any(
        page.calculators for page in hand_written
    )
