"""The page plan: which pages the glossary produces, at which URLs, with what data.

Planning is separate from rendering and from MkDocs so that the URL scheme,
pagination and backlinks are computed once, tested without a build, and shared
by the templates, the JSON-LD and the crawl outputs. URLs here are site-relative
directory URLs (`term/x/`); the home page is the empty string.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from termsite.generate.kept import Kept
from termsite.generate.links import linked_paths, markdown_path
from termsite.model import (
    Area,
    Author,
    Definition,
    Entry,
    EntryKind,
    FaqItem,
    Glossary,
    Image,
    Term,
)
from termsite.settings import SiteSettings

__all__ = [
    "AreaCount",
    "Crumb",
    "Letter",
    "Link",
    "PageKind",
    "PagePlan",
    "PlanMemo",
    "Qa",
    "Redirect",
    "entry_url",
    "faq_items",
    "page_trail",
    "plan",
    "redirects",
]

Article = Term | Definition
LISTING_PAGE_SIZE = 100
"""Entries per A–Z letter page and per author page: one letter (or author) of a
10,000-entry glossary holds a thousand or more, and one page listing them all
would weigh 400–700 KB."""
AREA_HUB_TITLE = "Areas"
AREA_HUB_CRUMB = "Area"
"""The hub's name in breadcrumbs: Home › Area › Crypto Asset Correlation › Resource 2."""


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

    @property
    def src_uri(self) -> str:
        """The virtual Markdown file MkDocs renders this page from."""
        return markdown_path(self.url)

    @property
    def subject(self) -> Entry:
        """The entry of an entry page; asking a page about no entry is a programming error."""
        if self.entry is None:
            raise ValueError(f"the page at '{self.url}' is not about an entry")
        return self.entry


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


def faq_items(items: Sequence[FaqItem], title: str, settings: SiteSettings) -> tuple[Qa, ...]:
    """FAQ items with each question spelled out from the facet pattern where needed."""
    return tuple(Qa(_question(item, title, settings), item.answer) for item in items)


def _question(item: FaqItem, title: str, settings: SiteSettings) -> str:
    if item.question is not None:
        return item.question
    return settings.faq_question.format(facet=item.facet, title=title)


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

    def start(self, settings: SiteSettings) -> None:
        """Other settings (title patterns, paths) change every page: they forget everything."""
        for kept in (self.links, self.paths, self.articles):
            kept.start(settings)

    def done(self) -> None:
        for kept in (self.links, self.paths, self.articles):
            kept.done()


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
    return sorted(pages, key=lambda page: page.url)


def redirects(glossary: Glossary, settings: SiteSettings) -> list[Redirect]:
    """Alias pages of every entry and `resource/1/` of every area, sorted by URL."""
    found = [
        Redirect(settings.paths.area_page.format(slug=slug, n=1), entry_url(settings, "area", slug))
        for slug in glossary.areas
    ]
    for kind, entries in _entry_groups(glossary):
        for entry in entries:
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


