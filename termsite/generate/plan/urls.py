"""Where pages live: entry URLs, listing pages, A–Z letters and breadcrumb trails."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from termsite.generate.plan.pages import Crumb
from termsite.settings import SiteSettings

__all__ = ["area_page_url", "entry_url", "letter_of", "letter_slug", "page_trail"]


def page_trail(url: str, titles: Mapping[str, str]) -> tuple[Crumb, ...]:
    """The breadcrumb of a hand-written page: home, each ancestor that is a page, the page.

    `titles` maps the site's hand-written page URLs (`calculators/`) to their
    titles; `calculators/correlation-matrix/` gets Home › Calculators › itself.
    The home page's trail is Home alone, which is neither shown nor marked up.
    """
    parts = url.strip("/").split("/") if url.strip("/") else []
    crumbs = [Crumb("Home", "")]
    for depth in range(1, len(parts) + 1):
        ancestor = "/".join(parts[:depth]) + "/"
        if ancestor in titles:
            crumbs.append(Crumb(titles[ancestor], ancestor))
    return tuple(crumbs)


def entry_url(settings: SiteSettings, kind: str, slug: str) -> str:
    """The URL of an entry page of `kind` ('term', 'definition', 'area' or 'author')."""
    pattern: str = getattr(settings.paths, kind)
    return pattern.format(slug=slug)


def area_page_url(settings: SiteSettings, slug: str, n: int) -> str:
    """Listing page `n` of an area; page 1 is the area page itself."""
    if n == 1:
        return entry_url(settings, "area", slug)
    return settings.paths.area_page.format(slug=slug, n=n)


def letter_of(title: str) -> str:
    """The A–Z bucket of a title: its first ASCII letter after removing accents, else '#'."""
    decomposed = unicodedata.normalize("NFKD", title.strip())
    first = decomposed[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def letter_slug(letter: str) -> str:
    """The URL part of a letter page; titles starting with a digit or sign share 'other'."""
    return letter.lower() if letter != "#" else "other"
