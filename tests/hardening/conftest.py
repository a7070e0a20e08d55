"""Hardening fixtures: the site tests' `build_site` (tiny real builds) and a loader call.

The tiny-site helpers live in `tests/site/site_build.py`; that folder is put on the
import path here so both test folders build sites the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

SITE_TESTS = Path(__file__).resolve().parents[1] / "site"
if str(SITE_TESTS) not in sys.path:
    sys.path.insert(0, str(SITE_TESTS))

from site_build import REPO, BuildSite, build_strict, write_project  # noqa: E402


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Build a tiny site (see `tests/site/site_build.py`); entries given here replace defaults."""

    def run(
        entries: dict[str, Any] | None = None,
        config: dict[str, Any] | None = None,
        pages: dict[str, str] | None = None,
    ) -> Path:
        config_file = write_project(tmp_path / "project", entries, config, pages, None)
        link = tmp_path / "project" / "node_modules"
        if (REPO / "node_modules").is_dir() and not link.exists():
            link.symlink_to(REPO / "node_modules")
        return build_strict(config_file, tmp_path / "site")

    return run
