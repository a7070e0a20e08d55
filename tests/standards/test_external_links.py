"""The external-links report: every link that leaves the site, with the pages that carry it.

Internal links and anchors are checked by `tests/site/test_links.py`; links to other
sites cannot be checked offline, so they are listed for a person to review.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from .conftest import CONFIG

pytestmark = pytest.mark.xdist_group("standards")

LINK_ATTRIBUTES = {"a": "href", "img": "src", "source": "src", "iframe": "src"}
UNSAFE_SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


class LinkParser(HTMLParser):
    """Collects what a reader can follow or a page loads: link targets and embedded sources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = LINK_ATTRIBUTES.get(tag)
        self.urls += [value for name, value in attrs if name == wanted and value]


def page_links(page: Path) -> list[str]:
    parser = LinkParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.urls


def site_host() -> str:
    """The host of `site_url`: absolute links to it (canonical, social cards) stay inside."""
    config = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return urlsplit(str(config.get("site_url", ""))).hostname or ""


def external_links(site: Path, own_host: str) -> dict[str, list[str]]:
    """Each external URL with the sorted pages that link to it."""
    found: dict[str, set[str]] = defaultdict(set)
    for page in sorted(site.rglob("*.html")):
        for url in page_links(page):
            host = urlsplit(url).hostname
            if host and host != own_host:
                found[url].add(page.relative_to(site).as_posix())
    return {url: sorted(pages) for url, pages in sorted(found.items())}


def report_text(links: dict[str, list[str]]) -> str:
    lines = [f"{len(links)} external links"]
    for url, pages in links.items():
        lines += [url, *(f"    {page}" for page in pages)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def report(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    links = external_links(built_site, site_host())
    target = tmp_path_factory.mktemp("links") / "external-links.txt"
    target.write_text(report_text(links), encoding="utf-8")
    print(f"\nexternal-links report ({len(links)} links): {target}\n{report_text(links)}")
    return links


def test_report_lists_every_external_link_once_with_its_pages(
    report: dict[str, list[str]], tmp_path: Path
) -> None:
    (tmp_path / "a.html").write_text('<a href="https://example.org/x">x</a><img src="/i.svg">')
    (tmp_path / "b.html").write_text('<a href="https://example.org/x">x</a>')
    assert external_links(tmp_path, "site.test") == {"https://example.org/x": ["a.html", "b.html"]}
    assert all(pages == sorted(set(pages)) for pages in report.values())


def test_external_links_use_https(report: dict[str, list[str]]) -> None:
    plain = [url for url in report if urlsplit(url).scheme != "https"]
    assert plain == [], f"external links without https: {plain}"


def test_no_page_links_to_a_script_url(built_site: Path) -> None:
    unsafe = [
        f"{page.relative_to(built_site)} → {url}"
        for page in sorted(built_site.rglob("*.html"))
        for url in page_links(page)
        if UNSAFE_SCHEME.match(url)
    ]
    assert unsafe == []
