"""Calculator concept links in Chromium: the tables the browser draws link the same words
to the same entries as the build's, and such a link opens the card the build wrote into
the page on keyboard focus; Escape closes it; axe finds nothing with the card open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from standards.axe import run_axe

from .conftest import Watch, watched_page
from .widget import calculator_url, root_selector, submit, wait_for_browser_result

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CALC = "portfolio-diversification"
ROOT = root_selector(CALC)
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
