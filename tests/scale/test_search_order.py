"""The search box re-ranks what Pagefind finds: an exact title first, then an exact other name.

Pagefind ranks words, not phrases. On a small glossary built for it, the
entry titled "Asset index index" ranks below every page whose title holds
both words and whose body repeats them, and the entry whose synonym is
"Vega smile" below every page with both words in its title. The tests check
that Pagefind itself ranks them past the first page of results (so the case
is real), then that the search box lists each first, having fetched no more
result fragments than it shows. Pagefind also ignores a repeated word: the
entry named "Peg volatility volatility" ranks below pages named "Volatility
peg ..." whose bodies repeat both words, and the box still lists it first.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bench_projects import write_termsite_project
from bench_search import served
from playwright.sync_api import Browser, Page, Request

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("scale")]

READY = "[data-termsite-search][data-state=ready]"
QUERY_BOX = "[data-termsite-search-query]"
RESULT_LINK = ".md-search-result__link"
PAGE_SIZE = 10
"""Results the box lists at first (`PAGE_SIZE` in `search.js`)."""
NAMED_CANDIDATES = 3
"""Room on the first page for results matched by another name (in `search.js`)."""
NAMED_POOL = 10
"""Results matched by another name whose fragments load with the first page."""
FILLER = "Collateral margin funding leverage drawdown regime venue spread order book depth."

TITLE = "Asset index index"
SYNONYM = "Vega smile"
REPEATED = "Peg volatility volatility"
WORDS = ["risk", "hedge", "calm", "tail", "skew", "peg", "mark"]
NAMED_DECOYS = [f"/definition/named-{i}/" for i in range(len(WORDS))]

RAW_RANK = """async (query) => {
  const bundle = new URL("pagefind/", location.href);
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  const settings = { ranking: { metaWeights: { title: 15, names: 15, kind: 0, area: 0 } } };
  await pagefind.options(settings);
  await pagefind.init();
  const { parts } = await (await fetch(new URL("parts.json", bundle))).json();
  await Promise.all(parts.map((p) => pagefind.mergeIndex(new URL(p, bundle).pathname, settings)));
  const found = await pagefind.search(query);
  const all = await Promise.all(found.results.map((r) => r.data()));
  return all.map((d) => d.url);
}"""
"""Pagefind's own order for a query, with the weights `search.js` gives it."""


def _definition(title: str, body: str, **more: object) -> str:
    summary = "A test entry whose one-line summary is long enough for the loader's check."
    fields = {"title": title, "summary": summary, "published": "2025-01-01", "body": body}
    return yaml.safe_dump(fields | more)


def _glossary(root: Path) -> None:
    folder = root / "glossary/definitions"
    folder.mkdir(parents=True)
    entries = {
        "target-title": _definition(TITLE, FILLER),
        "target-name": _definition("Oracle peg reserve", FILLER, synonyms=[SYNONYM]),
    }
    for i, word in enumerate(WORDS):
        entries[f"asset-{i}"] = _definition(f"Asset index {word}", "Asset index. " * 30)
        entries[f"index-{i}"] = _definition(f"Index {word} asset", "Index asset. " * 30)
        entries[f"vega-{i}"] = _definition(f"Vega {word} smile", "Vega smile. " * 30)
        entries[f"smile-{i}"] = _definition(f"Smile {word} vega", "Smile vega. " * 30)
        entries[f"named-{i}"] = _definition(
            f"Reserve {word} decoy", "Peg volatility. " * 30, synonyms=[f"Volatility peg {word}"]
        )
    entries["target-repeat"] = _definition("Oracle drift band", FILLER, synonyms=[REPEATED])
    for slug, text in entries.items():
        (folder / f"{slug}.yml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("order") / "project"
    _glossary(root)
    config = load_config(str(write_termsite_project(root, autolink=False)))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    with served(Path(config.site_dir)) as url:
        yield url


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    opened.goto(site_url)
    opened.focus(QUERY_BOX)
    opened.wait_for_selector("[data-termsite-search][data-engine=ready]")
    yield opened
    context.close()


def _pagefind_order(browser: Browser, site_url: str, query: str) -> list[str]:
    """In a context of its own: the page's Pagefind module is the one the box uses."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    urls: list[str] = page.evaluate(RAW_RANK, query)
    context.close()
    return urls


def _listed(page: Page, query: str) -> tuple[list[str], list[str]]:
    """The links the box lists for `query`, and the result fragments fetched meanwhile."""
    fragments: list[str] = []

    def count(request: Request) -> None:
        if "/fragment/" in request.url:
            fragments.append(request.url)

    page.on("request", count)
    page.fill(QUERY_BOX, query)
    page.wait_for_selector(f"[data-termsite-search-results][data-query='{query}'] {RESULT_LINK}")
    page.wait_for_selector(READY)
    page.remove_listener("request", count)
    links = page.locator(RESULT_LINK)
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())], fragments


@pytest.mark.parametrize(
    ("query", "entry"),
    [(TITLE, "/definition/target-title/"), (SYNONYM, "/definition/target-name/")],
)
def test_an_exact_title_or_name_is_listed_first_though_pagefind_ranks_it_low(
    browser: Browser, page: Page, site_url: str, query: str, entry: str
) -> None:
    raw = _pagefind_order(browser, site_url, query)
    assert raw.index(entry) >= PAGE_SIZE  # the case is real: past Pagefind's first page
    links, fragments = _listed(page, query)
    assert links[0] == entry
    assert len(links) == PAGE_SIZE
    assert len(fragments) == PAGE_SIZE  # no fragment fetched that is not shown


TITLED = {f"/definition/asset-{i}/": f"Asset index {word}" for i, word in enumerate(WORDS)}
TITLED["/definition/target-title/"] = TITLE
"""The entries whose titles begin with "asset", by URL."""


@pytest.mark.parametrize("names_index", [True, False], ids=["names index", "Pagefind alone"])
def test_titles_that_begin_with_the_query_come_next_and_the_rest_keep_pagefind_order(
    browser: Browser, page: Page, site_url: str, names_index: bool
) -> None:
    """The titles come by title, whether the names index or Pagefind answers first (without
    the names index, Pagefind always does); Pagefind's other results follow."""
    raw = _pagefind_order(browser, site_url, "asset")
    if not names_index:
        page.route("**/search-names/**", lambda route: route.abort())
    links, _ = _listed(page, "asset")
    moved = [link for link in links if link in TITLED]
    rest = [link for link in links if link not in moved]
    assert len(moved) == 8  # "Asset index risk", ... and "Asset index index"
    assert links == moved + rest
    assert moved == sorted(moved, key=TITLED.__getitem__)
    assert [url for url in raw if url in TITLED] != moved  # the case is real: not Pagefind's
    assert rest == [url for url in raw if url in rest]


def test_an_exact_name_is_listed_first_though_more_named_pages_rank_above_it(
    browser: Browser, page: Page, site_url: str
) -> None:
    raw = _pagefind_order(browser, site_url, REPEATED)
    entry = "/definition/target-repeat/"
    above = [url for url in raw[: raw.index(entry)] if url in NAMED_DECOYS]
    assert len(above) >= NAMED_CANDIDATES  # the case is real: past the first page's room
    links, fragments = _listed(page, REPEATED)
    assert links[0] == entry
    assert sorted(links[1:]) == NAMED_DECOYS  # and every other page that matched
    assert len(fragments) <= PAGE_SIZE - NAMED_CANDIDATES + NAMED_POOL
