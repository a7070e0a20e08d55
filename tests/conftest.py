"""Fixtures shared by every test folder.

The glossary fixtures write tiny glossaries inline for the loader, schema and
command-line tests: tests state their YAML where they assert on it, through
`write_entry`, on top of `base_glossary`, the smallest glossary that loads clean
(one author, one area, one definition), so each test adds exactly the file it is about.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from chromium_browser import CHROMIUM_ARGS, chromium_executable
from loader_samples import AREA, AUTHOR, DEFINITION, TODAY, LoadFn, WriteEntry
from loader_samples import write_entry_file as _write_entry
from playwright.sync_api import Browser, sync_playwright

from termsite.load import LoadResult, load_glossary


def pytest_configure(config: pytest.Config) -> None:
    """Let the commands the tests start hear Ctrl-C, even when `make test` runs in the background.

    A shell without job control starts background jobs with SIGINT ignored, and
    children inherit that, so the tests that press Ctrl-C on `termsite serve` and
    `termsite build` would wait for an exit that never comes. Handling SIGINT here
    again (a handled signal resets to the default across exec) gives them the
    terminal an editor has.
    """
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


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


@pytest.fixture
def write_entry() -> WriteEntry:
    """`write_entry(tmp_path, "terms/x.yml", text)` writes `tmp_path/glossary/terms/x.yml`."""
    return _write_entry


@pytest.fixture
def base_glossary(tmp_path: Path) -> Path:
    """A project folder whose `glossary/` loads without problems."""
    _write_entry(tmp_path, "authors/risk-desk.yml", AUTHOR)
    _write_entry(tmp_path, "areas/crypto-asset-correlation.yml", AREA)
    _write_entry(tmp_path, "definitions/basis.yml", DEFINITION)
    return tmp_path


@pytest.fixture
def load() -> LoadFn:
    """Load `<project>/glossary` as of `TODAY`, with paths shown relative to the project."""

    def run(project: Path) -> LoadResult:
        return load_glossary(project / "glossary", display_root=project, today=TODAY)

    return run


@pytest.fixture
def messages(load: LoadFn) -> Callable[[Path], list[str]]:
    """Every problem of a project's glossary, as printed."""
    return lambda project: [str(problem) for problem in load(project).problems]
