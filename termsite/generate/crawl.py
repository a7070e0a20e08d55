"""What crawlers and language models read besides the HTML: sitemap, robots.txt,
llms.txt, Markdown copies of entry pages and redirect pages for old URLs.

Everything is a pure function of the glossary and the settings (no clock, no
file system), sorted, so the same input gives the same bytes. The MkDocs
plugin adds the results to the build as generated files.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import jinja2

from termsite.generate.handwritten import HandWrittenPage
from termsite.generate.headers import INLINE_SCRIPTS
from termsite.generate.jsonld import SiteInfo
from termsite.generate.kept import KeptOrder, KeptTexts
from termsite.generate.links import absolute_links
from termsite.generate.plan import PageKind, PagePlan, Redirect
from termsite.generate.render import make_environment, one_line, template_context
from termsite.widgets.reproduce import copy_commands

__all__ = [
    "REDIRECTS_FILE",
    "LlmsMemo",
    "SitemapEntry",
    "llms_txt",
    "markdown_copy",
    "redirect_html",
    "redirects_file",
    "robots_txt",
    "sitemap_entries",
    "sitemap_gz",
    "sitemap_xml",
]


@dataclass(frozen=True)
class SitemapEntry:
    """One URL of the sitemap and the date its content last changed, if known."""

    url: str
    lastmod: dt.date | None = None


def sitemap_entries(
    site: SiteInfo, planned: Sequence[PagePlan], hand_written: Sequence[HandWrittenPage]
) -> list[SitemapEntry]:
    """Every page: generated ones dated by their content, hand-written ones by `modified:`."""
    entries = [SitemapEntry(site.absolute(page.url), page.updated) for page in planned]
    entries += [SitemapEntry(site.absolute(page.url), page.modified) for page in hand_written]
    return entries


def sitemap_xml(entries: Sequence[SitemapEntry]) -> str:
    """The sitemap, sorted by URL; `lastmod` is the content's date, never the build's."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for entry in sorted(set(entries), key=lambda item: item.url):
        lastmod = f"<lastmod>{entry.lastmod.isoformat()}</lastmod>" if entry.lastmod else ""
        lines.append(f"  <url><loc>{escape(entry.url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_gz(xml: str) -> bytes:
    """The gzipped sitemap with a zero timestamp, so rebuilding gives the same bytes."""
    return gzip.compress(xml.encode("utf-8"), compresslevel=9, mtime=0)


def robots_txt(site: SiteInfo) -> str:
    """Allow everything and name the sitemap, which crawlers find this way."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.root}sitemap.xml\n"


LLMS_SECTIONS = (
    ("Areas", PageKind.AREA),
    ("Terms", PageKind.TERM),
    ("Definitions", PageKind.DEFINITION),
)


class LlmsMemo:
    """What a serve session keeps of llms.txt from one save to the next: each section's
    lines while its pages are the same objects (`KeptTexts`), and its order (`KeptOrder`),
    so a save writes the saved entry's line again and sorts nothing."""

    def __init__(self) -> None:
        self.lines: dict[PageKind, KeptTexts[PagePlan]] = {}
        self.orders: dict[PageKind, KeptOrder[PagePlan]] = {}


def llms_txt(site: SiteInfo, pages: Sequence[PagePlan], memo: LlmsMemo | None = None) -> str:
    """The llms.txt index: the site; its areas, terms and definitions as .md links; its
    calculators; and the A–Z and area indexes."""
    parts = [f"# {site.name}\n"]
    if site.description:
        parts.append(f"> {one_line(site.description)}\n")
    memo = memo or LlmsMemo()
    by_kind: dict[PageKind, list[PagePlan]] = {kind: [] for _, kind in LLMS_SECTIONS}
    for page in pages:
        if page.kind in by_kind:
            by_kind[page.kind].append(page)
    item = functools.partial(_llms_item, site)
    for heading, kind in LLMS_SECTIONS:
        chosen = memo.orders.setdefault(kind, KeptOrder()).sorted(by_kind[kind], _by_title)
        if chosen:
            lines = memo.lines.setdefault(kind, KeptTexts()).each(site.root, chosen, item)
            parts.append(f"## {heading}\n\n" + "\n".join(lines) + "\n")
    parts += _llms_calculators(site) + _llms_index(site, pages)
    if any(p.kind in (PageKind.TERM, PageKind.DEFINITION) for p in pages):
        parts.append(_llms_data(site))
    return "\n".join(parts)


def _llms_calculators(site: SiteInfo) -> list[str]:
    """The calculators, each at its own page (they have no Markdown copy: they run code)."""
    found = sorted(site.calculator_pages.values(), key=lambda c: c.name.casefold())
    lines = [f"- [{c.name}]({site.absolute(c.url)}): {one_line(c.description)}" for c in found]
    return ["## Calculators\n\n" + "\n".join(lines) + "\n"] if lines else []


def _llms_index(site: SiteInfo, pages: Sequence[PagePlan]) -> list[str]:
    """The A–Z index and the area hub: where every entry is listed."""
    chosen = [p for p in pages if p.kind in (PageKind.GLOSSARY, PageKind.AREAS)]
    lines = [f"- [{p.title}]({site.absolute(p.url)}): {one_line(p.description)}" for p in chosen]
    return ["## Indexes\n\n" + "\n".join(lines) + "\n"] if lines else []


def _llms_data(site: SiteInfo) -> str:
    """The exports (`generate.exports`): every term and definition in one file."""
    return (
        "## Data\n\n"
        f"- [glossary.json]({site.absolute('glossary.json')}): the DefinedTermSet in JSON-LD\n"
        f"- [glossary.csv]({site.absolute('glossary.csv')}): the same rows as CSV\n"
    )


def _by_title(page: PagePlan) -> str:
    return page.title.casefold()


def _llms_item(site: SiteInfo, page: PagePlan) -> str:
    title = page.subject.title
    return f"- [{title}]({site.absolute(page.src_uri)}): {one_line(page.description)}"


COPY_TEMPLATE = "pages/copy.md.j2"
"""The Markdown copy's template; a site's own `pages/copy.md.j2` replaces it."""


def markdown_copy(site: SiteInfo, page: PagePlan, env: jinja2.Environment | None = None) -> str:
    """A clean Markdown version of an entry page: title, summary, body, the terminal
    command of each calculator it embeds (`commands`), FAQ and links.

    Rendered from `COPY_TEMPLATE` through the build's environment, so a site's
    template override reaches the copy as it reaches the page.
    """
    environment = env or make_environment()
    text = environment.get_template(COPY_TEMPLATE).render(
        page=page,
        root=site.root,
        commands=copy_commands(page.calculators),
        **template_context(page),
    )
    return absolute_links(text, site.root)


def relative_target(redirect: Redirect) -> str:
    """The target as a path relative to the redirect page, so it works under any root."""
    source = redirect.url.strip("/") or "."
    target = redirect.target.strip("/") or "."
    relative = posixpath.relpath(target, source)
    return relative + "/" if relative != "." else "./"


def redirect_html(site: SiteInfo, redirect: Redirect, env: jinja2.Environment | None = None) -> str:
    """A tiny page that forwards readers at once, `#fragment` kept, and names the new URL.

    A host that reads `_redirects` answers with a 301 before this page is ever
    sent; elsewhere the inline forwarder (allowed by its CSP hash) keeps the
    fragment a meta refresh would drop, and the refresh covers readers without
    JavaScript. No `noindex`: the canonical link and the redirect say it all.
    """
    environment = env or make_environment()
    return environment.get_template("redirect.html").render(
        target=relative_target(redirect),
        canonical=site.absolute(redirect.target),
        forward=INLINE_SCRIPTS["redirect"],
    )


REDIRECTS_FILE = "_redirects"


def redirects_file(site: SiteInfo, redirects: Sequence[Redirect]) -> str:
    """`_redirects` for Netlify and Cloudflare Pages: one permanent (301) rule per old URL.

    Paths start at the host's root, so a site deployed under a sub-path keeps it.
    """
    base = urlsplit(site.root).path or "/"
    lines = [f"{base}{r.url} {base}{r.target} 301" for r in sorted(redirects, key=_by_url)]
    return "\n".join(lines) + ("\n" if lines else "")


def _by_url(redirect: Redirect) -> str:
    return redirect.url
