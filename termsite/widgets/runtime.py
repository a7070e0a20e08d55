"""The files the browser side of the calculators needs in the built site, and their URLs.

Everything here is site-relative (no leading slash): widgets put these paths in
data attributes and the browser resolves them against the site root it derives
from its own script URL, so one build works under ``mkdocs serve``, at ``/`` and
under a sub-path. The Pyodide version is written once, in `PYODIDE_VERSION`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from termsite.widgets.examples import example_files
from termsite.widgets.paths import ASSET_PREFIX, EXAMPLE_PRICES_PATH
from termsite.widgets.snapshot import SnapshotError, snapshot_path, snapshot_site_file
from termsite.widgets.wheel import calculators_wheel

__all__ = [
    "ASSET_DIR",
    "BROWSER_ASSETS",
    "EXAMPLE_PRICES_PATH",
    "PYODIDE_FILES",
    "PYODIDE_VERSION",
    "RuntimeFilesError",
    "SiteFile",
    "module_paths",
    "pyodide_index_url",
    "runtime_files",
    "script_path",
    "snapshot_url",
    "stylesheet_path",
]

PYODIDE_VERSION = "314.0.7"
"""The one place the Pyodide version is written; `package.json` pins the same (a test checks)."""

PYODIDE_FILES = (
    "pyodide-lock.json",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "pyodide.mjs",
    "python_stdlib.zip",
)
"""What `loadPyodide` fetches for a standard-library-only program; the rest stays out."""

ASSET_DIR = Path(__file__).resolve().parent / "assets"
WORKER = "worker.js"
"""The worker's module: the page starts it, so it is not preloaded with the page's modules."""
BROWSER_ASSETS = (
    "calculators.css",
    "calculators.js",
    "form.js",
    "pairs.js",
    "picker.js",
    "protocol.js",
    "reproduce.js",
    "results.js",
    "runtime.js",
    "share.js",
    "site.js",
    "widget.js",
    "worker.js",
)
"""Our browser files: `calculators.js` (the entry the page links) imports the other modules."""

SiteFile = tuple[str, Path | bytes]
"""A file for the site: its path from the site root, and a source file or its bytes."""


class CalculatorOptions(Protocol):
    """The calculator part of the site settings (`termsite.settings.CalculatorSettings`)."""

    @property
    def pyodide_cdn_url(self) -> str | None: ...


class SiteOptions(Protocol):
    """What the widgets read from the site settings."""

    @property
    def calculators(self) -> CalculatorOptions: ...


class RuntimeFilesError(Exception):
    """The Pyodide runtime cannot be copied into the site; the message says how to fix it."""


def script_path() -> str:
    """The loader module's path from the site root (the page template links it)."""
    return f"{ASSET_PREFIX}/calculators.js"


def module_paths() -> list[str]:
    """The modules `calculators.js` imports, for ``modulepreload`` links beside it.

    With the links the browser fetches them together with the entry instead of one
    round trip later, so a widget is live as soon as it was before the split.
    """
    entry = script_path().rsplit("/", 1)[1]
    names = [name for name in BROWSER_ASSETS if name.endswith(".js")]
    return [f"{ASSET_PREFIX}/{name}" for name in names if name not in (entry, WORKER)]


def stylesheet_path() -> str:
    """The widget stylesheet's path from the site root."""
    return f"{ASSET_PREFIX}/calculators.css"


def pyodide_index_url(settings: SiteOptions) -> str:
    """Pyodide's `indexURL`: the self-hosted folder, or the configured CDN base.

    A CDN base may contain ``{version}``, filled with `PYODIDE_VERSION`, so the
    version stays written once even for sites that use a CDN.
    """
    cdn = _cdn_url(settings)
    if cdn:
        url = cdn.replace("{version}", PYODIDE_VERSION)
        return url if url.endswith("/") else url + "/"
    return pyodide_index_url_self_hosted()


def runtime_files(settings: SiteOptions, project_root: Path) -> list[SiteFile]:
    """Every file the widgets load in the browser, sorted by site path."""
    files: list[SiteFile] = [
        (f"{ASSET_PREFIX}/{name}", ASSET_DIR / name) for name in BROWSER_ASSETS
    ]
    files.extend(example_files().items())
    wheel = calculators_wheel()
    files.append((wheel.site_path, wheel.content))
    if not _cdn_url(settings):
        files.extend(_pyodide_files(project_root))
        files.append(_snapshot_file(project_root))
    return sorted(files, key=lambda item: item[0])


def snapshot_url(settings: SiteOptions) -> str:
    """The memory snapshot's site path, or "" when the runtime comes from a CDN.

    A snapshot restores only into the exact Pyodide build that made it, so it is
    made for (and shipped with) the self-hosted runtime only.
    """
    if _cdn_url(settings):
        return ""
    return snapshot_path(pyodide_index_url_self_hosted(), calculators_wheel())


def _snapshot_file(project_root: Path) -> SiteFile:
    source = project_root / "node_modules" / "pyodide"
    try:
        made = snapshot_site_file(pyodide_index_url_self_hosted(), calculators_wheel(), source)
    except SnapshotError as error:
        raise RuntimeFilesError(str(error)) from None
    return made.site_path, made.source


def _cdn_url(settings: SiteOptions) -> str | None:
    """The CDN base if one is set; settings without a calculator section mean self-hosting."""
    options = getattr(settings, "calculators", None)
    url = getattr(options, "pyodide_cdn_url", None)
    return url if isinstance(url, str) and url.strip() else None


def _pyodide_files(project_root: Path) -> list[SiteFile]:
    """The runtime from the pinned npm package, under a folder named after its version."""
    source = project_root / "node_modules" / "pyodide"
    _check_installed_version(source)
    folder = pyodide_index_url_self_hosted()
    return [(folder + name, source / name) for name in PYODIDE_FILES]


def pyodide_index_url_self_hosted() -> str:
    """The self-hosted folder of the runtime, whatever the settings say."""
    return f"assets/pyodide/{PYODIDE_VERSION}/"


def _check_installed_version(source: Path) -> None:
    """Refuse to ship a runtime whose version differs from the one the widgets expect."""
    manifest = source / "package.json"
    if not manifest.is_file():
        raise RuntimeFilesError(
            f"The Pyodide runtime is missing: '{manifest.parent}' does not exist. "
            "Run 'npm ci' in the project folder, or set calculators.pyodide_cdn_url."
        )
    installed = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if installed != PYODIDE_VERSION:
        raise RuntimeFilesError(
            f"node_modules/pyodide is version {installed}, but termsite expects "
            f"{PYODIDE_VERSION}. Run 'npm ci' so the installed runtime matches package.json."
        )
    for name in PYODIDE_FILES:
        if not (source / name).is_file():
            raise RuntimeFilesError(
                f"The Pyodide runtime in '{source}' has no '{name}'. Run 'npm ci' to reinstall it."
            )
