"""Hand-written Markdown pages as the core sees them: a URL and front matter, read once.

The adapter turns its engine's page objects into `HandWrittenPage`s; the sitemap,
the JSON-LD and the choice to ship the calculators' runtime read these, so those
rules do not depend on MkDocs and the front matter is parsed once per build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from termsite.generate.plan import PagePlan

__all__ = ["HandWrittenPage", "uses_calculators"]


@dataclass(frozen=True)
class HandWrittenPage:
    """A page an editor wrote: its site-relative URL ("" is home) and its front matter."""

    url: str
    meta: Mapping[str, Any] = field(default_factory=dict)

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


def uses_calculators(planned: Iterable[PagePlan], hand_written: Iterable[HandWrittenPage]) -> bool:
    """Ship the Pyodide runtime only to sites that embed a calculator somewhere."""
    return any(page.calculators for page in planned) or any(
        page.calculators for page in hand_written
    )
