"""The real starter site, built once: strict build, and every internal link resolves."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_html import PageParser, parse

pytestmark = pytest.mark.xdist_group("starter")


def target_file(site: Path, page: Path, url: str) -> Path | None:
    """The file an internal URL points at, or None for external and special links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "mailto:", "data:", "javascript:")):
        return None
    folder = page.parent.relative_to(site).as_posix()
    if parts.path.startswith("/"):  # the 404 page links from the root: site_url's path is "/"
        folder, url = "", url.lstrip("/")
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path.lstrip("/"))))
    resolved = site / path
    return resolved / "index.html" if resolved.is_dir() or parts.path.endswith("/") else resolved


def broken_links(site: Path) -> list[str]:
    broken, parsed = [], {}
    for page in sorted(site.rglob("*.html")):
        parsed[page] = parse(page)
    for page, parser in parsed.items():
        for _, url in parser.links:
            broken += _check(site, page, url, parsed)
    return broken


def _check(site: Path, page: Path, url: str, parsed: dict[Path, PageParser]) -> list[str]:
    where = f"{page.relative_to(site)} → {url}"
    fragment = urlsplit(url).fragment
    target = target_file(site, page, url) if not url.startswith("#") else page
    if target is None:
        return []
    if not target.is_file():
        return [f"{where}: no file"]
    if fragment and target in parsed and fragment not in parsed[target].ids:
        return [f"{where}: no anchor"]
    return []


def test_starter_site_builds_strictly(starter_site: Path) -> None:
    assert (starter_site / "index.html").is_file()


def test_every_internal_link_and_anchor_resolves(starter_site: Path) -> None:
    assert broken_links(starter_site) == []


def test_link_checker_notices_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<a href="missing/">x</a><a href="#nowhere">y</a>')
    assert broken_links(tmp_path) == [
        "index.html → missing/: no file",
        "index.html → #nowhere: no anchor",
    ]


def test_starter_area_has_a_second_listing_page(starter_site: Path) -> None:
    assert (starter_site / "area/crypto-asset-correlation/resource/2/index.html").is_file()
