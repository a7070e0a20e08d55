"""What one plan of a serve session hands to the next (see `PlanMemo`)."""

from __future__ import annotations

from termsite.generate.kept import Kept, KeptOrder
from termsite.generate.plan.pages import Link, PagePlan
from termsite.model import Definition, Term
from termsite.settings import SiteSettings

__all__ = ["PlanMemo"]


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
        self.backlinks: Kept[tuple[Link, ...]] = Kept()
        """Each URL's backlinks sorted by title."""
        self.listed: KeptOrder[Term | Definition] = KeptOrder()
        """The listing order (newest published first)."""
        self.by_title: KeptOrder[Term | Definition] = KeptOrder()
        """The A–Z order."""
        self.newest: KeptOrder[Term | Definition] = KeptOrder()
        """The home page's order (newest updated first)."""

    def start(self, settings: SiteSettings) -> None:
        """Other settings (title patterns, paths) change every page: they forget everything."""
        for kept in (self.links, self.paths, self.articles, self.area_pages, self.backlinks):
            kept.start(settings)

    def done(self) -> None:
        for kept in (self.links, self.paths, self.articles, self.area_pages, self.backlinks):
            kept.done()
