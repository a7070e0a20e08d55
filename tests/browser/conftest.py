"""Browser fixtures: one Chromium, one static server, one built site per session.

The starter site is built once with the real termsite/MkDocs build into a temp
dir and served from 127.0.0.1. Every test gets a fresh context whose requests to
any other host are aborted and recorded; console errors and page errors are
recorded too, and a test fails if either list is not empty at its end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Route,
)

from .server import serve_directory

ROOT = Path(__file__).resolve().parents[2]
LOAD_TIMEOUT_MS = 60_000


@dataclass
class Watch:
    """What a test's page did that it should not have: leave localhost, or log errors."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    expected_errors: list[str] = field(default_factory=list)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(x in e for x in self.expected_errors)]


def build_site(target: Path, site_url: str) -> None:
    """The starter site, built by the real termsite/MkDocs build with instant navigation on.

    Widgets must work both with and without Material's instant navigation: every
    `goto` is a full page load, and instant navigation is switched on here so the
    tests that follow links exercise it whatever the starter configuration says.
    Material only intercepts links found in the sitemap, matched on host and port,
    so the site is built for the address the test server listens on.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(target), site_url=site_url)
    config.theme["features"] = sorted({*config.theme["features"], "navigation.instant"})
    build(config)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built starter site's address on 127.0.0.1 (the server starts first: its port
    is part of the site URL)."""
    root = tmp_path_factory.mktemp("site")
    with serve_directory(root) as url:
        build_site(root, url)
        yield url


@pytest.fixture
def watch() -> Watch:
    return Watch()


def _guard(context: BrowserContext, watch: Watch) -> None:
    def route(route: Route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("blob:", "data:")) or host == "127.0.0.1":
            route.continue_()
        else:
            watch.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)


def _listen(page: Page, watch: Watch) -> None:
    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.errors.append(f"console: {message.text}")

    page.on("console", console)
    page.on("pageerror", lambda error: watch.errors.append(f"page error: {error}"))


def open_context(
    browser: Browser, watch: Watch, *, javascript: bool = True, width: int = 1280
) -> BrowserContext:
    """A fresh context (cold cache) with the localhost guard installed, `width` px wide."""
    context = browser.new_context(
        java_script_enabled=javascript,
        accept_downloads=True,
        viewport={"width": width, "height": 720},
    )
    context.set_default_timeout(LOAD_TIMEOUT_MS)
    _guard(context, watch)
    return context


def watched_page(browser: Browser, watch: Watch, **options: Any) -> Iterator[Page]:
    """A page in a fresh context made with `options` (a touch screen, `bypass_csp` for axe),
    with the localhost guard and the error watch; the test fails if either caught anything."""
    context = browser.new_context(**options)
    context.set_default_timeout(LOAD_TIMEOUT_MS)
    _guard(context, watch)
    page = context.new_page()
    _listen(page, watch)
    yield page
    context.close()
    assert watch.blocked == [], f"requests left 127.0.0.1: {watch.blocked}"
    assert watch.unexpected_errors() == [], f"console or page errors: {watch.unexpected_errors()}"


@pytest.fixture
def context(browser: Browser, watch: Watch) -> Iterator[BrowserContext]:
    opened = open_context(browser, watch)
    yield opened
    opened.close()


@pytest.fixture
def page(context: BrowserContext, watch: Watch) -> Iterator[Page]:
    opened = context.new_page()
    _listen(opened, watch)
    yield opened
    assert watch.blocked == [], f"requests left 127.0.0.1: {watch.blocked}"
    assert watch.unexpected_errors() == [], f"console or page errors: {watch.unexpected_errors()}"


@pytest.fixture
def clip_page(browser: Browser, watch: Watch, base_url: str) -> Iterator[Page]:
    """A page that may read and write the clipboard (the copy buttons' tests)."""
    context = open_context(browser, watch)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    _listen(page, watch)
    yield page
    context.close()
    assert watch.unexpected_errors() == [], f"console or page errors: {watch.unexpected_errors()}"


@pytest.fixture
def no_js_page(browser: Browser, watch: Watch) -> Iterator[Page]:
    opened_context = open_context(browser, watch, javascript=False)
    opened = opened_context.new_page()
    _listen(opened, watch)
    yield opened
    opened_context.close()
    assert watch.blocked == [], f"requests left 127.0.0.1: {watch.blocked}"
