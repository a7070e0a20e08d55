"""Calculator concept links in Chromium: the tables and the headline the browser draws, and a
pair chart's key figures, link the same words to the same entries as the build's rule, and
such a link opens the card the build wrote into the page on keyboard focus; Escape closes
it; axe finds nothing with the card open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from standards.axe import run_axe

import calculators
from termsite.widgets.concepts import linked_line

from .conftest import Watch, watched_page
from .widget import (
    calculator_url,
    form_inputs,
    open_more_options,
    root_selector,
    submit,
    wait_for_browser_result,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CALC = "portfolio-diversification"
ROOT = root_selector(CALC)
PAIR_SHARED = ("csv", "returns", "period", "start", "end", "rebase")
"""The matrix inputs a pair chart shares (`LINKS` in pairs.js)."""
LINKS = f"""() => Array.from(
  document.querySelectorAll('{ROOT} [data-output] table a.tc-concept'),
  a => [a.textContent, a.href, a.dataset.card])"""
HEADER_LINK = f'{ROOT} [data-output="risk"] th a.tc-concept[href$="/term/diversification-ratio/"]'


@pytest.fixture
def axe_page(browser: Browser, watch: Watch) -> Iterator[Page]:
    """CSP is bypassed only so that axe itself can be injected."""
    yield from watched_page(browser, watch, bypass_csp=True)


def test_a_header_drawn_in_the_browser_opens_its_card_on_focus_and_axe_finds_nothing(
    axe_page: Page, base_url: str
) -> None:
    page = axe_page
    page.goto(calculator_url(base_url, CALC))
    built = page.evaluate(LINKS)
    assert [text for text, _, _ in built][:2] == [
        "Diversification ratio",
        "Effective number of bets",
    ]
    page.evaluate(f"document.querySelector('{ROOT} [data-output=\"risk\"] table').dataset.old = 1")
    submit(page, CALC)
    wait_for_browser_result(page, CALC)
    assert page.locator(f'{ROOT} [data-output="risk"] table[data-old]').count() == 0, "redrawn"
    assert page.evaluate(LINKS) == built, "the browser links what the build linked"

    link = page.locator(HEADER_LINK)
    card = "#" + str(link.get_attribute("data-card"))
    assert page.locator(card).count() == 1, "the one card the build wrote"
    assert page.locator(card).is_hidden()
    link.focus()
    page.wait_for_selector(f'{card}[data-state="open"]', state="attached")
    assert page.locator(card).is_visible()
    assert "Diversification" in page.locator(f"{card} .termsite-card__title").inner_text()
    violations = run_axe(page)
    assert page.locator(card).get_attribute("data-state") == "open"
    assert [str(v) for v in violations] == [], "axe with a concept card open"
    page.keyboard.press("Escape")
    page.wait_for_selector(f'{card}[data-state="closed"]', state="attached")
    assert page.locator(card).is_hidden()


MATRIX = "correlation-matrix"
MATRIX_ROOT = root_selector(MATRIX)
HEADLINE_LINKS = """root => Array.from(root.querySelectorAll('a'),
  a => [a.textContent, a.href, a.dataset.card, a.dataset.concept])"""


def _headline_links(page: Page, selector: str) -> list[list[str]]:
    links: list[list[str]] = page.locator(selector).evaluate(HEADLINE_LINKS)
    return links


def _python_links(calc_id: str, inputs: dict[str, str]) -> list[str]:
    """The words the build's rule links in CPython's headline for `inputs`."""
    spec = calculators.SPECS[calc_id]
    headline = calculators.run(calc_id, inputs)["headline"]
    return [words for words, slug in linked_line(headline, spec.headline_concepts) if slug]


def test_the_headline_drawn_in_the_browser_links_what_the_builds_rule_links(
    page: Page, base_url: str
) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    headline = f"{MATRIX_ROOT} [data-headline]"
    built = _headline_links(page, headline)
    assert [[text, slug] for text, _, _, slug in built] == [["ρ", "pearson-correlation"]]
    assert built[0][1].endswith("/term/pearson-correlation/") and built[0][2]
    page.evaluate(f"document.querySelector('{headline} a').dataset.old = 1")
    submit(page, MATRIX)
    wait_for_browser_result(page, MATRIX)
    assert page.locator(f"{headline} a[data-old]").count() == 0, "redrawn"
    assert _headline_links(page, headline) == built, "the browser links what the build linked"

    open_more_options(page, MATRIX)
    page.locator(f"{MATRIX_ROOT} select[name=method]").select_option("kendall")
    inputs = form_inputs(page, MATRIX)
    submit(page, MATRIX)
    page.wait_for_selector(f'{MATRIX_ROOT}[data-state="ready"]', state="attached")
    page.wait_for_function(
        f"() => document.querySelector('{headline}').textContent.includes('Kendall')"
    )
    drawn = _headline_links(page, headline)
    assert [text for text, _, _, _ in drawn] == _python_links(MATRIX, inputs) == ["Kendall τ"]
    assert drawn[0][1].endswith("/term/kendall-tau/")
    card = "#" + drawn[0][2]
    assert page.locator(card).count() == 1, "the one card the build wrote for the entry"


def test_a_pair_charts_key_figures_link_with_the_cards_the_page_carries(
    page: Page, base_url: str
) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    page.locator(f"{MATRIX_ROOT} [data-output=matrix] td[data-pair]").first.focus()
    page.wait_for_selector(f'{MATRIX_ROOT} [data-pair-chart][data-state="ready"]', state="attached")
    figure = page.locator(f"{MATRIX_ROOT} [data-pair-chart]")
    links = _headline_links(page, f"{MATRIX_ROOT} [data-pair-headline]")
    example = calculators.SPECS[MATRIX].example
    inputs = {name: example[name] for name in PAIR_SHARED if name in example}
    for name in ("x", "y", "window", "method"):
        inputs[name] = str(figure.get_attribute(f"data-{name}"))
    assert [text for text, _, _, _ in links] == _python_links("rolling-correlation", inputs)
    assert [(text, slug) for text, _, _, slug in links] == [("ρ", "pearson-correlation")]
    assert links[0][1].endswith("/term/pearson-correlation/")
    card = "#" + links[0][2]
    assert page.locator(card).count() == 1
    page.locator(f"{MATRIX_ROOT} [data-pair-headline] a").focus()
    page.wait_for_selector(f'{card}[data-state="open"]', state="attached")
    assert "Pearson" in page.locator(f"{card} .termsite-card__title").inner_text()
