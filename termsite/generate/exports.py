"""The glossary as data: `glossary.json` (JSON-LD) and `glossary.csv`, plus the page's own
Markdown for the "Copy as Markdown" button.

One row per term and definition, with the same names, URLs and `@id`s as the pages'
JSON-LD, so a spreadsheet, a translation tool or a crawler reads the glossary in one file.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from termsite.generate.jsonld import SiteInfo, timestamp
from termsite.generate.kept import KeptOrder, KeptTexts
from termsite.generate.plan import entry_url
from termsite.model import Definition, Glossary, Term

__all__ = [
    "CSV_FILE",
    "CSV_HEADER",
    "JSON_FILE",
    "Writer",
    "copy_button_html",
    "glossary_csv",
    "glossary_json",
    "with_copy_button",
]

JSON_FILE = "glossary.json"
CSV_FILE = "glossary.csv"
CSV_HEADER = (
    "name",
    "kind",
    "url",
    "synonyms",
    "description",
    "published",
    "modified",
    "areas",
)
MARKDOWN_ID = "termsite-markdown"

Article = Term | Definition
Writer = Callable[
    [SiteInfo, Glossary, "KeptTexts[Article] | None", "KeptOrder[Article] | None"], str
]
"""`glossary_json` and `glossary_csv`, as the plugin calls either."""


def _articles(glossary: Glossary, order: KeptOrder[Article] | None) -> list[Article]:
    """Terms and definitions, sorted by title then slug: the order of both files (a serve
    session's `order` sorts again only what a save moved)."""
    found: list[Article] = [*glossary.terms.values(), *glossary.definitions.values()]
    return (order or KeptOrder()).sorted(found, key=_by_title)


def _by_title(entry: Article) -> tuple[str, str]:
    return entry.title.casefold(), entry.slug


TERMS_MARK = "termsite:defined-terms"
"""Stands in for the list of terms while the rest of `glossary.json` is serialised."""


def glossary_json(
    site: SiteInfo,
    glossary: Glossary,
    kept: KeptTexts[Article] | None = None,
    order: KeptOrder[Article] | None = None,
) -> str:
    """The whole DefinedTermSet as one JSON-LD document, sorted and stable.

    Each term is serialised on its own and placed into the document as
    `json.dumps(..., indent=1)` would place it: at 10,000 terms the indenting
    encoder is pure Python and takes a second. A serve session passes `kept`,
    and `order`, so only a saved entry's term is serialised again.
    """
    articles = _articles(glossary, order)
    kept = kept if kept is not None else KeptTexts[Article]()
    context = (site.root, site.term_set_id, site.settings)
    terms = kept.each(context, articles, functools.partial(_term_text, site))
    term_set = {
        "@type": "DefinedTermSet",
        "@id": site.term_set_id,
        "name": site.name if "glossary" in site.name.casefold() else f"{site.name} glossary",
        "url": site.absolute(site.settings.paths.glossary),
        "hasDefinedTerm": [TERMS_MARK] if terms else [],
    }
    if articles:
        term_set["dateModified"] = timestamp(max(e.updated for e in articles), site.settings)
    document = json.dumps({"@context": "https://schema.org", **term_set}, **_JSON) + "\n"
    return document.replace(json.dumps(TERMS_MARK), ",\n  ".join(terms), 1)


_JSON: dict[str, Any] = {"ensure_ascii": False, "sort_keys": True, "indent": 1}


def _term_text(site: SiteInfo, entry: Article) -> str:
    """A term's node as it reads inside the document's list, two levels in (a string in
    JSON holds no line break, so every line break is one of the layout's)."""
    return json.dumps(_term_node(site, entry.kind.value, entry), **_JSON).replace("\n", "\n  ")


def _term_node(site: SiteInfo, kind: str, entry: Article) -> dict[str, object]:
    url = site.absolute(entry_url(site.settings, kind, entry.slug))
    node: dict[str, object] = {
        "@type": "DefinedTerm",
        "@id": f"{url}#term",
        "name": entry.title,
        "description": entry.summary,
        "url": url,
        "inDefinedTermSet": {"@id": site.term_set_id},
        "mainEntityOfPage": {
            "@type": "WebPage",
            "@id": url,
            "datePublished": timestamp(entry.published, site.settings),
            "dateModified": timestamp(entry.updated, site.settings),
        },
    }
    if entry.synonyms:
        node["alternateName"] = list(entry.synonyms)
    return node


def glossary_csv(
    site: SiteInfo,
    glossary: Glossary,
    kept: KeptTexts[Article] | None = None,
    order: KeptOrder[Article] | None = None,
) -> str:
    """The same rows for spreadsheets: synonyms and areas joined with "; ".

    A serve session passes `kept` and `order`, so only a saved entry's row is written again.
    """
    kept = kept if kept is not None else KeptTexts[Article]()
    articles = _articles(glossary, order)
    rows = kept.each((site.root, site.settings), articles, functools.partial(_csv_row, site))
    return _csv_line(CSV_HEADER) + "".join(rows)


def _csv_row(site: SiteInfo, entry: Article) -> str:
    kind = entry.kind.value
    return _csv_line(
        (
            entry.title,
            kind,
            site.absolute(entry_url(site.settings, kind, entry.slug)),
            "; ".join(entry.synonyms),
            entry.summary,
            entry.published.isoformat(),
            entry.updated.isoformat(),
            "; ".join(entry.areas),
        )
    )


def _csv_line(values: Sequence[str]) -> str:
    """One CSV line (a writer keeps nothing from one row to the next)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


def copy_button_html(markdown: str) -> tuple[str, str]:
    """The button, and the page's Markdown it copies, carried in the page so it works from
    a folder with no server: an inert `<template>` (no script, so the CSP has nothing to
    allow, and Material's instant navigation keeps it, which it does not do for scripts)."""
    button = (
        '<p class="termsite-copy" data-autolink="off">'
        '<button type="button" class="md-button termsite-copy__button"'
        f' data-copy="{MARKDOWN_ID}" data-state="idle" hidden>Copy as Markdown</button>'
        ' <span class="termsite-copy__status" role="status"></span></p>'
    )
    data = f'<template id="{MARKDOWN_ID}" data-pagefind-ignore="all">'
    return button, f"{data}{escape(markdown, quote=False)}</template>"


def with_copy_button(html: str, markdown: str) -> str:
    """The button under the page's title (first `</h1>`), its data at the end."""
    button, data = copy_button_html(markdown)
    head, found, rest = html.partition("</h1>")
    placed = f"{head}{found}\n{button}{rest}" if found else f"{button}\n{html}"
    return f"{placed}\n{data}\n"
