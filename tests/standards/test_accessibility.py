"""axe-core on every page kind, light and dark palette: no serious or critical violations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext

from .axe import blocking, run_axe
from .conftest import local_only

pytestmark = pytest.mark.xdist_group("standards")

KINDS = (
    "home",
    "glossary",
    "area",
    "listing-2",
    "term",
    "definition",
    "calculators",
    "calculator",
)
SCHEMES = {"light": "default", "dark": "slate"}
"""The reader's colour preference, and the Material scheme the page must then show."""


@pytest.fixture(scope="module")
def axe_contexts(browser: Browser) -> Iterator[dict[str, BrowserContext]]:
    """One context per palette (Material remembers the scheme in local storage).

    CSP is bypassed here only so that axe itself can be injected.
    """
    blocked: list[str] = []
    contexts = {}
    for palette in SCHEMES:
        contexts[palette] = browser.new_context(bypass_csp=True, color_scheme=palette)  # type: ignore[arg-type]
        local_only(contexts[palette], blocked)
    yield contexts
    for context in contexts.values():
        context.close()
    assert blocked == [], f"pages asked for other hosts: {blocked}"


@pytest.mark.parametrize("palette", sorted(SCHEMES))
@pytest.mark.parametrize("kind", KINDS)
def test_page_kind_has_no_serious_axe_violations(
    axe_contexts: dict[str, BrowserContext],
    base_url: str,
    page_kinds: dict[str, str],
    kind: str,
    palette: str,
) -> None:
    page = axe_contexts[palette].new_page()
    page.goto(base_url + page_kinds[kind], wait_until="load")
    page.wait_for_selector(f'body[data-md-color-scheme="{SCHEMES[palette]}"]', state="attached")
    violations = run_axe(page)
    page.close()
    print(f"\naxe {kind} {palette}: {[str(v) for v in violations]}")
    serious = [str(v) for v in blocking(violations)]
    assert serious == [], f"axe on {kind} ({palette}):\n" + "\n".join(serious)


@pytest.mark.parametrize("palette", sorted(SCHEMES))
@pytest.mark.parametrize("state", ["hover", "focus"])
def test_a_hovered_or_focused_button_keeps_its_contrast(
    axe_contexts: dict[str, BrowserContext],
    base_url: str,
    page_kinds: dict[str, str],
    state: str,
    palette: str,
) -> None:
    """Material draws a hovered or focused button white on its accent colour (4.26:1 for
    indigo); a reader who submits a calculator leaves its Compute button focused."""
    page = axe_contexts[palette].new_page()
    page.goto(base_url + page_kinds["calculator"], wait_until="load")
    button = page.locator("button.md-button--primary").first
    button.hover() if state == "hover" else button.focus()
    violations = run_axe(page)
    page.close()
    serious = [str(v) for v in blocking(violations)]
    assert serious == [], f"axe with the button in {state} ({palette}):\n" + "\n".join(serious)
