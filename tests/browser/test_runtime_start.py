"""How the worker starts: from the build's memory snapshot, or the plain way when it cannot.

The snapshot path and every fallback (snapshot missing, not restorable, made by
another Pyodide build, made for other calculators) must end in the same results
as CPython, and the reader sees only the usual status. A site whose
Content-Security-Policy refuses WebAssembly gets one sentence saying so.
"""

from __future__ import annotations

import struct
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, Route

from termsite.generate.headers import CONTENT_SECURITY_POLICY

from .conftest import Watch
from .widget import (
    browser_tables,
    calculator_url,
    cpython_tables,
    form_inputs,
    mismatches,
    root_selector,
    sample_csv,
    submit,
    wait_for_browser_result,
    wait_for_error,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MATRIX = "correlation-matrix"
SNAPSHOT = "**/snapshot-*.bin"
BOOT = """() => performance.getEntriesByName("termsite:runtime-ready")[0].detail"""
BUILD_ID = slice(16, 48)
"""Where a Pyodide snapshot keeps the build id of the runtime that made it."""


def _compute(page: Page, base_url: str) -> dict[str, Any]:
    """Compute pasted data in the browser; the start-up record, once results match CPython."""
    page.goto(calculator_url(base_url, MATRIX))
    page.locator(f"{root_selector(MATRIX)} [name=csv]").fill(sample_csv())
    submit(page, MATRIX)
    wait_for_browser_result(page, MATRIX)
    inputs = form_inputs(page, MATRIX)
    assert mismatches(browser_tables(page, MATRIX), cpython_tables(MATRIX, inputs)) == []
    boot: dict[str, Any] = page.evaluate(BOOT)
    return boot


def _other_pyodide_build(route: Route) -> None:
    """The real snapshot's header with another build id (a restore reads no further)."""
    with urllib.request.urlopen(route.request.url) as response:
        header = bytearray(response.read(BUILD_ID.stop))
    header[BUILD_ID] = bytes(BUILD_ID.stop - BUILD_ID.start)
    route.fulfill(body=bytes(header) + bytes(1024), content_type="application/octet-stream")


def _other_calculators_build(route: Route) -> None:
    response = route.fetch()
    html = response.text().replace('data-snapshot-build="', 'data-snapshot-build="x')
    route.fulfill(response=response, body=html)


def test_worker_starts_from_the_snapshot(page: Page, base_url: str) -> None:
    boot = _compute(page, base_url)
    assert boot["boot"] == "snapshot" and "fallback" not in boot


Failure = Callable[[Route], None]
FAILURES: dict[str, tuple[str, Failure, str]] = {
    "missing": (SNAPSHOT, lambda route: route.fulfill(status=404, body="not found"), "404"),
    "not restorable": (
        SNAPSHOT,
        lambda route: route.fulfill(body=struct.pack("<4I", 1, 2, 3, 4) * 64),
        "magic number",
    ),
    "other Pyodide build": (SNAPSHOT, _other_pyodide_build, "build id mismatch"),
    "other calculators build": ("**/correlation-matrix/", _other_calculators_build, "from build"),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_worker_falls_back_to_the_plain_boot(
    page: Page, base_url: str, watch: Watch, case: str
) -> None:
    pattern, failure, reason = FAILURES[case]
    watch.expected_errors.append("Failed to load resource")
    page.route(pattern, failure)
    boot = _compute(page, base_url)
    assert boot["boot"] == "plain" and reason in boot["fallback"]
    status = page.locator(f"{root_selector(MATRIX)} [data-status]").inner_text()
    assert status.startswith("Done in"), status
    page.unroute_all(behavior="ignoreErrors")


def _without_wasm(route: Route) -> None:
    response = route.fetch()
    policy = CONTENT_SECURITY_POLICY.replace(" 'wasm-unsafe-eval'", "")
    headers = {**response.headers, "content-security-policy": policy}
    route.fulfill(response=response, headers=headers)


def test_refused_webassembly_says_what_the_site_owner_must_allow(
    page: Page, base_url: str, watch: Watch
) -> None:
    watch.expected_errors.extend(["Content Security Policy", "WebAssembly"])
    page.route("**/*", _without_wasm)
    page.goto(calculator_url(base_url, MATRIX))
    submit(page, MATRIX)
    wait_for_error(page, MATRIX)
    root = page.locator(root_selector(MATRIX))
    status = root.locator("[data-status]").inner_text()
    assert "Content-Security-Policy" in status and "'wasm-unsafe-eval'" in status
    assert root.locator('[data-output="matrix"]').get_attribute("data-source") == "build"
    page.unroute_all(behavior="ignoreErrors")  # the worker's requests may still be in flight


CONNECTIONS = {
    "Save-Data": "{ saveData: true, effectiveType: '4g' }",
    "cellular": "{ saveData: false, effectiveType: '4g', type: 'cellular' }",
    "3G": "{ saveData: false, effectiveType: '3g' }",
    "unknown": "undefined",
}


@pytest.mark.parametrize("connection", sorted(CONNECTIONS))
def test_no_preload_unless_the_connection_is_fast_and_unmetered(
    page: Page, base_url: str, connection: str
) -> None:
    """Without a known fast unmetered link, the runtime waits for the reader's first move."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.add_init_script(
        'Object.defineProperty(Navigator.prototype, "connection", '
        f"{{ configurable: true, get: () => ({CONNECTIONS[connection]}) }});"
    )
    page.goto(calculator_url(base_url, MATRIX))
    page.wait_for_load_state("networkidle")
    root = page.locator(root_selector(MATRIX))
    assert root.get_attribute("data-state") == "idle"
    assert [url for url in requested if "/assets/pyodide/" in url] == []
    root.locator("button[type=submit]").focus()
    page.wait_for_selector(f'{root_selector(MATRIX)}[data-state="ready"]', state="attached")
