"""No executable markup from entries: script URLs found, entry HTML cleaned by an allowlist.

Entry bodies are Markdown, and Markdown lets a writer put raw HTML, attribute
lists (`{onclick=…}`) and any link target into a page. The site's
Content-Security-Policy stops inline script only on hosts that send our
`_headers`; GitHub Pages, for one, sends none. So the HTML that entry Markdown
becomes is cleaned here, before it reaches a page, by `nh3` (the binding of
Rust's ammonia, an allowlist sanitiser made for this job): only the tags and
attributes Markdown and its common extensions produce survive, event handlers
and `style` (beyond table alignment) are dropped, and URLs are parsed the way
a browser parses them before their scheme is checked.

This module is engine-agnostic: the MkDocs adapter calls `clean_html` on the
HTML of every generated page, and the loader calls `script_url` to refuse a
bad link with its file, line and field before any page is built.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache

import nh3

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "URL_SCHEMES",
    "clean_html",
    "escape_raw_html",
    "normalised_url",
    "safe_url",
    "script_url",
]

ALLOWED_TAGS = frozenset(
    {
        # Markdown itself
        *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"),
        *("em", "strong", "a", "img", "ul", "ol", "li"),
        # tables, footnotes (sup + div + ol), admonitions and md_in_html (div, span)
        *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col"),
        *("sup", "sub", "div", "span"),
        # definition lists, abbreviations, details and other inline HTML writers use
        *("dl", "dt", "dd", "abbr", "details", "summary", "figure", "figcaption"),
        *("kbd", "mark", "del", "ins", "s", "q", "cite", "dfn", "var", "samp", "small"),
        *("b", "i", "u", "time", "wbr", "bdi"),
    }
)
"""What Markdown, `attr_list`, `admonition`, `tables`, `footnotes`, `md_in_html`, `def_list`,
`abbr` and `toc` produce. No `script`, `style`, `iframe`, `object`, `svg`, `math`, `form`."""

_GLOBAL = frozenset({"id", "class", "title", "lang"})
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": _GLOBAL,
    "a": frozenset({"href", "name", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "th": frozenset({"colspan", "rowspan", "scope", "align", "style"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "abbr": frozenset({"title"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
"""Per tag; `style` only where the tables extension writes `text-align`, and only that."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes a link or image may use; relative URLs (`../x/`, `#fn:1`) pass as they are."""

_STYLE_PROPERTIES = frozenset({"text-align"})
_CLEAN_CONTENT = frozenset({"script", "style", "template", "textarea", "noscript", "iframe"})
"""Dropped with their content: their text is code or a document, never reading matter."""

_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
"""A browser's URL parser removes these anywhere in a URL (`java\\tscript:` is `javascript:`)."""
_LEADING_JUNK = re.compile(r"^[\x00-\x20]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})
"""Schemes that run script (`javascript:`, `vbscript:`) or carry a whole document (`data:`)."""


def normalised_url(url: str) -> str:
    """`url` as a browser reads it from an attribute: entities decoded (`jav&#x61;script:`),
    tabs and newlines removed, leading spaces and control characters stripped."""
    previous, current = None, url
    while previous != current:  # `&amp;#x61;` decodes once in Markdown and once more in HTML
        previous, current = current, html.unescape(current)
    return _LEADING_JUNK.sub("", _IGNORED_IN_URLS.sub("", current))


def script_url(url: str) -> bool:
    """Whether `url`, read the way a browser reads it, runs script or opens a document."""
    match = _SCHEME.match(normalised_url(url))
    return match is not None and match.group(1).lower() in _SCRIPT_SCHEMES


def safe_url(url: str) -> str:
    """`url` itself when it is safe to put into an attribute (`og:image`), else empty."""
    return "" if script_url(url) else url


_THEME_IDS = ("__",)
"""Material finds its own elements by ids such as `__config` and `__drawer`, and looks for the
first one in the document, which would be an entry's if an entry could use those ids."""


def _theme_ids_dropped(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("id", "name") and value.startswith(_THEME_IDS):
        return None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_CLEAN_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(_STYLE_PROPERTIES),
        attribute_filter=_theme_ids_dropped,
    )


def clean_html(fragment: str, keep: Iterable[str] = ()) -> str:
    """`fragment` with only allowlisted markup; each exact occurrence of a `keep` string
    (a calculator widget termsite rendered itself) passes through untouched.

    The text between kept strings is cleaned piece by piece, so a piece can never
    open a tag that a kept string would then sit inside.
    """
    trusted = sorted({piece for piece in keep if piece}, key=len, reverse=True)
    if not trusted:
        return _clean_piece(fragment)
    pattern = re.compile("|".join(re.escape(piece) for piece in trusted))
    out: list[str] = []
    position = 0
    for match in pattern.finditer(fragment):
        out += [_clean_piece(fragment[position : match.start()]), match.group(0)]
        position = match.end()
    out.append(_clean_piece(fragment[position:]))
    return "".join(out)


def _clean_piece(piece: str) -> str:
    if not piece.strip():
        return piece
    cleaned: str = _cleaner().clean(piece)
    return cleaned


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")


def escape_raw_html(markdown: str) -> str:
    """Markdown whose raw HTML shows as text (`raw_html: escape`).

    Every `<` outside code becomes `&lt;`; code blocks, code spans and
    autolinks (`<https://…>`) are left alone, since Markdown already shows
    those as written. Lines indented four spaces may be code, so they are
    left too: whatever HTML they hold is still cleaned by `clean_html`.
    """
    lines = markdown.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if not line.startswith(("    ", "\t")):
            lines[number] = _escape_line(line)
    return "\n".join(lines)


def _escape_line(line: str) -> str:
    """Escape `<` in one line, outside code spans and autolinks."""
    out: list[str] = []
    position = 0
    for match in re.finditer(f"{_CODE_SPAN.pattern}|{_AUTOLINK.pattern}", line):
        out += [line[position : match.start()].replace("<", "&lt;"), match.group(0)]
        position = match.end()
    out.append(line[position:].replace("<", "&lt;"))
    return "".join(out)
