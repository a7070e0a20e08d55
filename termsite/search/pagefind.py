"""Where the search index lives in the site and how it is split; what indexing may not read."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BUNDLE_DIR",
    "EXCLUDED_SELECTORS",
    "PARTS",
    "ROOT_SELECTOR",
    "SearchIndex",
    "SearchIndexError",
    "drop_unused",
    "part_dir",
    "write_parts_list",
]

BUNDLE_DIR = "pagefind"
"""The index's folder in the site; `search.js` loads `<site>/pagefind/pagefind.js`."""

PARTS = 4
"""Index parts the site is split into; the browser searches them all and merges the results.

Pagefind's search time grows with the square of the pages a query matches (for each
matching page it walks every match of every query word): a word on 7,600 of 10,000
pages took 400-800 ms in one index. In four parts each walk is a quarter as long; more
parts cost more bytes, as a query fetches an index chunk from every part.
"""

PARTS_LIST = "parts.json"
"""Names the parts after the first (`part-1/`, ...), for `search.js` to merge."""

PART_FILES = ("pagefind-entry.json", "index", "fragment", "filter")
"""What a part after the first keeps: its index, not a second copy of Pagefind's code."""

ROOT_SELECTOR = "article.md-content__inner"
"""Material's article: only page content is indexed, never the header, nav or footer."""

EXCLUDED_SELECTORS = (
    ".headerlink",
    ".termsite-listing",
    ".termsite-cards",
    ".md-source-file",
    ".termsite-breadcrumbs",
    ".termsite-byline",
)
"""Permalink signs, breadcrumbs and bylines are not what a reader searches for; listed
entries and hover cards are other entries' text, which would rank a page on them."""

UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",  # every page declares lang; this fallback was not reproducible
)
"""Pagefind's own UIs: the theme's search box replaces them, so the site need not carry them."""


@dataclass(frozen=True)
class SearchIndex:
    """What was indexed and where the bundle is."""

    pages: int
    bundle: Path


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why in plain words."""


def drop_unused(bundle: Path, parts: int = 1) -> None:
    """Remove Pagefind's own UIs from the bundle, and its code from every part but the first."""
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
    for part in range(1, parts):
        folder = bundle / part_dir(part)
        for path in folder.iterdir() if folder.is_dir() else ():
            if path.name not in PART_FILES and path.suffix != ".pf_meta":
                path.unlink()


def part_dir(part: int) -> str:
    """Part 0 is the bundle itself (Pagefind's code and the first part of the index)."""
    return f"part-{part}" if part else ""


def write_parts_list(bundle: Path, parts: int) -> None:
    """`parts.json`: the parts after the first that hold pages (a small site leaves some empty)."""
    names = [
        f"{part_dir(part)}/"
        for part in range(1, parts)
        if (bundle / part_dir(part) / "pagefind-entry.json").is_file()
    ]
    (bundle / PARTS_LIST).write_text(json.dumps({"parts": names}) + "\n", encoding="utf-8")
