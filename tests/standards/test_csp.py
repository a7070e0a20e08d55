"""The site works under its own Content-Security-Policy, as a static host would send it.

Pages are loaded without bypassing CSP: a violation report, a console error or a
request to another host fails the test. The calculator is run end to end, so
Pyodide's WebAssembly and worker are proven to fit the policy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from termsite.generate.headers import (
    CONTENT_SECURITY_POLICY,
    inline_scripts,
    unlisted_inline_scripts,
)

from .conftest import local_only
from .test_accessibility import KINDS

pytestmark = pytest.mark.xdist_group("standards")

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  event => window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI));
"""
CALCULATOR_TIMEOUT_MS = 120_000
COMPUTED = '[data-calculator][data-state="ready"] [data-output][data-source="browser"]'
EXAMPLE_FILLED = (
    "root => Array.from(root.querySelectorAll('textarea')).every(a => a.value.length > 0)"
)


class Watched:
    """A page and what it did wrong: console errors, page errors and other hosts asked for."""

    def __init__(self, context: BrowserContext, blocked: list[str]) -> None:
        self.page = context.new_page()
        self.blocked = blocked
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def problems(self) -> list[str]:
        violations: list[str] = self.page.evaluate("() => window.__cspViolations")
        return [*(f"CSP: {v}" for v in violations), *self.errors, *self.blocked]


@pytest.fixture
def csp_page(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context()
    context.set_default_timeout(CALCULATOR_TIMEOUT_MS)
    context.add_init_script(RECORD_VIOLATIONS)
    blocked: list[str] = []
    local_only(context, blocked)
    yield Watched(context, blocked)
    context.close()


def test_server_sends_the_policy_of_the_headers_file(base_url: str, csp_page: Watched) -> None:
    response = csp_page.page.goto(base_url)
    assert response is not None
    assert response.headers.get("content-security-policy") == CONTENT_SECURITY_POLICY
    assert response.headers.get("x-content-type-options") == "nosniff"


def test_no_page_has_an_inline_script_the_policy_does_not_name(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    found = [
        p.relative_to(built_site).as_posix()
        for p in pages
        if unlisted_inline_scripts(p.read_text())
    ]
    assert pages and found == [], f"pages with inline scripts CSP blocks: {found}"


def test_the_render_blocking_theme_scripts_are_inline(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert len(inline_scripts(html)) >= 3 and "theme/scope.js" not in html
    assert unlisted_inline_scripts("<script>alert(1)</script>") == ["alert(1)"]


def test_a_redirect_keeps_the_fragment(base_url: str, csp_page: Watched) -> None:
    csp_page.page.goto(base_url + "area/crypto-asset-correlation/resource/1/#faq")
    csp_page.page.wait_for_url("**/area/crypto-asset-correlation/#faq")
    assert csp_page.problems() == []


@pytest.mark.parametrize("kind", KINDS)
def test_page_kind_loads_without_csp_violations(
    base_url: str, page_kinds: dict[str, str], csp_page: Watched, kind: str
) -> None:
    csp_page.page.goto(base_url + page_kinds[kind], wait_until="load")
    csp_page.page.wait_for_selector("body[data-md-color-scheme]", state="attached")
    assert csp_page.problems() == []


def test_calculator_computes_under_the_policy(
    base_url: str, page_kinds: dict[str, str], csp_page: Watched
) -> None:
    page: Page = csp_page.page
    page.goto(base_url + page_kinds["calculator"])
    root = page.locator("[data-calculator]").first
    root.locator('[data-action="example"]').click()
    page.wait_for_function(EXAMPLE_FILLED, arg=root.element_handle())
    root.locator("button[type=submit]").click()
    try:
        page.wait_for_selector(COMPUTED, state="attached")
    except PlaywrightTimeout:
        state = root.get_attribute("data-state")
        pytest.fail(f"no browser result (state {state}); problems: {csp_page.problems()}")
    assert csp_page.problems() == []


def test_search_answers_under_the_policy(base_url: str, csp_page: Watched) -> None:
    page: Page = csp_page.page
    page.goto(base_url + "?q=correlation")
    page.wait_for_selector('[data-termsite-search][data-state="ready"]', state="attached")
    assert page.locator("[data-termsite-search-results] li").count() > 0
    assert csp_page.problems() == []
