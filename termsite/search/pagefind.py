"""Running Pagefind (the `pagefind[extended]` wheel's binary) over a built site."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BUNDLE_DIR",
    "EXCLUDED_SELECTORS",
    "ROOT_SELECTOR",
    "SearchIndex",
    "SearchIndexError",
    "drop_unused",
    "index_site",
]

BUNDLE_DIR = "pagefind"
"""The index's folder in the site; `search.js` loads `<site>/pagefind/pagefind.js`."""

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

INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")


@dataclass(frozen=True)
class SearchIndex:
    """What was indexed and where the bundle is."""

    pages: int
    bundle: Path


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why in plain words."""


def command(site_dir: Path) -> list[str]:
    """The Pagefind command line; the binary ships in the wheel, so no download happens."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--root-selector",
        ROOT_SELECTOR,
        "--exclude-selectors",
        ", ".join(EXCLUDED_SELECTORS),
    ]


def index_site(site_dir: Path) -> SearchIndex:
    """Index every HTML page under `site_dir` into `site_dir/pagefind/`.

    A site with no page in Material's article layout (another theme) has
    nothing to index: that is not an error, it just gets no search bundle.
    """
    if not site_dir.is_dir():
        raise SearchIndexError(
            f"The site folder '{site_dir}' does not exist, so it cannot be indexed."
        )
    result = subprocess.run(command(site_dir), capture_output=True, text=True, check=False)
    found = INDEXED_PAGES.search(result.stdout)
    pages = int(found.group(1)) if found else 0
    bundle = site_dir / BUNDLE_DIR
    if result.returncode != 0 and not (found and pages == 0):
        raise SearchIndexError(f"Pagefind could not index '{site_dir}': {_reason(result)}")
    drop_unused(bundle)
    return SearchIndex(pages=pages, bundle=bundle)


def _reason(result: subprocess.CompletedProcess[str]) -> str:
    """Pagefind's own last words, or its exit status when it said nothing."""
    lines = [line.strip() for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    return lines[-1] if lines else f"it stopped with exit status {result.returncode}"


def drop_unused(bundle: Path) -> None:
    """Remove Pagefind's own UIs from the bundle."""
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
