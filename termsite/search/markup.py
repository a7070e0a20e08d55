"""What Pagefind indexes of a page, and the kind and area it files the page under.

A search for "kendall" used to list "Glossary ⎊ K" and area resource pages
first: listing pages carry many entries' titles and summaries, and rank on
them. Pagefind indexes only pages with a `data-pagefind-body` element once
any page has one, so entry pages, an area's first page and hand-written
pages get it on their article and listing pages (area resource pages, A–Z
pages, author pages, the home page) are left out of the index. The entries a
page merely lists or links (`.termsite-listing`, the hover cards) are left
out of every page's text (`pagefind.EXCLUDED_SELECTORS`).

Each indexed page also carries its kind ("Term", "Definition", "Area",
"Page") and, for entries, its areas, as Pagefind *meta*: results show them,
and the search box narrows results by them. An entry's other names (its
synonyms, and its aliases read as words) are meta too, `names`: Pagefind
indexes meta words, and `search.js` weighs a match there like one in the
title, so "Kendall's tau" finds the entry titled "Kendall rank correlation"
without the names cluttering the page. Not as Pagefind *filters*:
Pagefind 1.5 writes its filter files in a different order on every run, and
two builds must give the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from termsite.model import Author, Entry

__all__ = ["LISTING_KINDS", "indexed_page", "indexed_part", "other_names"]

ARTICLE = '<article class="md-content__inner md-typeset"'
"""Material's article element: the page content, and the root Pagefind indexes."""

LISTING_KINDS = frozenset({"area_page", "areas", "author", "glossary", "glossary_letter", "home"})
"""Generated page kinds that list entries rather than explain one: not indexed."""


def indexed_part(page_html: str) -> str:
    """The part of a page Pagefind reads: the `<html>` tag (its language), the title and
    the article, without Material's header, navigation and footer (two thirds of the
    bytes, which the indexer would otherwise receive, decode and parse for nothing)."""
    start = page_html.find(ARTICLE)
    end = page_html.rfind("</article>")
    opened = page_html.find("<html")
    if start < 0 or end < start or opened < 0:
        return page_html
    html_tag = page_html[opened : page_html.find(">", opened) + 1]
    title_at = page_html.find("<title>")
    title_end = page_html.find("</title>", title_at)
    title = page_html[title_at : title_end + len("</title>")] if 0 <= title_at < start else ""
    article = page_html[start : end + len("</article>")]
    return f"{html_tag}<head>{title}</head><body>{article}</body></html>"


def _attribute(value: str) -> str:
    """A filter or meta value: Pagefind splits on ',' and ':', so neither may appear in it."""
    plain = " ".join(value.replace(",", " ").replace(":", " ").split())
    return html.escape(plain, quote=True)


def other_names(entry: Entry | None) -> list[str]:
    """What else readers call an entry: its synonyms, then its old slugs as words."""
    if entry is None or isinstance(entry, Author):
        return []
    return [*entry.synonyms, *(alias.replace("-", " ") for alias in entry.aliases)]


def indexed_page(
    page_html: str, kind: str, areas: Sequence[str] = (), names: Sequence[str] = ()
) -> str:
    """`page_html` marked for Pagefind as a page of `kind` in `areas`, also called `names`.

    A page without Material's article (another theme) is returned unchanged.
    """
    at = page_html.find(ARTICLE)
    if at < 0:
        return page_html
    end = page_html.find(">", at)
    tags = [f'<span data-pagefind-meta="kind:{_attribute(kind)}"></span>']
    for field, values in (("area", areas), ("names", names)):
        plain = [_attribute(value) for value in values if _attribute(value)]
        if plain:
            tags.append(f'<span data-pagefind-meta="{field}:{"; ".join(plain)}"></span>')
    opening = page_html[at:end] + " data-pagefind-body>"
    return page_html[:at] + opening + "".join(tags) + page_html[end + 1 :]
