"""schema.org JSON-LD for every page: one `@graph` of plain dicts, serialised once.

Nodes carry stable `@id`s (`<site>/#website`, `<page>#breadcrumb`, …) so they
refer to each other instead of repeating themselves. The FAQ is marked up on
an area's first page only (one Q&A, one place), and from the same `Qa` objects
the page shows, so markup and visible text cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from termsite.generate.handwritten import HandWrittenPage
from termsite.generate.plan import Crumb, Link, PageKind, PagePlan, Qa
from termsite.generate.social import Raster, ShareImage, share_image
from termsite.model import Author, Image
from termsite.sanitize import script_url
from termsite.settings import SiteSettings

__all__ = [
    "CalculatorPage",
    "Node",
    "SiteInfo",
    "graph_for_hand_written",
    "graph_for_page",
    "graph_for_plan",
    "own_calculator_pages",
    "to_script_json",
]

Node = dict[str, Any]
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


@dataclass(frozen=True)
class CalculatorPage:
    """A calculator's own page: its URL (site-relative), its name and its description."""

    url: str
    name: str
    description: str


@dataclass(frozen=True)
class SiteInfo:
    """What every graph needs to know about the site as a whole."""

    name: str
    url: str
    settings: SiteSettings
    description: str = ""
    calculator_titles: Mapping[str, str] = field(default_factory=dict)
    rasters: Mapping[str, Raster] = field(default_factory=dict)
    """Raster copies of the SVGs the site shares, by the SVG's site-relative URL."""
    calculator_pages: Mapping[str, CalculatorPage] = field(default_factory=dict)
    """Each calculator's own page, by calculator id: where its one WebApplication lives."""
    """Raster copies of the SVGs the site shares, by the SVG's site-relative URL."""

    @property
    def root(self) -> str:
        """The site URL with exactly one trailing slash."""
        return self.url.rstrip("/") + "/"

    def absolute(self, url: str) -> str:
        """A site-relative URL (or an already absolute one) as an absolute URL."""
        if "://" in url:
            return url
        return self.root + url.lstrip("/")

    def ref(self, fragment: str) -> Node:
        """A reference to one of the site-wide nodes (`website`, `organization`)."""
        return {"@id": f"{self.root}#{fragment}"}

    def shared(self, image: Image | None) -> ShareImage | None:
        """The image a page shares: its own (as a raster copy if SVG), else the default one."""
        if image is not None:
            return share_image(image.url, image.alt, self.rasters, (image.width, image.height))
        default = self.settings.default_image
        if default and not script_url(default):  # a setting: the loader never checked it
            return share_image(default, self.settings.default_image_alt or self.name, self.rasters)
        return None

    @property
    def term_set_id(self) -> str:
        """The `@id` of the site's DefinedTermSet: the glossary index."""
        return self.absolute(self.settings.paths.glossary) + "#set"


