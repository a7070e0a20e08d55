"""Building real MkDocs sites for the site tests, strictly.

`build_site(entries=..., config=..., pages=...)` writes a tiny glossary (an
author, an area with an FAQ, two terms and two definitions unless told
otherwise) and a `mkdocs.yml` into `tmp_path`, runs `mkdocs build --strict`
through MkDocs' own API and returns the built site's folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[2]
SITE_URL = "https://tiny.example/"
LONG = "This is a summary line that is long enough to pass the length check of the loader."
ANSWER = (
    "An answer of one paragraph that explains the facet in plain words for a reader who "
    "wants to know more, long enough to look like the real thing on an area page."
)

BuildSite = Callable[..., Path]


def default_entries() -> dict[str, dict[str, Any]]:
    """The tiny glossary every site test starts from, keyed by path under `glossary/`."""
    base = {"summary": LONG, "author": "desk", "areas": ["alpha"]}
    return {
        "authors/desk.yml": {"name": "The Desk", "bio": "Writes the entries of this test site."},
        "areas/alpha.yml": {
            "title": "Alpha Area",
            "summary": LONG,
            "published": "2025-01-01",
            "author": "desk",
            "body": "The area's introduction.",
            "faq": [
                {"facet": "Risk", "answer": ANSWER},
                {"facet": "Analysis", "answer": ANSWER + " </script><b>bold</b> & more"},
            ],
        },
        "terms/first-term.yml": base
        | {
            "title": "First Term",
            "published": "2025-03-01",
            "modified": "2025-09-09",
            "related": ["basis"],
            "aliases": ["old-first"],
            "sections": [{"heading": "Essence", "quote": "A quote.", "body": "Body text."}],
        },
        "terms/second-term.yml": base
        | {
            "title": "Second Term",
            "published": "2025-04-01",
            "body": "See [basis](/definition/basis/).",
        },
        "definitions/basis.yml": base
        | {"title": "Basis", "published": "2025-02-01", "body": "A short body."},
        "definitions/beta.yml": base
        | {"title": "Beta", "published": "2025-02-02", "body": "Another body."},
    }


def mkdocs_config(plugin: dict[str, Any], nav: list[Any] | None) -> dict[str, Any]:
    config: dict[str, Any] = {
        "site_name": "Tiny",
        "site_url": SITE_URL,
        "docs_dir": "content",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}],
        "plugins": ["search", {"termsite": plugin}],
        "validation": {"absolute_links": "warn", "unrecognized_links": "warn", "anchors": "warn"},
    }
    if nav is not None:
        config["nav"] = nav
    return config


def write_project(
    root: Path,
    entries: dict[str, Any] | None,
    config: dict[str, Any] | None,
    pages: dict[str, str] | None,
    nav: list[Any] | None,
) -> Path:
    """Write glossary, content and mkdocs.yml under `root`; an entry given as None is left out."""
    merged = default_entries() | (entries or {})
    for name, data in merged.items():
        if data is None:
            continue
        path = root / "glossary" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    for name, text in (pages or {}).items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(mkdocs_config(config or {}, nav)), encoding="utf-8")
    return config_file


def build_strict(config_file: Path, site_dir: Path) -> Path:
    """`mkdocs build --strict` through MkDocs' API; any warning raises `Abort`."""
    config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir))
    build(config)
    return site_dir