def letter_of(title: str) -> str:
    """The A–Z bucket of a title: its first ASCII letter after removing accents, else '#'."""
    decomposed = unicodedata.normalize("NFKD", title.strip())
    first = decomposed[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def letter_slug(letter: str) -> str:
    """The URL part of a letter page; titles starting with a digit or sign share 'other'."""
    return letter.lower() if letter != "#" else "other"


class _Planner:
    """Holds the lookups shared by every page kind (links by slug, backlinks)."""

    def __init__(self, glossary: Glossary, settings: SiteSettings, memo: PlanMemo) -> None:
        self.glossary = glossary
        self.settings = settings
        self.memo = memo
        self.links = self._links()
        self.backlinks = self._backlinks()
        self.ordered = glossary.articles()
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
                    links[key] = self.memo.links.get(key, (entry, by, image), make)
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
        return self.links.get(f"term:{slug}") or self.links.get(f"definition:{slug}")

    def _backlinks(self) -> dict[str, list[Link]]:
        """Which entries point at each URL, through `related` or a link in their text."""
        by_url: dict[str, set[str]] = {}
        self.related: dict[str, tuple[Link, ...]] = {}
        for kind, entries in _entry_groups(self.glossary):
            if kind == "author":
                continue
            for entry in entries:
                source = f"{kind}:{entry.slug}"
                for url in self._outgoing(source, entry):
                    by_url.setdefault(url, set()).add(source)
        return {url: self._sorted_links(keys) for url, keys in by_url.items()}

    def _outgoing(self, key: str, entry: Term | Definition | Area | Author) -> frozenset[str]:
        """The URLs an entry points at: its `related` entries' and those its text links to."""
        links = map(self.article_link, getattr(entry, "related", ()))
        related = self.related[key] = tuple(link for link in links if link is not None)
        make = functools.partial(_outgoing, entry, related)
        return self.memo.paths.get(key, (entry, *related), make)

    def _sorted_links(self, keys: Iterable[str]) -> list[Link]:
        links = [self.links[key] for key in keys]
        return sorted(links, key=lambda link: (link.title.casefold(), link.url))

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
        url = entry_url(self.settings, entry.kind.value, entry.slug)
        author = self.links.get(f"author:{entry.author}")
        areas = tuple(self.links[f"area:{slug}"] for slug in entry.areas)
        related = self.related[f"{entry.kind.value}:{entry.slug}"]
        backlinks = tuple(b for b in self.backlinks.get(url, []) if b.url != url)
        image = self._image(entry)
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
        members = [self.links[f"{e.kind.value}:{e.slug}"] for e in self.members.get(area.slug, [])]
        url_of = functools.partial(area_page_url, self.settings, area.slug)
        listings = _paginate(members, self.settings.page_size, url_of, [area.updated])
        pages = [self._area_page(area, listing) for listing in listings]
        pages[0] = dataclasses.replace(pages[0], listing=tuple(members))
        return pages

    def _area_page(self, area: Area, listing: _Listing) -> PagePlan:
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
            author=self.links.get(f"author:{area.author}"),
            image=area.image,
            faq=faq_items(area.faq, area.title, self.settings) if first else (),
            items=listing.items,
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
        items = [self.links[f"{e.kind.value}:{e.slug}"] for e in written]
        listings = _paginate(items, LISTING_PAGE_SIZE, _numbered(url), [])
        return [self._author_page(author, listing) for listing in listings]

    def _author_page(self, author: Author, listing: _Listing) -> PagePlan:
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
        articles = sorted(self.ordered, key=lambda e: (e.title.casefold(), e.slug))
        for entry in articles:
            link = self.links[f"{entry.kind.value}:{entry.slug}"]
            letters.setdefault(letter_of(entry.title), []).append(link)
        return dict(sorted(letters.items(), key=lambda item: (item[0] == "#", item[0])))

    def glossary_pages(self) -> list[PagePlan]:
        """The A–Z index (letters and counts) and one page per letter, so no page holds all."""
        index = self.glossary_index()
        root = self.settings.paths.glossary
        letters = [Letter(k, f"{root}{letter_slug(k)}/", len(v)) for k, v in index.items()]
        pages = [self._glossary_root(root, letters, index)]
        bar = _letters_changed(index)
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
        listings = _paginate(items, LISTING_PAGE_SIZE, _numbered(letter.url), [bar])
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
            updated=_newest([link.updated for links in index.values() for link in links]),
        )

    def _letter_page(
        self, root: str, letter: Letter, letters: list[Letter], listing: _Listing
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
            description=_letter_description(name, listing.items, of),
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
        newest_entries = sorted(
            self.ordered, key=lambda e: (-e.updated.toordinal(), e.title.casefold())
        )[: self.settings.newest_on_home]
        newest = [self.links[f"{e.kind.value}:{e.slug}"] for e in newest_entries]
        return PagePlan(
            kind=PageKind.HOME,
            url="",
            title="Home",
            description="",
            template="pages/home.md.j2",
            breadcrumbs=(Crumb("Home", ""),),
            items=tuple(newest),
            area_counts=areas,
            updated=_newest([*(link.updated for link in newest), *(a.link.updated for a in areas)]),
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
            description=_hub_description(areas, len(joined)),
            template="pages/areas.md.j2",
            breadcrumbs=(Crumb("Home", ""), Crumb(AREA_HUB_CRUMB, hub)),
            area_counts=areas,
            updated=_newest([*(a.link.updated for a in areas), *joined]),
        )


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


@dataclass(frozen=True)
class _Listing:
    """One page of a paginated listing: its number, its entries, every page's URL, its date."""

    number: int
    items: tuple[Link, ...]
    urls: tuple[str, ...]
    updated: dt.date | None

    @property
    def url(self) -> str:
        """This page's own URL."""
        return self.urls[self.number - 1]


def _paginate(
    items: Sequence[Link],
    size: int,
    url_of: Callable[[int], str],
    always: Sequence[dt.date | None],
) -> list[_Listing]:
    """`items` in pages of `size` (one empty page when there are none), page `n` at `url_of(n)`.

    The one pagination of areas, authors and letters; `always` is what dates
    every page of the listing (see `_prefix_dates`).
    """
    chunks = [tuple(items[i : i + size]) for i in range(0, len(items), size)] or [()]
    urls = tuple(url_of(n) for n in range(1, len(chunks) + 1))
    dates = _prefix_dates(items, size, always)
    return [_Listing(n, chunk, urls, dates[n - 1]) for n, chunk in enumerate(chunks, start=1)]


def _numbered(first: str) -> Callable[[int], str]:
    """Page 1 at `first`, page n at `first` + `n/`: the author and letter listings' URLs."""
    return lambda n: first if n == 1 else f"{first}{n}/"


def _prefix_dates(
    items: Sequence[Link], size: int, always: Sequence[dt.date | None]
) -> list[dt.date | None]:
    """The date of each listing page: the newest change among the items up to its end.

    A page shows its own items, and where they sit depends on every item before
    them: an entry added to page 1 pushes one onto page 2, so page 2 changed on
    that entry's date although none of its own items did. `always` adds what
    every page shows (the area's own text, the row of letters).
    """
    dates: list[dt.date | None] = []
    newest = _newest(always)
    for start in range(0, max(len(items), 1), size):
        newest = _newest([newest, *(item.updated for item in items[start : start + size])])
        dates.append(newest)
    return dates


def _letters_changed(index: Mapping[str, Sequence[Link]]) -> dt.date | None:
    """When the row of letters last changed: the newest date on which a letter first appeared."""
    born = [_oldest(link.published for link in links) for links in index.values()]
    return _newest(born)


def _oldest(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [date for date in dates if date is not None]
    return min(known) if known else None


def _letter_description(name: str, items: Sequence[Link], of: str) -> str:
    """What a letter page lists, by name: unique to the page, and no "1 entries"."""
    shown = ", ".join(item.title for item in items[:3])
    rest = len(items) - 3
    more = f" and {rest} more" if rest > 0 else ""
    return f"Glossary entries under {name}{of}: {shown}{more}."


def _hub_description(areas: Sequence[AreaCount], total: int) -> str:
    names = ", ".join(area.link.title for area in areas[:3])
    more = " and more" if len(areas) > 3 else ""
    return (
        f"Every topic area of this glossary ({_count(len(areas), 'area')}, "
        f"{_count(total, 'article')}): {names}{more}."
    )


def _count(n: int, noun: str) -> str:
    """`1 area`, `7 areas`: no "1 entries" in a title or description."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _newest(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [date for date in dates if date is not None]
    return max(known) if known else None
