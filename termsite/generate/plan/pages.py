"""What a page plan holds: the typed records every consumer of the plan reads."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from termsite.generate.links import markdown_path
from termsite.model import Entry, EntryKind, FaqItem, Image
from termsite.settings import SiteSettings

__all__ = [
    "AreaCount",
    "Crumb",
    "Letter",
    "Link",
    "PageKind",
    "PagePlan",
    "Qa",
    "Redirect",
    "faq_items",
]


class PageKind(StrEnum):
    """What a generated page shows; the JSON-LD and the crawl files choose by it."""

    TERM = "term"
    DEFINITION = "definition"
    AREA = "area"
    AREA_PAGE = "area_page"
    AREAS = "areas"
    AUTHOR = "author"
    GLOSSARY = "glossary"
    GLOSSARY_LETTER = "glossary_letter"
    HOME = "home"


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb trail; `url` is site-relative ("" is the home page)."""

    name: str
    url: str


@dataclass(frozen=True)
class Link:
    """What a listing shows about an entry: linked title, summary and kind."""

    title: str
    url: str
    summary: str
    kind: EntryKind
    published: dt.date | None = None
    updated: dt.date | None = None
    slug: str = ""
    author: Link | None = None
    """The entry's author, so a listing's markup names who wrote each item."""
    image: Image | None = None
    """The entry's picture (a term without one borrows its primary area's), as on its page."""

    @property
    def label(self) -> str:
        """The kind as a listing shows it: 'Term', 'Definition', …"""
        return self.kind.value.capitalize()


@dataclass(frozen=True)
class Qa:
    """An FAQ item with its question already built, so page and JSON-LD say the same."""

    question: str
    answer: str


@dataclass(frozen=True)
class Letter:
    """One letter of the A–Z index: its page and how many entries it holds."""

    letter: str
    url: str
    count: int


@dataclass(frozen=True)
class AreaCount:
    """An area as the home page lists it: its link and how many articles it holds."""

    link: Link
    count: int


@dataclass(frozen=True)
class Redirect:
    """An HTML page at `url` that sends readers (and crawlers) to `target`."""

    url: str
    target: str


@dataclass(frozen=True)
class PagePlan:
    """Everything needed to render one generated page and describe it to crawlers.

    Each consumer (templates, JSON-LD, crawl files, the adapter) reads the same
    typed fields; a field a page kind has no use for keeps its empty default.
    """

    kind: PageKind
    url: str
    title: str
    description: str
    template: str
    breadcrumbs: tuple[Crumb, ...]
    entry: Entry | None = None
    """The entry the page is about: none for the A–Z pages and the home page."""
    author: Link | None = None
    image: Image | None = None
    """The page's picture for sharing and JSON-LD: a term without one borrows its area's."""
    faq: tuple[Qa, ...] = ()
    areas: tuple[Link, ...] = ()
    related: tuple[Link, ...] = ()
    backlinks: tuple[Link, ...] = ()
    items: tuple[Link, ...] = ()
    """What a listing page lists: an area's, an author's or a letter's entries, the newest."""
    listing: tuple[Link, ...] = ()
    """An area's first page: every member on every listing page (for its Markdown copy)."""
    page_urls: tuple[str, ...] = ()
    """Every page of a paginated listing, this one included."""
    letter: Letter | None = None
    letters: tuple[Letter, ...] = ()
    area_counts: tuple[AreaCount, ...] = ()
    updated: dt.date | None = None
    published: dt.date | None = None
    calculators: tuple[str, ...] = ()
    slug: str = ""
    page_number: int = 1
    markdown_copy: bool = False

    @functools.cached_property
    def src_uri(self) -> str:
        """The virtual Markdown file MkDocs renders this page from (asked for four or five
        times per page and build: 50,000 times a save at 10,000 entries)."""
        return markdown_path(self.url)

    @property
    def subject(self) -> Entry:
        """The entry of an entry page; asking a page about no entry is a programming error."""
        if self.entry is None:
            raise ValueError(f"the page at '{self.url}' is not about an entry")
        return self.entry


def faq_items(items: Sequence[FaqItem], title: str, settings: SiteSettings) -> tuple[Qa, ...]:
    """FAQ items with each question spelled out from the facet pattern where needed."""
    return tuple(Qa(_question(item, title, settings), item.answer) for item in items)


def _question(item: FaqItem, title: str, settings: SiteSettings) -> str:
    if item.question is not None:
        return item.question
    return settings.faq_question.format(facet=item.facet, title=title)
