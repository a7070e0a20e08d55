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

from termsite.generate.plan import Crumb, Link, PageKind, PagePlan, Qa
from termsite.generate.social import Raster, ShareImage, share_image
from termsite.model import Author, EntryKind, Image, Term
from termsite.settings import SiteSettings

__all__ = [
    "Node",
    "SiteInfo",
    "graph_for_page",
    "graph_for_plan",
    "to_script_json",
]

Node = dict[str, Any]
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


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
        if default:
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


def web_page(site: SiteInfo, page_type: str, page_url: str, name: str, description: str) -> Node:
    """The page itself, linked to the site and to its breadcrumbs."""
    node: Node = {
        "@type": page_type,
        "@id": page_url,
        "url": page_url,
        "name": name,
        "isPartOf": site.ref("website"),
        "breadcrumb": {"@id": f"{page_url}#breadcrumb"},
    }
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
        "name": f"{site.name} glossary",
        "url": site.absolute(site.settings.paths.glossary),
    }


def listed_item(site: SiteInfo, link: Link) -> Node:
    """An entry as an item of a listing: the term's Article, or the definition's page."""
    url = site.absolute(link.url)
    if link.kind is EntryKind.TERM:
        node: Node = {"@type": "Article", "@id": f"{url}#article", "headline": link.title}
    else:
        node = {"@type": "WebPage", "@id": url, "name": link.title}
    node.update({"url": url, "description": link.summary})
    if link.published:
        node["datePublished"] = timestamp(link.published, site.settings)
    if link.updated:
        node["dateModified"] = timestamp(link.updated, site.settings)
    return node


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


def web_applications(
    site: SiteInfo, page_url: str, calc_ids: Sequence[str], description: str
) -> list[Node]:
    """One WebApplication per calculator on the page: it runs in the reader's browser."""
    return [
        {
            "@type": "WebApplication",
            "@id": f"{page_url}#calculator-{calc_id}",
            "name": site.calculator_titles.get(calc_id, calc_id.replace("-", " ").capitalize()),
            "url": page_url,
            "applicationCategory": "FinanceApplication",
            "operatingSystem": "Any (runs in the browser)",
            "description": description or site.calculator_titles.get(calc_id, calc_id),
            "isAccessibleForFree": True,
        }
        for calc_id in calc_ids
    ]


def _drop_empty(node: Node) -> Node:
    return {key: value for key, value in node.items() if value not in (None, "", [])}


def term_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """Article plus DefinedTerm: the long read, and the concept it defines."""
    entry = page.subject
    assert isinstance(entry, Term)
    article = {
        "@type": "Article",
        "@id": f"{page_url}#article",
        "headline": entry.title,
        "description": entry.summary,
        "author": person(site, page.author),
        "publisher": site.ref("organization"),
        "datePublished": timestamp(entry.published, site.settings),
        "dateModified": timestamp(entry.updated, site.settings),
        "image": image_object(site, page.image),
        "mainEntityOfPage": {"@id": page_url},
        "about": {"@id": f"{page_url}#term"},
        "articleSection": [link.title for link in page.areas],
    }
    return [
        web_page(site, "WebPage", page_url, page.title, page.description),
        _drop_empty(article),
        defined_term(site, _self_link(page)),
        term_set(site),
    ]


def _self_link(page: PagePlan) -> Link:
    entry = page.subject
    summary = entry.bio if isinstance(entry, Author) else entry.summary
    return Link(entry.title, page.url, summary, entry.kind, slug=page.slug)


def definition_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """The definition page and its DefinedTerm."""
    node = web_page(site, "WebPage", page_url, page.title, page.description)
    node["mainEntity"] = {"@id": f"{page_url}#term"}
    return [node, defined_term(site, _self_link(page)), term_set(site)]


def area_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """A CollectionPage of the listed articles; the FAQPage on the first page only."""
    node = web_page(site, "CollectionPage", page_url, page.title, page.description)
    node["publisher"] = site.ref("organization")
    node["hasPart"] = [listed_item(site, link) for link in page.items]
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
        {"@type": "CollectionPage", "@id": site.absolute(letter.url), "name": letter.letter}
        for letter in page.letters
    ]
    return [node, terms]


def letter_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """One letter of the DefinedTermSet, with its terms."""
    node = web_page(site, "CollectionPage", page_url, page.title, page.description)
    node["mainEntity"] = {"@id": site.term_set_id}
    terms = term_set(site)
    terms["hasDefinedTerm"] = [defined_term(site, link) for link in page.items]
    return [node, terms]


def home_nodes(site: SiteInfo, page: PagePlan, page_url: str) -> list[Node]:
    """The home page: a CollectionPage of the areas."""
    node = web_page(site, "CollectionPage", page_url, site.name, site.description)
    node["about"] = {"@id": site.term_set_id}
    return [node]


BUILDERS: dict[PageKind, Callable[[SiteInfo, PagePlan, str], list[Node]]] = {
    PageKind.TERM: term_nodes,
    PageKind.DEFINITION: definition_nodes,
    PageKind.AREA: area_nodes,
    PageKind.AREA_PAGE: area_nodes,
    PageKind.AUTHOR: author_nodes,
    PageKind.GLOSSARY: glossary_nodes,
    PageKind.GLOSSARY_LETTER: letter_nodes,
    PageKind.HOME: home_nodes,
}


def graph_for_plan(site: SiteInfo, page: PagePlan) -> Node:
    """The JSON-LD document of one generated page."""
    page_url = site.absolute(page.url)
    nodes = [*site_nodes(site), breadcrumbs(site, page_url, page.breadcrumbs)]
    nodes += BUILDERS[page.kind](site, page, page_url)
    nodes += web_applications(site, page_url, page.calculators, page.description)
    return graph(nodes)


def graph_for_page(
    site: SiteInfo,
    url: str,
    title: str,
    description: str = "",
    calculators: Sequence[str] = (),
) -> Node:
    """The JSON-LD document of a hand-written page (About, a calculator page, …)."""
    page_url = site.absolute(url)
    trail = [Crumb("Home", "")] + ([Crumb(title, url)] if url.strip("/") else [])
    nodes = [*site_nodes(site), breadcrumbs(site, page_url, trail)]
    nodes.append(web_page(site, "WebPage", page_url, title, description))
    nodes += web_applications(site, page_url, calculators, description)
    return graph(nodes)
