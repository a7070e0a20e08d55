"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chromium_browser import CHROMIUM_ARGS, chromium_executable
from playwright.sync_api import Browser, sync_playwright


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Playwright and one Chromium per test process.

    Playwright's sync API refuses a second instance in the same process, and
    xdist may run the browser, standards and scale groups on the same worker.
    """
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()
