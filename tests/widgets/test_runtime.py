"""The files the browser side needs: versioned Pyodide, our assets, the wheel, the examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from termsite.settings import CalculatorSettings, SiteSettings
from termsite.widgets.runtime import (
    ASSET_DIR,
    BROWSER_ASSETS,
    PYODIDE_FILES,
    PYODIDE_VERSION,
    RuntimeFilesError,
    pyodide_index_url,
    runtime_files,
    snapshot_url,
)
from termsite.widgets.snapshot import snapshot_path
from termsite.widgets.wheel import build_wheel, calculators_wheel

ROOT = Path(__file__).resolve().parents[2]
IMPORTED = re.compile(r'(?:from|import) "\./([^"]+)"')
CDN = "https://cdn.example.org/pyodide/v{version}/full/"


def _paths(settings: SiteSettings, root: Path = ROOT) -> list[str]:
    return [path for path, _ in runtime_files(settings, root)]


def _fake_pyodide(root: Path, version: str) -> None:
    folder = root / "node_modules" / "pyodide"
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"version": version}))
    for name in PYODIDE_FILES:
        (folder / name).write_bytes(b"x")


def test_pinned_version_is_the_one_package_json_pins() -> None:
    manifest = json.loads((ROOT / "package.json").read_text())
    assert manifest["dependencies"]["pyodide"] == PYODIDE_VERSION


def test_self_hosted_runtime_sits_under_the_pinned_version() -> None:
    pyodide = [p for p in _paths(SiteSettings()) if p.startswith("assets/pyodide/")]
    folder = f"assets/pyodide/{PYODIDE_VERSION}/"
    assert [p for p in pyodide if "snapshot-" not in p] == [folder + n for n in PYODIDE_FILES]
    assert [p for p in pyodide if "snapshot-" in p] == [snapshot_url(SiteSettings())]


def test_snapshot_is_named_by_its_inputs_beside_the_runtime() -> None:
    path = snapshot_url(SiteSettings())
    assert re.fullmatch(
        rf"assets/pyodide/{re.escape(PYODIDE_VERSION)}/snapshot-[0-9a-f]{{16}}\.bin", path
    )
    other = build_wheel({"calculators/__init__.py": b"# another build"}, "0.0.0")
    assert snapshot_path(pyodide_index_url(SiteSettings()), other) != path


def test_cdn_runtime_has_no_snapshot() -> None:
    settings = SiteSettings(calculators=CalculatorSettings(pyodide_cdn_url=CDN))
    assert snapshot_url(settings) == ""
    assert not [p for p in _paths(settings) if "snapshot-" in p]


def test_index_url_names_the_pinned_version() -> None:
    assert pyodide_index_url(SiteSettings()) == f"assets/pyodide/{PYODIDE_VERSION}/"


def test_cdn_setting_fills_in_the_version() -> None:
    settings = SiteSettings(calculators=CalculatorSettings(pyodide_cdn_url=CDN))
    assert pyodide_index_url(settings) == CDN.format(version=PYODIDE_VERSION)


def test_cdn_setting_leaves_the_runtime_out_of_the_site() -> None:
    settings = SiteSettings(calculators=CalculatorSettings(pyodide_cdn_url=CDN))
    assert not [p for p in _paths(settings) if p.startswith("assets/pyodide/")]


def test_loader_worker_stylesheet_and_example_are_shipped() -> None:
    paths = _paths(SiteSettings())
    for name in ("calculators.js", "worker.js", "calculators.css", "example-prices.csv"):
        assert f"assets/termsite/{name}" in paths


def test_every_browser_module_and_only_those_are_shipped() -> None:
    shipped = {p.removeprefix("assets/termsite/") for p in _paths(SiteSettings())}
    on_disk = {path.name for path in ASSET_DIR.iterdir() if path.suffix in (".js", ".css")}
    assert on_disk == set(BROWSER_ASSETS) and on_disk <= shipped


def test_every_module_import_names_a_shipped_module() -> None:
    """And the entry names every module itself, so the browser fetches them in one round."""
    entry = (ASSET_DIR / "calculators.js").read_text(encoding="utf-8")
    modules = {name for name in BROWSER_ASSETS if name.endswith(".js")}
    assert modules - {"calculators.js", "worker.js"} <= set(IMPORTED.findall(entry))
    for name in BROWSER_ASSETS:
        text = (ASSET_DIR / name).read_text(encoding="utf-8")
        for imported in IMPORTED.findall(text):
            assert imported in BROWSER_ASSETS, f"{name} imports {imported}, which is not shipped"


def test_wheel_is_shipped_under_its_content_hash() -> None:
    files = dict(runtime_files(SiteSettings(), ROOT))
    wheel = calculators_wheel()
    assert files[wheel.site_path] == wheel.content
    assert wheel.digest in wheel.site_path


def test_every_source_file_exists() -> None:
    for _, source in runtime_files(SiteSettings(), ROOT):
        assert isinstance(source, bytes) or source.is_file()


def test_files_are_sorted_by_site_path() -> None:
    paths = _paths(SiteSettings())
    assert paths == sorted(paths)


def test_missing_runtime_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(RuntimeFilesError, match=r"Run 'npm ci'"):
        runtime_files(SiteSettings(), tmp_path)


def test_other_installed_version_is_refused(tmp_path: Path) -> None:
    _fake_pyodide(tmp_path, "0.1.0")
    with pytest.raises(RuntimeFilesError, match=r"version 0\.1\.0, but termsite expects"):
        runtime_files(SiteSettings(), tmp_path)


def test_runtime_without_one_of_its_files_is_refused(tmp_path: Path) -> None:
    _fake_pyodide(tmp_path, PYODIDE_VERSION)
    (tmp_path / "node_modules" / "pyodide" / "pyodide.asm.wasm").unlink()
    with pytest.raises(RuntimeFilesError, match=r"has no 'pyodide\.asm\.wasm'"):
        runtime_files(SiteSettings(), tmp_path)
