"""Standards fixtures: the starter site built once, served with its own headers, one Chromium.

Every standards test runs in the xdist group "standards", so one worker builds
the site once for all of them. Nothing is skipped: a build that fails fails
every test that needs it, with the build's own message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Route

from .server import serve_site

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "mkdocs.yml"
BUILD_TIMEOUT_S = 300
PROJECT_PARTS = ("mkdocs.yml", "content", "glossary", "templates")
"""What a build reads besides the installed packages and node_modules (linked, not copied)."""
SAMPLE_SIZE = 4
"""Entries checked besides the page kinds: this many more terms and definitions each."""


def build_starter_site(
    target: Path, *, cwd: Path = ROOT, config: Path = CONFIG, env: Mapping[str, str] | None = None
) -> Path:
    """Build with the real MkDocs + termsite build into `target`; a failed build fails here."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(target)]
    result = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, f"the starter site did not build:\n{result.stderr[-4000:]}"
    return target


def copy_project(target: Path, mtime: int) -> Path:
    """A copy of the project whose files all carry `mtime`; node_modules is linked."""
    target.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    for path in [target, *target.rglob("*")]:
        if not path.is_symlink():
            os.utime(path, (mtime, mtime))
    return target


def _entry_dirs(site: Path, kind: str) -> list[str]:
    folder = site / kind
    found = sorted(p.parent.name for p in folder.glob("*/index.html")) if folder.is_dir() else []
    assert found, f"the built site has no {kind} pages"
    return [f"{kind}/{slug}/" for slug in found]


def _paged_area(site: Path) -> str:
    areas = [a for a in _entry_dirs(site, "area") if (site / a / "resource/2/index.html").is_file()]
    assert areas, "no area of the starter site has a second listing page"
    return areas[0]


def discover_page_kinds(site: Path) -> dict[str, str]:
    """One site path per page kind, picked from the built tree (first in sorted order)."""
    area = _paged_area(site)
    return {
        "home": "",
        "glossary": "glossary/",
        "area": area,
        "listing-2": f"{area}resource/2/",
        "term": _entry_dirs(site, "term")[0],
        "definition": _entry_dirs(site, "definition")[0],
        "calculators": "calculators/",
        "calculator": _entry_dirs(site, "calculators")[0],
    }


def sample_entries(site: Path) -> list[str]:
    """A spread of further entries: every n-th term and definition, up to `SAMPLE_SIZE` each."""
    picked: list[str] = []
    for kind in ("term", "definition"):
        entries = _entry_dirs(site, kind)[1:]
        step = max(1, len(entries) // SAMPLE_SIZE)
        picked.extend(entries[::step][:SAMPLE_SIZE])
    return picked


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_starter_site(tmp_path_factory.mktemp("standards") / "site")


@pytest.fixture(scope="session")
def page_kinds(built_site: Path) -> dict[str, str]:
    return discover_page_kinds(built_site)


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    with serve_site(built_site) as url:
        yield url


def local_only(context: BrowserContext, blocked: list[str]) -> None:
    """Abort, and record, every request that would leave 127.0.0.1."""

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(("blob:", "data:")) or urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
