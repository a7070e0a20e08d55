"""Planning itself: every page of a glossary, and the redirects of its old URLs."""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Iterable

from termsite.generate.links import linked_paths
from termsite.generate.plan.listings import (
    LISTING_PAGE_SIZE,
    Listing,
    hub_description,
    letter_description,
    letters_changed,
    newest_date,
    numbered,
    paginate,
)
from termsite.generate.plan.memo import PlanMemo
from termsite.generate.plan.pages import (
    AreaCount,
    Crumb,
    Letter,
    Link,
    PageKind,
    PagePlan,
    Redirect,
    faq_items,
)
from termsite.generate.plan.urls import area_page_url, entry_url, letter_of, letter_slug
from termsite.model import Area, Author, Definition, Glossary, Image, Term
from termsite.settings import SiteSettings

__all__ = ["plan", "redirects"]

Article = Term | Definition
AREA_HUB_TITLE = "Areas"
AREA_HUB_CRUMB = "Area"
"""The hub's name in breadcrumbs: Home › Area › Crypto Asset Correlation › Resource 2."""


def plan(
    glossary: Glossary, settings: SiteSettings, *, home: bool = True, memo: PlanMemo | None = None
) -> list[PagePlan]:
    """Every generated page, sorted by URL; `home=False` when the site has its own index.md.

    A serve session passes the `memo` of its last plan (see `PlanMemo`).
    """
    memo = memo or PlanMemo()
    memo.start(settings)
    planner = _Planner(glossary, settings, memo)
    pages = [*planner.articles(), *planner.areas(), *planner.authors(), *planner.glossary_pages()]
    pages.append(planner.area_hub())
    if home:
        pages.append(planner.home())
    memo.done()
    return sorted(pages, key=operator.attrgetter("url"))


def redirects(glossary: Glossary, settings: SiteSettings) -> list[Redirect]:
    """Alias pages of every entry and `resource/1/` of every area, sorted by URL."""
    found = [
        Redirect(settings.paths.area_page.format(slug=slug, n=1), entry_url(settings, "area", slug))
        for slug in glossary.areas
    ]
    for kind, entries in _entry_groups(glossary):
        for entry in (entry for entry in entries if entry.aliases):
            target = entry_url(settings, kind, entry.slug)
            found += [Redirect(entry_url(settings, kind, alias), target) for alias in entry.aliases]
    return sorted(found, key=lambda item: item.url)


def _entry_groups(
    glossary: Glossary,
) -> list[tuple[str, Iterable[Term | Definition | Area | Author]]]:
    return [
        ("term", glossary.terms.values()),
        ("definition", glossary.definitions.values()),
        ("area", glossary.areas.values()),
        ("author", glossary.authors.values()),
    ]


