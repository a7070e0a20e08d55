"""Widgets inside the built starter site: instant navigation, term pages, other pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .widget import calculator_url, root_selector, submit, wait_for_browser_result

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

IDS = [
    "correlation-matrix",
    "liquidation-risk",
    "portfolio-diversification",
    "rolling-correlation",
    "stress-correlation",
]
TERM_WIDGETS = [("pearson-correlation", "correlation-matrix"), ("liquidation", "liquidation-risk")]


@pytest.mark.parametrize("calc_id", IDS)
def test_widget_works_after_an_instant_navigation(page: Page, base_url: str, calc_id: str) -> None:
    page.goto(f"{base_url}calculators/")
    page.wait_for_load_state("networkidle")  # Material reads the sitemap before it intercepts
    page.evaluate("window.__sameDocument = true")
    page.locator(f'article a[href$="{calc_id}/"]').first.click()
    page.wait_for_selector(root_selector(calc_id), state="attached")
    assert page.evaluate("window.__sameDocument === true"), "the link caused a full page load"
    assert page.url == calculator_url(base_url, calc_id)
    submit(page, calc_id)
    wait_for_browser_result(page, calc_id)


def test_widget_mounts_again_after_navigating_between_calculators(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}calculators/")
    page.wait_for_load_state("networkidle")  # Material reads the sitemap before it intercepts
    page.evaluate("window.__sameDocument = true")
    page.locator('article a[href$="correlation-matrix/"]').first.click()
    submit(page, "correlation-matrix")
    wait_for_browser_result(page, "correlation-matrix")
    page.go_back()
    page.wait_for_selector('article a[href$="rolling-correlation/"]')
    assert page.evaluate("window.__sameDocument === true"), "going back caused a full page load"
    page.locator('article a[href$="rolling-correlation/"]').first.click()
    submit(page, "rolling-correlation")
    wait_for_browser_result(page, "rolling-correlation")


@pytest.mark.parametrize(("slug", "calc_id"), TERM_WIDGETS)
def test_term_page_widget_computes(page: Page, base_url: str, slug: str, calc_id: str) -> None:
    page.goto(f"{base_url}term/{slug}/")
    submit(page, calc_id)
    wait_for_browser_result(page, calc_id)


def test_page_without_calculators_loads_no_calculator_bytes(page: Page, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base_url}about/")
    page.wait_for_load_state("networkidle")
    ours = ("/assets/termsite/calculators.", "/assets/termsite/worker.js", "/assets/pyodide/")
    loaded = [u for u in requested if any(part in u for part in ours) or u.endswith(".whl")]
    assert loaded == []
