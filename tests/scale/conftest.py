"""Fixtures of the scale tests: synthetic glossaries from the benchmark's own generator."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from bench_projects import write_glossary, write_termsite_project  # noqa: E402

Project = Callable[[int], Path]


@pytest.fixture
def mkdocs_logging() -> Iterator[None]:
    """`termsite build` sets up MkDocs' logger for a terminal; put it back after each test."""
    logger = logging.getLogger("mkdocs")
    saved = (logger.level, logger.propagate, list(logger.handlers))
    yield
    logger.setLevel(saved[0])
    logger.propagate = saved[1]
    logger.handlers[:] = saved[2]


@pytest.fixture
def synthetic_project(tmp_path: Path) -> Project:
    """A project of N generated entries (the benchmark's mix); returns its mkdocs.yml."""

    def make(entries: int) -> Path:
        root = tmp_path / "project"
        write_glossary(root, entries)
        return write_termsite_project(root)

    return make


SCALE_ENTRIES = 1000
"""Big enough that an unpaginated listing or A–Z page would show, small enough to build once."""


@pytest.fixture(scope="session")
def scale_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,000-entry synthetic site built once by the real build, search index included."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("scale") / "project"
    write_glossary(root, SCALE_ENTRIES)
    config = load_config(str(write_termsite_project(root)))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)
