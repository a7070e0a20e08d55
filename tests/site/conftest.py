"""Fixtures of the site tests: `build_site` for tiny sites, `starter_site` built once."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_build import REPO, BuildSite, build_strict, write_project


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Build a tiny site; keyword arguments change the entries, plugin options, pages or nav."""

    def run(
        entries: dict[str, Any] | None = None,
        config: dict[str, Any] | None = None,
        pages: dict[str, str] | None = None,
        nav: list[Any] | None = None,
    ) -> Path:
        config_file = write_project(tmp_path / "project", entries, config, pages, nav)
        if (REPO / "node_modules").is_dir() and not (tmp_path / "project/node_modules").exists():
            (tmp_path / "project/node_modules").symlink_to(REPO / "node_modules")
        return build_strict(config_file, tmp_path / "site")

    return run


@pytest.fixture(scope="session")
def starter_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real starter site, built once per session (tests using it share one xdist group)."""
    site_dir = tmp_path_factory.mktemp("starter") / "site"
    previous = Path.cwd()
    os.chdir(REPO)
    try:
        yield build_strict(REPO / "mkdocs.yml", site_dir)
    finally:
        os.chdir(previous)
        shutil.rmtree(site_dir, ignore_errors=True)
