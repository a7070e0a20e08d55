"""Search ranks entries first: listing pages are out of the index, results say what they are.

Runs Pagefind's own search in Chromium over the 1,000-entry benchmark site:
the entry titled with a query is the first result for 50 sampled titles, no
listing page (A–Z, area resource, author) is ever a result, every result is
filed under its kind (and area), and the kind picker narrows the results.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bench_search import served
from playwright.sync_api import Browser, Page

from termsite.search import indexed_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("scale")]

READY = "[data-termsite-search][data-state=ready]"
QUERY_BOX = "[data-termsite-search-query]"
SAMPLED = 50
LISTING = ("/glossary/", "/author/", "/resource/")

SEARCH_ALL = """async (titles) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
  await pagefind.init();
  const firsts = [];
  for (const title of titles) {
    const found = await pagefind.search(title);
    const top = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
    firsts.push(top.map((d) => d.url));
  }
  return firsts;
}"""


@pytest.fixture(scope="module")
def site_url(scale_site: Path) -> Iterator[str]:
    with served(scale_site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def sampled_titles(site: Path) -> dict[str, str]:
    """50 entry titles no other entry shares, with their page URLs (seeded, so repeatable)."""
    glossary = site.parent / "glossary"
    found: dict[str, str] = {}
    for kind in ("term", "definition"):
        for path in sorted((glossary / f"{kind}s").glob("*.yml")):
            entry: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
            found[f"/{kind}/{path.stem}/"] = str(entry["title"])
    counts = Counter(title.casefold() for title in found.values())
    unique = {url: title for url, title in found.items() if counts[title.casefold()] == 1}
    chosen = random.Random(14).sample(sorted(unique), SAMPLED)
    return {unique[url]: url for url in chosen}


def test_an_entry_title_finds_that_entry_first(page: Page, site_url: str, scale_site: Path) -> None:
    """Typed into the search box, as a reader does: the first result is the entry."""
    titles = sampled_titles(scale_site)
    page.goto(site_url)
    firsts: dict[str, str | None] = {}
    for title in titles:
        page.fill(QUERY_BOX, title)
        page.wait_for_selector(READY)
        page.wait_for_function(  # the list shows this query's results, not the last one's
            "(t) => document.querySelector('[data-termsite-search-query]').value === t"
            " && document.querySelector('.md-search-result__link')",
            arg=title,
        )
        firsts[title] = page.locator(".md-search-result__link").first.get_attribute("href")
    wrong = {title: first for title, first in firsts.items() if first != titles[title]}
    assert wrong == {}


def test_listing_pages_are_never_results(page: Page, site_url: str, scale_site: Path) -> None:
    titles = list(sampled_titles(scale_site))[:10]
    page.goto(site_url)
    tops: list[list[str]] = page.evaluate(SEARCH_ALL, [*titles, "glossary", "author"])
    assert [url for top in tops for url in top if any(part in url for part in LISTING)] == []


def test_results_show_their_kind_and_area_and_filter_by_kind(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}?q=correlation")
    page.wait_for_selector(READY)
    filed = page.locator(".termsite-search-kind").all_inner_texts()
    assert filed and all(text.split(" · ")[0] in {"Term", "Definition", "Area"} for text in filed)
    assert any(" · Area " in text for text in filed)  # entries name their areas
    page.wait_for_selector("select[data-filter=kind]")
    page.select_option("select[data-filter=kind]", "Term")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.termsite-search-kind')]"
        ".every((p) => p.textContent.startsWith('Term'))"
    )
    page.wait_for_selector(READY)
    kinds = {
        text.split(" · ")[0] for text in page.locator(".termsite-search-kind").all_inner_texts()
    }
    assert kinds == {"Term"}


def test_a_page_is_marked_for_the_index_with_its_kind_and_areas() -> None:
    html = '<body><article class="md-content__inner md-typeset"><h1>X</h1></article></body>'
    marked = indexed_page(html, "Term", ["Liquidation, and: Margin"])
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in marked
    assert 'data-pagefind-meta="kind:Term"' in marked
    assert 'data-pagefind-meta="area:Liquidation and Margin"' in marked
    assert "data-pagefind-filter" not in marked  # Pagefind's filter files are not reproducible
    assert indexed_page("<p>another theme</p>", "Term") == "<p>another theme</p>"