class _Planner:
    """Holds the lookups shared by every page kind (links by slug, backlinks)."""

    def __init__(self, glossary: Glossary, settings: SiteSettings, memo: PlanMemo) -> None:
        self.glossary = glossary
        self.settings = settings
        self.memo = memo
        self.of_entry: dict[int, Link] = {}
        """Each term's, definition's and area's link by the entry object's `id`: one look-up
        of an int, where `links[f"{kind}:{slug}"]` made and hashed a new string, 60,000
        times a plan at 10,000 entries."""
        self.by_slug: dict[str, Link] = {}
        """Terms' and definitions' links by slug, terms winning (`article_link`)."""
        self.links = self._links()
        self.backlinks = self._backlinks()
        self.ordered = memo.listed.sorted(_articles(glossary), _listing_key)
        self.members = _grouped(self.ordered, lambda entry: entry.areas)
        self.written = _grouped(self.ordered, lambda entry: [entry.author] if entry.author else [])

    def _links(self) -> dict[str, Link]:
        """Links by `kind:slug`; authors first, because every other link names its author."""
        links: dict[str, Link] = {}
        for author in self.glossary.authors.values():
            key = f"author:{author.slug}"
            make = functools.partial(self._author_link, author)
            links[key] = self.memo.links.get(key, (author,), make)
        for kind, entries in _entry_groups(self.glossary):
            for entry in entries:
                if not isinstance(entry, Author):
                    key = f"{kind}:{entry.slug}"
                    by = links.get(f"author:{entry.author}")
                    image = entry.image if isinstance(entry, Area) else self._image(entry)
                    make = functools.partial(self._link, kind, entry, by, image)
                    links[key] = self.of_entry[id(entry)] = self.memo.links.get(
                        key, (entry, by, image), make
                    )
        for kind in ("definition", "term"):  # terms last: a term wins a slug both use
            self.by_slug.update(
                (entry.slug, self.of_entry[id(entry)])
                for entry in _articles_of(self.glossary, kind)
            )
        return links

    def _author_link(self, author: Author) -> Link:
        url = entry_url(self.settings, "author", author.slug)
        return Link(author.name, url, author.bio, author.kind, slug=author.slug)

    def _link(
        self, kind: str, entry: Term | Definition | Area, author: Link | None, image: Image | None
    ) -> Link:
        return Link(
            entry.title,
            entry_url(self.settings, kind, entry.slug),
            entry.summary,
            entry.kind,
            published=entry.published,
            updated=entry.updated,
            slug=entry.slug,
            author=author,
            image=image,
        )

    def _image(self, entry: Article) -> Image | None:
        """An article's picture: its own, else its primary area's (so it has one for sharing)."""
        return entry.image or self._area_image(entry)

    def article_link(self, slug: str) -> Link | None:
        """A term or definition by slug (terms win if both exist)."""
        return self.by_slug.get(slug)

    def _backlinks(self) -> dict[str, tuple[Link, ...]]:
        """Which entries point at each URL, through `related` or a link in their text (an
        entry pointing at its own page is no backlink of it)."""
        self.related: dict[str, tuple[Link, ...]] = {}
        sources = [
            (self.of_entry[id(entry)], self._outgoing(f"{kind}:{entry.slug}", entry))
            for kind, entries in _entry_groups(self.glossary)
            if kind != "author"
            for entry in entries
        ]
        return self.memo.backlinks.backlinks(self.settings, sources, _by_title)

    def _outgoing(self, key: str, entry: Term | Definition | Area | Author) -> frozenset[str]:
        """The URLs an entry points at: its `related` entries' and those its text links to."""
        links = map(self.by_slug.get, getattr(entry, "related", ()))
        related = self.related[key] = tuple(filter(None, links))
        make = functools.partial(_outgoing, entry, related)
        return self.memo.paths.get(key, (entry, *related), make)

    def _crumbs_for_article(self, entry: Article) -> tuple[Crumb, ...]:
        crumbs = [Crumb("Home", "")]
        if entry.areas and (area := self.links.get(f"area:{entry.areas[0]}")):
            crumbs.append(Crumb(area.title, area.url))
        crumbs.append(Crumb(entry.title, entry_url(self.settings, entry.kind.value, entry.slug)))
        return tuple(crumbs)

    def articles(self) -> list[PagePlan]:
        """One page per term and per definition."""
        entries: list[Article] = [
            *self.glossary.terms.values(),
            *self.glossary.definitions.values(),
        ]
        return [self._article(entry) for entry in entries]

    def _article(self, entry: Article) -> PagePlan:
        """An article's page; the last plan's page while what it shows is the same objects."""
        key = f"{entry.kind.value}:{entry.slug}"
        link = self.of_entry[id(entry)]
        url, image = link.url, link.image  # the link's image is `_image(entry)`, made once
        author = self.links.get(f"author:{entry.author}")
        areas = tuple([self.links[f"area:{slug}"] for slug in entry.areas])
        related = self.related[key]
        backlinks = self.backlinks.get(url, ())
        inputs = (entry, author, image, None, *areas, None, *related, None, *backlinks)
        make = functools.partial(
            self._article_page, url, entry, author, image, areas, related, backlinks
        )
        return self.memo.articles.get(url, inputs, make)

    def _article_page(
        self,
        url: str,
        entry: Article,
        author: Link | None,
        image: Image | None,
        areas: tuple[Link, ...],
        related: tuple[Link, ...],
        backlinks: tuple[Link, ...],
    ) -> PagePlan:
        kind = entry.kind.value
        faq = entry.faq if isinstance(entry, Term) else []
        return PagePlan(
            kind=PageKind(kind),
            url=url,
            title=getattr(self.settings.title_patterns, kind).format(title=entry.title),
            description=entry.summary,
            template=f"pages/{kind}.md.j2",
            breadcrumbs=self._crumbs_for_article(entry),
            entry=entry,
            author=author,
            image=image,
            faq=faq_items(faq, entry.title, self.settings),
            areas=areas,
            related=related,
            backlinks=backlinks,
            updated=entry.updated,
            published=entry.published,
            calculators=tuple(entry.calculators) if isinstance(entry, Term) else (),
            slug=entry.slug,
            markdown_copy=True,
        )

    def _area_image(self, entry: Article) -> Image | None:
        """The primary area's image: terms without a picture still get one for sharing."""
        area = self.glossary.areas.get(entry.areas[0]) if entry.areas else None
        return area.image if area else None

    def areas(self) -> list[PagePlan]:
        """Each area's first page and its further listing pages."""
        return [page for area in self.glossary.areas.values() for page in self._area_pages(area)]

    def _area_pages(self, area: Area) -> list[PagePlan]:
        members = tuple(self.of_entry[id(e)] for e in self.members.get(area.slug, []))
        url_of = functools.partial(area_page_url, self.settings, area.slug)
        listings = paginate(members, self.settings.page_size, url_of, [area.updated])
        author = self.links.get(f"author:{area.author}")
        return [self._kept_area_page(area, author, listing, members) for listing in listings]

    def _kept_area_page(
        self, area: Area, author: Link | None, listing: Listing, members: tuple[Link, ...]
    ) -> PagePlan:
        """An area's listing page; the last plan's while it lists the same objects, on the
        same page of as many, dated the same (an item before it may change its date)."""
        first = listing.number == 1
        shown = members if first else ()  # the first page lists every member too
        key = (listing.url, len(listing.urls), listing.updated)
        inputs = (area, author, None, *listing.items, None, *shown)
        make = functools.partial(self._area_page, area, author, listing, shown)
        return self.memo.area_pages.get(key, inputs, make)

    def _area_page(
        self, area: Area, author: Link | None, listing: Listing, members: tuple[Link, ...]
    ) -> PagePlan:
        n, url, pagers = listing.number, listing.url, listing.urls
        first = n == 1
        patterns = self.settings.title_patterns
        title = (patterns.area if first else patterns.area_page).format(title=area.title, n=n)
        hub = self.settings.paths.areas
        crumbs = [Crumb("Home", ""), Crumb(AREA_HUB_CRUMB, hub), Crumb(area.title, pagers[0])]
        if not first:
            crumbs.append(Crumb(f"Resource {n}", url))
        return PagePlan(
            kind=PageKind.AREA if first else PageKind.AREA_PAGE,
            url=url,
            title=title,
            description=area.summary if first else f"{area.summary} (page {n})",
            template="pages/area.md.j2",
            breadcrumbs=tuple(crumbs),
            entry=area,
            author=author,
            image=area.image,
            faq=faq_items(area.faq, area.title, self.settings) if first else (),
            items=listing.items,
            listing=members,
            page_urls=pagers,
            updated=listing.updated,
            published=area.published,
            slug=area.slug,
            page_number=n,
            markdown_copy=first,
        )

    def authors(self) -> list[PagePlan]:
        """Pages per author listing what they wrote, `LISTING_PAGE_SIZE` a page."""
        return [page for author in self.glossary.authors.values() for page in self._author(author)]

    def _author(self, author: Author) -> list[PagePlan]:
        url = entry_url(self.settings, "author", author.slug)
        written = self.written.get(author.slug, [])
        items = [self.of_entry[id(e)] for e in written]
        listings = paginate(items, LISTING_PAGE_SIZE, numbered(url), [])
        return [self._author_page(author, listing) for listing in listings]

    def _author_page(self, author: Author, listing: Listing) -> PagePlan:
        n, urls = listing.number, listing.urls
        crumbs = [Crumb("Home", ""), Crumb(author.name, urls[0])]
        if n > 1:
            crumbs.append(Crumb(f"Page {n}", urls[n - 1]))
        title = self.settings.title_patterns.author.format(title=author.name)
        return PagePlan(
            kind=PageKind.AUTHOR,
            url=urls[n - 1],
            title=title + (f" ⎊ Page {n}" if n > 1 else ""),
            description=author.bio + (f" (page {n})" if n > 1 else ""),
            template="pages/author.md.j2",
            breadcrumbs=tuple(crumbs),
            entry=author,
            items=listing.items,
            page_urls=urls,
            updated=listing.updated,
            slug=author.slug,
            page_number=n,
        )

    def glossary_index(self) -> dict[str, list[Link]]:
        """Terms and definitions by letter, each letter sorted by title."""
        letters: dict[str, list[Link]] = {}
        articles = self.memo.by_title.sorted(self.ordered, _title_key)
        for entry in articles:
            letters.setdefault(letter_of(entry.title), []).append(self.of_entry[id(entry)])
        return dict(sorted(letters.items(), key=lambda item: (item[0] == "#", item[0])))

    def glossary_pages(self) -> list[PagePlan]:
        """The A–Z index (letters and counts) and one page per letter, so no page holds all."""
        index = self.glossary_index()
        root = self.settings.paths.glossary
        letters = [Letter(k, f"{root}{letter_slug(k)}/", len(v)) for k, v in index.items()]
        pages = [self._glossary_root(root, letters, index)]
        bar = letters_changed(index)
        for one in letters:
            pages += self._letter_pages(root, one, index[one.letter], letters, bar)
        return pages

    def _letter_pages(
        self,
        root: str,
        letter: Letter,
        items: list[Link],
        letters: list[Letter],
        bar: dt.date | None,
    ) -> list[PagePlan]:
        """A letter's entries, `LISTING_PAGE_SIZE` a page: `glossary/c/`, `glossary/c/2/`, …

        Every letter page shows the row of letters, so a new letter dates them all.
        """
        listings = paginate(items, LISTING_PAGE_SIZE, numbered(letter.url), [bar])
        return [self._letter_page(root, letter, letters, listing) for listing in listings]

    def _glossary_root(
        self, root: str, letters: list[Letter], index: dict[str, list[Link]]
    ) -> PagePlan:
        count = sum(len(v) for v in index.values())
        return PagePlan(
            kind=PageKind.GLOSSARY,
            url=root,
            title="Glossary A–Z",
            description=f"An A–Z index of all {count} terms and definitions of this glossary.",
            template="pages/glossary.md.j2",
            breadcrumbs=(Crumb("Home", ""), Crumb("Glossary A–Z", root)),
            letters=tuple(letters),
            updated=newest_date([link.updated for links in index.values() for link in links]),
        )

    def _letter_page(
        self, root: str, letter: Letter, letters: list[Letter], listing: Listing
    ) -> PagePlan:
        name = "other characters" if letter.letter == "#" else letter.letter
        n, urls = listing.number, listing.urls
        crumbs = [Crumb("Home", ""), Crumb("Glossary A–Z", root), Crumb(name, letter.url)]
        if n > 1:
            crumbs.append(Crumb(f"Page {n}", urls[n - 1]))
        of = f" (page {n} of {len(urls)})" if len(urls) > 1 else ""
        return PagePlan(
            kind=PageKind.GLOSSARY_LETTER,
            url=urls[n - 1],
            title=f"Glossary ⎊ {name}" + (f" ⎊ Page {n}" if n > 1 else ""),
            description=letter_description(name, listing.items, of),
            template="pages/glossary_letter.md.j2",
            breadcrumbs=tuple(crumbs),
            items=listing.items,
            page_urls=urls,
            letter=letter,
            letters=tuple(letters),
            updated=listing.updated,
            page_number=n,
        )

    def home(self) -> PagePlan:
        """The generated home page: the areas and the newest entries."""
        areas = tuple(
            AreaCount(self.links[f"area:{slug}"], len(self.members.get(slug, [])))
            for slug in sorted(self.glossary.areas)
        )
        newest = self.memo.newest.sorted(self.ordered, _newest_key)
        newest_entries = newest[: self.settings.newest_on_home]
        latest = [self.of_entry[id(e)] for e in newest_entries]
        return PagePlan(
            kind=PageKind.HOME,
            url="",
            title="Home",
            description="",
            template="pages/home.md.j2",
            breadcrumbs=(Crumb("Home", ""),),
            items=tuple(latest),
            area_counts=areas,
            updated=newest_date(
                [*(link.updated for link in latest), *(a.link.updated for a in areas)]
            ),
        )

    def area_hub(self) -> PagePlan:
        """`/area/`: every area with its count and summary (the breadcrumbs' "Area" level).

        Dated by the newest change of an area or of a count: an entry joining an area.
        """
        areas = tuple(
            AreaCount(self.links[f"area:{slug}"], len(self.members.get(slug, [])))
            for slug in sorted(self.glossary.areas, key=lambda s: self.glossary.areas[s].title)
        )
        joined = [e.published for e in self.ordered if e.areas]
        hub = self.settings.paths.areas
        return PagePlan(
            kind=PageKind.AREAS,
            url=hub,
            title=AREA_HUB_TITLE,
            description=hub_description(areas, len(joined)),
            template="pages/areas.md.j2",
            breadcrumbs=(Crumb("Home", ""), Crumb(AREA_HUB_CRUMB, hub)),
            area_counts=areas,
            updated=newest_date([*(a.link.updated for a in areas), *joined]),
        )


