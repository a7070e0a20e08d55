"""The search index: in parts, chunked, small to query, and free of Pagefind's unused UI files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bench_search import estimate

from termsite.search import BUNDLE_DIR, SearchIndexError, StreamingIndexer, index_site
from termsite.search.pagefind import PARTS, PARTS_LIST, UNUSED_FILES
from termsite.search.stream import site_url

pytestmark = pytest.mark.xdist_group("scale")

FIRST_QUERY_BUDGET = 500_000


def test_build_writes_a_pagefind_bundle(scale_site: Path) -> None:
    assert (scale_site / BUNDLE_DIR / "pagefind.js").is_file()


def test_index_is_split_into_chunks_and_fragments(scale_site: Path) -> None:
    bundle = scale_site / BUNDLE_DIR
    pages = len(list(scale_site.glob("term/*/index.html")))
    assert len(list(bundle.glob("**/fragment/*"))) > pages
    assert len(list((bundle / "index").iterdir())) > 1


def test_index_is_split_into_parts_listed_for_the_browser(scale_site: Path) -> None:
    bundle = scale_site / BUNDLE_DIR
    listed = json.loads((bundle / PARTS_LIST).read_text(encoding="utf-8"))["parts"]
    assert listed == [f"part-{part}/" for part in range(1, PARTS)]
    counts = [_page_count(bundle / name) for name in ["", *listed]]
    indexed = sum(
        1 for page in scale_site.rglob("*.html") if "data-pagefind-body" in page.read_text()
    )
    assert sum(counts) == indexed
    assert min(counts) > indexed / PARTS / 2  # a hash of the URL spreads pages evenly


def test_a_part_carries_its_index_but_not_pagefind_code(scale_site: Path) -> None:
    part = scale_site / BUNDLE_DIR / "part-1"
    assert {path.name for path in part.iterdir() if path.suffix != ".pf_meta"} == {
        "pagefind-entry.json",
        "index",
        "fragment",
    }


def test_pages_read_back_from_disk_index_like_the_build(scale_site: Path, tmp_path: Path) -> None:
    """`serve` indexes the written pages: the same parts, each with the same pages."""
    site = tmp_path / "site"
    shutil.copytree(scale_site, site, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    index = index_site(site)
    built, read = scale_site / BUNDLE_DIR, site / BUNDLE_DIR
    assert index.pages == sum(_page_count(built / name) for name in ["", *_parts(built)])
    assert _parts(read) == _parts(built)
    assert [_page_count(read / n) for n in _parts(read)] == [
        _page_count(built / n) for n in _parts(built)
    ]


def _parts(bundle: Path) -> list[str]:
    return list(json.loads((bundle / PARTS_LIST).read_text(encoding="utf-8"))["parts"])


def _page_count(part: Path) -> int:
    entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


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


def test_two_services_write_the_bundle_one_service_writes(scale_site: Path, tmp_path: Path) -> None:
    """Each index part is one service's, whichever: the same pages give the same bytes."""
    pages = sorted(scale_site.rglob("*.html"))[:60]
    bundles = []
    for services in (1, 2):
        site = tmp_path / f"site-{services}"
        indexer = StreamingIndexer(services=services)
        indexer.start(site)
        for path in pages:
            url = site_url(scale_site, path)
            html = path.read_text(encoding="utf-8")
            if url is not None and "data-pagefind-body" in html:
                indexer.add(html, url)
        bundles.append(indexer.finish().bundle)
    assert _files(bundles[0]) == _files(bundles[1])
    assert len(_files(bundles[0])) > PARTS


def _files(bundle: Path) -> dict[str, bytes]:
    return {str(p.relative_to(bundle)): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
