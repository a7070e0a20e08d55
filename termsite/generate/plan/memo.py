"""What one plan of a serve session hands to the next (see `PlanMemo`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from termsite.generate.kept import Kept, KeptOrder
from termsite.generate.plan.pages import Link, PagePlan
from termsite.model import Definition, Term
from termsite.settings import SiteSettings

__all__ = ["KeptBacklinks", "PlanMemo"]

Sorter = Callable[[Iterable[Link]], tuple[Link, ...]]


class KeptBacklinks:
    """Which entries point at each URL, patched where an entry's pointers changed.

    An entry points at the URLs of its `related` entries and of the links in its
    text. Gathering all of them again (50,000 pointers at 10,000 entries) and
    looking up each URL's sorted backlinks was a twentieth of a save; a save
    changes one entry's link or pointers, so only the URLs it pointed at, or
    points at now, are sorted again. The answer is always what gathering every
    pointer and sorting each URL's sources would give.
    """

    def __init__(self) -> None:
        self._context: object = None
        self._sources: dict[str, tuple[Link, frozenset[str]]] = {}
        """Each entry's link and the URLs it points at, by its own URL."""
        self._pointing: dict[str, list[Link]] = {}
        self._sorted: dict[str, tuple[Link, ...]] = {}

    def backlinks(
        self, context: object, sources: Iterable[tuple[Link, frozenset[str]]], sort: Sorter
    ) -> dict[str, tuple[Link, ...]]:
        """Each URL's sources, sorted by `sort`; `sources` are each entry's link and the
        URLs it points at (its own among them or not: an entry is no backlink of itself)."""
        if context != self._context:
            self._context, self._sources, self._pointing, self._sorted = context, {}, {}, {}
        touched: set[str] = set()
        seen: dict[str, tuple[Link, frozenset[str]]] = {}
        for source in sources:
            link, urls = source
            seen[link.url] = source
            last = self._sources.get(link.url)
            if last is None or last[0] is not link or last[1] is not urls:
                touched |= self._unpoint(last) | self._point(source)
        for url in self._sources.keys() - seen.keys():
            touched |= self._unpoint(self._sources[url])
        self._sources = seen
        for url in touched:
            pointing = self._pointing.get(url)
            if pointing:
                self._sorted[url] = sort(pointing)
            else:
                self._pointing.pop(url, None)
                self._sorted.pop(url, None)
        return dict(self._sorted)

    def _point(self, source: tuple[Link, frozenset[str]]) -> set[str]:
        link, urls = source
        pointed = {url for url in urls if url != link.url}
        for url in pointed:
            self._pointing.setdefault(url, []).append(link)
        return pointed

    def _unpoint(self, source: tuple[Link, frozenset[str]] | None) -> set[str]:
        if source is None:
            return set()
        link, urls = source
        pointed = {url for url in urls if url != link.url}
        for url in pointed:
            self._pointing[url].remove(link)
        return pointed


class PlanMemo:
    """What the last plan derived from each entry, for the next plan of a serve session.

    An unchanged entry is the same object from one build to the next (the loader
    keeps it, `termsite.load.crossref`), so its links, the paths its text links to
    and its page are reused as long as everything they are made from is the same
    object too. The saved entry's `Link` is new, so every page showing it (a
    listing, a related link, a backlink) is planned again, and only those: the
    other pages come back as the very objects of the last plan, which the serve
    session compares in no time. A memo is only ever an optimisation: `plan` gives
    equal pages with or without one.
    """

    def __init__(self) -> None:
        self.links: Kept[Link] = Kept()
        self.paths: Kept[frozenset[str]] = Kept()
        self.articles: Kept[PagePlan] = Kept()
        self.area_pages: Kept[PagePlan] = Kept()
        self.backlinks = KeptBacklinks()
        """Each URL's backlinks sorted by title."""
        self.listed: KeptOrder[Term | Definition] = KeptOrder()
        """The listing order (newest published first)."""
        self.by_title: KeptOrder[Term | Definition] = KeptOrder()
        """The A–Z order."""
        self.newest: KeptOrder[Term | Definition] = KeptOrder()
        """The home page's order (newest updated first)."""

    def start(self, settings: SiteSettings) -> None:
        """Other settings (title patterns, paths) change every page: they forget everything."""
        for kept in (self.links, self.paths, self.articles, self.area_pages):
            kept.start(settings)

    def done(self) -> None:
        for kept in (self.links, self.paths, self.articles, self.area_pages):
            kept.done()
