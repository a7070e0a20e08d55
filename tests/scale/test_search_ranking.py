"""Search ranks entries first: listing pages are out of the index, results say what they are.

Runs Pagefind's own search in Chromium over the 1,000-entry benchmark site:
the entry titled with a query is the first result for 50 sampled titles, an
entry is in the first three results for 50 sampled synonyms and aliases, no
listing page (A–Z, area resource, author) is ever a result, every result is
filed under its kind (and area), and the kind picker narrows the results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench_search import ranked_first, sampled_names, sampled_titles, served
from playwright.sync_api import Browser, Page

from termsite.model import Definition
from termsite.search import indexed_page, other_names

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("scale")]

READY = "[data-termsite-search][data-state=ready]"
QUERY_BOX = "[data-termsite-search-query]"
SAMPLED = 50
LISTING = ("/glossary/", "/author/", "/resource/")

SEARCH_ALL = """async (titles) => {
  const bundle = new URL("pagefind/", location.href);
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  await pagefind.init();
  const { parts } = await (await fetch(new URL("parts.json", bundle))).json();
  await Promise.all(parts.map((part) => pagefind.mergeIndex(new URL(part, bundle).pathname)));
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


def test_an_entry_title_finds_that_entry_first(page: Page, site_url: str, scale_site: Path) -> None:
    """Typed into the search box, as a reader does: the first result is the entry."""
    titles = sampled_titles(scale_site.parent / "glossary", SAMPLED)
    page.goto(site_url)
    assert len(titles) == SAMPLED
    assert ranked_first(page, titles) == {}


def test_a_synonym_or_alias_finds_that_entry_in_the_first_three(
    page: Page, site_url: str, scale_site: Path
) -> None:
    names = sampled_names(scale_site.parent / "glossary", SAMPLED)
    page.goto(site_url)
    assert len(names) == SAMPLED
    assert ranked_first(page, names, within=3) == {}


def test_listing_pages_are_never_results(page: Page, site_url: str, scale_site: Path) -> None:
    titles = list(sampled_titles(scale_site.parent / "glossary", 10))
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


def test_a_page_is_marked_for_the_index_with_its_kind_areas_and_other_names() -> None:
    html = '<body><article class="md-content__inner md-typeset"><h1>X</h1></article></body>'
    marked = indexed_page(html, "Term", ["Liquidation, and: Margin"], ["Kendall's tau", "tau b"])
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in marked
    assert 'data-pagefind-meta="kind:Term"' in marked
    assert 'data-pagefind-meta="area:Liquidation and Margin"' in marked
    assert 'data-pagefind-meta="names:Kendall&#x27;s tau; tau b"' in marked
    assert "data-pagefind-filter" not in marked  # Pagefind's filter files are not reproducible
    assert indexed_page("<p>another theme</p>", "Term") == "<p>another theme</p>"


def test_other_names_are_the_synonyms_then_the_aliases_as_words() -> None:
    entry = Definition(
        slug="kendall-rank-correlation",
        title="Kendall rank correlation",
        summary="A rank correlation that counts concordant and discordant pairs of points.",
        published=dt.date(2025, 1, 1),
        synonyms=["Kendall's tau"],
        aliases=["kendall-tau-b"],
    )
    assert other_names(entry) == ["Kendall's tau", "kendall tau b"]
    assert other_names(None) == []
