"""Search in Chromium: the `?q=` deep link answers, the box works from the keyboard, and the
entries a query names show before Pagefind has searched the text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bench_search import sampled_titles, served
from playwright.sync_api import Browser, Page, Route

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("scale")]

READY = "[data-termsite-search][data-state=ready]"
QUERY_BOX = "[data-termsite-search-query]"
RESULT_LINK = ".md-search-result__link"
RESULTS = "[data-termsite-search-results]"
META = "[data-termsite-search-meta]"


@pytest.fixture(scope="module")
def site_url(scale_site: Path) -> Iterator[str]:
    with served(scale_site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    errors: list[str] = []
    context = browser.new_context()
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()
    assert errors == []


def test_q_deep_link_opens_search_with_results(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}?q=liquidity")
    page.wait_for_selector(READY)
    assert page.input_value(QUERY_BOX) == "liquidity"
    assert page.locator(RESULT_LINK).count() > 0


def test_results_link_to_pages_of_the_site(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}?q=collateral")
    page.wait_for_selector(READY)
    first = page.locator(RESULT_LINK).first.get_attribute("href") or ""
    assert first.startswith("/") and first.endswith("/")


@pytest.mark.parametrize("query", ["liquidity margin", "margin l"])
def test_typing_a_key_at_a_time_shows_the_results_of_the_whole_query(
    page: Page, site_url: str, query: str
) -> None:
    """Searches for the keys typed earlier are skipped or superseded, never shown last;
    a last word of one letter is searched once typing pauses."""
    page.goto(site_url)
    page.click(QUERY_BOX)
    page.keyboard.type(query, delay=40)
    page.wait_for_selector(f"{RESULTS}[data-query='{query}'] {RESULT_LINK}")
    page.wait_for_selector(READY)
    assert page.get_attribute(RESULTS, "data-query") == query


def test_slash_key_focuses_the_search_box(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('[data-termsite-search-query]')")


def test_arrow_down_moves_from_the_box_to_the_first_result(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}?q=margin")
    page.wait_for_selector(READY)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")


def test_escape_closes_the_search(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}?q=margin")
    page.wait_for_selector(READY)
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")


def test_index_is_not_fetched_before_the_reader_searches(page: Page, site_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    assert [url for url in fetched if "/pagefind/" in url] == []


CORES = "Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => CORES })"
"""Run before the page's scripts: the machine the page believes it runs on."""


def _on_cores(browser: Browser, site_url: str, cores: int, query: str) -> tuple[Page, list[str]]:
    """The page on a machine of `cores` cores, once it lists `query`: its result links."""
    context = browser.new_context()
    opened = context.new_page()
    opened.add_init_script(CORES.replace("CORES", str(cores)))
    opened.goto(f"{site_url}?q={query}")
    opened.wait_for_selector(f"{RESULTS}[data-query='{query}'] {RESULT_LINK}")
    opened.wait_for_selector(READY)
    links = opened.locator(RESULT_LINK)
    return opened, [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


def _search_workers(page: Page) -> int:
    return sum(1 for worker in page.workers if "/search-worker.js" in worker.url)


@pytest.mark.parametrize(("cores", "workers"), [(1, 1), (2, 2), (64, 4)])
def test_the_index_parts_are_searched_in_a_worker_a_core(
    browser: Browser, site_url: str, cores: int, workers: int
) -> None:
    """Pagefind searches the parts it merges one after another in its one worker; the box
    shares the four parts out among as many workers as there are cores, at most four."""
    page, links = _on_cores(browser, site_url, cores, "margin")
    assert links
    assert _search_workers(page) == workers
    page.context.close()


@pytest.mark.parametrize("query", ["margin", "liquidity risk", "vega"])
def test_the_results_of_parts_searched_apart_are_those_of_one_search(
    browser: Browser, site_url: str, query: str
) -> None:
    """Merged as Pagefind merges its parts: in the same order, ties included."""
    listed = []
    for cores in (1, 2, 4):
        page, links = _on_cores(browser, site_url, cores, query)
        count = page.text_content("[data-termsite-search-meta]")
        listed.append((links, count))
        page.context.close()
    assert listed[0][0]
    assert listed[1] == listed[0]
    assert listed[2] == listed[0]


def test_entries_the_query_names_show_before_pagefind_answers(
    browser: Browser, scale_site: Path, site_url: str
) -> None:
    """Pagefind is kept waiting for its list of index parts, so only the names index can
    answer."""
    title, url = next(iter(sampled_titles(scale_site.parent / "glossary", 1, seed=3).items()))
    context = browser.new_context()
    held: list[Route] = []
    context.route("**/pagefind/parts.json", lambda route: held.append(route))
    page = context.new_page()
    page.goto(site_url)
    page.fill(QUERY_BOX, title)
    page.wait_for_selector(f"{RESULTS}[data-query='{title}'] {RESULT_LINK}")
    assert page.get_attribute("[data-termsite-search]", "data-state") == "loading"
    assert page.locator(RESULT_LINK).first.get_attribute("href") == url
    assert page.text_content(META) == ""  # no count until Pagefind's
    assert held, "Pagefind did not ask for its index"
    context.close()


def test_pagefinds_results_follow_the_named_ones_without_repeating_them(
    page: Page, site_url: str
) -> None:
    page.goto(f"{site_url}?q=margin")
    page.wait_for_selector(READY)
    named = page.locator(RESULT_LINK).count()
    for _ in range(named):  # down to the last result, which lists the next page
        page.keyboard.press("ArrowDown")
    page.wait_for_function(f"document.querySelectorAll('{RESULT_LINK}').length > {named}")
    page.wait_for_selector(READY)
    links = page.locator(RESULT_LINK)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) == len(set(hrefs))
    titles = page.locator(".md-search-result__article h1").all_text_contents()
    assert all(title.casefold().startswith("margin") for title in titles[:named])
