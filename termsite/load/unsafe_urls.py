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

__all__ = ["UNSAFE_SCHEME", "unsafe_urls"]

UNSAFE_SCHEME = re.compile(r"^[\s\x00-\x1f]*(?:javascript|vbscript|data):", re.IGNORECASE)
"""Schemes that run script (`javascript:`, `vbscript:`) or carry a whole document (`data:`)."""

_LINK_TARGET = re.compile(
    r"""(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?|<|\b(?:href|src)\s*=\s*["']?)"""
    r"""(\s*(?:javascript|vbscript|data):[^\s"'<>]*)""",
    re.IGNORECASE | re.MULTILINE,
)
"""Link targets in Markdown (`](…)`, `[ref]: …`, `<…>`) and in raw HTML (`href=`, `src=`)."""


def unsafe_urls(entry: Entry) -> Iterator[tuple[Loc, str]]:
    """Each field of `entry` holding a script or data URL, with the URL (shortened)."""
    for loc, url in _url_fields(entry):
        if url and UNSAFE_SCHEME.match(url):
            yield loc, _short(url)
    for loc, text in _markdown_fields(entry):
        match = _LINK_TARGET.search(text)
        if match:
            yield loc, _short(_balanced(match.group(1)))


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
    url = url.strip()
    return url if len(url) <= 40 else url[:39] + "…"