def _by_title(links: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(sorted(links, key=lambda link: (link.title.casefold(), link.url)))


def _articles(glossary: Glossary) -> list[Article]:
    return [*glossary.terms.values(), *glossary.definitions.values()]


def _articles_of(glossary: Glossary, kind: str) -> Iterable[Article]:
    return glossary.terms.values() if kind == "term" else glossary.definitions.values()


def _listing_key(entry: Article) -> tuple[int, str, str]:
    """`Glossary.articles`' order: newest published first, then by title."""
    return -entry.published.toordinal(), entry.title.casefold(), entry.slug


def _title_key(entry: Article) -> tuple[str, str]:
    return entry.title.casefold(), entry.slug


def _newest_key(entry: Article) -> tuple[int, str]:
    return -entry.updated.toordinal(), entry.title.casefold()


def _outgoing(entry: Term | Definition | Area | Author, related: Iterable[Link]) -> frozenset[str]:
    if isinstance(entry, Author):
        return frozenset()
    return frozenset({link.url for link in related} | linked_paths(_all_text(entry)))


def _all_text(entry: Term | Definition | Area) -> str:
    """Every Markdown field of an entry, where links to other entries can hide."""
    parts = [entry.body]
    if isinstance(entry, Term):
        parts += [section.body for section in entry.sections]
    return "\n".join(parts)


def _grouped(
    articles: list[Article], keys_of: Callable[[Article], Iterable[str]]
) -> dict[str, list[Article]]:
    """Articles by key, each group in the given order: one pass instead of a sort per group."""
    groups: dict[str, list[Article]] = {}
    for entry in articles:
        for key in keys_of(entry):
            groups.setdefault(key, []).append(entry)
    return groups
