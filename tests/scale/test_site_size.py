"""At scale no page carries the whole glossary: listings and the A–Z paginate."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("scale")

LARGEST_PAGE_BYTES = 200_000


def test_largest_page_stays_under_200_kb(scale_site: Path) -> None:
    sizes = {path: path.stat().st_size for path in scale_site.rglob("*.html")}
    largest = max(sizes, key=lambda path: sizes[path])
    assert sizes[largest] < LARGEST_PAGE_BYTES, largest.relative_to(scale_site)


def test_no_page_links_to_every_entry(scale_site: Path) -> None:
    entries = len(list(scale_site.glob("term/*/index.html")))
    entries += len(list(scale_site.glob("definition/*/index.html")))
    most = max(
        page.read_text(encoding="utf-8").count('href="') for page in scale_site.rglob("*.html")
    )
    assert most < entries
