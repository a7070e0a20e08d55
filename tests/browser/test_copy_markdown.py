""" "Copy as Markdown" in Chromium: the button appears with JavaScript, copies exactly the
page's `.md` copy, and works again after an instant navigation."""

from __future__ import annotations

from urllib.request import urlopen

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BUTTON = 'button[data-copy="termsite-markdown"]'
STATUS = ".termsite-copy .termsite-copy__status"


def copied(page: Page) -> str:
    page.locator(BUTTON).click()
    page.wait_for_selector(f'{BUTTON}:not([data-state="idle"])')
    status = page.locator(STATUS).inner_text()
    assert page.locator(BUTTON).get_attribute("data-state") == "copied", status
    text: str = page.evaluate("navigator.clipboard.readText()")
    return text


def test_copy_as_markdown_copies_the_md_copy(clip_page: Page, base_url: str) -> None:
    clip_page.goto(base_url + "term/kendall-tau/")
    with urlopen(base_url + "term/kendall-tau.md") as response:
        expected = response.read().decode("utf-8")
    assert copied(clip_page) == expected
    assert "Copied" in clip_page.locator(STATUS).inner_text()


def test_copy_button_after_an_instant_navigation(clip_page: Page, base_url: str) -> None:
    clip_page.goto(base_url + "term/collateral/")
    clip_page.wait_for_load_state("networkidle")
    clip_page.evaluate("window.__sameDocument = true")
    clip_page.locator('article a.termsite-autolink[href$="/term/liquidation/"]').first.click()
    clip_page.wait_for_url(base_url + "term/liquidation/")
    assert clip_page.evaluate("window.__sameDocument === true")
    with urlopen(base_url + "term/liquidation.md") as response:
        expected = response.read().decode("utf-8")
    assert copied(clip_page) == expected


def test_no_button_without_javascript(no_js_page: Page, base_url: str) -> None:
    no_js_page.goto(base_url + "term/kendall-tau/")
    assert no_js_page.locator(BUTTON).count() == 1
    assert no_js_page.locator(BUTTON).is_hidden()
