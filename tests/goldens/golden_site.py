"""The golden site on disk: its project, its committed goldens, building it and rewriting them."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

__all__ = ["EXPECTED", "PROJECT", "build_golden_site", "write_goldens"]

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "project"
"""The fixed site: `mkdocs.yml`, `glossary/` and `content/`."""
EXPECTED = HERE / "expected"
"""The committed goldens, laid out like the built site (see `owned_outputs.py`)."""


def build_golden_site(project: Path, site_dir: Path) -> Path:
    """`mkdocs build --strict` of a copy of the golden project at `project`, through MkDocs' API."""
    shutil.copytree(PROJECT, project)
    config = load_config(
        config_file=str(project / "mkdocs.yml"), strict=True, site_dir=str(site_dir)
    )
    build(config)
    return site_dir


def write_goldens(outputs: dict[str, str]) -> None:
    """Replace `expected/` with `outputs`, so the goldens of outputs that went away go too."""
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for name, text in outputs.items():
        path = EXPECTED / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
