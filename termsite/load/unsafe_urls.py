"""Finding URLs in entries that would run code in a reader's browser.

Entry bodies are Markdown and may hold raw HTML by design, so a link such as
`[x](javascript:…)` would reach the page as a live link. The loader refuses
such URLs with the file, line and field, so an editor sees the problem before
a reader does. This is the first guard, not the only one: the site's
Content-Security-Policy (`termsite.generate.headers`) blocks script URLs in browsers
that honour it, including spellings no pattern here foresees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from termsite.load.yaml_source import Loc
from termsite.model import Author, Entry, Term
from termsite.sanitize import normalised_url, script_url

__all__ = ["unsafe_urls"]

_LINK_OPENER = re.compile(
    r"""(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?|<"""
    r"""|\b(?:href|src|action|formaction|poster|srcset|xlink:href)\s*=\s*["']?)""",
    re.IGNORECASE | re.MULTILINE,
)
"""Where a link target starts: in Markdown (`](…)`, `[ref]: …`, `<…>`), in raw HTML and in
attribute lists (`href=`, `src=`, …)."""
_TARGET = re.compile(r"""[^\s"'<>]*""")
_WINDOW = 200
"""How much text after an opener is read as the URL: `java\tscript:` hides its scheme
behind a tab, and entities (`&#x61;`) make the written scheme longer than the real one."""


def unsafe_urls(entry: Entry) -> Iterator[tuple[Loc, str]]:
    """Each field of `entry` holding a script or data URL, with the URL (shortened).

    URLs are read as a browser reads them (entities decoded, tabs and newlines
    dropped; `termsite.sanitize.normalised_url`), so `jav&#x61;script:` is found.
    """
    for loc, url in _url_fields(entry):
        if url and script_url(url):
            yield loc, _short(url)
    for loc, text in _markdown_fields(entry):
        found = _first_script_target(text)
        if found is not None:
            yield loc, found


def _first_script_target(text: str) -> str | None:
    for opener in _LINK_OPENER.finditer(text):
        window = text[opener.end() : opener.end() + _WINDOW]
        if script_url(window):
            written = _target(window)
            return _short(written if script_url(written) else _target(normalised_url(window)))
    return None


def _target(text: str) -> str:
    """The URL at the start of `text`: up to a space, quote or bracket, link `)` dropped."""
    match = _TARGET.match(text)
    return _balanced(match.group(0) if match else "")


def _url_fields(entry: Entry) -> Iterator[tuple[Loc, str | None]]:
    if entry.image is not None:
        yield ("image", "url"), entry.image.url
    if isinstance(entry, Author):
        yield ("url",), entry.url


def _markdown_fields(entry: Entry) -> Iterator[tuple[Loc, str]]:
    if isinstance(entry, Author):
        return
    yield ("body",), entry.body
    if isinstance(entry, Term):
        for index, section in enumerate(entry.sections):
            yield ("sections", index, "body"), section.body


def _balanced(url: str) -> str:
    """Drop the `)` that closes a Markdown link, keeping parentheses the URL itself opened."""
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    return url


def _short(url: str) -> str:
    url = " ".join(url.split())
    return url if len(url) <= 40 else url[:39] + "…"
