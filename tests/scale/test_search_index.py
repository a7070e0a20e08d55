"""The search index: chunked, small to query, and free of Pagefind's unused UI files."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_search import estimate

from termsite.search import BUNDLE_DIR, SearchIndexError, index_site
from termsite.search.pagefind import UNUSED_FILES

pytestmark = pytest.mark.xdist_group("scale")

FIRST_QUERY_BUDGET = 500_000


def test_build_writes_a_pagefind_bundle(scale_site: Path) -> None:
    assert (scale_site / BUNDLE_DIR / "pagefind.js").is_file()


def test_index_is_split_into_chunks_and_fragments(scale_site: Path) -> None:
    bundle = scale_site / BUNDLE_DIR
    pages = len(list(scale_site.glob("term/*/index.html")))
    assert len(list((bundle / "fragment").iterdir())) > pages
    assert len(list((bundle / "index").iterdir())) > 1


def test_first_query_downloads_under_500_kb_at_most(scale_site: Path) -> None:
    assert estimate(scale_site) < FIRST_QUERY_BUDGET


def test_pagefind_own_ui_files_are_not_shipped(scale_site: Path) -> None:
    shipped = {path.name for path in (scale_site / BUNDLE_DIR).iterdir()}
    assert shipped.isdisjoint(UNUSED_FILES)


def test_indexing_a_missing_site_folder_says_so_in_plain_words(tmp_path: Path) -> None:
    missing = tmp_path / "site"
    with pytest.raises(SearchIndexError) as raised:
        index_site(missing)
    assert (
        str(raised.value) == f"The site folder '{missing}' does not exist, so it cannot be indexed."
    )
