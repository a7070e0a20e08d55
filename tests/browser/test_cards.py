"""Hover cards in Chromium: hover, keyboard focus and tap each open the card the build wrote
into the page; Escape closes it; it never covers the link's line on a 390 px screen; axe
finds nothing serious with a card open, in light and dark; instant navigation keeps it
working."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Locator, Page
from standards.axe import run_axe

from .conftest import Watch, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGE = "term/liquidation/"
LINK = "article a.termsite-autolink"
SCHEMES = {"light": "default", "dark": "slate"}
MAX_TABS = 200


def card_of(page: Page, link: Locator) -> str:
    return "#" + str(link.get_attribute("data-card"))


def wait_state(page: Page, card: str, state: str) -> None:
    page.wait_for_selector(f'{card}[data-state="{state}"]', state="attached")


def test_hover_opens_the_card_and_escape_closes_it(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGE)
    link = page.locator(LINK).first
    card = card_of(page, link)
    assert page.locator(card).is_hidden()
    link.hover()
    wait_state(page, card, "open")
    assert page.locator(card).is_visible()
    assert page.locator(f"{card} .termsite-card__title").inner_text().strip() != ""
    page.keyboard.press("Escape")
    wait_state(page, card, "closed")
    assert page.locator(card).is_hidden()


def test_tab_focus_opens_the_card(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGE)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.termsite-autolink')"):
            break
    else:
        pytest.fail("Tab never reached an automatic link")
    card = "#" + page.evaluate("document.activeElement.dataset.card")
    wait_state(page, card, "open")
    described = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert page.locator(f"#{described}").inner_text().strip() != "", "the summary describes it"
    page.keyboard.press("Escape")
    wait_state(page, card, "closed")


@pytest.fixture
def phone(browser: Browser, watch: Watch) -> Iterator[Page]:
    """A 390 px touch screen, with the same localhost guard and error watch as `page`."""
    viewport = {"width": 390, "height": 844}
    yield from watched_page(browser, watch, viewport=viewport, has_touch=True, is_mobile=True)


def test_tap_opens_the_card_without_leaving_and_never_covers_the_line(
    phone: Page, base_url: str
) -> None:
    phone.goto(base_url + PAGE)
    link = phone.locator(LINK).nth(2)
    link.scroll_into_view_if_needed()
    card = card_of(phone, link)
    link.tap()
    wait_state(phone, card, "open")
    assert phone.url == base_url + PAGE, "the first tap opens the card, it does not navigate"
    line = link.bounding_box()
    box = phone.locator(card).bounding_box()
    assert line is not None and box is not None
    assert box["y"] >= line["y"] + line["height"] or box["y"] + box["height"] <= line["y"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    phone.keyboard.press("Escape")
    wait_state(phone, card, "closed")


def test_a_tap_elsewhere_closes_and_a_second_tap_follows(phone: Page, base_url: str) -> None:
    phone.goto(base_url + PAGE)
    link = phone.locator(LINK).first
    card = card_of(phone, link)
    link.tap()
    wait_state(phone, card, "open")
    # The heading's left edge is its text: its centre can be the permalink, whose tap
    # would scroll to the heading and move the link away from the next tap.
    phone.locator("article h1").tap(position={"x": 2, "y": 2})
    wait_state(phone, card, "closed")
    assert phone.url == base_url + PAGE, "the tap elsewhere landed on a link"
    link.tap()
    wait_state(phone, card, "open")
    target = urljoin(phone.url, str(link.get_attribute("href")))
    link.tap()
    phone.wait_for_url(target)


def test_cards_work_after_an_instant_navigation(page: Page, base_url: str) -> None:
    page.goto(base_url + "term/collateral/")
    page.wait_for_load_state("networkidle")  # Material reads the sitemap before it intercepts
    page.evaluate("window.__sameDocument = true")
    page.locator('article a.termsite-autolink[href$="/term/liquidation/"]').first.click()
    page.wait_for_url(base_url + PAGE)
    # The URL changes before Material swaps the content in: wait for the new article,
    # or the hover may land on the outgoing page's link.
    page.wait_for_selector('article h1:has-text("Liquidation")', state="attached")
    assert page.evaluate("window.__sameDocument === true"), "the link caused a full page load"
    link = page.locator(LINK).first
    card = card_of(page, link)
    link.hover()
    wait_state(page, card, "open")


@pytest.mark.parametrize("palette", sorted(SCHEMES))
def test_axe_finds_nothing_with_a_card_open(browser: Browser, base_url: str, palette: str) -> None:
    context = browser.new_context(bypass_csp=True, color_scheme=palette)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(base_url + PAGE)
    page.wait_for_selector(f'body[data-md-color-scheme="{SCHEMES[palette]}"]', state="attached")
    link = page.locator(LINK).first
    card = card_of(page, link)
    link.hover()
    wait_state(page, card, "open")
    violations = run_axe(page)
    assert page.locator(card).get_attribute("data-state") == "open"
    context.close()
    assert [str(v) for v in violations] == [], f"axe ({palette}) with a card open"
