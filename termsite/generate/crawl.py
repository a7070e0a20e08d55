"""What crawlers and language models read besides the HTML: sitemap, robots.txt,
llms.txt, Markdown copies of entry pages and redirect pages for old URLs.

Everything is a pure function of the glossary and the settings (no clock, no
file system), sorted, so the same input gives the same bytes. The MkDocs
plugin adds the results to the build as generated files.
"""

from __future__ import annotations

import datetime as dt
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
from termsite.generate.links import absolute_links
from termsite.generate.plan import Link, PageKind, PagePlan, Redirect
from termsite.generate.render import make_environment
from termsite.model import Author, Term

__all__ = [
    "REDIRECTS_FILE",
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


def llms_txt(site: SiteInfo, pages: Sequence[PagePlan]) -> str:
    """The llms.txt index: the site; its areas, terms and definitions as .md links; its
    calculators; and the A–Z and area indexes."""
    parts = [f"# {site.name}\n"]
    if site.description:
        parts.append(f"> {_one_line(site.description)}\n")
    sections = (
        ("Areas", PageKind.AREA),
        ("Terms", PageKind.TERM),
        ("Definitions", PageKind.DEFINITION),
    )
    for heading, kind in sections:
        chosen = sorted((p for p in pages if p.kind == kind), key=lambda p: p.title.casefold())
        if chosen:
            parts.append(
                f"## {heading}\n\n" + "\n".join(_llms_item(site, p) for p in chosen) + "\n"
            )
    parts += _llms_calculators(site) + _llms_index(site, pages)
    return "\n".join(parts)


def _llms_calculators(site: SiteInfo) -> list[str]:
    """The calculators, each at its own page (they have no Markdown copy: they run code)."""
    found = sorted(site.calculator_pages.values(), key=lambda c: c.name.casefold())
    lines = [f"- [{c.name}]({site.absolute(c.url)}): {_one_line(c.description)}" for c in found]
    return ["## Calculators\n\n" + "\n".join(lines) + "\n"] if lines else []


def _llms_index(site: SiteInfo, pages: Sequence[PagePlan]) -> list[str]:
    """The A–Z index and the area hub: where every entry is listed."""
    chosen = [p for p in pages if p.kind in (PageKind.GLOSSARY, PageKind.AREAS)]
    lines = [f"- [{p.title}]({site.absolute(p.url)}): {_one_line(p.description)}" for p in chosen]
    return ["## Indexes\n\n" + "\n".join(lines) + "\n"] if lines else []


def _llms_item(site: SiteInfo, page: PagePlan) -> str:
    title = page.subject.title
    return f"- [{title}]({site.absolute(page.src_uri)}): {_one_line(page.description)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def markdown_copy(site: SiteInfo, page: PagePlan) -> str:
    """A clean Markdown version of an entry page: title, summary, body, FAQ and links."""
    entry = page.subject
    assert not isinstance(entry, Author)
    parts = [f"# {entry.title}", f"> {_one_line(entry.summary)}", _byline(site, page)]
    parts += [entry.body.strip()] if entry.body.strip() else []
    if isinstance(entry, Term):
        parts += [_section(s.heading, s.quote, s.body) for s in entry.sections]
    parts += _faq(page)
    parts += _link_list("Related", site, page.related)
    parts += _link_list("Referenced by", site, page.backlinks)
    parts += _link_list("Articles", site, page.listing or page.items)
    parts.append(f"Source: {site.absolute(page.url)}")
    return absolute_links("\n\n".join(part for part in parts if part), site.root) + "\n"


def _byline(site: SiteInfo, page: PagePlan) -> str:
    bits = []
    if page.published:
        bits.append(f"Published {page.published.isoformat()}")
    if page.updated and page.updated != page.published:
        bits.append(f"updated {page.updated.isoformat()}")
    author = page.author
    if author:
        bits.append(f"by [{author.title}]({site.absolute(author.url)})")
    return " · ".join(bits)


def _section(heading: str, quote: str | None, body: str) -> str:
    lines = [f"## {heading}"]
    if quote:
        lines.append(f"> {_one_line(quote)}")
    lines.append(body.strip())
    return "\n\n".join(lines)


def _faq(page: PagePlan) -> list[str]:
    if not page.faq:
        return []
    return ["## Questions and answers"] + [f"### {qa.question}\n\n{qa.answer}" for qa in page.faq]


def _link_list(heading: str, site: SiteInfo, links: Sequence[Link]) -> list[str]:
    if not links:
        return []
    lines = [f"- [{link.title}]({site.absolute(link.url)}): {link.summary}" for link in links]
    return [f"## {heading}", "\n".join(lines)]


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