def to_script_json(graph: Node) -> str:
    """JSON for a `<script type="application/ld+json">` element that no text can close.

    Keys are sorted for deterministic output; `<`, `>` and `&` become Unicode
    escapes, which JSON parsers read back as the same characters.
    """
    text = json.dumps(graph, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in SCRIPT_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def graph(nodes: Sequence[Node]) -> Node:
    """A JSON-LD document from its nodes."""
    return {"@context": "https://schema.org", "@graph": list(nodes)}


def site_nodes(site: SiteInfo) -> list[Node]:
    """WebSite and Organization: on every page, so each page describes its publisher."""
    return [website(site), organization(site)]


def website(site: SiteInfo) -> Node:
    """The site; a SearchAction only when the theme's `?q=` search is switched on."""
    node: Node = {
        "@type": "WebSite",
        "@id": site.ref("website")["@id"],
        "name": site.name,
        "url": site.root,
        "publisher": site.ref("organization"),
    }
    if site.description:
        node["description"] = site.description
    if site.settings.search_action:
        search_url = f"{site.root}?q={{search_term_string}}"
        node["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search_url},
            "query-input": "required name=search_term_string",
        }
    return node


def organization(site: SiteInfo) -> Node:
    """The publisher, from the `organization` settings or the site's own name and URL."""
    options = site.settings.organization
    node: Node = {
        "@type": "Organization",
        "@id": site.ref("organization")["@id"],
        "name": options.name or site.name,
        "url": site.absolute(options.url) if options.url else site.root,
    }
    if options.logo:
        logo = share_image(options.logo, "", site.rasters)
        node["logo"] = {"@type": "ImageObject", "url": site.absolute(logo.url)}
        if logo.width and logo.height:
            node["logo"].update({"width": logo.width, "height": logo.height})
    return node


def breadcrumbs(site: SiteInfo, page_url: str, trail: Sequence[Crumb]) -> Node:
    """The page's breadcrumb trail, positions counted from 1."""
    items = [
        {"@type": "ListItem", "position": n, "name": crumb.name, "item": site.absolute(crumb.url)}
        for n, crumb in enumerate(trail, start=1)
    ]
    return {"@type": "BreadcrumbList", "@id": f"{page_url}#breadcrumb", "itemListElement": items}


def web_page(
    site: SiteInfo,
    page_type: str,
    page_url: str,
    name: str,
    description: str,
    *,
    crumbs: bool = True,
) -> Node:
    """The page itself, linked to the site and (where the page shows one) to its breadcrumbs."""
    node: Node = {
        "@type": page_type,
        "@id": page_url,
        "url": page_url,
        "name": name,
        "isPartOf": site.ref("website"),
    }
    if crumbs:
        node["breadcrumb"] = {"@id": f"{page_url}#breadcrumb"}
    if description:
        node["description"] = description
    return node


def timestamp(date: dt.date, settings: SiteSettings) -> str:
    """An entry date as ISO 8601 with the site's time-zone offset, as JSON-LD readers expect."""
    return f"{date.isoformat()}T00:00:00{settings.timezone_offset}"


def image_object(site: SiteInfo, image: Image | None) -> Node | None:
    """An ImageObject with its size; the site's default image when the entry has none.

    An SVG is given as its raster copy, which every consumer can read.
    """
    shared = site.shared(image)
    if shared is None:
        return None
    node: Node = {"@type": "ImageObject", "url": site.absolute(shared.url)}
    if shared.width and shared.height:
        node.update({"width": shared.width, "height": shared.height})
    if image is not None:
        node["caption"] = image.alt
    return node


def person(site: SiteInfo, author: Link | Author | None) -> Node | None:
    """An author as a Person whose url is their author page."""
    if author is None:
        return None
    if isinstance(author, Author):
        url = site.settings.paths.author.format(slug=author.slug)
        return {"@type": "Person", "name": author.name, "url": site.absolute(url)}
    return {"@type": "Person", "name": author.title, "url": site.absolute(author.url)}


def defined_term(site: SiteInfo, link: Link) -> Node:
    """A term or definition as a DefinedTerm in the site's DefinedTermSet."""
    url = site.absolute(link.url)
    return {
        "@type": "DefinedTerm",
        "@id": f"{url}#term",
        "name": link.title,
        "description": link.summary,
        "url": url,
        "inDefinedTermSet": {"@id": site.term_set_id},
    }


def term_set(site: SiteInfo) -> Node:
    """The glossary as a DefinedTermSet (its members are listed on the letter pages)."""
    return {
        "@type": "DefinedTermSet",
        "@id": site.term_set_id,
        "name": site.name if "glossary" in site.name.casefold() else f"{site.name} glossary",
        "url": site.absolute(site.settings.paths.glossary),
    }


def article_summary(site: SiteInfo, link: Link) -> Node:
    """An entry's Article as listings give it: the same values as on the entry's own page.

    Terms and definitions both carry an Article (the page shows a headline, dates
    and an author); a listing repeats a part of it, never a different value.
    """
    url = site.absolute(link.url)
    node: Node = {
        "@type": "Article",
        "@id": f"{url}#article",
        "headline": link.title,
        "url": url,
        "description": link.summary,
        "author": person(site, link.author),
        "image": image_object(site, link.image),
    }
    if link.published:
        node["datePublished"] = timestamp(link.published, site.settings)
    if link.updated:
        node["dateModified"] = timestamp(link.updated, site.settings)
    return _drop_empty(node)


def faq_page(page_url: str, items: Sequence[Qa]) -> Node:
    """The FAQ exactly as shown on the page."""
    questions = [
        {
            "@type": "Question",
            "name": qa.question,
            "acceptedAnswer": {"@type": "Answer", "text": qa.answer},
        }
        for qa in items
    ]
    return {"@type": "FAQPage", "@id": f"{page_url}#faq", "mainEntity": questions}


def web_applications(site: SiteInfo, page_url: str, calc_ids: Sequence[str]) -> list[Node]:
    """One WebApplication per calculator: the same node, by the same `@id`, on every page.

    It is its calculator page's node (`<calculator page>#app`, that page's own
    description); a term that embeds the calculator repeats it unchanged, so the
    reference resolves in that page's graph too. Free, so `offers` is a price of
    0; there is no rating, because there are no reviews.
    """
    return [_web_application(site, page_url, calc_id) for calc_id in calc_ids]


def _web_application(site: SiteInfo, page_url: str, calc_id: str) -> Node:
    own = site.calculator_pages.get(calc_id)
    name = site.calculator_titles.get(calc_id, calc_id.replace("-", " ").capitalize())
    url = site.absolute(own.url) if own else page_url
    node: Node = {
        "@type": "WebApplication",
        "@id": f"{url}#app" if own else f"{page_url}#calculator-{calc_id}",
        "name": own.name if own else name,
        "url": url,
        "applicationCategory": "FinanceApplication",
        "operatingSystem": "Any (runs in the browser)",
        "isAccessibleForFree": True,
        "offers": {"@type": "Offer", "price": 0, "priceCurrency": "USD"},
        "publisher": site.ref("organization"),
    }
    if own and own.description:
        node["description"] = own.description
    return node


def _drop_empty(node: Node) -> Node:
    return {key: value for key, value in node.items() if value not in (None, "", [])}


def article_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """A term or definition page: the page, its Article (what the page shows: headline,
    dates, author, image) and the DefinedTerm it defines, in the site's DefinedTermSet."""
    link = _self_link(page)
    article = article_summary(site, link) | {
        "publisher": site.ref("organization"),
        "mainEntityOfPage": {"@id": page_url},
        "about": {"@id": f"{page_url}#term"},
        "articleSection": [area.title for area in page.areas],
    }
    calculators = [
        {"@id": app["@id"]} for app in web_applications(site, page_url, page.calculators)
    ]
    if calculators:
        article["mentions"] = calculators
    web = web_page(site, "WebPage", page_url, page.title, page.description)
    web["mainEntity"] = {"@id": f"{page_url}#article"}
    return [web, _drop_empty(article), defined_term(site, link), term_set(site)]


def _self_link(page: PagePlan) -> Link:
    entry = page.subject
    assert not isinstance(entry, Author)
    return Link(
        entry.title,
        page.url,
        entry.summary,
        entry.kind,
        published=entry.published,
        updated=entry.updated,
        slug=page.slug,
        author=page.author,
        image=page.image,
    )


def area_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """A CollectionPage of the listed articles; the FAQPage on the first page only."""
    node = listing_page(site, page, page_url)
    node["publisher"] = site.ref("organization")
    node["hasPart"] = [article_summary(site, link) for link in page.items]
    picture = image_object(site, page.image)
    if picture:
        node["image"] = picture
    nodes = [node]
    if page.page_number == 1 and page.faq:
        nodes.append(faq_page(page_url, page.faq))
    return nodes


def author_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """A ProfilePage about the author as a Person."""
    author = page.subject
    assert isinstance(author, Author)
    profile = web_page(site, "ProfilePage", page_url, page.title, page.description)
    profile["mainEntity"] = {"@id": f"{page_url}#person"}
    if page.updated:
        profile["dateModified"] = timestamp(page.updated, site.settings)
    someone = {"@type": "Person", "@id": f"{page_url}#person", "name": author.name}
    someone.update({"description": author.bio, "url": page_url})
    return [profile, someone]


def glossary_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """The DefinedTermSet, whose parts are the letter pages (each lists its terms)."""
    node = web_page(site, "CollectionPage", page_url, page.title, page.description)
    node["mainEntity"] = {"@id": site.term_set_id}
    terms = term_set(site)
    terms["description"] = page.description
    terms["hasPart"] = [
        {"@type": "CollectionPage", "url": site.absolute(letter.url), "name": letter.letter}
        for letter in page.letters
    ]
    return [node, terms]


def letter_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """One letter of the DefinedTermSet: its terms, each `inDefinedTermSet` the one set.

    The set itself lists no members here: each letter page would give the same
    `@id` a different list.
    """
    node = listing_page(site, page, page_url)
    node["mainEntity"] = {"@id": site.term_set_id}
    listed = [defined_term(site, link) for link in page.items]
    return [node, term_set(site), *listed]


def area_hub_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """`/area/`: a CollectionPage whose parts are the areas' first pages, named as they are."""
    node = listing_page(site, page, page_url)
    node["hasPart"] = [
        {
            "@type": "CollectionPage",
            "@id": site.absolute(area.link.url),
            "url": site.absolute(area.link.url),
            "name": site.settings.title_patterns.area.format(title=area.link.title),
            "description": area.link.summary,
        }
        for area in page.area_counts
    ]
    return [node]


def listing_page(site: SiteInfo, page: PagePlan, page_url: str) -> Node:
    """A listing's CollectionPage, dated by the newest change of what it shows."""
    node = web_page(site, "CollectionPage", page_url, page.title, page.description)
    if page.updated:
        node["dateModified"] = timestamp(page.updated, site.settings)
    return node


def home_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """The home page: a CollectionPage of the areas."""
    node = web_page(site, "CollectionPage", page_url, site.name, site.description, crumbs=False)
    node["about"] = {"@id": site.term_set_id}
    return [node, term_set(site)]


BUILDERS: dict[PageKind, Callable[[SiteInfo, PagePlan, str], list[Node]]] = {
    PageKind.TERM: article_nodes,
    PageKind.DEFINITION: article_nodes,
    PageKind.AREA: area_nodes,
    PageKind.AREA_PAGE: area_nodes,
    PageKind.AREAS: area_hub_nodes,
    PageKind.AUTHOR: author_nodes,
    PageKind.GLOSSARY: glossary_nodes,
    PageKind.GLOSSARY_LETTER: letter_nodes,
    PageKind.HOME: home_nodes,
}


def graph_for_plan(site: SiteInfo, page: PagePlan) -> Node:
    """The JSON-LD document of one generated page.

    Google wants at least two breadcrumb items, so a one-item trail (the home
    page's) is not marked up.
    """
    page_url = site.absolute(page.url)
    nodes = site_nodes(site)
    if len(page.breadcrumbs) > 1:
        nodes.append(breadcrumbs(site, page_url, page.breadcrumbs))
    nodes += BUILDERS[page.kind](site, page, page_url)
    nodes += web_applications(site, page_url, page.calculators)
    return graph(nodes)


def graph_for_page(
    site: SiteInfo,
    url: str,
    title: str,
    description: str = "",
    calculators: Sequence[str] = (),
    trail: Sequence[Crumb] = (),
) -> Node:
    """The JSON-LD document of a hand-written page (About, a calculator page, …).

    `trail` is the breadcrumb the page shows; none is marked up where none is shown.
    """
    page_url = site.absolute(url)
    shown = len(trail) > 1
    nodes = [*site_nodes(site), *([breadcrumbs(site, page_url, trail)] if shown else [])]
    node = web_page(site, "WebPage", page_url, title, description, crumbs=shown)
    apps = web_applications(site, page_url, calculators)
    own = [app for app in apps if app["@id"] == f"{page_url}#app"]
    if own:
        node["mainEntity"] = {"@id": own[0]["@id"]}
    return graph([*nodes, node, *apps])


def graph_for_hand_written(
    site: SiteInfo, page: HandWrittenPage, heading: str, trail: Sequence[Crumb] = ()
) -> Node:
    """The JSON-LD of a hand-written page from its front matter; `heading` names it otherwise."""
    title = page.title(heading, site.name)
    return graph_for_page(site, page.url, title, page.description, page.calculators, trail)


def own_calculator_pages(pages: Sequence[HandWrittenPage]) -> dict[str, CalculatorPage]:
    """Each calculator's own page: the first hand-written page (by source) embedding it alone."""
    found: dict[str, CalculatorPage] = {}
    for page in sorted(pages, key=lambda item: item.src_uri):
        if len(page.calculators) == 1 and page.calculators[0] not in found:
            title = str(page.meta.get("title") or "")
            found[page.calculators[0]] = CalculatorPage(page.url, title, page.description)
    return found
